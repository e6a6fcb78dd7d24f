package dev.rustreview;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs a command-line command in a JVM tuned for a run of seconds rather than hours. HotSpot's optimising
 * compiler (C2) spent about 23 s of CPU compiling the analyzer during a 26 s {@code analyze} of tokio's
 * 1.0.0..HEAD on two cores, work a run this short never earns back: with the client compiler only
 * ({@code -XX:TieredStopAtLevel=1}) the same run takes 16 s with the same output. A JVM's compiler cannot be
 * changed once it runs, so the command starts itself again with it (as build tools start their daemons); the
 * window, which runs for hours, keeps the defaults.
 *
 * <p>Nothing happens when the JVM was already given a JIT setting (the user's own {@code java} options,
 * {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS}, which the JVM reports as its arguments), when
 * {@code RUST_REVIEW_RELAUNCH=0}, or when this process is itself the relaunched one.
 */
final class BatchJvm {

    static final String RELAUNCHED = "rustreview.relaunched";
    static final String SWITCH = "RUST_REVIEW_RELAUNCH";
    /** Above this, the JVM's default heap only grows into pages the kernel must zero (1.5 s of system time). */
    static final long HEAP_CAP = 2L << 30;

    /**
     * JVM arguments after which this JVM does the work: a JIT already chosen, or a debugger, agent or recording
     * attached to this process (a second JVM would fight for its port or overwrite its file).
     */
    private static final List<String> KEEP_THIS_JVM = List.of("-XX:TieredStopAtLevel", "-Xint", "-Xcomp",
            "-agentlib:", "-agentpath:", "-javaagent:", "-Xrunjdwp", "-Xdebug", "-XX:StartFlightRecording",
            "-XX:+LogCompilation");

    private BatchJvm() {
    }

    /** What decides a relaunch, read from this process (a record so that tests can give their own). */
    record Facts(List<String> jvmArguments, Map<String, String> environment, boolean relaunched,
                 long maxHeapBytes, String javaHome, Optional<String> javaCommand, String classPath) {

        static Facts ofThisProcess() {
            return new Facts(ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getenv(),
                    Boolean.getBoolean(RELAUNCHED), Runtime.getRuntime().maxMemory(),
                    System.getProperty("java.home"), ProcessHandle.current().info().command(),
                    System.getProperty("java.class.path"));
        }
    }

    /**
     * The command line that runs {@code args} in a batch-tuned JVM, or empty when this JVM should run them itself:
     * the window (no arguments, or options only), a JVM already tuned, or the relaunch turned off.
     */
    static Optional<List<String>> command(String[] args, Facts facts) {
        if (args.length == 0 || args[0].startsWith("-") || facts.relaunched()
                || "0".equals(facts.environment().get(SWITCH)) || facts.classPath() == null
                || facts.classPath().isBlank()) {
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
        List<String> command = new ArrayList<>();
        command.add(facts.javaCommand().orElse(Path.of(facts.javaHome(), "bin", "java").toString()));
        command.add("-XX:TieredStopAtLevel=1");
        if (!heapGiven && facts.maxHeapBytes() > HEAP_CAP) {
            command.add("-Xmx" + (HEAP_CAP >> 20) + "m");
        }
        command.addAll(facts.jvmArguments());
        command.add("-D" + RELAUNCHED + "=true");
        command.add("-cp");
        command.add(facts.classPath());
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return Optional.of(command);
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
     * Runs {@code args} in a batch-tuned JVM sharing this one's standard streams, and returns its exit status; empty
     * when this JVM should run them itself (see {@link #command}) or the new JVM could not be started.
     */
    static OptionalInt run(String[] args) {
        Optional<List<String>> command = command(args, Facts.ofThisProcess());
        if (command.isEmpty()) {
            return OptionalInt.empty();
        }
        Process child;
        try {
            child = new ProcessBuilder(command.get()).inheritIO().start();
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalInt.empty(); // no second JVM here: this one does the work, only slower
        }
        // Killed (not interrupted from the terminal, which reaches both): take the child along.
        Thread reaper = new Thread(child::destroy, "rust-review-relaunch-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            int status = child.waitFor();
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
}
