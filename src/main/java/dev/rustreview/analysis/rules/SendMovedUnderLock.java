package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CC47: a blocking channel send moved under a lock guard. The old fn cloned the sender out of the locked state
 * (or dropped its guard) and sent with no guard alive; the new one sends through the guard. A bounded channel
 * that is full blocks the send while the lock is held, and if the receiving side needs that lock to make room,
 * neither moves. tonbo c84f2236 reversed: {@code DB::flush} sent on the {@code bounded(1)} compaction channel
 * under the schema's read guard, and the compaction task that receives takes the schema's write lock.
 */
public final class SendMovedUnderLock implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC47", RiskArea.CONCURRENCY, Severity.MEDIUM, "channel send moved under a lock",
            "In a non-test fn that stays, a line the change adds sends on a channel without awaiting the send "
                    + "(`tx.send(..)`, `send_timeout`, `blocking_send`: a send that blocks when a bounded channel is "
                    + "full) while a lock guard is alive (bound by `let` or the statement's temporary, as the crate "
                    + "model reads it), and the old fn cloned that sender (`tx.clone()`) or dropped a guard "
                    + "(`drop(g)`) and sent on it with no guard alive: the send used to run outside the lock.",
            "It does not know whether the channel is bounded or whether its receiver needs the lock: an unbounded "
                    + "channel's send never blocks and is reported too.");

    private static final Set<String> SENDS = Set.of("send", "send_timeout", "blocking_send");
    /** A borrow of a {@code RefCell} is one thread's guard: a send under it cannot wait for another thread's lock. */
    private static final Set<String> BORROWS = Set.of("borrow", "borrow_mut", "try_borrow", "try_borrow_mut");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("send") || file.oldText() == null) {
            return out;
        }
        Map<String, ItemOutline.FnPair> pairs = new HashMap<>();
        ItemOutline.changedFnPairs(file).forEach(p -> pairs.putIfAbsent(p.now().name(), p));
        if (pairs.isEmpty()) {
            return out;
        }
        FileView.of(file).ifPresent(view -> {
            Nav nav = view.nav();
            for (Node fn : view.fns()) {
                ItemOutline.FnPair pair = pairs.get(RuleSupport.fnName(nav, fn));
                if (pair == null || view.isTest(fn) || !RuleSupport.touched(file, RustTree.startLine(fn), RustTree.endLine(fn))) {
                    continue;
                }
                List<Locks.Held> guards = view.guards(fn).stream().filter(h -> !BORROWS.contains(h.lock().method()))
                        .limit(32).toList();
                if (guards.isEmpty()) {
                    continue;
                }
                sentUnderGuard(view, fn, pair, guards).ifPresent(out::add);
            }
        });
        return out;
    }

    private static Optional<Finding> sentUnderGuard(FileView view, Node fn, ItemOutline.FnPair pair, List<Locks.Held> guards) {
        Nav nav = view.nav();
        ChangedFile file = view.file();
        String was = pair.oldBody();
        int looked = 0;
        for (Node call : nav.find(fn, "call_expression")) {
            Optional<String> method = RuleSupport.methodName(nav, call);
            if (method.isEmpty() || !SENDS.contains(method.get()) || RuleSupport.args(nav, call).isEmpty()
                    || nav.parent(call).map(p -> nav.is(p, "await_expression")).orElse(true)
                    || !file.added(RustTree.startLine(call)) || looked++ > 32) {
                continue;
            }
            Optional<Node> recv = RuleSupport.receiver(nav, call);
            if (recv.isEmpty()) {
                continue;
            }
            String channel = lastName(RuleSupport.compact(nav, recv.get()));
            if (channel == null || !Pattern.compile("\\b" + Pattern.quote(channel) + "\\s*\\.\\s*clone\\s*\\(\\s*\\)"
                    + "|\\bdrop\\s*\\(\\s*[a-z_]\\w*\\s*\\)").matcher(was).find()
                    || sentUnderGuardBefore(file, RuleSupport.fnName(nav, fn), channel)) {
                continue;
            }
            for (Locks.Held h : guards) {
                // a temporary guard in the receiver chain (`self.s.read().await.tx.send(..)`) is alive through the send;
                // one taken in the arguments is the send's own business
                boolean inReceiver = RuleSupport.within(h.lock().call(), recv.get());
                if (!inReceiver && (RuleSupport.within(h.lock().call(), call) || !view.alive(h, call, false))) {
                    continue;
                }
                int line = RustTree.startLine(call);
                String lock = view.lock(h.lock()).id();
                String fnName = RuleSupport.fnName(nav, fn);
                return Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fnName).object(channel)
                        .title("`" + channel + ".send(..)` now runs while `" + lock + "` is locked")
                        .explanation("Before the change `" + fnName + "` sent on `" + channel + "` with no guard alive "
                                + "(it cloned the sender or dropped the guard first). Now the send runs under "
                                + h.label() + " of `" + lock + "`. A send that is not awaited blocks the thread while "
                                + "a bounded channel is full: the lock stays held all that time, and if the task that "
                                + "receives takes `" + lock + "` to make progress, neither side moves (a deadlock); "
                                + "every other user of the lock waits meanwhile.")
                        .check("Clone the sender (or take what the send needs) under the lock, let the guard go, and "
                                + "send after it; or use `try_send` where a full channel may be skipped.")
                        .build());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the old fn already sent on {@code channel} while a guard was alive (the old side read as a lone file, the
     * way CC44 reads it): then the change did not move the send under the lock (sqlx ff0252d4 re-indented a send
     * that had always run under the connection's guard).
     */
    private static boolean sentUnderGuardBefore(ChangedFile file, String fnName, String channel) {
        FileView was = FileView.ofOldSide(file).orElse(null);
        if (was == null) {
            return false;
        }
        Nav nav = was.nav();
        for (Node fn : was.fns()) {
            if (!RuleSupport.fnName(nav, fn).equals(fnName)) {
                continue;
            }
            List<Locks.Held> guards = was.guards(fn).stream().filter(h -> !BORROWS.contains(h.lock().method())).limit(32).toList();
            int looked = 0;
            for (Node call : nav.find(fn, "call_expression")) {
                Optional<String> method = RuleSupport.methodName(nav, call);
                Optional<Node> recv = RuleSupport.receiver(nav, call);
                if (method.isEmpty() || !SENDS.contains(method.get()) || recv.isEmpty() || looked++ > 32
                        || !channel.equals(lastName(RuleSupport.compact(nav, recv.get())))) {
                    continue;
                }
                for (Locks.Held h : guards) {
                    if (RuleSupport.within(h.lock().call(), recv.get()) || !RuleSupport.within(h.lock().call(), call)
                            && was.alive(h, call, false)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@code self.schema.read().await.compaction_tx} to {@code compaction_tx}; null when it ends in a call. */
    private static String lastName(String receiver) {
        java.util.regex.Matcher m = Pattern.compile("([A-Za-z_]\\w*)$").matcher(receiver);
        return m.find() ? m.group(1) : null;
    }
}
