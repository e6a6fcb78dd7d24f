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
 * AL21: a task spawned from {@code Drop}. {@code tokio::spawn} needs a running runtime; a value dropped after
 * {@code block_on} returned, on a plain thread, or while the runtime shuts down panics with "there is no reactor
 * running" (inside {@code Drop}, during unwinding, an abort), and a task spawned during shutdown may never run.
 * async-nats 767b56a2 reversed: dropping a subscriber outside the runtime panicked.
 */
public final class SpawnInDrop implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL21", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM, "task spawned from Drop",
            "A line the change adds to `fn drop` of an `impl Drop` (not in test code) calls `tokio::spawn`, "
                    + "`tokio::task::spawn`, `spawn_local` or `Handle::current()`, without a `Handle::try_current()` "
                    + "check in the fn: dropped outside a runtime (after `block_on`, on a plain thread, at shutdown) "
                    + "it panics, and during shutdown the task may never run.",
            "It reads `fn drop` alone: a value that can only be dropped inside the runtime is not told apart.");

    private static final Pattern IMPL_DROP = Pattern.compile("\\bimpl\\b[^{]*\\bDrop\\s+for\\b");
    private static final Pattern SPAWN = Pattern.compile("\\btokio\\s*::\\s*(?:task\\s*::\\s*)?(?:spawn|spawn_local)\\s*\\("
            + "|\\bHandle\\s*::\\s*current\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("Drop")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        String masked = after.masked();
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            if (!fn.name().equals("drop") || !insideDropImpl(masked, fn)
                    || masked.substring(fn.bodyStart(), fn.bodyEnd()).contains("try_current")) {
                continue;
            }
            Matcher m = SPAWN.matcher(masked).region(fn.bodyStart(), fn.bodyEnd());
            while (m.find()) {
                int line = after.line(m.start());
                if (file.added(line)) {
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                            .object(fn.name()).object("spawn in drop")
                            .title("`Drop` spawns a task: it panics when the value is dropped outside a runtime")
                            .explanation("`" + masked.substring(m.start(), m.end() - 1).replaceAll("\\s+", "") + "` "
                                    + "needs a running tokio runtime. A value is often dropped where there is none: "
                                    + "after `block_on` returned, on a plain thread, or while the runtime shuts "
                                    + "down; there it panics inside `Drop` (an abort if it is already unwinding), and "
                                    + "a task spawned during shutdown may never run.")
                            .check("Do the final step synchronously (`try_send`), or check "
                                    + "`Handle::try_current()` first and say what happens without a runtime.")
                            .build());
                    break;
                }
            }
        }
        return out;
    }

    /** Whether the fn sits in an {@code impl Drop for ..} block: the nearest impl header before it names Drop. */
    static boolean insideDropImpl(String masked, ItemOutline.Item fn) {
        int impl = masked.lastIndexOf("impl", fn.start());
        while (impl > 0 && Character.isJavaIdentifierPart(masked.charAt(impl - 1))) {
            impl = masked.lastIndexOf("impl", impl - 1);
        }
        if (impl < 0) {
            return false;
        }
        int open = masked.indexOf('{', impl);
        return open > 0 && open < fn.start() && IMPL_DROP.matcher(masked.substring(impl, open + 1)).find();
    }
}
