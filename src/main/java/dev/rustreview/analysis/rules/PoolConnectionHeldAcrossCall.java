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
 * CC58: a transaction (or connection) taken from a pool field is held while the fn awaits another method of its
 * type that queries the same pool. With as many callers as the pool has connections, each holds one and waits for a
 * second that never frees: the pool deadlocks on itself. ockam 32ca74e2 reversed: {@code store_space} began its
 * transaction on {@code self.database} and then awaited {@code self.get_default_space()}, which reads
 * {@code self.database.pool}; with one connection left the task waited on itself.
 */
public final class PoolConnectionHeldAcrossCall implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC58", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "pool connection held across a call that takes another",
            "In a non-test async fn the change writes or reorders: `let tx = self.field.begin().await` (or "
                    + "`.acquire().await`), then, before `tx.commit()`/`tx.rollback()`/`drop(tx)`, an awaited call "
                    + "`self.m(..).await` of a method of the same file whose body uses `self.field` again.",
            "It reads one file: a method in another file, or a second connection taken through a free fn or a "
                    + "clone of the pool, is not seen; nor is a pool large enough that it never runs out.");

    private static final Pattern BEGIN = Pattern.compile("\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*(?::[^=]{1,60})?=\\s*self\\s*\\.\\s*"
            + "([a-z_]\\w*)\\s*\\.\\s*(?:begin|acquire)\\s*\\(\\s*\\)\\s*\\.\\s*await\\b");
    private static final Pattern SELF_AWAIT = Pattern.compile("\\bself\\s*\\.\\s*([a-z_]\\w*)\\s*\\(");
    private static final int MAX_FINDINGS = 4;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains(".begin()") && !file.newText().contains(".acquire()")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        java.util.Map<String, Boolean> uses = new java.util.HashMap<>(); // method + pool: one scan of the file each
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            if (out.size() >= MAX_FINDINGS || !ItemOutline.plain(fn.header()).matches("(?s).*\\basync\\s+fn\\b.*")) {
                continue;
            }
            String body = after.body(fn);
            Matcher begin = BEGIN.matcher(body);
            while (begin.find()) {
                String tx = begin.group(1);
                String pool = begin.group(2);
                int end = endOf(body, tx, begin.end());
                Matcher call = SELF_AWAIT.matcher(body);
                call.region(begin.end(), end);
                while (call.find()) {
                    int close = RuleSupport.closing(body, call.end() - 1, '(', ')');
                    String rest = body.substring(Math.min(close + 1, body.length()), Math.min(close + 40, body.length()));
                    String name = call.group(1);
                    if (!rest.matches("(?s)\\s*\\.\\s*await\\b.*") || name.equals(fn.name())
                            || !uses.computeIfAbsent(name + " " + pool, k -> usesPool(after, name, pool))) {
                        continue;
                    }
                    int beginLine = after.line(fn.bodyStart() + begin.start());
                    int callLine = after.line(fn.bodyStart() + call.start());
                    if (!file.added(beginLine) && !file.anyAdded(callLine, after.line(fn.bodyStart() + close))) {
                        continue;
                    }
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, callLine, callLine)
                            .object(fn.name()).object(tx + " on self." + pool).object(call.group(1))
                            .title("`self." + call.group(1) + "(..)` is awaited while `" + tx + "` holds a connection of "
                                    + "`self." + pool + "` in `" + fn.name() + "`")
                            .explanation("`" + tx + "` was taken from `self." + pool + "` on line " + beginLine + " and is "
                                    + "still open when `" + fn.name() + "` awaits `self." + call.group(1) + "(..)`, which "
                                    + "uses `self." + pool + "` again and so needs a second connection. When the pool's "
                                    + "connections are all held by callers at this point, each waits for a second one "
                                    + "that none will free: the pool deadlocks on itself (with a pool of one, the first "
                                    + "caller does).")
                            .check("Run `self." + call.group(1) + "(..)` before taking `" + tx + "`, or do its query "
                                    + "on `" + tx + "` itself.")
                            .build());
                    break;
                }
            }
        }
        return out;
    }

    /** Where the transaction ends: its commit, rollback or drop, else the body's end. */
    private static int endOf(String body, String tx, int from) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(tx) + "\\s*\\.\\s*(?:commit|rollback)\\s*\\(|\\bdrop\\s*\\(\\s*"
                + Pattern.quote(tx) + "\\s*\\)").matcher(body);
        return m.find(from) ? m.start() : body.length();
    }

    /** Whether a method of the file named {@code name} (not the caller: a call of itself is skipped) uses {@code self.pool}. */
    private static boolean usesPool(ItemOutline outline, String name, String pool) {
        Pattern uses = Pattern.compile("\\bself\\s*\\.\\s*" + Pattern.quote(pool) + "\\b(?!\\s*\\()");
        for (ItemOutline.Item item : outline.items()) {
            if (item.kind() == ItemOutline.Kind.FN && item.name().equals(name)
                    && uses.matcher(outline.body(item)).find()) {
                return true;
            }
        }
        return false;
    }
}
