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
 * ER35: a panic hook installed without the one it replaces. {@code std::panic::set_hook} drops the previous hook:
 * the default one that prints the message and location, or a hook another part of the program relies on. pgrx
 * fd4e0e4f reversed: the extension's hook no longer handed panics of threads other than Postgres' main thread to the
 * default hook, so those panics vanished without a message.
 */
public final class PanicHookReplaced implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER35", RiskArea.ERRORS, Severity.MEDIUM, "panic hook replaced without the previous one",
            "In a non-test fn the change touches, `panic::set_hook(..)` is called and the fn calls no "
                    + "`panic::take_hook()`, when the change adds the `set_hook` line or removes the fn's `take_hook()`: "
                    + "every panic the new hook does not report itself (other threads', the ones it filters out) is "
                    + "lost with the previous hook, the default one that prints message and location included.",
            "It reads one fn: a previous hook taken in another fn and called from the new one, or a hook that "
                    + "reports every panic itself, reads the same.");

    private static final Pattern SET = Pattern.compile("(?<![\\w])(?:std\\s*::\\s*)?(?:panic\\s*::\\s*)?set_hook\\s*\\(");
    private static final Pattern TAKE = Pattern.compile("(?<![\\w])take_hook\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || !text.contains("set_hook") || file.isTestPath() || !file.isRust()) {
            return out;
        }
        ItemOutline before = file.oldText() == null ? null : ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        java.util.Map<String, ItemOutline.Item> oldFns = before == null ? java.util.Map.of()
                : before.byKey(ItemOutline.Kind.FN);
        for (ItemOutline.Item fn : after.byKey(ItemOutline.Kind.FN).values()) {
            if (after.inTest(fn)) {
                continue;
            }
            String body = after.body(fn);
            Matcher set = SET.matcher(body);
            if (!set.find() || TAKE.matcher(body).find()) {
                continue;
            }
            int line = after.line(fn.bodyStart() + set.start());
            ItemOutline.Item was = oldFns.get(fn.key());
            boolean takeRemoved = was != null && TAKE.matcher(before.body(was)).find();
            if (!file.added(line) && !takeRemoved) {
                continue;
            }
            String name = fn.name();
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(name).object("set_hook without take_hook")
                    .title("`" + name + "` installs a panic hook without the previous one")
                    .explanation("`set_hook` drops the hook it replaces, and `" + name + "` "
                            + (takeRemoved ? "no longer takes it with `take_hook()` to call it" : "never takes it with `take_hook()`")
                            + ". Panics the new hook does not report itself (on other threads, or ones it filters "
                            + "out) now leave no message: the default hook printed message and location.")
                    .check("Take the previous hook with `panic::take_hook()` and call it for the panics this hook "
                            + "does not handle, or show the new hook reports every panic.")
                    .build());
        }
        return out;
    }
}
