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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SS11: a flag cleared with {@code &= !bit} (or set with {@code |= bit}) now toggled with {@code ^= bit}. Clearing and
 * setting are idempotent; a toggle is not, so a second "mark unavailable" flips the flag back to available. A
 * {@code debug_assert!} that the bit was set guards only debug builds (actix-net 20c2da17 reversed: a worker marked
 * unavailable twice was handed connections in release builds).
 */
public final class ClearMadeToggle implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS11", RiskArea.SHARED_STATE, Severity.MEDIUM, "flag set or clear made a toggle",
            "In a non-test fn, the change removes `x &= !m` / `x |= m` (or `x.fetch_and(!m, ..)` / `x.fetch_or(m, ..)`) "
                    + "and adds `x ^= m` (or `x.fetch_xor(m, ..)`) on the same `x`: a toggle applied to a flag already in "
                    + "the target state flips it the other way.",
            "It matches `x` by its text; a mask computed under another name on one side and inline on the other is "
                    + "matched by `x` alone. Whether the caller guarantees the flag's prior state is not checked.");

    private static final Pattern SET_OR_CLEAR = Pattern.compile(
            "([A-Za-z_][\\w.\\[\\]]{0,120}?)\\s*(?:&=\\s*!|\\|=|\\.\\s*fetch_and\\s*\\(\\s*!|\\.\\s*fetch_or\\s*\\()");
    private static final Pattern TOGGLE = Pattern.compile(
            "([A-Za-z_][\\w.\\[\\]]{0,120}?)\\s*(?:\\^=|\\.\\s*fetch_xor\\s*\\()");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            List<String> flags = new ArrayList<>();
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                Matcher m = SET_OR_CLEAR.matcher(r.text());
                while (m.find()) {
                    flags.add(RuleSupport.squeezed(m.group(1)));
                }
            }
            if (flags.isEmpty()) {
                continue;
            }
            List<String> toggledBefore = toggled(pair.oldBody());
            for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(pair.after(), pair.now(), file::added)) {
                Matcher m = TOGGLE.matcher(a.text());
                String key = m.find() ? RuleSupport.squeezed(m.group(1)) : "";
                if (flags.contains(key) && !toggledBefore.contains(key)) {
                    String flag = m.group(1).strip();
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                            .object("`" + pair.now().name() + "`").object(flag)
                            .title("`" + flag + "` is toggled where `" + pair.now().name() + "` set or cleared it")
                            .explanation("Before the change `" + pair.now().name() + "` set or cleared a bit of `" + flag
                                    + "`, which leaves it in one state however often it runs. `^=`/`fetch_xor` flips it: "
                                    + "called when the bit is already in the target state (a second \"mark unavailable\", "
                                    + "a retry, a race with another writer) it undoes the state instead. A "
                                    + "`debug_assert!` on the prior state does not run in release builds.")
                            .check("Check that every caller reaches this only with the bit in the other state; if not, "
                                    + "keep `&= !bit` / `|= bit`.")
                            .build());
                    break;
                }
            }
        }
        return out;
    }

    /** What the fn toggled before the change: a change that edits such a toggle does not introduce it. */
    private static List<String> toggled(String body) {
        List<String> out = new ArrayList<>();
        Matcher m = TOGGLE.matcher(body);
        while (m.find()) {
            out.add(RuleSupport.squeezed(m.group(1)));
        }
        return out;
    }
}
