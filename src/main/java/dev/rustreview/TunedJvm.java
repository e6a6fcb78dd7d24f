package dev.rustreview;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Starts the jar again in a JVM tuned for what it is asked to do, because a JVM's compiler, heap limit and class
 * data archive cannot be chosen once it runs, and {@code java -jar} takes none from the jar:
 *
 * <ul>
 *   <li>both faces: the client compiler only ({@code -XX:TieredStopAtLevel=1}). HotSpot's optimising compiler (C2)
 *   spent about 23 s of CPU during a 26 s {@code analyze} of tokio's 1.0.0..HEAD on two cores, work a run this
 *   short never earns back; with C1 only the same run takes 16 s, same output. The window was first left with C2,
 *   but its compile threads take the second core while the first frame is built: with C1 only the window's first
 *   frame came 0.4 s sooner (1.34 s against 1.74 s, medians of five alternating runs), the sample's first unit
 *   1.0 s sooner, and on tokio's range the first unit, {@code j} and a new file's diff were no slower (the
 *   navigation benchmark: 28 s against 31 s, 11 ms against 16 ms, 93 ms against 201 ms);</li>
 *   <li>both, started from the packaged jar: an application class-data archive in the cache folder, one for the
 *   window and one for commands, named after the jar (path, size, time) and the JDK so that a rebuilt jar or
 *   another JDK gets its own. The first run of each writes it when it ends ({@code -XX:ArchiveClassesAtExit} to
 *   a file of its own, moved into place by this JVM once the child is done, so two first runs at once cannot
 *   leave a torn archive); later runs map it: the window's first frame 2.55 s → 1.93 s, tokio's {@code analyze}
 *   16.6 s → 14.8 s;</li>
 *   <li>a heap of at most 1 GB for a command and 2 GB for the window where the JVM's default would be larger (a
 *   quarter of the machine's memory). The analysis keeps under 400 MB live on tokio's range; a bigger heap only
 *   grows into pages the kernel must zero (1-2 s of system time in {@code analyze}, 1.1 GB resident instead of
 *   0.8 GB) and leaves the window at 1.9 GB resident instead of 1 GB.</li>
 * </ul>
 *
 * <p>Nothing happens when the JVM was given a JIT setting, a heap archive, a debugger, an agent or a flight
 * recording (on its command line, in {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS}, which the JVM reports
 * as its arguments), when {@code RUST_REVIEW_RELAUNCH=0}, for {@code --help} and {@code --version}, or in the
 * relaunched JVM itself; the user's own JVM options are passed on.
 */
final class TunedJvm {

    static final String RELAUNCHED = "rustreview.relaunched";
    /** Epoch milliseconds at which the user's {@code java} started, so that startup is timed from there. */
    static final String LAUNCHED_AT = "rustreview.launchedAt";
    static final String SWITCH = "RUST_REVIEW_RELAUNCH";
    /** The window holds a review open for hours: units, diffs, styled text. */
    static final long WINDOW_HEAP_CAP = 2L << 30;
    /** A command: tokio's whole 1.0.0..HEAD range completes in 400 MB; an OutOfMemoryError says how to go higher. */
    static final long COMMAND_HEAP_CAP = 1L << 30;

    /**
     * JVM arguments after which this JVM does the work: a JIT or archive already chosen, or a debugger, agent or
     * recording attached to this process (a second JVM would fight for its port or overwrite its file).
     */
    private static final List<String> KEEP_THIS_JVM = List.of("-XX:TieredStopAtLevel", "-Xint", "-Xcomp",
            "-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit", "-Xshare", "-agentlib:", "-agentpath:",
            "-javaagent:", "-Xrunjdwp", "-Xdebug", "-XX:StartFlightRecording", "-XX:+LogCompilation");
    private static final Set<String> ANSWERED_HERE = Set.of("-h", "--help", "-V", "--version");

    private TunedJvm() {
    }

