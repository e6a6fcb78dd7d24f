package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.CrateModel;
import dev.rustreview.analysis.crate.FileFacts;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Refs;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CC5: {@code Condvar::wait} outside a loop, {@code notify_*} after a flag set outside the mutex, and a release
 * path that stopped notifying ({@link ReleaseWithoutNotify}).
 */
public final class CondvarMisuse implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC5", RiskArea.CONCURRENCY, Severity.HIGH,
            "Condvar misuse",
            "`wait(guard)`/`wait_timeout(guard, ..)` on a `Condvar` that is not inside a `while`/`loop` re-checking "
                    + "the predicate (`wait_while` is fine), and `notify_one()`/`notify_all()` on a `Condvar` (by its "
                    + "declared type, also a field declared in another file of the crate) after an atomic flag was set "
                    + "earlier in the fn with no lock guard alive at the store or the notify (a lost wake-up); "
                    + "`tokio::sync::Notify` keeps a permit and is not reported; and (medium) a release path (a `Drop::drop`, "
                    + "an `unlock*`/`release*` fn, a pool's `put_back`/`give_back`/`return_*`/`check_in`, a semaphore's "
                    + "`add_permits`) that notified or woke waiters (also `parking_lot_core::unpark_*`) "
                    + "before the change and no longer does, or whose `Drop` impl the change removes while the type stays; and (medium) any fn that "
                    + "woke several kinds of waiters (`notify_send()`, `notify_recv()`) and after the change still wakes "
                    + "some but no longer one of them; and (medium) `notify_all()` replaced by `notify_one()` on the same "
                    + "receiver in a fn that stays; and (medium) a notification future (`.notified()`, "
                    + "`x.availability_notified()`, `.listen()`) that a fn which stays created before its first "
                    + "`try_*(..)` attempt and, on a line the change adds, creates only after it: a notification sent "
                    + "in between is lost.",
            "It recognises a condvar by its declared type or by waiting on a lock guard, and a flag only when it is "
                    + "an atomic set in the same fn before the notify (not in a helper it calls); it cannot check that "
                    + "the loop actually re-tests the right predicate, nor that a release path that never notified "
                    + "should have (a missing notify is only seen when the change removes one), nor whether all waiters of a "
                    + "condvar wait for the same condition (which makes `notify_one` enough).");

    public CondvarMisuse() {
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>(ReleaseWithoutNotify.check(file, INFO));
        out.addAll(NotifyNarrowed.check(file, INFO));
        out.addAll(NotifiedAfterAttempt.check(file, INFO));
        FileView.of(file).ifPresent(view -> {
            Nav nav = view.nav();
            for (Node fn : view.fns()) {
                List<Locks.Held> held = view.held(fn);
                for (Node call : nav.find(fn, "call_expression")) {
                    if (!nav.enclosingFn(call).map(fn::equals).orElse(false)) {
                        continue;
                    }
                    Optional<String> method = RuleSupport.methodName(nav, call);
                    if (method.isEmpty()) {
                        continue;
                    }
                    String m = method.get();
                    if ((m.equals("wait") || m.equals("wait_timeout")) && isCondvarWait(view, held, fn, call, m)
                            && !nav.inLoop(call) && file.touches(call)) {
                        out.add(waitOutsideLoop(file, nav, call));
                    } else if ((m.equals("notify_one") || m.equals("notify_all")) && RuleSupport.args(nav, call).isEmpty()
                            && isCondvar(view, fn, call)) {
                        flagBefore(view, held, fn, call).ifPresent(flag -> {
                            int start = RustTree.startLine(flag);
                            int end = RustTree.endLine(call);
                            if (RuleSupport.touched(file, start, end)) {
                                out.add(lostWakeup(file, nav, flag, call, start, end));
                            }
                        });
                    }
                }
            }
        });
        return out;
    }

    /**
     * Whether a method call's receiver is a condition variable by its type: a local or parameter typed
     * {@code Condvar}, or a field the crate declares as a {@code Condvar} ({@code tokio::sync::Notify} keeps a
     * permit and cannot lose a wake-up, so it is not one).
     */
    private static boolean isCondvar(FileView view, Node fn, Node call) {
        Optional<Node> recv = RuleSupport.receiver(view.nav(), call);
        if (recv.isEmpty()) {
            return false;
        }
        if (view.facts().typeOf(recv.get()).map(t -> t.matches(".*\\bCondvar\\b.*")).orElse(false)) {
            return true;
        }
        CrateModel.Lock place = view.crate().lock(Refs.place(view.facts(), fn, recv.get()));
        return place.field() != null && place.field().sync() == FileFacts.Sync.CONDVAR
                && place.field().type().matches(".*\\bCondvar\\b.*");
    }

    private static boolean isCondvarWait(FileView view, List<Locks.Held> held, Node fn, Node call, String m) {
        Nav nav = view.nav();
        RustTree tree = nav.tree();
        List<Node> args = RuleSupport.args(nav, call);
        if (args.size() != (m.equals("wait") ? 1 : 2)) {
            return false;
        }
        if (isCondvar(view, fn, call)) {
            return true;
        }
        Node arg = args.get(0);
        if (nav.is(arg, "reference_expression")) {
            arg = nav.field(arg, "value").orElse(arg);
        }
        String name = tree.text(arg);
        return held.stream().anyMatch(h -> name.equals(h.name()));
    }

    /**
     * The last atomic store/swap/fetch before the notify in the same fn, made while no guard of the fn is
     * alive, when no guard is alive at the notify either: the waiter's check and this store can interleave.
     */
    private static Optional<Node> flagBefore(FileView view, List<Locks.Held> held, Node fn, Node notify) {
        Nav nav = view.nav();
        if (held.stream().anyMatch(h -> view.alive(h, notify, true))) {
            return Optional.empty();
        }
        Node flag = null;
        for (AtomicOrdering.Op op : AtomicOrdering.ops(nav, fn)) {
            if (!op.method().equals("load") && op.call().getEndByte() <= notify.getStartByte()
                    && nav.asyncBoundary(op.call()).equals(nav.asyncBoundary(notify))) {
                flag = op.call();
            }
        }
        if (flag == null) {
            return Optional.empty();
        }
        Node set = flag;
        return held.stream().anyMatch(h -> view.alive(h, set, true)) ? Optional.empty() : Optional.of(flag);
    }

    private static Finding waitOutsideLoop(ChangedFile file, Nav nav, Node call) {
        String text = RuleSupport.snippet(nav, call);
        int line = RustTree.startLine(call);
        return FindingBuilder.at(INFO, file, call)
                .object(text)
                .title("`Condvar` wait outside a loop")
                .explanation("`" + text + "` (line " + line + ") is not inside a `while` loop that re-checks the "
                        + "predicate: condition variables wake up spuriously, and another thread may have consumed "
                        + "the state between the notify and this thread re-acquiring the lock, so the code after it "
                        + "can run with the condition false.")
                .check("Wrap the wait in `while !condition { guard = cvar.wait(guard).unwrap(); }` or use "
                        + "`cvar.wait_while(guard, |s| !condition(s))`.")
                .build();
    }

    private static Finding lostWakeup(ChangedFile file, Nav nav, Node flag, Node notify, int start, int end) {
        String flagText = RuleSupport.snippet(nav, flag);
        String notifyText = RuleSupport.snippet(nav, notify);
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .object(flagText).object(notifyText)
                .title("Condvar notified after a flag set outside the mutex")
                .explanation("`" + flagText + "` (line " + start + ") sets the condition without holding the mutex, "
                        + "then `" + notifyText + "` (line " + RustTree.startLine(notify) + ") wakes waiters: a waiter "
                        + "that checked the flag just before the store and has not yet started waiting misses the "
                        + "notification and sleeps forever (a lost wake-up).")
                .check("Change the condition while holding the condvar's mutex (lock, set, drop, then notify), or "
                        + "confirm that every waiter uses `wait_timeout` and re-checks.")
                .build();
    }
}
