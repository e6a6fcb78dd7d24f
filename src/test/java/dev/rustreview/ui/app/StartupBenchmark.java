package dev.rustreview.ui.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of the packaged window, as a user launches it: {@code java -jar target/rust-review.jar} on the
 * bundled sample, a new JVM per run, timed from the JVM's start to the first painted frame and to the first
 * review unit shown ({@link StartupTrace}): as {@code java -jar} starts it (a second JVM tuned for the window, with
 * its class-data archive, see {@code TunedJvm}) and, for comparison, in the one JVM as started
 * ({@code RUST_REVIEW_RELAUNCH=0}), the two alternating so that a change in the machine's load hits both. Needs a
 * display (run it under Xvfb); prints numbers, asserts nothing.
 *
 * <pre>./mvnw -q package -DskipTests && ./mvnw -q test-compile exec:exec@startup-benchmark [-Druns=N]</pre>
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isBlank()) {
            System.err.println("startup benchmark: no DISPLAY; run it under Xvfb (DISPLAY=:1 after `Xvfb :1 &`)");
            System.exit(2);
        }
        Path jar = Path.of(args.length > 0 ? args[0] : "target/rust-review.jar");
        if (!Files.isRegularFile(jar)) {
            System.err.println("startup benchmark: " + jar + " not found; run ./mvnw -q package -DskipTests first");
            System.exit(2);
        }
        int runs = Integer.getInteger("runs", 5);
        Path home = Files.createTempDirectory("rust-review-startup");
        List<String> modes = List.of("java -jar", "one JVM");
        // The first launches build the sample repository under the home and write the class archive, as a
        // user's first starts do; they are not counted.
        for (String mode : modes) {
            launch(jar, home, mode);
        }
        java.util.Map<String, List<long[]>> times = new java.util.LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (String mode : modes) {
                long[] t = launch(jar, home, mode);
                times.computeIfAbsent(mode, m -> new ArrayList<>()).add(t);
                System.out.printf("%-9s run %d: first frame %5d ms, first unit shown %5d ms%n", mode, i + 1, t[0], t[1]);
            }
        }
        times.forEach((mode, t) -> System.out.printf("%-9s best: first frame %d ms, first unit %d ms; median: %d ms, %d ms%n",
                mode, t.stream().mapToLong(x -> x[0]).min().orElse(-1), t.stream().mapToLong(x -> x[1]).min().orElse(-1),
                median(t, 0), median(t, 1)));
    }

    private static long median(List<long[]> times, int k) {
        long[] v = times.stream().mapToLong(t -> t[k]).sorted().toArray();
        return v.length == 0 ? -1 : v[v.length / 2];
    }

    /** Launches the window, reads its two trace lines, then ends it; -1 for a line that did not come in 60 s. */
    private static long[] launch(Path jar, Path home, String mode) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Drustreview.startupTrace=true");
        cmd.add("-Duser.home=" + home);
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("RUST_REVIEW_RELAUNCH", mode.equals("one JVM") ? "0" : "1");
        Process p = builder.start();
        long[] t = {-1, -1};
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("startup: first frame ")) {
                        t[0] = Long.parseLong(line.replaceAll("\\D+", ""));
                    } else if (line.startsWith("startup: first unit shown ")) {
                        t[1] = Long.parseLong(line.replaceAll("\\D+", ""));
                        return;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the process ended: the times stay -1
            }
        });
        reader.start();
        reader.join(60_000);
        // SIGTERM: the window closes normally, so an AppCDS archive is written on the first run.
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return t;
    }
}