    /** What decides a relaunch, read from this process (a record so that tests can give their own). */
    record Facts(List<String> jvmArguments, Map<String, String> environment, boolean relaunched,
                 long maxHeapBytes, String javaHome, Optional<String> javaCommand, String classPath,
                 Path cacheDir, long startedAtMillis) {

        static Facts ofThisProcess() {
            var runtime = ManagementFactory.getRuntimeMXBean();
            // The JVM's own start time: ProcessHandle's start instant adds the boot time in whole seconds (Linux's
            // btime), up to a second off.
            return new Facts(runtime.getInputArguments(), System.getenv(), Boolean.getBoolean(RELAUNCHED),
                    Runtime.getRuntime().maxMemory(), System.getProperty("java.home"),
                    ProcessHandle.current().info().command(), System.getProperty("java.class.path"),
                    dev.rustreview.settings.AppDirs.forCurrentUser().cache(), runtime.getStartTime());
        }

        /** The packaged jar, when the class path is exactly one jar file (an archive needs no folders on it). */
        Optional<Path> jar() {
            if (classPath == null || classPath.isBlank() || classPath.contains(java.io.File.pathSeparator)
                    || !classPath.endsWith(".jar")) {
                return Optional.empty();
            }
            Path jar = Path.of(classPath).toAbsolutePath().normalize();
            return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
        }
    }

    /**
     * The command line that runs {@code args} in a tuned JVM, or empty when this JVM should run them itself: a
     * JVM already tuned, {@code --help}/{@code --version}, the window when not started from the jar, or the
     * relaunch turned off.
     */
    /** A relaunch: its command line, and the class archive it writes (moved to {@code archive} when it ends). */
    record Launch(List<String> command, Optional<Path> staging, Optional<Path> archive) {
    }

    static Optional<List<String>> command(String[] args, Facts facts) {
        return launch(args, facts).map(Launch::command);
    }

