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
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SS16: a teardown run twice, once by a method that consumes the value and again by its {@code Drop}. {@code fn
 * umount(mut self) { self.umount_impl() }} and {@code impl Drop for Mount { fn drop(&mut self) { self.umount_impl();
 * } }}: {@code self} is dropped when {@code umount} returns, so the mount point is unmounted twice (the second time
 * perhaps a mount someone else made there since). fuser a83b23ea reversed.
 */
public final class TeardownRunTwice implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS16", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "teardown run by a consuming method and again by `Drop`",
            "A non-test inherent method of `T` taking `self` by value calls `self.m(..)`, the `impl Drop for T` of the "
                    + "same file calls `self.m(..)` too, the `drop` body tests no state first (no `take()`, `if self.`, "
                    + "`if !self.`, `if let Some`, `match self.`), the consuming method neither forgets `self` nor takes "
                    + "from it, `T::m` (when the file defines it) tests no state first either, and the change adds one "
                    + "of the two calls' lines.",
            "It reads one file's text: a `T::m` of the file that tests state first (`if !self.finished`, a `take()`) "
                    + "counts as idempotent; one defined elsewhere is not read.");

    private static final Pattern DROP_KEY = Pattern.compile("(?:^|::)impl Drop for (\\w+)::drop$");
    private static final Pattern SELF_CALL = Pattern.compile("(?<![\\w.])self\\s*\\.\\s*([a-z_]\\w*)\\s*\\(");
    private static final Pattern DROP_GUARDED = Pattern.compile("\\.\\s*take\\s*\\(|\\bif\\s+!?\\s*self\\b|\\bif\\s+let\\s+"
            + "Some\\b|\\bmatch\\s+self\\b|\\bis_some\\s*\\(|\\bis_none\\s*\\(");
    /** A method that tests its own state before acting (not a `match self` over variants, which every call runs). */
    private static final Pattern STATE_TESTED = Pattern.compile("\\.\\s*take\\s*\\(|\\bif\\s+!?\\s*self\\s*\\.|\\bif\\s+let\\s+"
            + "Some\\b|\\bis_some\\s*\\(|\\bis_none\\s*\\(|\\.\\s*swap\\s*\\(|compare_exchange");
    private static final Pattern CONSUMER_ESCAPES = Pattern.compile("\\bforget\\s*\\(|\\bManuallyDrop\\b|\\.\\s*take\\s*\\("
            + "|\\binto_raw\\s*\\(");
    private static final Pattern BY_VALUE = Pattern.compile("\\(\\s*(?:mut\\s+)?self\\s*[,)]");
    private static final Set<String> NOT_TEARDOWN = Set.of("clone", "as_ref", "as_mut", "borrow", "lock", "get", "len",
            "is_empty", "iter", "into_iter", "unwrap", "expect", "to_string", "fmt");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.newText() == null || file.isTestPath() || !file.newText().contains("Drop for")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        Map<String, ItemOutline.Item> fns = after.byKey(ItemOutline.Kind.FN);
        int drops = 0;
        for (ItemOutline.Item drop : fns.values()) {
            Matcher key = DROP_KEY.matcher(drop.key());
            if (!key.find() || after.inTest(drop) || out.size() >= 4 || drops++ >= 32) {
                continue; // each Drop impl is matched against every fn of the file: a few dozen are plenty
            }
            String dropBody = after.body(drop);
            if (DROP_GUARDED.matcher(dropBody).find()) {
                continue;
            }
            Map<String, Integer> dropCalls = calls(after, drop, dropBody);
            if (dropCalls.isEmpty()) {
                continue;
            }
            String inherent = "impl " + key.group(1) + "::";
            for (ItemOutline.Item fn : fns.values()) {
                int at = fn.key().lastIndexOf(inherent);
                if (at < 0 || !(at == 0 || fn.key().startsWith("::", at - 2))
                        || fn.key().indexOf("::", at + inherent.length()) >= 0
                        || !BY_VALUE.matcher(fn.header()).find() || after.inTest(fn)) {
                    continue;
                }
                String body = after.body(fn);
                if (CONSUMER_ESCAPES.matcher(body).find()) {
                    continue;
                }
                Map<String, Integer> mine = calls(after, fn, body);
                for (Map.Entry<String, Integer> call : mine.entrySet()) {
                    Integer dropLine = dropCalls.get(call.getKey());
                    if (dropLine == null || !file.added(call.getValue()) && !file.added(dropLine)
                            || idempotent(after, fns, inherent, call.getKey())) {
                        continue;
                    }
                    String m = call.getKey();
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, call.getValue(), call.getValue())
                            .object(fn.name()).object("self." + m + " twice")
                            .title("`" + fn.name() + "(self)` calls `self." + m + "()` and `Drop` calls it again")
                            .explanation("`" + fn.name() + "` takes `self` by value and calls `self." + m + "()`. When it "
                                    + "returns, `self` is dropped, and `impl Drop for " + key.group(1) + "` (line "
                                    + dropLine + ") calls `self." + m + "()` again with nothing telling it the work "
                                    + "is done: the teardown runs twice (an unmount, a close or a release repeated, "
                                    + "perhaps on a resource someone else has acquired since).")
                            .check("Make the second call a no-op: keep the resource in an `Option` that `"
                                    + fn.name() + "` takes, set a flag `drop` tests, or `mem::forget(self)` after the "
                                    + "explicit teardown.")
                            .build());
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Whether the file's own {@code T::m} tests state before it acts ({@code if !self.finished { .. }}, a
     * {@code take()}): then the second call does nothing (greptimedb's {@code ProgressPhase::finish_once}).
     */
    private static boolean idempotent(ItemOutline outline, Map<String, ItemOutline.Item> fns, String inherent,
                                      String method) {
        for (ItemOutline.Item m : fns.values()) {
            if (m.name().equals(method) && m.key().endsWith(inherent + method)
                    && STATE_TESTED.matcher(outline.body(m)).find()) {
                return true;
            }
        }
        return false;
    }

    /** The methods called on {@code self} in a fn body, each with the line of its first call. */
    private static Map<String, Integer> calls(ItemOutline outline, ItemOutline.Item fn, String body) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        Matcher m = SELF_CALL.matcher(body);
        while (m.find() && out.size() < 16) {
            if (!NOT_TEARDOWN.contains(m.group(1))) {
                out.putIfAbsent(m.group(1), outline.line(fn.bodyStart() + m.start()));
            }
        }
        return out;
    }
}
