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
 * AL22: a task checks shared state under a guard, releases the guard, and only then creates the {@code Notified}
 * future it will wait on. {@code Notify::notify_waiters()} wakes only the {@code Notified} futures that exist when it
 * is called and stores no permit, so a notification sent between the release and {@code notified()} is lost and
 * the task waits for one that already happened. tikv client-rust 9a7eff25 reversed: a region lookup that found a
 * load in flight dropped the cache guard, then called {@code notify.notified().await}, and hung when the loader's
 * {@code notify_waiters()} fell in that window. tokio documents the fix: create the future (and {@code enable()} it)
 * before the check, await it after.
 */
public final class NotifiedAfterRelease implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL22", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "Notified future created after the lock is released",
            "In a non-test fn the change touches, in a file that calls `notify_waiters()`: a guard bound with "
                    + "`let g = x.lock()`/`.read()`/`.write()` (awaited or unwrapped) is released by `drop(g)`, and the "
                    + "first `.notified()` after that release comes with no `.notified()` between the guard and its "
                    + "release, when the change adds the `.notified()` line or the `drop(g)`.",
            "It reads one fn and one file: a `notify_waiters()` in another file of the crate, or a wait that "
                    + "re-checks the state under a timeout, is not told apart.");

    private static final Pattern GUARD = Pattern.compile("\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*(?::[^=;]{1,80})?=\\s*"
            + "[^;]{1,160}?\\.\\s*(?:lock|read|write)\\s*\\(\\s*\\)\\s*(?:\\.\\s*await\\s*)?(?:\\.\\s*(?:unwrap|expect)\\s*\\([^;]{0,80}?\\)\\s*)?;");
    private static final Pattern NOTIFIED = Pattern.compile("\\.\\s*notified\\s*\\(\\s*\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("notify_waiters") || !file.newText().contains("notified")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        String masked = after.masked();
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            Matcher guard = GUARD.matcher(masked).region(fn.bodyStart(), fn.bodyEnd());
            while (guard.find()) {
                String name = guard.group(1);
                Matcher drop = Pattern.compile("\\bdrop\\s*\\(\\s*" + name + "\\s*\\)\\s*;").matcher(masked)
                        .region(guard.end(), fn.bodyEnd());
                if (!drop.find() || NOTIFIED.matcher(masked).region(guard.end(), drop.start()).find()) {
                    continue;
                }
                Matcher notified = NOTIFIED.matcher(masked).region(drop.end(), fn.bodyEnd());
                if (!notified.find()) {
                    continue;
                }
                int line = after.line(notified.start());
                int dropLine = after.line(drop.start());
                if (file.added(line) || file.added(dropLine)) {
                    out.add(finding(file, fn.name(), name, dropLine, line));
                    break;
                }
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, String fn, String guard, int dropLine, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(guard).object("notified after release")
                .title("`" + fn + "` creates its `Notified` future after releasing `" + guard + "`")
                .explanation("Line " + dropLine + " drops `" + guard + "`, the guard under which `" + fn + "` looked at "
                        + "the shared state, and line " + line + " only then calls `.notified()`. This file wakes waiters "
                        + "with `notify_waiters()`, which wakes only the `Notified` futures that already exist and keeps "
                        + "no permit: a notification sent between the two lines is lost, and the task waits for an "
                        + "event that already happened, possibly forever.")
                .check("Create the future while the guard is held (`let notified = notify.notified();`, pinned and "
                        + "`enable()`d if needed), drop the guard, then `notified.await`.")
                .build();
    }
}
