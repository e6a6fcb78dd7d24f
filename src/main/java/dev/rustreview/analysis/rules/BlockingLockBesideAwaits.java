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
 * AL47: a sync fn takes a tokio lock with {@code blocking_read()}/{@code blocking_write()}/{@code blocking_lock()},
 * while the same file's async fns await that lock field: the type lives in async code, and a blocking acquisition
 * made from a runtime thread panics ("Cannot block the current thread from within a runtime"). kata-containers
 * 68538553 reversed: the memory agent's {@code MemCG} and {@code Compact} moved their state to
 * {@code tokio::sync::RwLock} with {@code blocking_read()} in methods the agent's async loop reached, and the agent
 * panicked at start-up.
 */
public final class BlockingLockBesideAwaits implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL47", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "blocking lock of a field async code awaits",
            "In a non-test fn that is not `async`, the change adds `self.field.blocking_read()` (or "
                    + "`blocking_write()`, `blocking_lock()`), and an `async fn` of the same file awaits the same "
                    + "field's lock (`self.field.read().await`).",
            "It does not follow calls: whether the sync fn is ever reached from a runtime thread (rather than only "
                    + "from `spawn_blocking` or a plain thread) is for the reviewer to check.");

    private static final Pattern BLOCKING = Pattern.compile("\\bself\\s*\\.\\s*([a-z_]\\w*)\\s*\\.\\s*blocking_(read|write|lock)"
            + "\\s*\\(\\s*\\)");
    private static final Pattern ASYNC_FN = Pattern.compile("\\basync\\s+fn\\b");
    private static final int MAX_FINDINGS = 8;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("blocking_")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        // one scan of the file's async fns per field, however many sync fns take it
        java.util.Map<String, java.util.Optional<String>> awaitedBy = new java.util.HashMap<>();
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            if (out.size() >= MAX_FINDINGS || ASYNC_FN.matcher(ItemOutline.plain(fn.header())).find()) {
                continue;
            }
            for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(after, fn, file::added)) {
                Matcher m = BLOCKING.matcher(a.text());
                if (!m.find()) {
                    continue;
                }
                String awaited = awaitedBy.computeIfAbsent(m.group(1),
                        f -> java.util.Optional.ofNullable(awaitedIn(after, f))).orElse(null);
                if (awaited == null) {
                    continue;
                }
                String field = m.group(1);
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                        .object(fn.name()).object(field)
                        .title("`self." + field + ".blocking_" + m.group(2) + "()` in `" + fn.name() + "`, a lock `"
                                + awaited + "` awaits")
                        .explanation("`" + awaited + "` awaits `self." + field + "`, so this tokio lock is used from "
                                + "async code, and `" + fn.name() + "` is a sync fn that takes it with `blocking_"
                                + m.group(2) + "()`. Called on a runtime thread (from an async fn, directly or through "
                                + "other sync fns) that call panics: \"Cannot block the current thread from within a "
                                + "runtime\".")
                        .check("Make `" + fn.name() + "` async and `.await` the lock, run it through "
                                + "`spawn_blocking`, or keep a `std::sync` lock for state that sync code needs.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** The name of an async fn of the file that awaits {@code self.field}'s lock, or null. */
    private static String awaitedIn(ItemOutline outline, String field) {
        Pattern awaits = Pattern.compile("\\bself\\s*\\.\\s*" + Pattern.quote(field)
                + "\\s*\\.\\s*(?:read|write|lock)\\s*\\(\\s*\\)\\s*\\.\\s*await\\b");
        for (ItemOutline.Item item : outline.items()) {
            if (item.kind() == ItemOutline.Kind.FN && ASYNC_FN.matcher(ItemOutline.plain(item.header())).find()
                    && !outline.inTest(item) && awaits.matcher(outline.body(item)).find()) {
                return item.name();
            }
        }
        return null;
    }
}
