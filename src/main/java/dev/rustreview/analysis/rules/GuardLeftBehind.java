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
 * AL19: a value no longer moved into the future it was meant to outlive. {@code Box::pin(async move { let rp =
 * call(..).await; drop(conn); Ok(rp) })} keeps {@code conn} (a connection permit, a semaphore guard, a span) until
 * the future has produced its result; written as {@code Box::pin(call(..).map(Ok))} the future no longer captures
 * it, and {@code conn} is dropped when the fn returns the future, before any of it runs (jsonrpsee 7ad80797
 * reversed: HTTP calls stopped counting against {@code max_connections}).
 */
public final class GuardLeftBehind implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL19", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "guard no longer held by the future",
            "In a non-test fn that stays, the change deletes `drop(x);` from inside an `async move` block (or "
                    + "`move` closure) where `x` is bound outside that block, and after the change the fn still "
                    + "names `x` but no `async move` block or `move` closure of the same branch does (the block whose "
                    + "header the old block sat in): `x` (a permit, a connection "
                    + "guard) is dropped when the fn returns or its scope ends, not when the future finishes.",
            "It reads the fn's text: a value handed to the future another way (a field of a struct the future "
                    + "owns, an argument) reads as left behind.");

    private static final Pattern DROP = Pattern.compile("(?<![\\w.])(?:std\\s*::\\s*)?(?:mem\\s*::\\s*)?drop\\s*\\(\\s*([a-z_]\\w*)\\s*\\)\\s*;");
    private static final Pattern MOVE_HEADER = Pattern.compile("(?s).*(?:\\basync\\s+move|\\bmove\\s*\\|[^|]*\\|)\\s*$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String old = pair.before().masked();
            Unguarded.Blocks oldBlocks = null;
            Unguarded.Blocks newBlocks = null;
            Matcher drop = DROP.matcher(old).region(pair.was().bodyStart(), pair.was().bodyEnd());
            while (drop.find()) {
                if (oldBlocks == null) {
                    oldBlocks = new Unguarded.Blocks(old, pair.was().bodyStart(), pair.was().bodyEnd());
                }
                String name = drop.group(1);
                int moved = movingBlock(oldBlocks, drop.start());
                if (moved < 0 || !boundBefore(old, pair.was().bodyStart(), oldBlocks.headerStart(moved), name)) {
                    continue;
                }
                String now = pair.after().masked();
                if (newBlocks == null) {
                    newBlocks = new Unguarded.Blocks(now, pair.now().bodyStart(), pair.now().bodyEnd());
                }
                int[] branch = branch(oldBlocks, moved, newBlocks, pair);
                Matcher use = Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "\\b").matcher(now)
                        .region(pair.now().bodyStart(), pair.now().bodyEnd());
                boolean named = false;
                boolean captured = false;
                while (use.find() && !captured) {
                    named = true;
                    captured = use.start() > branch[0] && use.start() < branch[1] && movingBlock(newBlocks, use.start()) >= 0;
                }
                if (named && !captured) {
                    out.add(finding(file, pair, name));
                    break;
                }
            }
        }
        return out;
    }

    /** The innermost {@code async move} block or {@code move} closure body around {@code at}, or -1. */
    private static int movingBlock(Unguarded.Blocks blocks, int at) {
        for (int b = blocks.innermost(at), depth = 0; b >= 0 && depth < 16; b = blocks.parent(b), depth++) {
            if (MOVE_HEADER.matcher(blocks.header(b)).matches()) {
                return b;
            }
        }
        return -1;
    }

    /**
     * Where the new body may capture the value: the block whose header is that of the block around the old
     * {@code async move} (the same branch of an {@code if} chain: jsonrpsee's `call` still moves the guard into a
     * spawned task in its upgrade branch), else the whole body. {open, close} offsets.
     */
    private static int[] branch(Unguarded.Blocks old, int moved, Unguarded.Blocks now, ItemOutline.FnPair pair) {
        int around = old.parent(moved);
        if (around >= 0) {
            String header = old.header(around).replaceAll("\\s+", " ");
            for (int b = 0; b < now.size(); b++) {
                if (now.header(b).replaceAll("\\s+", " ").equals(header)) {
                    return new int[] {now.open(b), now.close(b)};
                }
            }
        }
        return new int[] {pair.now().bodyStart(), pair.now().bodyEnd()};
    }

    /** Whether {@code name} is bound by a {@code let} in the fn before {@code before} (not inside the block). */
    private static boolean boundBefore(String text, int from, int before, String name) {
        return Pattern.compile("\\blet\\s+(?:mut\\s+)?" + Pattern.quote(name) + "\\b|\\blet\\s*\\([^)]*\\b"
                + Pattern.quote(name) + "\\b").matcher(text).region(from, Math.max(from, before)).find();
    }

    private static Finding finding(ChangedFile file, ItemOutline.FnPair pair, String name) {
        int line = pair.after().headerLine(pair.now());
        for (int l = pair.after().line(pair.now().bodyStart()); l <= pair.after().endLine(pair.now()); l++) {
            if (file.added(l)) {
                line = l;
                break;
            }
        }
        String fn = pair.now().name();
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(name).object("not moved into the future")
                .title("`" + name + "` is no longer held by the future `" + fn + "` returns: it is dropped before the "
                        + "future runs")
                .explanation("Before the change an `async move` block took `" + name + "` and dropped it only after "
                        + "its work (`drop(" + name + ")`), so whatever `" + name + "` stands for (a connection permit, "
                        + "a semaphore slot, a guard) lasted as long as the future. Now no `async move` block or "
                        + "`move` closure in that branch of `" + fn + "` names it, so it is dropped when `" + fn
                        + "` returns or its "
                        + "scope ends: the limit it enforced no longer covers the work the future does.")
                .check("Move `" + name + "` into the future again (an `async move` block that drops it after the "
                        + "work), or show that nothing depends on it while the future runs.")
                .build();
    }
}
