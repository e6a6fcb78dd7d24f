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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US26: the limit check on an atomic count removed while the fn still increments it. {@code Arc::downgrade} read the
 * weak count, {@code assert!(cur <= MAX_REFCOUNT)}, then {@code compare_exchange_weak(cur, cur + 1, ..)}; without the
 * check, enough {@code mem::forget}-ed clones wrap the count to zero, the value is freed while references remain, and
 * safe code reads freed memory (portable-atomic 503f3fef reversed, the hole also found in std's {@code Arc}).
 */
public final class CountLimitRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US26", RiskArea.UNSAFE, Severity.HIGH,
            "limit check on an atomic count removed",
            "In a non-test fn that stays and updates an atomic (`compare_exchange*`, `fetch_add`, `fetch_update`), "
                    + "the change removes a line comparing a name with a maximum (`cur <= MAX_REFCOUNT`, "
                    + "`old > isize::MAX as usize`, either order) while the new body still increments that name "
                    + "(`cur + 1`, or binds it from `fetch_add`) and compares it with no maximum any more.",
            "It reads one fn's text: a limit enforced by the caller or by a wider counter type is not seen.");

    private static final String MAX = "(?:\\b[A-Z0-9_]*MAX[A-Z0-9_]*|(?:[iu](?:size|8|16|32|64|128))\\s*::\\s*MAX)";
    private static final Pattern COMPARED = Pattern.compile("\\b([a-z_]\\w*)\\s*(?:<=|>=|<|>)\\s*" + MAX
            + "|" + MAX + "\\s*(?:<=|>=|<|>)\\s*([a-z_]\\w*)\\b");
    private static final Pattern ATOMIC_UPDATE = Pattern.compile("\\.\\s*(?:compare_exchange\\w*|fetch_add|fetch_update)\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("MAX")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String old = pair.oldBody();
            String now = pair.newBody();
            if (out.size() >= 8 || !ATOMIC_UPDATE.matcher(now).find()) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            Matcher c = COMPARED.matcher(old);
            while (c.find() && names.size() < 8) {
                if (pair.removedAt(file, c.start())) {
                    names.add(c.group(1) != null ? c.group(1) : c.group(2));
                }
            }
            for (String name : names) {
                String q = Pattern.quote(name);
                Matcher still = COMPARED.matcher(now);
                boolean compared = false;
                while (still.find()) {
                    compared |= name.equals(still.group(1) != null ? still.group(1) : still.group(2));
                }
                Matcher inc = Pattern.compile("(?<![\\w.])" + q + "\\s*\\+\\s*1\\b|\\blet\\s+(?:mut\\s+)?" + q
                        + "\\s*=\\s*[^;]{0,200}?\\.\\s*fetch_add\\s*\\(").matcher(now);
                if (compared || !inc.find()) {
                    continue;
                }
                int line = pair.after().line(pair.now().bodyStart() + inc.start());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(pair.now().name()).object(name + " limit")
                        .title("`" + pair.now().name() + "` increments `" + name + "` without its limit check")
                        .explanation("Before the change `" + pair.now().name() + "` compared `" + name + "` with a "
                                + "maximum before (or right after) the atomic increment, and aborted or panicked "
                                + "beyond it. The check is gone and the increment stays: a count that can be raised "
                                + "without bound (clones passed to `mem::forget` in a loop) wraps to zero, the "
                                + "object is freed while references to it remain, and safe code reads freed memory.")
                        .check("Keep the comparison with the maximum (`assert!(" + name + " <= MAX_REFCOUNT)` before "
                                + "the compare-exchange, or abort after `fetch_add` returns a count above it).")
                        .build());
                break;
            }
        }
        return out;
    }
}
