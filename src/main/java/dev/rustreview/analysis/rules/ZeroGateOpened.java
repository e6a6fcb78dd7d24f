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
 * CC50: a count's "more than zero" conjunct removed from a gate that compares the count with another one.
 * {@code self.cb_restore_received > 0 && self.cb_restore_received >= self.num_started_sinks} became the second
 * conjunct alone, which holds trivially while both are zero: at startup the source pulled and sent events before any
 * sink had said it was ready. tremor-runtime 5e04cb82 reversed.
 */
public final class ZeroGateOpened implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC50", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "zero case let through a readiness gate",
            "In a non-test fn that stays, the change removes a conjunct `a > 0` (`a != 0`, `a >= 1`, joined by `&&`) "
                    + "while the new fn still compares `a >= b` or `a == b` (either order) with `b` another value, and "
                    + "tests `a` against zero nowhere.",
            "It reads one fn's text: that `b` can never be zero here is not known.");

    private static final String OPERAND = "(?:self\\s*\\.\\s*)?[A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*){0,3}";
    private static final Pattern ABOVE_ZERO = Pattern.compile("(?<![\\w.])(" + OPERAND + ")\\s*(?:>\\s*0|!=\\s*0|>=\\s*1)"
            + "(?![\\w.])");
    private static final Pattern CONJUNCT = Pattern.compile("&&");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (out.size() >= 8) {
                break;
            }
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                Matcher z = ABOVE_ZERO.matcher(r.text());
                if (!z.find() || !CONJUNCT.matcher(r.text()).find()) {
                    continue;
                }
                String a = z.group(1).replaceAll("\\s+", "");
                String q = spaced(a);
                String now = pair.newBody();
                if (Pattern.compile("(?<![\\w.])" + q + "\\s*(?:[<>!=]=?)\\s*[01]\\b").matcher(now).find()) {
                    continue; // still tested against zero somewhere in the fn
                }
                Matcher gate = Pattern.compile("(?<![\\w.])" + q + "\\s*(?:>=|==)\\s*(" + OPERAND + ")"
                        + "|(" + OPERAND + ")\\s*(?:<=|==)\\s*" + q + "(?![\\w.(])").matcher(now);
                if (!gate.find()) {
                    continue;
                }
                String b = (gate.group(1) != null ? gate.group(1) : gate.group(2)).replaceAll("\\s+", "");
                if (b.equals(a) || b.matches("\\d+|true|false")) {
                    continue;
                }
                int line = pair.after().line(pair.now().bodyStart() + gate.start());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(pair.now().name()).object(a + " > 0 removed")
                        .title("`" + a + " > 0` removed: the gate on `" + b + "` in `" + pair.now().name()
                                + "` opens at zero")
                        .explanation("Before the change `" + pair.now().name() + "` also required `" + a + "` to be "
                                + "above zero. Without it the gate compares `" + a + "` with `" + b + "` alone, and "
                                + "while both are zero (at startup, before anything has arrived or registered) the "
                                + "comparison holds: the work it gates starts before the other side is ready.")
                        .check("Keep the `" + a + " > 0` conjunct, or show that `" + b + "` is never zero when this "
                                + "runs.")
                        .build());
                break;
            }
        }
        return out;
    }

    private static String spaced(String dotted) {
        return String.join("\\s*\\.\\s*", java.util.Arrays.stream(dotted.split("\\.")).map(Pattern::quote).toList());
    }
}
