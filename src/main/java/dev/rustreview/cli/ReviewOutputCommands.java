package dev.rustreview.cli;

import dev.rustreview.review.AcceptedChanges;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The review subcommands that turn decisions into git results: {@code apply-accepted}, {@code export-patches}. */
final class ReviewOutputCommands {

    private ReviewOutputCommands() {
    }

    @Command(name = "apply-accepted", mixinStandardHelpOptions = true,
            description = "Write a branch with one commit on the merge-base holding exactly the accepted hunks "
                    + "(the working tree, index and HEAD are not touched). Prints the commit id.")
    static final class ApplyAccepted implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @Option(names = "--branch", paramLabel = "NAME", description = "Default: review/<head>-accepted.") String branch;

        @Override
        public Integer call() {
            try (ReviewTarget.Opened o = target.open()) {
                o.save();
                // The branch under review now (the latest round), not the one the review started on.
                String name = branch != null ? branch : AcceptedChanges.defaultBranch(o.review().currentHeadRef());
                String commit = AcceptedChanges.writeBranch(o.git, o.session, name, o.git.writerIdentity());
                spec.commandLine().getOut().println(name + " " + commit);
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "export-patches", mixinStandardHelpOptions = true,
            description = "Write accepted.patch and rejected.patch (git apply-able on the merge-base) into DIR.")
    static final class ExportPatches implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

        @Override
        public Integer call() {
            try (ReviewTarget.Opened o = target.open()) {
                o.save();
                AcceptedChanges.Patches p = AcceptedChanges.exportPatches(o.session, out);
                spec.commandLine().getOut().printf("%s (%d hunks)%n%s (%d hunks)%n", p.accepted(), p.acceptedHunks(),
                        p.rejected(), p.rejectedHunks());
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "feedback", mixinStandardHelpOptions = true,
            description = "Print what goes back to the agent for the current round: rejected units with reasons, "
                    + "issues and suggestions, findings marked as problems, unresolved threads, and the units "
                    + "accepted as they are.")
    static final class Feedback implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
                description = "markdown (default) or json.") String format;
        @Option(names = "--include-unreviewed-findings",
                description = "Also list the high and critical findings nobody answered (rules not muted).")
        boolean includeUnreviewed;

        @Override
        public Integer call() {
            if (!format.equals("markdown") && !format.equals("json")) {
                throw new dev.rustreview.model.BadInputException("unknown format '" + format
                        + "': use --format markdown or --format json");
            }
            try (ReviewTarget.Opened o = target.open()) {
                o.save();
                var feedback = dev.rustreview.export.AgentFeedback.of(o.session, includeUnreviewed);
                String text;
                if (format.equals("json")) {
                    text = dev.rustreview.export.FeedbackJson.write(feedback);
                } else {
                    var check = new dev.rustreview.check.CheckStore(o.git.gitDir())
                            .latest(o.session.index().analysis().changeSet().toId()).orElse(null);
                    text = dev.rustreview.export.MarkdownExport.write(feedback, check);
                }
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
        }
    }
}