    static Optional<Launch> launch(String[] args, Facts facts) {
        if (facts.relaunched() || "0".equals(facts.environment().get(SWITCH)) || facts.classPath() == null
                || facts.classPath().isBlank() || List.of(args).stream().anyMatch(ANSWERED_HERE::contains)) {
            return Optional.empty();
        }
        boolean heapGiven = false;
        for (String argument : facts.jvmArguments()) {
            if (KEEP_THIS_JVM.stream().anyMatch(argument::startsWith) || argument.contains("TieredCompilation")) {
                return Optional.empty();
            }
            heapGiven |= argument.startsWith("-Xmx") || argument.startsWith("-XX:MaxHeapSize")
                    || argument.startsWith("-XX:MaxRAM");
        }
        boolean window = args.length == 0 || args[0].startsWith("-");
        Optional<Path> packaged = facts.jar();
        if (window && (packaged.isEmpty() || facts.cacheDir() == null)) {
            return Optional.empty(); // nothing to gain worth a second start (./mvnw javafx:run, an IDE)
        }
        List<String> tuning = new ArrayList<>();
        Optional<Path> staging = Optional.empty();
        Optional<Path> archive = Optional.empty();
        if (packaged.isPresent() && facts.cacheDir() != null) {
            archive = Optional.of(archive(facts.cacheDir(), packaged.get(), facts.javaHome(), window));
            if (Files.isRegularFile(archive.get())) {
                tuning.add("-XX:SharedArchiveFile=" + archive.get());
            } else {
                staging = Optional.of(archive.get().resolveSibling(archive.get().getFileName() + "."
                        + ProcessHandle.current().pid() + ".tmp"));
                tuning.add("-XX:ArchiveClassesAtExit=" + staging.get());
            }
            tuning.add("-Xlog:cds=off");
            tuning.add("-Xlog:cds+dynamic=off");
        }
        tuning.add("-XX:TieredStopAtLevel=1");
        long cap = window ? WINDOW_HEAP_CAP : COMMAND_HEAP_CAP;
        if (!heapGiven && facts.maxHeapBytes() > cap) {
            tuning.add("-Xmx" + (cap >> 20) + "m");
        }
        List<String> command = new ArrayList<>();
        command.add(facts.javaCommand().orElse(Path.of(facts.javaHome(), "bin", "java").toString()));
        command.addAll(tuning);
        Optional<Path> jar = facts.jar();
        if (jar.isEmpty()) {
            // The jar's manifest grants native access (tree-sitter and JavaFX load native code; JDK 24+ warns four
            // lines on every run without it). With `-jar` the grant comes from there: the flag would cost the
            // window 0.8 s, as the JDK's own class archive was dumped without it and is then half used.
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(facts.jvmArguments());
        command.add("-D" + RELAUNCHED + "=true");
        command.add("-D" + LAUNCHED_AT + "=" + facts.startedAtMillis());
        if (jar.isPresent()) {
            command.add("-jar");
            command.add(jar.get().toString());
        } else {
            command.add("-cp");
            command.add(facts.classPath());
            command.add(Main.class.getName());
        }
        command.addAll(List.of(args));
        return Optional.of(new Launch(command, staging, archive));
    }

    /**
     * The archive for this jar build, JDK and face: {@code rust-review-<jar path>-<jar size and time, JDK>-<face>.jsa}
     * (hashed). A rebuilt jar or another JDK names another file, so a stale archive is never mapped (the JVM would
     * refuse it, silently, and never write a new one).
     */
    static Path archive(Path cacheDir, Path jar, String javaHome, boolean window) {
        String build;
        try {
            build = Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            build = "?";
        }
        return cacheDir.resolve("jvm").resolve(prefix(jar) + hash(build + ":" + javaHome + ":"
                + System.getProperty("java.vm.version")) + (window ? "-window" : "-command") + ".jsa");
    }

    /** What every archive of one jar location starts with: older builds' archives are deleted by that. */
    static String prefix(Path jar) {
        return "rust-review-" + hash(jar.toString()) + "-";
    }

    private static String hash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /**
     * Moves the archive the child wrote into place, atomically, and deletes the same jar location's archives of
     * older builds. Nothing here may fail the command: an archive is only a speed-up.
     */
    static void install(Launch launch) {
        if (launch.staging().isEmpty() || launch.archive().isEmpty()) {
            return;
        }
        Path staging = launch.staging().get();
        Path archive = launch.archive().get();
        try {
            if (Files.isRegularFile(staging) && Files.size(staging) > 0) {
                Files.move(staging, archive, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                String name = archive.getFileName().toString();
                String location = name.substring(0, name.indexOf('-', "rust-review-".length()) + 1);
                String face = name.substring(name.lastIndexOf('-'));
                try (var old = Files.list(archive.getParent())) {
                    for (Path p : old.toList()) {
                        String n = p.getFileName().toString();
                        if (n.startsWith(location) && n.endsWith(face) && !n.equals(name)) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            } else {
                Files.deleteIfExists(staging);
            }
        } catch (IOException | RuntimeException e) {
            // the next run writes it again
        }
    }

    /** With {@code -Drustreview.timings=true}, says on standard error which JVM runs the command. */
    static void announce() {
        if (Boolean.getBoolean("rustreview.timings")) {
            System.err.println(Boolean.getBoolean(RELAUNCHED)
                    ? "timing: relaunched in a batch JVM (client compiler only, heap at most "
                            + (Runtime.getRuntime().maxMemory() >> 20) + " MB)"
                    : "timing: running in the JVM as started");
        }
    }

    /**
     * Runs {@code args} in a tuned JVM sharing this one's standard streams, and returns its exit status; empty when
     * this JVM should run them itself (see {@link #command}) or the new JVM could not be started.
     */
    static OptionalInt run(String[] args) {
        if (Boolean.getBoolean(RELAUNCHED)) {
            return OptionalInt.empty(); // the tuned JVM itself: nothing to find out (reading the facts costs 20 ms)
        }
        Facts facts;
        try {
            facts = Facts.ofThisProcess();
        } catch (RuntimeException e) {
            return OptionalInt.empty(); // an odd platform: this JVM does the work as started
        }
        Optional<Launch> launch = launch(args, facts);
        if (launch.isEmpty()) {
            return OptionalInt.empty();
        }
        Process child;
        try {
            launch.get().archive().ifPresent(TunedJvm::createParent);
            child = new ProcessBuilder(launch.get().command()).inheritIO().start();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return OptionalInt.empty(); // no second JVM here: this one does the work, only slower
        }
        // Killed (not interrupted from the terminal, which reaches both): take the child along, and end only when it
        // has (a window closing saves the review and may write its class archive; whoever waits for this process
        // waits for that).
        Thread reaper = new Thread(() -> {
            child.destroy();
            try {
                if (child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    install(launch.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rust-review-relaunch-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            int status = child.waitFor();
            install(launch.get());
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is going down anyway; the hook finds the child already gone
            }
            return OptionalInt.of(status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return OptionalInt.of(130);
        }
    }

    private static void createParent(Path archive) {
        try {
            Files.createDirectories(archive.getParent());
        } catch (IOException e) {
            // The JVM then runs without an archive and says nothing (its cds logging is off): only slower.
        }
    }
}
