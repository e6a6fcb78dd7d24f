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
 * ER38: the error path no longer releases the tasks that wait for the outcome. A semaphore's
 * {@code add_permits(..)}, a {@code Notify}'s {@code notify_waiters()} or a condvar's {@code notify_all()} in an
 * {@code Err} branch is what wakes whoever waits for startup, a result or a slot;
 * deleted there, the failure returns and the waiters wait forever. kameo 445fff27 reversed: an actor whose
 * {@code on_start} failed never released the startup semaphore, and {@code wait_for_startup} hung.
 */
public final class WaitersNotReleasedOnError implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER38", RiskArea.ERRORS, Severity.MEDIUM, "waiters not released on error",
            "In a non-test fn that stays, the change deletes `x.add_permits(..)`, `x.notify_waiters()`, "
                    + "`x.notify_all()` or `x.notify_one()` from an error path (an `Err(..) =>` arm, an "
                    + "`if let Err(..) = ..` block, a block that returns `Err(..)`, or the closure of `.map_err(..)`, "
                    + "`.inspect_err(..)`, `.or_else(..)`), and the new fn makes that call on `x` nowhere.",
            "It reads one fn: waiters released by a guard's `Drop`, by a helper, or by the caller on the error it "
                    + "receives are not seen.");

    private static final Pattern RELEASE = Pattern.compile("(?<![\\w.])((?:self\\s*\\.\\s*)?[a-z_][\\w.]{0,80}?)\\s*\\.\\s*"
            + "(add_permits|notify_waiters|notify_all|notify_one)\\s*\\(");
    private static final Pattern ERROR_HEADER = Pattern.compile("\\bErr\\s*\\(|\\b(?:map_err|inspect_err|or_else)\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !Pattern.compile("add_permits|notify_").matcher(file.oldText()).find()) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String masked = pair.before().masked();
            Matcher m = RELEASE.matcher(masked).region(pair.was().bodyStart(), pair.was().bodyEnd());
            Unguarded.Blocks blocks = null;
            int looked = 0;
            while (m.find() && looked++ < 32) {
                if (!file.removed(pair.before().line(m.start()))) {
                    continue;
                }
                String target = RuleSupport.squeezed(m.group(1));
                String method = m.group(2);
                if (Pattern.compile("(?<![\\w.])" + RuleSupport.spacedPath(target) + "\\s*\\.\\s*" + method + "\\s*\\(")
                        .matcher(pair.newBody()).find()) {
                    continue;
                }
                if (blocks == null) {
                    blocks = new Unguarded.Blocks(masked, pair.was().bodyStart(), pair.was().bodyEnd());
                }
                int block = blocks.innermost(m.start());
                if (block < 0 || !ERROR_HEADER.matcher(blocks.header(block)).find()
                        && !DoneFlagSkippedOnError.errorPath(masked, blocks, block)) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, DoneFlagSkippedOnError.anchor(file, pair),
                                DoneFlagSkippedOnError.anchor(file, pair))
                        .object(fn).object(target + "." + method)
                        .title("`" + fn + "` no longer calls `" + target + "." + method + "(..)` when it fails")
                        .explanation("Before the change the error path of `" + fn + "` called `" + target + "."
                                + method + "(..)`, which wakes the tasks or threads that wait on `" + target + "` (for "
                                + "startup, a result, a free slot). The change deletes it and nothing else in `" + fn
                                + "` does it: when this fails, the error returns and whoever waits on `" + target
                                + "` waits forever (a hang with no error to show for it).")
                        .check("Release the waiters on the error path as well (or from a guard's `Drop` so every exit "
                                + "does), and test the failing path with a waiter.")
                        .build());
                break;
            }
        }
        return out;
    }
}
