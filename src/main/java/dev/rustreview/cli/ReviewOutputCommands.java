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
}
