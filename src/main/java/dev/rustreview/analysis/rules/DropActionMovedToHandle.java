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
 * AL16: a final action (kill, shutdown, close, cancel) moved from the {@code Drop} of a shared state to the
 * {@code Drop} of a handle that holds that state in an {@code Arc}. Before the change the action ran when the last
 * reference went away; now it runs when this one handle is dropped, while clones of the {@code Arc} (a future
 * still waiting on the state, another handle) keep using what was just killed. async-process 6ea203d78 reversed:
 * {@code Child::output()} consumed the {@code Child}, whose {@code Drop} killed the process while the status future
 * still held the shared guard, so every output with {@code kill_on_drop} came back from a killed process.
 */
public final class DropActionMovedToHandle implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("AL16", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "final action moved to a handle's Drop",
            "A line the change adds to `impl Drop for H` calls a final action (`kill`, `shutdown`, `close`, "
                    + "`abort`, `cancel`, `terminate`, `disconnect`), and the change removes a call of the same method "
                    + "from `impl Drop for S` of the same file, where `H` has a field whose type holds `S` in an `Arc` "
                    + "(`Arc<Mutex<S>>`): the action now runs when one handle goes, not when the last reference does.",
            "It reads one file and the field's type as text: it cannot see whether a clone of the `Arc` can still be "
                    + "in use when the handle is dropped (a future, a second handle).");

    private static final Pattern ACTION = Pattern.compile(
            "\\.\\s*(kill|shutdown|close|abort|cancel|terminate|disconnect)\\s*\\(");
    private static final Pattern DROP_IMPL = Pattern.compile("(?:.*::)?impl Drop for \\w+(?:#\\d+)?");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.newTree() == null) {
            return out;
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item handle : dropImpls(after)) {
            if (after.inTest(handle)) {
                continue;
            }
            String body = after.body(handle);
            Matcher call = ACTION.matcher(body);
            while (call.find()) {
                int line = after.line(handle.bodyStart() + call.start());
                if (!file.added(line)) {
                    continue;
                }
                String method = call.group(1);
                String shared = movedFrom(before, after, handle.name(), method);
                if (shared == null || !sharesThrough(after, handle.name(), shared)) {
                    continue;
                }
                out.add(finding(file, line, handle.name(), shared, method));
                break;
            }
        }
        return out;
    }

    private static List<ItemOutline.Item> dropImpls(ItemOutline outline) {
        return outline.items().stream()
                .filter(i -> i.kind() == ItemOutline.Kind.IMPL && DROP_IMPL.matcher(i.key()).matches()).toList();
    }

    /** The type whose {@code Drop} called {@code method} before the change and calls it fewer times after, or null. */
    private static String movedFrom(ItemOutline before, ItemOutline after, String handle, String method) {
        Pattern call = Pattern.compile("\\.\\s*" + method + "\\s*\\(");
        for (ItemOutline.Item old : dropImpls(before)) {
            if (old.name().equals(handle)) {
                continue;
            }
            int was = RuleSupport.count(call, before.body(old));
            ItemOutline.Item now = after.implOf("Drop", old.name());
            int is = now == null ? 0 : RuleSupport.count(call, after.body(now));
            if (was > is) {
                return old.name();
            }
        }
        return null;
    }

    /** Whether the struct {@code handle} has a field whose type holds {@code shared} inside an {@code Arc}. */
    private static boolean sharesThrough(ItemOutline after, String handle, String shared) {
        Pattern field = Pattern.compile("\\bArc\\s*<[^;{}]{0,80}?\\b" + Pattern.quote(shared) + "\\b");
        for (ItemOutline.Item item : after.items()) {
            if (item.kind() == ItemOutline.Kind.STRUCT && item.name().equals(handle)
                    && field.matcher(after.body(item)).find()) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(ChangedFile file, int line, String handle, String shared, String method) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object("Drop for " + handle).object(method + " moved from Drop for " + shared)
                .title("`Drop for " + handle + "` now calls `" + method + "()`, which ran in `Drop for " + shared + "`")
                .explanation("Before the change `" + method + "()` ran when the last reference to `" + shared
                        + "` went away; now `Drop for " + handle + "` runs it, and `" + handle + "` holds `" + shared
                        + "` in an `Arc`. Any clone of that `Arc` (a future still waiting on it, a second handle, a "
                        + "method that consumed `" + handle + "` and kept the shared part) now works on something "
                        + "already " + (method.equals("kill") ? "killed" : "shut down") + ".")
                .check("List where clones of the `Arc` in `" + handle + "` live (futures, consuming methods such as "
                        + "`output()` or `into_*`), and keep the action in `Drop for " + shared + "` unless none can "
                        + "outlive the handle.")
                .build();
    }
}
