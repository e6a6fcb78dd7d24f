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
                    + "`x.notify_all()`, `x.notify_one()` or a send to a waiter (`waiter.send(..)`) from an error or "
                    + "miss path, or a block up to three levels inside one (an `Err(..) =>` or `None =>` arm, an "
                    + "`if let Err(..) = ..` block, a block that returns `Err(..)`, or the closure of `.map_err(..)`, "
                    + "`.inspect_err(..)`, `.or_else(..)`), and the new fn makes that call on `x` nowhere.",
            "It reads one fn: waiters released by a guard's `Drop`, by a helper, or by the caller on the error it "
                    + "receives are not seen.");

    private static final Pattern RELEASE = Pattern.compile("(?<![\\w.])((?:self\\s*\\.\\s*)?[a-z_][\\w.]{0,80}?)\\s*\\.\\s*"
            + "(add_permits|notify_waiters|notify_all|notify_one|send)\\s*\\(");
    private static final Pattern ERROR_HEADER = Pattern.compile("\\bErr\\s*\\(|\\b(?:map_err|inspect_err|or_else)\\s*\\("
            + "|^None\\s*=>");
    /** A send releases waiters when it goes to one: {@code waiter.send(None)}, {@code self.waiters[i].send(..)}. */
    private static final Pattern WAITER = Pattern.compile("(?i)waiter");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !Pattern.compile("add_permits|notify_|(?i:waiter)").matcher(file.oldText()).find()) {
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
                if (method.equals("send") && !WAITER.matcher(target).find()) {
                    continue;
                }
                String last = target.substring(target.lastIndexOf('.') + 1);
                if (Pattern.compile("(?<![\\w])" + Pattern.quote(last) + "\\s*\\.\\s*" + method + "\\s*\\(")
                        .matcher(pair.newBody()).find()) {
                    continue; // still made, perhaps through a renamed owner (`inner.cond` became `shared.cond`)
                }
                if (blocks == null) {
                    blocks = new Unguarded.Blocks(masked, pair.was().bodyStart(), pair.was().bodyEnd());
                }
                if (!onErrorPath(masked, blocks, blocks.innermost(m.start()))) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, DoneFlagSkippedOnError.anchor(file, pair),
                                DoneFlagSkippedOnError.anchor(file, pair))
                        .object(fn).object(target + "." + method)
                        .title("`" + fn + "` no longer calls `" + target + "." + method + "(..)` when it fails or finds nothing")
                        .explanation("Before the change the error (or miss) path of `" + fn + "` called `" + target + "."
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

    /**
     * Whether the block, or one of the three blocks around it, is an error or miss path: an {@code Err(..)} or
     * {@code None =>} arm, an {@code if let Err(..)} block, an error closure, or a block that returns an error (foyer
     * a6604865 reversed: the waiters were sent {@code None} inside a loop inside the leader's {@code None =>} arm).
     */
    private static boolean onErrorPath(String masked, Unguarded.Blocks blocks, int block) {
        if (block >= 0 && DoneFlagSkippedOnError.errorPath(masked, blocks, block)) {
            return true; // the block itself returns an error
        }
        // around it, only a header says so: a block that merely holds an `Err(..) =>` arm somewhere is no error path
        // (r2d2 0ed28e71's `Ok(conn) =>` arm sits in a match that also has one)
        for (int b = block, up = 0; b >= 0 && up < 4; b = blocks.parent(b), up++) {
            if (ERROR_HEADER.matcher(blocks.header(b)).find()) {
                return true;
            }
        }
        return false;
    }
}
