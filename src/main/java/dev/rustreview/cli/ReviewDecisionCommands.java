package dev.rustreview.cli;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.Category;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.ReviewSession;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The review subcommands that decide hunks and answer findings: {@code decide}, {@code ack}, {@code dismiss}. */
final class ReviewDecisionCommands {

    private ReviewDecisionCommands() {
    }

    @Command(name = "decide", mixinStandardHelpOptions = true,
            description = "Decide one review unit (decide UNIT-ID accept; a unit is a function, an impl header, a type, "
                    + "a test module or a git hunk of a non-Rust file) or many (decide --file P accept). Bulk accepts skip "
                    + "units with a high or critical finding unless --confirm is given.")
    static final class Decide implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @Parameters(arity = "1..2", paramLabel = "[UNIT-ID] DECISION", description = "accept, reject or discuss.")
        List<String> args;
        @Option(names = "--file", paramLabel = "PATH") String file;
        @Option(names = "--category", paramLabel = "CATEGORY", description = "A category id, like documentation or core-logic.")
        String category;
        @Option(names = "--commit", paramLabel = "SHA") String commit;
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (required to reject).") String reason;
        @Option(names = "--confirm", description = "Let a bulk accept cover hunks with high or critical findings.")
        boolean confirm;

        @Override
        public Integer call() {
            int selectors = (file != null ? 1 : 0) + (category != null ? 1 : 0) + (commit != null ? 1 : 0)
                    + (args.size() == 2 ? 1 : 0);
            if (selectors != 1) {
                throw new BadInputException("give exactly one of UNIT-ID, --file, --category or --commit before the decision");
            }
            DecisionState state = DecisionState.parse(args.get(args.size() - 1));
            try (ReviewTarget.Opened o = target.open()) {
                ReviewSession s = o.session;
                PrintWriter out = spec.commandLine().getOut();
                if (args.size() == 2) {
                    s.decide(args.get(0), state, reason);
                    o.save();
                    out.println(args.get(0) + " " + state.label());
                    out.flush();
                    return ExitCodes.OK;
                }
                ReviewSession.BulkResult result = file != null ? s.decideFile(file, state, reason, confirm)
                        : category != null ? s.decideCategory(category(category), state, reason, confirm)
                        : s.decideCommit(commit, state, reason, confirm);
                o.save();
                out.println(result.decided().size() + " units " + state.label()
                        + (result.decided().isEmpty() ? "" : ": " + String.join(" ", result.decided())));
                if (!result.skippedHighRisk().isEmpty()) {
                    spec.commandLine().getErr().println("rust-review: skipped " + result.skippedHighRisk().size()
                            + " units with high or critical findings (" + String.join(" ", result.skippedHighRisk())
                            + "): review them one by one, or pass --confirm");
                }
                out.flush();
                return ExitCodes.OK;
            }
        }

        private static Category category(String id) {
            return Arrays.stream(Category.values()).filter(c -> c.id().equals(id) || c.name().equalsIgnoreCase(id))
                    .findFirst().orElseThrow(() -> new BadInputException("unknown category '" + id + "': use one of "
                            + String.join(", ", Arrays.stream(Category.values()).map(Category::id).toList())));
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Mark a finding as checked, optionally with a note.")
    static final class Ack implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @Parameters(paramLabel = "FINDING-ID") String findingId;
        @Option(names = "--note", paramLabel = "TEXT") String note;

        @Override
        public Integer call() {
            try (ReviewTarget.Opened o = target.open()) {
                o.session.acknowledge(findingId, note);
                o.save();
                spec.commandLine().getOut().println(findingId + " checked");
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "dismiss", mixinStandardHelpOptions = true, description = "Dismiss a finding as a false positive.")
    static final class Dismiss implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @Parameters(paramLabel = "FINDING-ID") String findingId;
        @Option(names = "--reason", paramLabel = "TEXT", required = true) String reason;

        @Override
        public Integer call() {
            try (ReviewTarget.Opened o = target.open()) {
                o.session.dismiss(findingId, reason);
                o.save();
                spec.commandLine().getOut().println(findingId + " dismissed");
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "viewed", mixinStandardHelpOptions = true,
            description = "Mark a changed file as viewed (as GitHub's checkbox), or clear the mark with --clear. "
                    + "The mark is cleared by itself when the agent changes the file in a later round.")
    static final class Viewed implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @Parameters(paramLabel = "PATH") String path;
        @Option(names = "--clear", description = "Clear the mark instead.") boolean clear;

        @Override
        public Integer call() {
            try (ReviewTarget.Opened o = target.open()) {
                o.session.setViewed(path, !clear);
                o.save();
                spec.commandLine().getOut().println(path + (clear ? " not viewed" : " viewed"));
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
        }
    }
}
