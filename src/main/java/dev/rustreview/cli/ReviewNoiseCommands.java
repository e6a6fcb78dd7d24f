package dev.rustreview.cli;

import dev.rustreview.review.RuleMute;
import dev.rustreview.review.SharedMutes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The review subcommands that tune what the reviewer sees and asks of the agent: mute, unmute, problem. */
final class ReviewNoiseCommands {

    private ReviewNoiseCommands() {
    }

    @Command(name = "mute", mixinStandardHelpOptions = true,
            description = "Mute a rule's findings in this review (counted, never acknowledged), or with --repository "
                    + "also for the team: written to .rust-review.json in the work tree, to commit on the base branch.")
    static final class Mute implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @Parameters(paramLabel = "RULE") String rule;
        @Option(names = "--repository", description = "Mute for the repository (shared through .rust-review.json).")
        boolean repository;

        @Override
        public Integer call() {
            try (ReviewTarget.Opened o = target.open()) {
                o.session.mute(rule, repository ? RuleMute.Scope.REPOSITORY : RuleMute.Scope.REVIEW);
                o.save();
                var out = spec.commandLine().getOut();
                long n = o.session.index().analysis().findings().stream().filter(f -> f.ruleId().equals(rule)).count();
                out.println(rule + " muted " + (repository ? "for the repository" : "in review " + o.review().id())
                        + " (" + n + " findings in this round)");
                if (repository) {
                    out.println(o.git.isBare() ? SharedMutes.howToShare(List.of(rule))
                            : "wrote " + SharedMutes.write(o.git.root(), rule, true)
                                    + ": commit it on the base branch to share it with the team");
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "unmute", mixinStandardHelpOptions = true,
            description = "Show a muted rule's findings again (one the repository's .rust-review.json mutes is shown "
                    + "in this review only); with --repository also removes it from the work tree's .rust-review.json.")
    static final class Unmute implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @Parameters(paramLabel = "RULE") String rule;
        @Option(names = "--repository", description = "Also remove it from the work tree's .rust-review.json.")
        boolean repository;

        @Override
        public Integer call() {
            try (ReviewTarget.Opened o = target.open()) {
                o.session.unmute(rule);
                o.save();
                var out = spec.commandLine().getOut();
                out.println(rule + " shown in review " + o.review().id());
                if (repository && !o.git.isBare()) {
                    out.println("wrote " + SharedMutes.write(o.git.root(), rule, false)
                            + ": commit it on the base branch to share it with the team");
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "problem", mixinStandardHelpOptions = true,
            description = "Mark a finding as a real problem for the agent to fix (it goes into 'review feedback').")
    static final class Problem implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @Parameters(paramLabel = "FINDING-ID") String findingId;
        @Option(names = "--note", paramLabel = "TEXT", description = "What the agent should do.") String note;

        @Override
        public Integer call() {
            try (ReviewTarget.Opened o = target.open()) {
                o.session.markProblem(findingId, note);
                o.save();
                spec.commandLine().getOut().println(findingId + " marked as a problem for the agent");
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
        }
    }
}
