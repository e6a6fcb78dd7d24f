package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CC26: the early exit of a wake-up path taken in more states. A {@code schedule}/{@code wake} fn returns early when
 * the task needs no new wake (already scheduled, completed, cancelled); the change adds an alternative to that
 * condition, and a wake that arrives in the new state is dropped: compio 594ea2ebc reversed, where a leftover
 * {@code SCHEDULING} bit from an earlier waker made {@code Remote::schedule} return, and the task was never run.
 */
public final class WakeSkippedInMoreStates implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC26", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "wake-up skipped in more states",
            "In a non-test fn that stays and whose name says it wakes (`schedule`, `wake`, `wake_by_ref`, "
                    + "`notify*`, `unpark`, `signal`), the change adds one or more `||` alternatives to the condition "
                    + "of an `if` whose block ends with `return` and keeps the others: the wake-up is now dropped in "
                    + "the states the new alternatives name.",
            "It compares the conditions' alternatives as text: it cannot tell whether the new state really means "
                    + "the task is already taken care of.");

    private static final Pattern WAKING_FN = Pattern.compile("(?:\\w+_)?(?:schedule|wake|wake_by_ref|notify\\w*|unpark"
            + "|signal)(?:_\\w+)?");
    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (WAKING_FN.matcher(pair.now().name()).matches()) {
                widened(file, pair, out);
            }
        }
        return out;
    }

    /** The first early exit of the fn's new body whose alternatives strictly contain an old exit's. */
    private static void widened(ChangedFile file, ItemOutline.FnPair pair, List<Finding> out) {
        List<EarlyExits.Grown> grown = EarlyExits.grown(pair, EarlyExits.RETURNS, "||");
        if (!grown.isEmpty()) {
            EarlyExits.Grown g = grown.get(0);
            out.add(finding(file, pair, pair.after().line(pair.now().bodyStart() + g.start()), g.added()));
        }
    }

    private static Finding finding(ChangedFile file, ItemOutline.FnPair pair, int line, Set<String> added) {
        String fn = pair.now().name();
        String states = "`" + String.join("`, `", added) + "`";
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object("`" + fn + "`").object("early exit widened: " + String.join("||", added))
                .title("`" + fn + "` now also returns early when " + states)
                .explanation("`" + fn + "` delivers a wake-up and returns early when none is needed; the change adds "
                        + states + " to that exit. A wake that arrives in that state is now dropped: if the state can "
                        + "be left over from an earlier wake-up already consumed (a flag not yet cleared), the task is "
                        + "never run again.")
                .check("Check that in every state the new alternative names, someone else is sure to run the task; if a "
                        + "stale flag can produce it, do not return early on it.")
                .build();
    }
}
