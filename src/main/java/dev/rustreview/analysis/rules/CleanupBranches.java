package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conditional branches the change deletes whole whose body completed, removed, released, cancelled or woke
 * something: {@code if let Some(res) = reservation.take() { res.complete(&event) }} before an early return,
 * {@code if let Some(e) = event { e.remove(listener) }} before re-inserting, a match arm
 * {@code Completed(_) => { ops.remove(index); }} turned into {@code => ()}. The fn stays and the call is gone
 * from the file (not moved), so the path that used to clean up now leaves the entry, the reservation or the
 * waiter behind.
 */
final class CleanupBranches {

    static final Pattern CLEANUP = Pattern.compile(
            "\\.\\s*(complete\\w*|remove|unregister\\w*|deregister\\w*|release\\w*|cancel\\w*|notify\\w*|wake(?:_\\w+)?|unpark)"
                    + "\\s*\\(");
    /** A branch longer than this is not one cleanup step (and scanning each nested one would be quadratic). */
    static final int MAX_BLOCK = 20_000;
    /** A lock taken earlier in the fn: data reached through its guard is shared state. */
    private static final Pattern LOCK = Pattern.compile("\\.\\s*(?:lock|write|try_lock|try_write|borrow_mut)\\s*\\(\\s*\\)");

    /** A deleted cleanup branch: where its fn is now, the call, the branch's header, and whether under a lock. */
    record Removed(ItemOutline.Item fn, int line, String call, String header, boolean locked) {
    }

    private CleanupBranches() {
    }

    static List<Removed> in(ChangedFile file) {
        List<Removed> out = new ArrayList<>();
        Map<String, Boolean> movedByName = new java.util.HashMap<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            ItemOutline before = pair.before();
            ItemOutline after = pair.after();
            ItemOutline.Item was = pair.was();
            ItemOutline.Item now = pair.now();
            String masked = before.masked();
            Unguarded.Blocks blocks = new Unguarded.Blocks(masked, was.bodyStart(), was.bodyEnd());
            for (int i = 0; i < blocks.size(); i++) {
                if (blocks.close(i) - blocks.open(i) > MAX_BLOCK || !blocks.isConditional(i)
                        || !wholeBlockRemoved(file, before, blocks, i)) {
                    continue;
                }
                Matcher call = CLEANUP.matcher(masked).region(blocks.open(i), blocks.close(i));
                if (!call.find()) {
                    continue;
                }
                String name = call.group(1);
                boolean moved = movedByName.computeIfAbsent(name, n -> {
                    Pattern same = Pattern.compile("\\.\\s*" + Pattern.quote(n) + "\\s*\\(");
                    return RuleSupport.count(same, after.masked()) >= RuleSupport.count(same, masked);
                });
                if (moved) {
                    continue; // moved, not removed
                }
                boolean locked = LOCK.matcher(masked).region(was.bodyStart(), blocks.open(i)).find();
                out.add(new Removed(now, WakeupPathRemoved.firstAdded(file, after, now), name, blocks.condition(i), locked));
                break;
            }
        }
        return out;
    }

    private static boolean wholeBlockRemoved(ChangedFile file, ItemOutline outline, Unguarded.Blocks blocks, int i) {
        int from = outline.line(blocks.open(i));
        int to = outline.line(blocks.close(i));
        if (to - from > 200) {
            return false;
        }
        for (int line = from; line <= to; line++) {
            if (!file.removed(line)) {
                return false;
            }
        }
        return true;
    }
}
