package dev.rustreview.cli;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.check.Cancellation;
import dev.rustreview.check.CheckOptions;
import dev.rustreview.check.CompilerChecker;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.io.Json;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.review.BranchAnalysis;
import dev.rustreview.settings.AppDirs;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rust-review check}: cargo clippy (or cargo check) on the head and the merge-base, each built from git
 * objects in a temporary folder inside bubblewrap, and what the head introduced on the change.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Build the head and the merge-base with cargo clippy (cargo check when clippy is missing), each "
                + "in a temporary copy written from git objects, inside a bubblewrap sandbox without network, offline; "
                + "show the diagnostics the head introduced on the changed hunks. This runs the repository's build "
                + "scripts and proc macros (sandboxed). The result is stored per head commit and toolchain.")
final class CheckCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    BranchOptions branch = new BranchOptions();

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--lints", defaultValue = "default", paramLabel = "SET",
            description = "default or pedantic (adds clippy::pedantic) (default: ${DEFAULT-VALUE}).")
    String lints;

    @Option(names = "--no-sandbox", description = "Build without bubblewrap: the repository's build scripts run with your rights.")
    boolean noSandbox;

    @Option(names = "--rebuild", description = "Build again even when a result for this head and toolchain is stored.")
    boolean rebuild;

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "600",
            description = "Stop each cargo run after this many seconds (default: ${DEFAULT-VALUE}).")
    long timeLimit;

    /**
     * The head's review (when one was started: `review`, the window) refers to this check from the round of that
     * head, so the round carries its compiler check. A review file that cannot be read is left alone: the check
     * itself is stored either way.
     */
    private static void recordOnRound(GitRepository git, ChangeSet change, dev.rustreview.model.CompilerCheck check) {
        try {
            dev.rustreview.review.ReviewStore.inGitDir(git.gitDir(), java.time.Clock.systemUTC()).recordCompilerCheck(
                    dev.rustreview.review.ReviewIds.forHead(ReviewTarget.shortName(change)), check.headCommit(),
                    dev.rustreview.check.CheckStore.fileName(check));
        } catch (RuntimeException e) {
            // An unreadable or concurrently saved review: the stored check is still found by its head.
        }
    }

    @Override
    public Integer call() throws Exception {
        boolean pedantic = switch (lints.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "default" -> false;
            case "pedantic" -> true;
            default -> throw new BadInputException("unknown lint set '" + lints + "': use default or pedantic");
        };
        if (timeLimit <= 0) {
            throw new BadInputException("--time-limit must be a positive number of seconds, not " + timeLimit);
        }
        CheckOptions options = CheckOptions.defaults().withPedantic(pedantic).withNoSandbox(noSandbox)
                .withTimeLimit(Duration.ofSeconds(timeLimit));
        Cancellation cancellation = new Cancellation();
        Thread onInterrupt = new Thread(cancellation::cancel, "check-cancel");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        CompilerChecker.Outcome outcome;
        try (Progress progress = Progress.onStderr(spec.commandLine().getErr());
             GitRepository git = GitRepository.open(branch.repo)) {
            progress.step("reading branch");
            ChangeSet change = git.branchDiff(branch.base, branch.head, DiffOptions.DEFAULT);
            outcome = new CompilerChecker().checkOrReuse(git, change, () -> {
                progress.step("analysing (for findings the compiler confirms)");
                return new BranchAnalysis(AppDirs.forCurrentUser(), ChangeAnalyzer.Options.defaults())
                        .analyze(git, change, DiffOptions.DEFAULT, (done, total, path) -> progress.update(done, total, path),
                                () -> false).findings();
            }, options, rebuild, progress::step, cancellation);
            recordOnRound(git, change, outcome.check());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // Shutting down already: the hook is cancelling the build.
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            var node = Json.mapper().createObjectNode();
            node.put("reused", outcome.reused());
            node.set("check", Json.mapper().valueToTree(outcome.check()));
            out.println(Json.mapper().writeValueAsString(node));
        } else {
            CheckText.print(outcome.check(), outcome.reused(), out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
