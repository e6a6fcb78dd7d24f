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
 * AL43: {@code Drop} waits for a future ({@code self.runtime.block_on(join_handle)}). A destructor that blocks on
 * a task hangs whenever the task cannot finish (it waits for the peer that just went away, for a channel whose
 * sender this value owns), and panics when the value is dropped inside an async context ("Cannot start a runtime
 * from within a runtime"). neovide 28cf508d reversed: the runtime's drop joined the editor session task, which
 * never ended after Neovim exited, so closing the window hung.
 */
public final class BlockOnInDrop implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL43", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM, "Drop blocks on a future",
            "A line the change adds to `fn drop` of an `impl Drop` (not in test code) calls `block_on` (a runtime's, "
                    + "a handle's or `futures::executor::block_on`).",
            "It reads `fn drop` alone: a future that always completes promptly (a flush with a timeout) is reported "
                    + "too, and a wait inside a helper that `drop` calls is not seen.");

    private static final Pattern BLOCK_ON = Pattern.compile("(?<![\\w])block_on\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || file.isTestPath() || !file.newText().contains("Drop")
                || !file.newText().contains("block_on")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        String masked = after.masked();
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            if (!fn.name().equals("drop") || !SpawnInDrop.insideDropImpl(masked, fn)) {
                continue;
            }
            Matcher m = BLOCK_ON.matcher(masked).region(fn.bodyStart(), fn.bodyEnd());
            while (m.find()) {
                int line = after.line(m.start());
                if (!file.added(line)) {
                    continue;
                }
                int open = m.end() - 1;
                int close = Math.min(RuleSupport.closing(masked, open, '(', ')'), fn.bodyEnd());
                String awaited = RuleSupport.shorten(masked.substring(open + 1, Math.max(open + 1, close)).strip()
                        .replaceAll("\\s+", " "));
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn.name()).object("block_on in drop")
                        .title("`Drop` blocks on `" + awaited + "`")
                        .explanation("Dropping the value now waits until `" + awaited + "` completes. If it cannot "
                                + "(a task waiting for a peer that is gone, for a channel this value's own fields keep "
                                + "open) the drop hangs, and with it whatever drops the value (shutdown, a window "
                                + "closing); dropped inside an async task it panics instead, since a runtime cannot "
                                + "block inside another.")
                        .check("Give the wait a timeout, shut down without waiting (`shutdown_background`, `abort()`), "
                                + "or make the clean-up an explicit async `close()` the owner awaits.")
                        .build());
                break;
            }
        }
        return out;
    }
}
