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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC45: a shared collection's size compared with its limit by {@code ==} where the fn compared it by {@code <=}
 * or {@code >=}. A fn that takes {@code &self} and changes a collection changes a concurrent or locked one: two
 * callers that both find it one short of full both insert, the size passes the limit, and an equality test never
 * fires again, so the collection grows for good. scylla-rust-driver 6eefe633 reversed: the prepared-statement cache
 * evicted only when its size was exactly the capacity.
 */
public final class LimitComparedByEquality implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC45", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "shared size compared with its limit by equality",
            "In a non-test fn that stays and takes `&self` (not `&mut self`), the change removes a comparison of "
                    + "`x.len()` with a limit by `<`, `<=`, `>` or `>=` (either order) and adds one of the same two "
                    + "operands by `==`.",
            "It reads the fn's text and its receiver: a collection that only one thread changes (behind `&self` "
                    + "through a `RefCell`) is reported too, and a limit held under another name is not followed.");

    private static final String OPERAND = "((?:self\\s*\\.\\s*)?[A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*){0,4}"
            + "(?:\\s*\\(\\s*\\))?)";
    private static final Pattern COMPARED = Pattern.compile("(?<![\\w.])" + OPERAND + "\\s*(<=|>=|==|<(?![<=])|>(?![>=]))"
            + "\\s*" + OPERAND + "(?![\\w(.])");
    private static final Pattern SHARED_SELF = Pattern.compile("\\(\\s*&\\s*(?:'\\w+\\s+)?self\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("len()")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (!SHARED_SELF.matcher(ItemOutline.plain(pair.now().header())).find()) {
                continue;
            }
            Set<String> ordered = new HashSet<>();
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                Matcher m = COMPARED.matcher(r.text());
                while (m.find() && ordered.size() < 16) {
                    if (!m.group(2).equals("==") && sized(m)) {
                        ordered.add(pairKey(m));
                    }
                }
            }
            if (ordered.isEmpty()) {
                continue;
            }
            for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(pair.after(), pair.now(), file::added)) {
                Matcher m = COMPARED.matcher(a.text());
                Finding f = null;
                while (m.find() && f == null) {
                    if (m.group(2).equals("==") && ordered.contains(pairKey(m))) {
                        f = finding(file, pair.now().name(), a.number(), m.group().replaceAll("\\s+", " "));
                    }
                }
                if (f != null) {
                    out.add(f);
                    break;
                }
            }
        }
        return out;
    }

    private static boolean sized(Matcher m) {
        return m.group(1).replaceAll("\\s+", "").endsWith(".len()") ^ m.group(3).replaceAll("\\s+", "").endsWith(".len()");
    }

    /** The two operands, whitespace removed, in a fixed order: {@code a <= b} and {@code b == a} are one pair. */
    private static String pairKey(Matcher m) {
        String a = m.group(1).replaceAll("\\s+", "");
        String b = m.group(3).replaceAll("\\s+", "");
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    private static Finding finding(ChangedFile file, String fn, int line, String comparison) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(comparison)
                .title("`" + RuleSupport.shorten(comparison) + "` in `" + fn + "` no longer sees a size past the limit")
                .explanation("Before the change `" + fn + "` compared the size with its limit by order; now it tests "
                        + "equality. `" + fn + "` takes `&self`, so other callers change the collection at the same "
                        + "time: two of them that both find it one short of full both add, the size passes the limit, "
                        + "and from then on `==` never holds, so the eviction or back-pressure it guarded stops for good.")
                .check("Compare by `>=` (and evict in a loop until the size is below the limit), or show that only "
                        + "one caller can change the collection at a time.")
                .build();
    }
}
