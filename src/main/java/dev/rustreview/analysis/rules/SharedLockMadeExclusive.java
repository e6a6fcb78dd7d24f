package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC48: a read lock made a write lock across an await, for a call that only needs shared access. The guard now
 * excludes every reader for as long as the awaited call takes (a flush, a network round trip), and a task that
 * already holds a read guard of the same lock and reaches this code waits on itself (async read-write locks are
 * not re-entrant). tonbo 0340768d reversed: {@code DB::flush_wal} took the schema's write lock across the WAL
 * flush, whose method takes {@code &self}.
 */
public final class SharedLockMadeExclusive implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC48", RiskArea.CONCURRENCY, Severity.MEDIUM, "read lock made exclusive across an await",
            "In a non-test fn that stays, the change rewrites `R.read()` into `R.write()` (the line otherwise the "
                    + "same), the new line calls a method on the guard and awaits it in the same statement "
                    + "(`R.write().await.flush().await`; `R` a lock by its type, as the crate model reads it), and the file declares that method with `&self` only (no "
                    + "`&mut self` method of that name).",
            "It reads the method's receiver in the same file only: a method of another file, or one that needs "
                    + "`&mut` through interior state, is not told apart.");

    private static final Pattern CHAIN = Pattern.compile("\\.\\s*write\\s*\\(\\s*\\)\\s*(?:\\.\\s*await\\s*)?"
            + "(?:\\.\\s*(?:unwrap|expect)\\s*\\([^()]*\\)\\s*|\\?\\s*)?\\.\\s*([a-z_]\\w*)\\s*\\([^;]*?\\.\\s*await\\b");

    /** A statement's lines joined; longer ones are generated, and the lazy scan to `.await` would be quadratic. */
    private static final int MAX_LINE = 400;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || file.newText() == null || !file.oldText().contains(".read()")
                || !file.newText().contains(".write()")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Set<String> reads = new HashSet<>();
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                if (r.text().contains(".read()") && reads.size() < 32) {
                    reads.add(RuleSupport.squeezed(r.text()));
                }
            }
            if (reads.isEmpty()) {
                continue;
            }
            for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(pair.after(), pair.now(), file::added)) {
                Matcher m = CHAIN.matcher(a.text());
                if (a.text().length() > MAX_LINE || !m.find() || !reads.contains(RuleSupport.squeezed(a.text()).replace(".write()", ".read()"))
                        || !sharedOnly(file.newText(), m.group(1)) || !writeLockAt(file, a.number())) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                        .object(fn).object(m.group(1))
                        .title("Write lock held across `" + m.group(1) + "(..).await`, which takes `&self`, in `" + fn + "`")
                        .explanation("Before the change `" + fn + "` took a read guard for `" + m.group(1) + "`, which "
                                + "needs only `&self`. Now it takes the write guard and holds it across the await: "
                                + "every reader of the lock waits for as long as the call takes, and a task that "
                                + "already holds a read guard of this lock and reaches this code waits on itself "
                                + "(async read-write locks are not re-entrant): a deadlock.")
                        .check("Keep `read()` where shared access is enough, or say what the write guard protects.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** Whether the file declares {@code fn name(&self ..)} and no {@code fn name(&mut self ..)}. */
    private static boolean sharedOnly(String text, String name) {
        String n = Pattern.quote(name);
        return Pattern.compile("\\bfn\\s+" + n + "\\s*(?:<[^>]*>)?\\s*\\(\\s*&\\s*(?:'\\w+\\s+)?self\\b").matcher(text).find()
                && !Pattern.compile("\\bfn\\s+" + n + "\\s*(?:<[^>]*>)?\\s*\\(\\s*&\\s*(?:'\\w+\\s+)?mut\\s+self\\b")
                .matcher(text).find();
    }

    /** Whether the crate model reads a {@code write()} on that line as taking a lock (a type it knows as one). */
    private static boolean writeLockAt(ChangedFile file, int line) {
        return FileView.of(file).map(view -> {
            for (Node fn : view.fns()) {
                if (RustTree.startLine(fn) > line || RustTree.endLine(fn) < line) {
                    continue;
                }
                for (Locks.LockCall lc : view.acquisitions(fn)) {
                    if (RustTree.startLine(lc.call()) == line && lc.method().equals("write")) {
                        return true;
                    }
                }
            }
            return false;
        }).orElse(false);
    }
}
