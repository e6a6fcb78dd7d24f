package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.LockOrigin;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CC55: a lock's guard bound to {@code _} ({@code let _ = lock.write().await;}). {@code _} is not a binding: the
 * guard is dropped at the end of the statement, so the code after it, meant to run under the lock, runs without it.
 * Clippy's {@code let_underscore_lock} sees this for std's locks only; an async lock's guard behind {@code .await}
 * and a crate's guard accessor are the same mistake. cnosdb ad88c5b2 reversed: a flush job's
 * {@code let _write_guard = lock.write().await} became {@code let _ = ..} and flushes ran concurrently.
 */
public final class GuardDroppedAtOnce implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC55", RiskArea.CONCURRENCY, Severity.HIGH,
            "lock guard dropped at once (`let _ =`)",
            "A line the change adds in non-test code binds a lock acquisition (`.lock()`, `.write()`, `.read()` with "
                    + "`.await`, `.unwrap()`, `?` peeled, or a call of a crate guard accessor) to `_`: the guard is dropped "
                    + "at the end of that statement; (medium) when nothing follows it in its block or a notify "
                    + "(`notify_one()`, `wake()`) comes within the next three statements, where waiting for the lock once "
                    + "may be the point (a barrier).",
            "It does not know whether the code after the statement needs the lock at all; a deliberate wait for "
                    + "the current holder to finish is reported at medium only when it ends its block.",
            "let_underscore_lock");

    /** Fns looked at per file: a generated file of thousands is not hand-written locking. */
    private static final int MAX_FNS = 2_000;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || file.isTestPath() || !text.contains("let _ ") && !text.contains("let _=")) {
            return out;
        }
        FileView view = FileView.of(file).orElse(null);
        if (view == null || view.fns().size() > MAX_FNS) {
            return out;
        }
        Nav nav = view.nav();
        RustTree tree = nav.tree();
        for (Node fn : view.fns()) {
            for (Locks.LockCall lc : view.acquisitions(fn)) {
                Optional<Node> let = nav.parent(lc.outer()).filter(p -> nav.is(p, "let_declaration"));
                if (let.isEmpty() || !nav.field(let.get(), "value").map(lc.outer()::equals).orElse(false)
                        || !nav.field(let.get(), "pattern").map(p -> "_".equals(tree.text(p))).orElse(false)
                        || lc.origin() == LockOrigin.REFCELL || !file.added(RustTree.startLine(let.get()))
                        || view.isTest(let.get())) {
                    continue;
                }
                boolean last = lastInBlock(nav, let.get()) || notifiesNext(nav, let.get());
                String fnName = RuleSupport.fnName(nav, fn);
                String acquired = RuleSupport.shorten(tree.text(lc.outer()).replaceAll("\\s*\\n\\s*", ""));
                int line = RustTree.startLine(let.get());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .severity(last ? Severity.MEDIUM : Severity.HIGH)
                        .object(fnName).object(lc.lock())
                        .title("`let _ = " + acquired + "` in `" + fnName + "` drops the guard at once")
                        .explanation("`_` binds nothing: the guard of `" + lc.lock() + "` is dropped at the end of this "
                                + "statement, so " + (last ? "the lock is only waited for, not held (a barrier before what follows, if that is the intent)"
                                        : "the code after it in `" + fnName + "` runs without the lock")
                                + ", and another task or thread can take it in between.")
                        .check("Name the guard (`let _guard = " + acquired + ";`) so it lives to the end of the block, "
                                + "or say in a comment why only waiting for the lock is meant.")
                        .build());
                if (out.size() >= 8) {
                    return out;
                }
            }
        }
        return out;
    }

    /**
     * Whether one of the next three statements notifies ({@code notify_one()}, {@code notify_all()}, {@code wake()}):
     * taking and at once releasing the waiters' lock before a notify is a known way to let a waiter that checked its
     * condition reach its wait first (flume's receiver before {@code recv_trigger.notify_one()}).
     */
    private static boolean notifiesNext(Nav nav, Node statement) {
        Node n = statement.getNextNamedSibling();
        for (int i = 0; i < 3 && !n.isNull(); i++, n = n.getNextNamedSibling()) {
            if (NOTIFY.matcher(nav.tree().text(n)).find()) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern NOTIFY = java.util.regex.Pattern.compile("\\.\\s*(?:notify\\w*|wake\\w*)\\s*\\(");

    /** Whether only comments follow {@code statement} in its block. */
    private static boolean lastInBlock(Nav nav, Node statement) {
        for (Node n = statement.getNextNamedSibling(); !n.isNull(); n = n.getNextNamedSibling()) {
            if (!nav.is(n, "line_comment", "block_comment")) {
                return false;
            }
        }
        return true;
    }
}
