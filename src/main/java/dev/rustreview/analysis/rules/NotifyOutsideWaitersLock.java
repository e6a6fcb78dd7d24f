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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC33: a condition variable notified from a fn that never takes the mutex its waiters wait with. A waiter checks
 * its condition and then parks; the mutex it holds across that gap is what makes a notification impossible to miss,
 * but only if the notifier takes the same mutex around its change or its notify. A notifier that skips it can fire
 * between the waiter's check and its park, and the waiter sleeps until its timeout (or forever). qdrant 1edacd57
 * reversed: {@code SaveOnDisk::write} notified {@code change_notification} without {@code notification_lock}, and
 * {@code wait_for} callers missed changes.
 */
public final class NotifyOutsideWaitersLock implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC33", RiskArea.CONCURRENCY, Severity.MEDIUM, "condvar notified without its mutex",
            "In a file that declares a field of type `Condvar` and waits on it (`self.cv.wait*(..)`) in fns that "
                    + "take `self.m.lock()` (or `try_lock()`): a non-test fn that takes none of those mutexes calls "
                    + "`self.cv.notify_one()`/`notify_all()` on a line the change adds, or the change moves that "
                    + "call into it (a helper that locked, inlined).",
            "It reads one file and the fns by their own text: a notifier whose caller holds the mutex, or a "
                    + "condition kept in that mutex's data by a helper, is not told apart.");

    private static final Pattern CONDVAR_FIELD = Pattern.compile("\\b(\\w+)\\s*:\\s*(?:[\\w:]*::)?Condvar\\b");
    /** {@code self.m.lock()} or {@code self.m.try_lock()} (tokio's loom barrier takes its mutex by spinning on it). */
    private static final Pattern LOCKED = Pattern.compile("(?<![\\w.])self\\s*\\.\\s*(\\w+)\\s*\\.\\s*(?:try_)?lock\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("Condvar") || !file.newText().contains("notify_")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        String masked = after.masked();
        Matcher field = CONDVAR_FIELD.matcher(masked);
        Set<String> condvars = new LinkedHashSet<>();
        while (field.find()) {
            condvars.add(field.group(1));
        }
        if (condvars.isEmpty()) {
            return out;
        }
        Map<String, String> oldBodies = new HashMap<>();
        ItemOutline.changedFnPairs(file).forEach(p -> oldBodies.put(p.now().key(), p.oldBody()));
        List<ItemOutline.Item> changed = ItemOutline.changedFns(file);
        for (String cv : condvars) {
            Set<String> mutexes = waitersMutexes(after, masked, cv);
            if (mutexes.isEmpty()) {
                continue;
            }
            Pattern notify = Pattern.compile("(?<![\\w.])self\\s*\\.\\s*" + cv + "\\s*\\.\\s*notify_(?:one|all)\\s*\\(");
            for (ItemOutline.Item fn : changed) {
                String body = masked.substring(fn.bodyStart(), fn.bodyEnd());
                // A notify line the change kept counts when it moved into this fn (a helper that locked inlined).
                String oldBody = oldBodies.get(fn.key());
                boolean movedIn = oldBody != null && !notify.matcher(oldBody).find();
                if (!locksAny(body, mutexes)) {
                    Matcher m = notify.matcher(masked).region(fn.bodyStart(), fn.bodyEnd());
                    while (m.find()) {
                        int line = after.line(m.start());
                        if (movedIn || file.added(line)) {
                            out.add(finding(file, fn.name(), cv, mutexes, line));
                            break;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The mutexes locked by the fns of the file that wait on {@code self.cv}. */
    private static Set<String> waitersMutexes(ItemOutline after, String masked, String cv) {
        Pattern wait = Pattern.compile("(?<![\\w.])self\\s*\\.\\s*" + cv + "\\s*\\.\\s*wait\\w*\\s*\\(");
        Set<String> out = new LinkedHashSet<>();
        for (ItemOutline.Item item : after.items()) {
            if (item.kind() != ItemOutline.Kind.FN || item.bodyStart() >= item.bodyEnd()) {
                continue;
            }
            String body = masked.substring(item.bodyStart(), item.bodyEnd());
            if (wait.matcher(body).find()) {
                Matcher locked = LOCKED.matcher(body);
                while (locked.find()) {
                    out.add(locked.group(1));
                }
            }
        }
        return out;
    }

    private static boolean locksAny(String body, Set<String> mutexes) {
        Matcher locked = LOCKED.matcher(body);
        while (locked.find()) {
            if (mutexes.contains(locked.group(1))) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(ChangedFile file, String fn, String cv, Set<String> mutexes, int line) {
        String names = String.join("`, `self.", mutexes);
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object("self." + cv).object("notify without the waiters' mutex")
                .title("`" + fn + "` notifies `self." + cv + "` without taking `self." + names + "`")
                .explanation("The waiters of `self." + cv + "` hold `self." + names + "` between checking their "
                        + "condition and parking, so that a notification cannot fall in that gap. `" + fn + "` never "
                        + "takes that mutex: its `notify` can fire after a waiter has checked and before it parks, "
                        + "and the waiter sleeps until its timeout, or forever, although the condition already holds.")
                .check("Take `self." + names + "` around the change or the `notify` (or keep the condition in that "
                        + "mutex's data), as the waiters do.")
                .build();
    }
}
