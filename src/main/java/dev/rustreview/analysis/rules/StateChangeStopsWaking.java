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
import java.util.regex.Pattern;

/**
 * AL11: a fn that changes state a task may be waiting on stops waking that task. Before the change the fn woke a
 * waker ({@code self.wake()}, {@code waker.wake()}, {@code wake_by_ref()}); after it the fn still writes the state
 * ({@code self.eof = true}, {@code self.err = Some(e)}) and wakes nothing, while other fns of the file still wake
 * on their state changes. A task that polled, found nothing and returned {@code Pending} is never polled again:
 * actix-web d3c46537b reversed, where a payload's error and end of stream left its reader pending forever. Release
 * paths (a {@code Drop}, an {@code unlock}) are CC5's; condvars and {@code Notify} are concurrency, not a task's waker.
 */
public final class StateChangeStopsWaking implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("AL11", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "state change no longer wakes the task",
            "In a non-test fn that stays (not a release path, which is CC5's), the change deletes every call of a "
                    + "waker (`.wake()`, `.wake_by_ref()`, `self.wake()`-like methods) while the fn still writes a "
                    + "`self.` field (`self.eof = true`, `self.items.push(..)`), and other fns of the file still call "
                    + "one: the task that waits for that state is not polled again.",
            "It reads one file: a wake moved into a helper the fn calls, or into the caller, reads as removed, and "
                    + "it cannot tell whether any task can be waiting when the fn runs.");

    private static final Pattern TASK_WAKE = Pattern.compile("\\.\\s*wake(?:_\\w+)?\\s*\\(");
    private static final Pattern RELEASE_FN = Pattern.compile("drop|(?:unlock|release)\\w*|\\w*_(?:unlock|release)"
            + "|put_back|give_back|return_\\w+|check_?in|add_permits");
    private static final Pattern WRITES_STATE = Pattern.compile("\\bself\\s*\\.\\s*[\\w.]+\\s*(?:=(?!=)|\\+=|-=|\\|=)"
            + "|\\bself\\s*\\.\\s*[\\w.]+\\s*\\.\\s*(?:push\\w*|insert|extend\\w*|set|store|replace)\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        List<ItemOutline.FnPair> pairs = ItemOutline.changedFnPairs(file);
        if (pairs.isEmpty()) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        Boolean wakesElsewhere = null; // read once per file, when first needed
        for (ItemOutline.FnPair pair : pairs) {
            if (RELEASE_FN.matcher(pair.now().name()).matches() || !TASK_WAKE.matcher(pair.oldBody()).find()) {
                continue;
            }
            String body = pair.newBody();
            if (TASK_WAKE.matcher(body).find() || !WRITES_STATE.matcher(body).find()) {
                continue;
            }
            // the fn's new body calls no waker, so any call in the file is in another fn
            wakesElsewhere = wakesElsewhere != null ? wakesElsewhere : TASK_WAKE.matcher(after.masked()).find();
            if (!wakesElsewhere) {
                continue;
            }
            int header = after.headerLine(pair.now());
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, header, after.endLine(pair.now()))
                    .object("`" + pair.now().name() + "`").object("wake removed")
                    .title("`" + pair.now().name() + "` changes state but no longer wakes the waiting task")
                    .explanation("Before the change `" + pair.now().name() + "` woke a waker after changing state; now "
                            + "it still writes `self`'s fields and wakes nothing, while other fns of this file still "
                            + "wake on their changes. A task that polled before this call, saw no data and returned "
                            + "`Pending` relies on that wake to be polled again: without it, it waits forever (a lost "
                            + "wake-up that a test polling in a loop never shows).")
                    .check("Check whether a task can be waiting when `" + pair.now().name() + "` runs (a reader "
                            + "pending on the state it sets); if it can, keep the wake.")
                    .build());
        }
        return out;
    }
}
