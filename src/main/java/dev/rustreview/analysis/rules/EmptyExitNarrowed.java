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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PN16: the early exit that kept an empty or zero value away from the rest of a fn now needs a second condition. The
 * old exit left when {@code x.is_empty()} (or {@code len() == 0}, {@code == 0}, {@code is_none()}); the change adds an
 * {@code &&} conjunct, so when {@code x} is empty and the new conjunct is false the code after the exit runs on the
 * empty value: raft-rs 326716a3c reversed, where {@code remove_node} went on to a quorum commit over no voters while
 * learners remained, and panicked.
 */
public final class EmptyExitNarrowed implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("PN16", RiskArea.PANICS, Severity.MEDIUM,
            "exit on an empty value narrowed",
            "In a non-test fn that stays, an `if` whose block ends with `return`, `break` or `continue` and whose "
                    + "condition tests that a value is empty or zero (`x.is_empty()`, `x.len() == 0`, `n == 0`, "
                    + "`x.is_none()`) gains one or more `&&` conjuncts and keeps the old ones: the code after the exit "
                    + "now runs with that value empty whenever a new conjunct is false.",
            "It compares the conditions' conjuncts as text and does not follow the empty value into the code after "
                    + "the exit (in raft-rs the panic is in another fn), so a narrowing that the later code handles is "
                    + "still reported.");

    /** A conjunct that says a value is empty, zero or absent; group 1 names the value. */
    private static final Pattern EMPTY_TEST = Pattern.compile(
            "(.{1,200}?)(?:\\.is_empty\\(\\)|\\.len\\(\\)==0|==0|\\.is_none\\(\\))");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            narrowed(file, pair, out);
        }
        return out;
    }

    /** The first early exit of the new body whose conjuncts strictly contain those of an old exit on an empty value. */
    private static void narrowed(ChangedFile file, ItemOutline.FnPair pair, List<Finding> out) {
        for (EarlyExits.Grown g : EarlyExits.grown(pair, EarlyExits.LEAVES, "&&")) {
            String empty = emptyValue(g.was());
            int line = pair.after().line(pair.now().bodyStart() + g.start());
            if (empty != null && file.anyAdded(line, pair.after().line(pair.now().bodyStart() + g.conditionEnd()))) {
                out.add(finding(file, pair, line, empty, g.added()));
                return;
            }
        }
    }

    /** The value an old exit's conjunct tests for emptiness (not a negated test), or null when none does. */
    private static String emptyValue(Set<String> conjuncts) {
        for (String c : conjuncts) {
            Matcher e = EMPTY_TEST.matcher(c);
            if (!c.startsWith("!") && e.matches()) {
                return e.group(1);
            }
        }
        return null;
    }

    private static Finding finding(ChangedFile file, ItemOutline.FnPair pair, int line, String empty,
            Set<String> added) {
        String fn = pair.now().name();
        String also = "`" + String.join("`, `", added) + "`";
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object("`" + fn + "`").object("exit on empty `" + empty + "` narrowed: " + String.join("&&", added))
                .title("`" + fn + "` now goes on with `" + RuleSupport.shorten(empty) + "` empty unless " + also)
                .explanation("`" + fn + "` used to leave as soon as `" + empty + "` was empty or zero; the change "
                        + "makes that exit also require " + also + ". When it does not hold, the rest of `" + fn
                        + "` (and what it calls) now runs on the empty value: a quorum, an average or a division over "
                        + "no elements, `[0]`, `first().unwrap()`, `max().unwrap()` panic or compute nonsense there.")
                .check("Follow the code after the exit with `" + RuleSupport.shorten(empty) + "` empty; if it cannot "
                        + "run on that, keep the old exit and test the new condition separately.")
                .build();
    }
}
