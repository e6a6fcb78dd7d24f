package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part of CC4: the change deletes an {@code if} whose condition was an atomic read-modify-write ({@code swap},
 * {@code compare_exchange}, {@code fetch_*}) from a fn that still frees shared memory ({@code Box::from_raw},
 * {@code dealloc}, {@code drop_in_place}). Such a condition is how two owners agree that exactly one of them
 * frees ("the second to arrive destroys"); once the decision comes from anything else (a callback's result, a
 * plain read), both can free (double free) or one can free while the other still uses it.
 */
final class FreeHandshakeRemoved {

    private static final Pattern RMW_IF = Pattern.compile(
            "\\bif\\b[^{]*\\.\\s*(swap|compare_exchange(?:_weak)?|compare_and_(?:swap|set)(?:_weak)?|fetch_\\w+)\\s*\\(");
    private static final Pattern RMW = Pattern.compile(
            "\\.\\s*(swap|compare_exchange(?:_weak)?|compare_and_(?:swap|set)(?:_weak)?|fetch_\\w+)\\s*\\(");
    private static final Pattern FREE = Pattern.compile(
            "\\bBox::from_raw\\s*\\(|\\bdealloc\\s*\\(|\\bdrop_in_place\\s*\\(|\\.\\s*defer_destroy\\s*\\(");

    private FreeHandshakeRemoved() {
    }

    static List<Finding> check(ChangedFile file, RuleInfo rule) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            ItemOutline before = pair.before();
            ItemOutline after = pair.after();
            ItemOutline.Item was = pair.was();
            ItemOutline.Item now = pair.now();
            String oldBody = before.body(was);
            String newBody = after.body(now);
            Matcher free = FREE.matcher(newBody);
            if (!free.find() || RuleSupport.count(RMW, newBody) >= RuleSupport.count(RMW, oldBody)) {
                continue;
            }
            Matcher gate = RMW_IF.matcher(oldBody);
            boolean found = false;
            while (gate.find()) {
                int line = before.line(was.bodyStart() + gate.start());
                if (file.removed(line)) {
                    int freeLine = after.line(now.bodyStart() + free.start());
                    out.add(finding(file, rule, now.name(), gate.group(1), freeLine, true));
                    found = true;
                    break;
                }
            }
            // A read-modify-write step removed before the free: the CAS that moved a pointer (a queue's tail)
            // off the node being retired, so no other thread can still reach it.
            Matcher oldFree = FREE.matcher(oldBody);
            int firstFree = oldFree.find() ? oldFree.start() : -1;
            Matcher step = RMW.matcher(oldBody);
            while (!found && step.find() && step.start() < firstFree) {
                if (file.removed(before.line(was.bodyStart() + step.start()))) {
                    int freeLine = after.line(now.bodyStart() + free.start());
                    out.add(finding(file, rule, now.name(), step.group(1), freeLine, false));
                    found = true;
                }
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, RuleInfo rule, String fn, String rmw, int freeLine, boolean gate) {
        if (!gate) {
            return FindingBuilder.lines(rule, file, Side.NEW, freeLine, freeLine)
                    .severity(Severity.MEDIUM)
                    .object(fn).object("atomic " + rmw + " before a free removed")
                    .title("Atomic `" + rmw + "` before the free in `" + fn + "` removed")
                    .explanation("Before the change, `" + fn + "` made an atomic `" + rmw + "` before freeing memory "
                            + "on line " + freeLine + " (in a lock-free structure, the step that moves another "
                            + "pointer, a queue's tail, off the node about to be retired). The change deletes it and "
                            + "keeps the free: if another pointer can still reach the freed node, a thread following it "
                            + "uses freed memory.")
                    .check("Check every shared pointer that can point at what line " + freeLine + " frees, and that "
                            + "each is moved away (or the free deferred) before it.")
                    .build();
        }
        return FindingBuilder.lines(rule, file, Side.NEW, freeLine, freeLine)
                .severity(Severity.MEDIUM)
                .object(fn).object("atomic " + rmw + " deciding a free removed")
                .title("Atomic `" + rmw + "` that decided who frees removed from `" + fn + "`")
                .explanation("Before the change, `" + fn + "` freed memory only when an atomic `" + rmw + "` in an "
                        + "`if` said so: one read-modify-write that lets exactly one of two racing owners win. The "
                        + "change deletes that condition, and the free on line " + freeLine + " is now decided by "
                        + "something that is not one atomic step, so two owners can both free (double free) or one can "
                        + "free while the other still uses it.")
                .check("Check which threads can reach line " + freeLine + " at the same time and what decides that "
                        + "only the last one frees; keep a `swap`/`fetch_sub` handshake if two sides can race.")
                .build();
    }
}
