package dev.rustreview.analysis.fuzz;

import dev.rustreview.analysis.crate.CrateIndex;
import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A mutation fuzzer for the analyzer's whole per-file path ({@link AnalyzerPass}) over real Rust files
 * ({@link SeedCorpus}) mutated by {@link Mutator}. Each input runs on a worker thread with a time limit (CPU time,
 * see {@link #await}): an input still running after it is a hang (the worker is abandoned and replaced), any
 * {@link Throwable} is a crash
 * (StackOverflowError and OutOfMemoryError included). Crashing and hanging inputs are saved with their stack
 * traces, and inputs that reached behaviour no earlier input did (a new rule id, severity or origin, a new kind
 * of note, a new unit count) are saved and mutated further. A benchmark, not a test:
 * {@code ./mvnw -q test-compile exec:exec@fuzz -Dfuzz.minutes=30 -Dfuzz.seeds=DIR}.
 */
public final class FuzzHarness {

    private static final String[] PATHS = {"src/lib.rs", "src/sync/mutex.rs", "src/runtime/mod.rs", "tests/it.rs",
            "benches/bench.rs", "build.rs", "examples/demo.rs", "src/sibling.rs", "src/a_test.rs"};
    private static final String[] EDITIONS = {"2015", "2018", "2021", "2024", "20x", ""};
    private static final int MAX_INPUT_BYTES = 6 * 1024 * 1024;
    private static final int MAX_SAVED_INTERESTING = 400;
    private static final int MAX_POOL = 2_000;

    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private final List<SeedCorpus.Seed> seeds;
    private final Path out;
    private final Duration perInput;
    private final Random random;
    private final Set<String> behaviour = new HashSet<>();
    private final Set<String> crashKinds = new HashSet<>();
    private final List<byte[]> pool = new ArrayList<>();
    private long inputs;
    private int crashes;
    private int hangs;
    private int interesting;
    private int abandoned;
    /** CPU allowed per MiB of input (both sides): a megabyte file analysed in linear time is slow, not hung. */
    private final Duration perMiB;

    private FuzzHarness(List<SeedCorpus.Seed> seeds, Path out, Duration perInput, Duration perMiB, long randomSeed) {
        this.seeds = seeds;
        this.out = out;
        this.perInput = perInput;
        this.perMiB = perMiB;
        this.random = new Random(randomSeed);
    }

    public static void main(String[] args) throws Exception {
        try {
            if (args.length < 3) {
                throw new BadInputException("usage: FuzzHarness MINUTES SEEDS_DIR OUT_DIR [SECONDS_PER_INPUT] "
                        + "[RANDOM_SEED] [FILES_PER_REPOSITORY] [SECONDS_PER_MIB]");
            }
            double minutes = number(args[0], "fuzz.minutes");
            Duration perInput = Duration.ofMillis((long) (1000 * (args.length > 3 ? number(args[3], "fuzz.timeout") : 10)));
            long randomSeed = args.length > 4 && !args[4].equals("clock") ? (long) number(args[4], "fuzz.random")
                    : System.currentTimeMillis();
            int perRepository = args.length > 5 ? (int) number(args[5], "fuzz.perRepository") : 400;
            Duration perMiB = Duration.ofMillis((long) (1000 * (args.length > 6 ? number(args[6], "fuzz.perMiB") : 20)));
            Path out = Path.of(args[2]);
            List<SeedCorpus.Seed> seeds = SeedCorpus.load(Path.of(args[1]), perRepository, new Random(randomSeed));
            Files.createDirectories(out);
            System.out.printf(Locale.ROOT, "fuzz: %d seed files from %s, %.1f min, %d ms of CPU per input plus %d ms per "
                    + "MiB of its two sides, random seed %d, findings in %s%n", seeds.size(), args[1], minutes,
                    perInput.toMillis(), perMiB.toMillis(), randomSeed, out);
            FuzzHarness harness = new FuzzHarness(seeds, out, perInput, perMiB, randomSeed);
            harness.run(Duration.ofMillis((long) (minutes * 60_000)));
            System.exit(harness.crashes + harness.hangs == 0 ? 0 : 1);
        } catch (BadInputException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static double number(String text, String property) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new BadInputException(property + " is '" + text + "', not a number: pass e.g. -D" + property + "=30");
        }
    }

    private void run(Duration duration) throws IOException, InterruptedException {
        Instant start = Instant.now();
        Instant end = start.plus(duration);
        Instant nextReport = start.plusSeconds(60);
        ExecutorService worker = newWorker();
        AnalyzerPass[] pass = {null};
        while (Instant.now().isBefore(end)) {
            Input input = next();
            AtomicBoolean cancelled = new AtomicBoolean();
            Future<Set<String>> result = worker.submit(() -> {
                if (pass[0] == null) {
                    pass[0] = new AnalyzerPass();
                }
                return pass[0].run(input.change(), cancelled::get);
            });
            inputs++;
            try {
                learn(input, await(result, budget(input)));
            } catch (TimeoutException e) {
                cancelled.set(true);
                hangs++;
                String finish = finish(result);
                if (!result.isDone()) {
                    result.cancel(true);
                    worker.shutdownNow();
                    worker = newWorker();
                    pass[0] = null;
                    abandoned++;
                }
                save("hangs", "hang-" + hangs, input, e.getMessage() + "; " + finish);
                System.out.println("HANG  " + input.describe() + ": " + e.getMessage() + "; " + finish);
            } catch (ExecutionException e) {
                crash(input, e.getCause());
            }
            if (inputs % 500 == 0) {
                CrateIndex.clearCache();  // facts of mutated files are never asked for again
            }
            if (Instant.now().isAfter(nextReport)) {
                report(start, "progress");
                nextReport = Instant.now().plusSeconds(60);
            }
            if (abandoned >= 4) {
                System.out.println("stopping: " + abandoned + " hung workers are still running");
                break;
            }
        }
        worker.shutdownNow();
        String summary = report(start, "done");
        Files.writeString(out.resolve("summary.txt"), summary + "\n");
    }

    /**
     * The input's result, or a timeout when it used more than its budget in CPU time (the process's, as one input
     * runs at a time: on a shared, loaded machine wall time says more about the neighbours than about the input),
     * or ten times the limit in wall time (a worker blocked without using the CPU).
     */
    private Set<String> await(Future<Set<String>> result, long budgetNanos)
            throws ExecutionException, InterruptedException, TimeoutException {
        long cpuStart = CPU.getProcessCpuTime();
        long wallStart = System.nanoTime();
        while (true) {
            try {
                return result.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // The process's CPU time: the analysis runs its files on a pool of its own, so the worker thread's
                // time says nothing (one input runs at a time; an abandoned worker still running is counted too).
                long cpu = CPU.getProcessCpuTime() - cpuStart;
                long wall = System.nanoTime() - wallStart;
                if (cpu > budgetNanos || wall > 10 * budgetNanos) {
                    throw new TimeoutException(String.format(Locale.ROOT, "no result after %.1f s of CPU time "
                            + "(%.1f s wall)", cpu / 1e9, wall / 1e9));
                }
            }
        }
    }

    /** The CPU an input may use: the fixed limit plus the per-MiB allowance for the size of both its sides. */
    private long budget(Input input) {
        long chars = input.change().newText().length()
                + (input.change().oldText() == null ? 0 : input.change().oldText().length());
        return perInput.toNanos() + (long) (perMiB.toNanos() * (chars / (1024.0 * 1024.0)));
    }

    /**
     * Lets a hung input run on (up to five minutes of wall time) to learn whether it is slow or endless, and so
     * that its work does not count against the inputs after it.
     */
    private static String finish(Future<Set<String>> result) throws InterruptedException {
        long cpuStart = CPU.getProcessCpuTime();
        try {
            result.get(5, TimeUnit.MINUTES);
            return String.format(Locale.ROOT, "it finished after %.1f s more CPU time",
                    (CPU.getProcessCpuTime() - cpuStart) / 1e9);
        } catch (ExecutionException e) {
            return "it then failed: " + e.getCause();
        } catch (TimeoutException e) {
            return "still running after 5 more minutes: abandoned";
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** A mutated input: from a seed, or (one time in five) from an input that reached new behaviour. */
    private record Input(String seedName, String mutations, FuzzChange change) {
        String describe() {
            return change.path() + " from " + seedName + " by " + mutations + " (" + change.newText().length()
                    + " chars)";
        }
    }

    private Input next() {
        SeedCorpus.Seed seed = seeds.get(random.nextInt(seeds.size()));
        boolean fromPool = !pool.isEmpty() && random.nextInt(5) == 0;
        byte[] base = fromPool ? pool.get(random.nextInt(pool.size())) : seed.bytes();
        byte[][] bytes = {base};
        String mutations = Mutator.mutate(bytes, seeds.get(random.nextInt(seeds.size())).bytes(), random);
        byte[] mutated = bytes[0].length > MAX_INPUT_BYTES ? java.util.Arrays.copyOf(bytes[0], MAX_INPUT_BYTES)
                : bytes[0];
        String oldText = random.nextInt(10) < 7 ? Mutator.decode(base) : null;
        String sibling = Mutator.decode(seeds.get(random.nextInt(seeds.size())).bytes());
        FuzzChange change = new FuzzChange(PATHS[random.nextInt(PATHS.length)], oldText, Mutator.decode(mutated),
                sibling, EDITIONS[random.nextInt(EDITIONS.length)]);
        return new Input(fromPool ? "an interesting input" : seed.name(), mutations, change);
    }

    private void learn(Input input, Set<String> reached) throws IOException {
        List<String> fresh = reached.stream().filter(behaviour::add).toList();
        if (fresh.isEmpty()) {
            return;
        }
        interesting++;
        byte[] bytes = input.change().newText().getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 512 * 1024 && pool.size() < MAX_POOL) {
            pool.add(bytes);
        }
        if (interesting <= MAX_SAVED_INTERESTING && bytes.length <= 1024 * 1024) {
            save("interesting", String.format(Locale.ROOT, "input-%04d", interesting), input,
                    "new behaviour: " + String.join(", ", fresh));
        }
    }

    private void crash(Input input, Throwable t) throws IOException {
        crashes++;
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        String kind = signature(t);
        if (crashKinds.add(kind)) {
            save("crashes", "crash-" + crashes, input, trace.toString());
            System.out.println("CRASH " + kind + "\n      " + input.describe());
        }
    }

    /** The exception and its first frames in the project's code: crashes with the same signature are one bug. */
    private static String signature(Throwable t) {
        Throwable root = t.getCause() != null && t instanceof AnalyzerPass.Failure ? t.getCause() : t;
        StringBuilder s = new StringBuilder(root.getClass().getSimpleName());
        int frames = 0;
        for (StackTraceElement e : root.getStackTrace()) {
            if (e.getClassName().startsWith("dev.rustreview") && !e.getClassName().contains(".fuzz.") && frames++ < 3) {
                s.append(" @").append(e.getClassName().replaceAll(".*\\.", "")).append(':').append(e.getLineNumber());
            }
        }
        return s.toString();
    }

    private void save(String folder, String name, Input input, String why) throws IOException {
        Path dir = Files.createDirectories(out.resolve(folder));
        Files.writeString(dir.resolve(name + ".rs"), input.change().newText());
        if (input.change().oldText() != null) {
            Files.writeString(dir.resolve(name + ".old.rs"), input.change().oldText());
        }
        // The crate's other file and the edition, so that FuzzReplay runs exactly what the harness ran.
        Files.writeString(dir.resolve(name + ".sibling.rs"), input.change().siblingText());
        String about = "path: " + input.change().path() + "\nseed: " + input.seedName() + "\nmutations: "
                + input.mutations() + "\nold side: " + (input.change().oldText() == null ? "none (added file)"
                : input.change().oldText().length() + " chars") + "\nedition: " + input.change().edition() + "\n" + why
                + "\n";
        Files.writeString(dir.resolve(name + ".txt"), about);
    }

    private String report(Instant start, String what) {
        double minutes = Duration.between(start, Instant.now()).toMillis() / 60_000.0;
        String line = String.format(Locale.ROOT, "fuzz %s: %.1f min, %d inputs (%.1f/s), %d crashes (%d distinct), "
                        + "%d hangs, %d inputs with new behaviour, %d behaviours seen", what, minutes, inputs,
                inputs / Math.max(1e-9, minutes * 60), crashes, crashKinds.size(), hangs, interesting, behaviour.size());
        System.out.println(line);
        return line;
    }
}
