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
 * CC37: {@code if flag.swap(v, ..) { return .. }} (or a {@code compare_exchange} test) replaced by a plain
 * {@code flag.store(v, ..)}: the old code knew whether another caller had already set the flag and left; the new one
 * carries on in both. cloud-hypervisor e5dbf524 reversed: a second {@code pause} waited on a barrier for workers that
 * were already parked, and deadlocked.
 */
public final class SwapTestReplacedByStore implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC37", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "test-and-set replaced by a plain store",
            "In a non-test fn that stays, the change removes an `if` whose condition is `x.swap(v, ..)` (or "
                    + "`x.compare_exchange(..)`/`compare_exchange_weak(..)`) on an atomic `x`, adds `x.store(v, ..)`, "
                    + "and no swap or compare-exchange of `x` is left in the fn.",
            "It matches the atomic by its path within one fn: a test moved into a helper, or a lock that now makes "
                    + "the store exclusive, is not seen.");

    private static final String PATH = "((?:[A-Za-z_]\\w*\\s*\\.\\s*){0,4}[A-Za-z_]\\w*)";
    private static final Pattern TESTED = Pattern.compile("\\bif\\s+(?:let\\s+[^=]{1,80}=\\s*)?!?\\s*" + PATH
            + "\\s*\\.\\s*(swap|compare_exchange(?:_weak)?)\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Matcher was = TESTED.matcher(pair.oldBody());
            while (was.find()) {
                // a test that stays is still in the new body, which the check below skips
                String atomic = was.group(1).replaceAll("\\s+", "");
                String quoted = RuleSupport.spacedPath(atomic);
                String now = pair.newBody();
                if (Pattern.compile("(?<![\\w.])" + quoted + "\\s*\\.\\s*(?:swap|compare_exchange(?:_weak)?|fetch_\\w+)\\s*\\(")
                        .matcher(now).find()) {
                    continue;
                }
                Matcher store = Pattern.compile("(?<![\\w.])" + quoted + "\\s*\\.\\s*store\\s*\\(").matcher(now);
                while (store.find()) {
                    int line = pair.after().line(pair.now().bodyStart() + store.start());
                    if (file.added(line)) {
                        out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                                .object(pair.now().name()).object(atomic)
                                .title("`" + atomic + "." + was.group(2) + "(..)` test replaced by a plain `store` in `"
                                        + pair.now().name() + "`")
                                .explanation("Before the change `" + pair.now().name() + "` set `" + atomic + "` and "
                                        + "learned in the same atomic step whether it had already been set, and left "
                                        + "early if so. `store` does not tell: two callers (or a second call) both go "
                                        + "on, and what the early exit prevented (waiting for workers that are already "
                                        + "parked, starting a thing twice, freeing twice) runs again.")
                                .check("Keep the test-and-set (`if " + atomic + ".swap(v, ..) { return .. }`), or show "
                                        + "that only one caller can reach this line.")
                                .build());
                        break;
                    }
                }
                break;
            }
        }
        return out;
    }
}
