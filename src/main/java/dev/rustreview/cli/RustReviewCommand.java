package dev.rustreview.cli;
import dev.rustreview.model.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The root command: {@code rust-review [--repo DIR] [--base REV] [--head REV]} opens the window. */
@Command(name = "rust-review",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Review the Rust changes a coding agent made, before accepting them.%n"
                + "Without a subcommand, opens the window (on the bundled sample unless --repo is given).",
        subcommands = {AnalyzeCommand.class, CheckCommand.class, ReviewCommand.class, ExportCommand.class, ImportCommand.class, SampleCommand.class, CommandLine.HelpCommand.class})
public final class RustReviewCommand implements Callable<Integer> {

    /** Returned by {@link #run} when the window was opened and now owns the process. */
    public static final int WINDOW_OPENED = -1;

    @Option(names = "--repo", paramLabel = "DIR", description = "Repository to open (default: the bundled sample).")
    Path repo;

    @Option(names = "--base", paramLabel = "REV", description = "Base revision (default: origin/HEAD, main or master).")
    String base;

    @Option(names = "--head", paramLabel = "REV", description = "Head revision (default: the agent's branch).")
    String head;

    private final Consumer<WindowRequest> openWindow;

    RustReviewCommand(Consumer<WindowRequest> openWindow) {
        this.openWindow = openWindow;
    }

    @Override
    public Integer call() {
        openWindow.accept(new WindowRequest(repo, base, head));
        return WINDOW_OPENED;
    }

    /** Parses {@code args}, runs the command and returns its exit status (never throws, never prints a trace). */
    public static int run(String[] args, Consumer<WindowRequest> openWindow) {
        return run(args, openWindow, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** As above, writing to {@code out} and {@code err} (tests). */
    static int run(String[] args, Consumer<WindowRequest> openWindow, PrintWriter out, PrintWriter err) {
        if (args.length == 0) {
            return openWindowAsIs(openWindow, err);
        }
        try {
            return newCommandLine(openWindow, out, err).execute(args);
        } catch (OutOfMemoryError e) {
            err.println(outOfMemory());
            return ExitCodes.INTERNAL;
        }
    }

    /**
     * No arguments: the window on the last repository (or the sample). Nothing to parse, so picocli's model of every
     * subcommand is not built: that took about 0.15 s of the window's cold start. Failures read as they do through
     * picocli.
     */
    private static int openWindowAsIs(Consumer<WindowRequest> openWindow, PrintWriter err) {
        try {
            openWindow.accept(new WindowRequest(null, null, null));
            return WINDOW_OPENED;
        } catch (RuntimeException | OutOfMemoryError e) {
            Exception failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            return report(failure, err);
        }
    }

    /** The one line for a heap too small for the branch, with what to type instead. */
    static String outOfMemory() {
        return "rust-review: out of memory in a heap of " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MB (this branch needs more): run it again with a larger heap, e.g. java -Xmx4g -jar rust-review.jar ...";
    }

    /** A configured command line; tests pass their own writers. */
    public static CommandLine newCommandLine(Consumer<WindowRequest> openWindow, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new RustReviewCommand(openWindow));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(RustReviewCommand::handleFailure);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("rust-review: " + ex.getMessage()
                    + " (see 'rust-review " + commandPath(ex.getCommandLine()) + "--help')");
            return ExitCodes.BAD_INPUT;
        });
        return cl;
    }

    private static String commandPath(CommandLine cl) {
        String path = cl.getCommandSpec().qualifiedName(" ");
        return path.startsWith("rust-review") ? path.substring("rust-review".length()).trim() + (path.equals("rust-review") ? "" : " ") : "";
    }

    static int handleFailure(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        return report(ex, cl.getErr());
    }

    private static int report(Exception ex, PrintWriter err) {
        if (ex instanceof BadInputException) {
            err.println("rust-review: " + ex.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                err.println(outOfMemory());
                return ExitCodes.INTERNAL;
            }
        }
        err.println("rust-review: internal error: " + ex + " (set RUST_REVIEW_DEBUG=1 for details, and please report it)");
        if (System.getenv("RUST_REVIEW_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        return ExitCodes.INTERNAL;
    }
}
