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
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PN29: a bound check rewritten so that it adds to the checked value: {@code i >= v.len()} became
 * {@code i + 1 > v.len()}. The two read the same, except that {@code i + 1} overflows when {@code i} is its type's
 * maximum: a panic in debug builds and, in release, a wrap that lets the check pass and the index below it go out of
 * bounds. tikv adb78ba9 reversed: SQL's {@code ELT(9223372036854775807, ..)} overflowed the check on a user's i64.
 */
public final class BoundCheckOverflows implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN29", RiskArea.PANICS, Severity.MEDIUM,
            "bound check rewritten to overflow",
            "A line the change adds in a non-test fn compares `x + k` (a literal `k`) with a length (`v.len()`, "
                    + "`v.len() as i64`), and before the change the same fn compared `x` itself with that length (or, "
                    + "on a line the change removes, with anything): the addition overflows when `x` is its type's "
                    + "maximum, which the direct comparison never did.",
            "It needs the old comparison in the same fn: an addition written into a new check, or a bound other "
                    + "than a `len()`, is not reported.",
            "arithmetic_side_effects");

    private static final String NAME = "((?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}[A-Za-z_]\\w*)";
    private static final String LEN = "((?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}[A-Za-z_]\\w*\\s*\\.\\s*len\\s*\\(\\s*\\)"
            + "(?:\\s+as\\s+[iu](?:8|16|32|64|128|size))?)";
    private static final String OP = "\\s*(>=|<=|>|<)\\s*";
    /** {@link #OP} without its group, where the operator need not be read. */
    private static final String ANY_OP = "\\s*(?:>=|<=|>|<)\\s*";
    /** {@code x + 1 > v.len()}: groups name, addend, length. */
    private static final Pattern ADDED_LEFT = Pattern.compile(
            "(?<![\\w.])" + NAME + "\\s*\\+\\s*(\\d+)" + ANY_OP + LEN
                    + "(?![\\w.(])");
    /** {@code v.len() <= x + 1}: groups length, name, addend. */
    private static final Pattern ADDED_RIGHT = Pattern.compile(
            "(?<![\\w.])" + LEN + ANY_OP + NAME + "\\s*\\+\\s*(\\d+)(?![\\w.(])");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.newText().contains("len")) {
            return out;
        }
        Set<String> reported = new HashSet<>();
        Map<String, ItemOutline.Item> before = null;
        for (boolean left : new boolean[] {true, false}) {
            for (ItemOutline.AddedMatch at : ItemOutline.addedMatches(file, left ? ADDED_LEFT : ADDED_RIGHT)) {
                MatchResult m = at.match();
                String x = (left ? m.group(1) : m.group(2)).replaceAll("\\s+", "");
                String addend = left ? m.group(2) : m.group(3);
                String len = (left ? m.group(3) : m.group(1)).replaceAll("\\s+", " ").replace(" .", ".")
                        .replace(". ", ".");
                if (reported.contains(at.fn().key())) {
                    continue;
                }
                before = before == null ? ItemOutline.before(file).byKey(ItemOutline.Kind.FN) : before;
                ItemOutline.Item was = before.get(at.fn().key());
                String compared = was == null ? null : comparedDirectly(ItemOutline.before(file).body(was), x, len)
                        ? len : removedComparison(file, ItemOutline.before(file), was, x);
                if (compared == null) {
                    continue;
                }
                reported.add(at.fn().key());
                String fn = at.fn().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, at.line(), at.line())
                        .object(fn).object(x)
                        .title("`" + x + " + " + addend + "` in the bound check of `" + fn + "` can overflow")
                        .explanation("Before the change `" + fn + "` compared `" + x + "` with `" + compared + "` "
                                + "directly; now it compares `" + x + " + " + addend + "`. The two agree except when `"
                                + x + "` is near its type's maximum (a value a caller or a user supplies): then the "
                                + "addition panics in debug builds and wraps in release, so the check passes and "
                                + "the index it guards is out of bounds.")
                        .check("Keep the comparison on `" + x + "` itself (`" + x + " >= " + len + "`), or use `"
                                + x + ".checked_add(" + addend + ")`.")
                        .build());
            }
        }
        return out;
    }

    /**
     * The other side of a comparison of {@code x} itself (no arithmetic on it) on a line the change removes from the
     * old fn, or null: uv 48c4357f reversed replaced {@code len_usize > cache_policy_len_start} (the buffer's length
     * less 8, computed safely) by {@code bytes.len() < len_usize + 8} on a length read from the cache file.
     */
    private static String removedComparison(ChangedFile file, ItemOutline before, ItemOutline.Item was, String x) {
        String name = RuleSupport.spacedPath(x);
        Matcher m = Pattern.compile("(?<![\\w.])" + name + "\\s*(?:>=|<=|>|<)\\s*((?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}"
                + "[A-Za-z_]\\w*(?:\\s*\\(\\s*\\))?)(?![\\w.(]|\\s*[+\\-*/])").matcher(before.body(was));
        while (m.find()) {
            if (file.removed(before.line(was.bodyStart() + m.start()))) {
                return m.group(1).replaceAll("\\s+", "");
            }
        }
        return null;
    }

    /** Whether {@code body} compares {@code x} with {@code len} without arithmetic on either side. */
    private static boolean comparedDirectly(String body, String x, String len) {
        String name = RuleSupport.spacedPath(x);
        String length = Pattern.quote(len).replace(".", "\\E\\s*\\.\\s*\\Q").replace(" ", "\\E\\s+\\Q")
                .replace("()", "\\E\\s*\\(\\s*\\)\\Q");
        return Pattern.compile("(?<![\\w.])" + name + OP + length + "(?![\\w.(])|(?<![\\w.])" + length
                        + OP + name + "(?![\\w.(]|\\s*[+\\-*/])")
                .matcher(body).find()
                && !Pattern.compile("(?<![\\w.])" + name + "\\s*[+\\-]\\s*\\d+" + OP + length).matcher(body).find();
    }
}
