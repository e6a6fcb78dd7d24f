package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part of CC5 (lost wake-up): a release path that notified waiters before the change and no longer does. A
 * release path is a guard's {@code Drop::drop}, a fn named {@code unlock*}/{@code release*}, or a pool's or
 * semaphore's give-back ({@code put_back}, {@code return_*}, {@code add_permits}); it changes the
 * lock's state so that waiters may proceed, and a waiter parked on an event, condvar or waker only learns that
 * through the notify. When the change deletes the notify (or the whole {@code Drop} impl that held it) while
 * the type stays, a waiter that parked before the release sleeps forever: a deadlock under contention that
 * single-threaded tests never show.
 */
final class ReleaseWithoutNotify {

    /**
     * {@code .notify(1)}, {@code .notify_one()}, {@code .wake()}, {@code .wake_by_ref()}, {@code .unpark()} ..., and
     * parking_lot_core's free functions ({@code parking_lot_core::unpark_all(key, token)}: once_cell's initializer
     * guard woke its parked waiters this way).
     */
    static final Pattern WAKE = Pattern.compile("(?:\\.\\s*(notify\\w*|wake(?:_\\w+)?|unpark\\w*)"
            + "|(?:^|[^\\w.])(?:parking_lot_core\\s*::\\s*)?(unpark_(?:one|all|filter|requeue)))\\s*(?:::\\s*<[^>]*>\\s*)?\\(");
    /**
     * A lock's {@code unlock*}/{@code release*}, and what gives a resource back to waiters elsewhere: a pool's
     * {@code put_back}/{@code give_back}/{@code return_*}/{@code check_in} (bb8 cd5c5106: dropping a broken
     * connection there stopped waking the tasks waiting in {@code get()}), a semaphore's {@code add_permits}.
     */
    private static final Pattern RELEASE_FN = Pattern.compile("(?:unlock|release)\\w*|\\w*_(?:unlock|release)"
            + "|put_back|give_back|return_\\w+|check_?in|add_permits");
    /** A call that may release (and so notify) on the release path's behalf. */
    private static final Pattern DELEGATE = Pattern.compile("\\b(?:\\w*unlock\\w*|\\w*release\\w*|drop)\\s*\\(");

    private ReleaseWithoutNotify() {
    }

    static List<Finding> check(ChangedFile file, RuleInfo rule) {
        if (!file.isRust() || file.oldText() == null || file.newText() == null) {
            return List.of();
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        Map<String, ItemOutline.Item> newFns = after.byKey(ItemOutline.Kind.FN);
        Map<String, ItemOutline.Item> newStructs = after.byKey(ItemOutline.Kind.STRUCT);
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.Item was : before.byKey(ItemOutline.Kind.FN).values()) {
            String owner = dropOwner(was);
            if (owner == null && !RELEASE_FN.matcher(was.name()).matches()) {
                oneWaiterLeftOut(file, rule, before, after, was, newFns.get(was.key()), out);
                continue;
            }
            Set<String> wakes = wakes(before.body(was));
            if (wakes.isEmpty() || !file.anyRemoved(before.line(was.bodyStart()), before.endLine(was))) {
                continue;
            }
            ItemOutline.Item now = newFns.get(was.key());
            if (now != null) {
                String body = after.body(now);
                if (wakes(body).isEmpty() && !DELEGATE.matcher(body).find()) {
                    out.add(finding(file, rule, after.headerLine(now), after.endLine(now), releaseName(was, owner),
                            wakes, false));
                }
            } else if (owner != null) {
                newStructs.values().stream().filter(s -> s.name().equals(owner)).findFirst().ifPresent(s ->
                        out.add(finding(file, rule, after.headerLine(s), Math.max(after.headerLine(s), after.endLine(s)),
                                releaseName(was, owner), wakes, true)));
            }
        }
        return out;
    }

    /** The type whose {@code Drop::drop} this fn is, or null. */
    private static String dropOwner(ItemOutline.Item fn) {
        if (!fn.name().equals("drop")) {
            return null;
        }
        Matcher m = Pattern.compile("::impl Drop for (\\w+)::drop(?:#\\d+)?$").matcher(fn.key());
        return m.find() ? m.group(1) : null;
    }

    private static String releaseName(ItemOutline.Item fn, String owner) {
        return owner != null ? "`Drop` of `" + owner + "`" : "`" + fn.name() + "`";
    }

    /**
     * Any fn that woke several kinds of waiters ({@code notify_send()}, {@code notify_recv()}) and, after the change,
     * still wakes some but no longer one of them: the fn still changes the state they all wait on, and the waiters
     * left out sleep through it (h2's {@code set_reset} lost {@code notify_send()} this way).
     */
    private static void oneWaiterLeftOut(ChangedFile file, RuleInfo rule, ItemOutline before, ItemOutline after,
                                         ItemOutline.Item was, ItemOutline.Item now, List<Finding> out) {
        if (now == null) {
            return;
        }
        String oldBody = before.body(was);
        Set<String> oldWakes = wakes(oldBody);
        if (oldWakes.size() < 2 || !file.anyRemoved(before.line(was.bodyStart()), before.endLine(was))) {
            return;
        }
        String newBody = after.body(now);
        Set<String> newWakes = wakes(newBody);
        Set<String> gone = new LinkedHashSet<>(oldWakes);
        gone.removeAll(newWakes);
        if (newWakes.isEmpty() || gone.isEmpty() || DELEGATE.matcher(newBody).find()) {
            return;
        }
        String left = "`" + String.join("()`, `", gone) + "()`";
        String kept = "`" + String.join("()`, `", newWakes) + "()`";
        out.add(FindingBuilder.lines(rule, file, Side.NEW, after.headerLine(now), after.endLine(now))
                .severity(Severity.MEDIUM)
                .object("`" + now.name() + "`").object("one waiter left out: " + String.join(",", gone))
                .title("`" + now.name() + "` still calls " + kept + " but no longer " + left)
                .explanation("Before the change, `" + now.name() + "` woke every kind of waiter it affects (" + "`"
                        + String.join("()`, `", oldWakes) + "()`); the change removes " + left + " and keeps the "
                        + "others. Whoever parked on the one left out is not told that the state changed, and may "
                        + "sleep forever (a lost wake-up that no single-threaded test shows).")
                .check("Check whether the tasks woken by " + left + " can be waiting when `" + now.name()
                        + "` runs; if they can, keep the call.")
                .build());
    }

    static Set<String> wakes(String body) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = WAKE.matcher(body);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }

    private static Finding finding(ChangedFile file, RuleInfo rule, int start, int end, String release,
                                   Set<String> wakes, boolean dropRemoved) {
        String calls = "`" + String.join("()`, `", wakes) + "()`";
        return FindingBuilder.lines(rule, file, Side.NEW, start, end)
                .severity(Severity.MEDIUM)
                .object(release).object("notify removed from release path")
                .title((dropRemoved ? release + " removed: " : release + " no longer notifies: ")
                        + "waiters may never wake")
                .explanation("Before the change, " + release + " called " + calls + " after giving the lock or "
                        + "resource back; " + (dropRemoved ? "the change removes that `Drop` impl while the type stays"
                        : "the change removes the call") + ", so nothing tells a waiter that parked before the release "
                        + "that it may proceed. Under contention that waiter sleeps forever (a lost wake-up); "
                        + "single-threaded tests do not show it.")
                .check("Check that every path that releases still wakes the next waiter (or that nobody can be "
                        + "waiting); moving the notify into a helper is fine if every release path still calls it.")
                .build();
    }
}
