package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.CrateModel;
import dev.rustreview.analysis.crate.FileFacts;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Refs;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.Snapshots;
import dev.rustreview.analysis.crate.Summaries;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CC8: one fn reads state under a lock, lets the guard go, and takes the same lock again to update it on the
 * strength of what it read (check under one acquisition, act under another): another thread can change the
 * state in between.
 */
public final class AtomicityViolation implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC8", RiskArea.CONCURRENCY, Severity.HIGH,
            "Atomicity violation (lock taken twice)",
            "One fn acquires the same lock (by owner type and field) twice: the first acquisition's guard dies "
                    + "with an `if`/`while` condition or a `let` whose value then decides that condition, and the "
                    + "second is taken inside the body it decides, so the check and the update are two critical "
                    + "sections; (medium) two method calls on one value that each read shared state (a lock or "
                    + "an atomic, through the crate's calls) deciding one `if`/`else if` chain; (medium) a call whose callee takes "
                    + "a lock (through the crate's calls) deciding an `if`/`match`, directly or through a `let` it names, "
                    + "and a call in the branch it decides taking the same lock again; (medium) lines the change adds "
                    + "that use the results of two or more argument-less calls on one value to different crate methods "
                    + "that each take the same lock (`self.sum()`, `self.count()`), when the fn does not take it "
                    + "itself; (medium) a raw `self.<lock>.unlock()` followed in the same fn by a write to "
                    + "another non-atomic field of `self` (`.set(..)`, `= ..`), which races with the next owner; "
                    + "(medium) a guard clause (an `if` that returns) decided under one guard of a lock, that guard "
                    + "gone before an `.await`, and the same lock taken again exclusively after it with nothing "
                    + "re-checked under the second guard (a limit checked, then exceeded by every task that passed); "
                    + "(medium) the same split made by the change without an `.await`, where the old fn held one "
                    + "`let` guard of the lock for the check and the update (the check now taking the lock itself or "
                    + "through a crate fn, the update taking it itself or through a crate fn); (medium) a `let` guard's "
                    + "lookup (`get`, `get_mut`, `contains_key`, `is_empty`, ..) deciding a `match`/`if` whose branch drops the guard (`drop(g)`) and then takes the same "
                    + "lock exclusively, itself or through a crate fn, when the change adds the drop or the second "
                    + "acquisition; not in test code.",
            "It sees the two acquisitions within one fn (or two calls on one value) and cannot tell whether the "
                    + "state may legitimately change in between (an idempotent update); a write after an unlock in "
                    + "another branch that cannot follow it is still reported.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        FileView.of(file).ifPresent(view -> {
            Nav nav = view.nav();
            // once per file: looking the pair up per fn walked every old fn for each new one
            java.util.Map<String, ItemOutline.FnPair> pairs = new java.util.HashMap<>();
            ItemOutline.changedFnPairs(file).forEach(p -> pairs.putIfAbsent(p.now().name(), p));
            for (Node fn : view.fns()) {
                if (view.isTest(fn)) {
                    continue;
                }
                writesAfterUnlock(view, fn).ifPresent(w -> {
                    int start = RustTree.startLine(w[0]);
                    int end = RustTree.endLine(w[1]);
                    if (RuleSupport.touched(file, start, end)) {
                        out.add(afterUnlock(file, nav, w[0], w[1], start, end));
                    }
                });
                Optional<Finding> split = splitReads(view, fn, file);
                Optional<Finding> checkThenAct = checkThenActThroughCalls(view, fn, file);
                split.ifPresent(out::add);
                checkThenAct.ifPresent(out::add);
                if (split.isEmpty() && checkThenAct.isEmpty()) {
                    tornReads(view, fn, file).ifPresent(out::add);
                }
                if (split.isEmpty() && checkThenAct.isEmpty()) {
                    droppedInBranch(view, fn, file).ifPresent(out::add);
                }
                Optional<Finding> acrossAwait = checkedBeforeAwait(view, fn, file);
                acrossAwait.ifPresent(out::add);
                if (acrossAwait.isEmpty()) {
                    splitCriticalSection(view, fn, file, pairs).ifPresent(out::add);
                }
                Set<Node> reported = new HashSet<>();
                for (Snapshots.Decision d : Snapshots.in(view, fn)) {
                    String id = view.lock(d.read()).id();
                    for (Locks.LockCall again : view.acquisitions(fn)) {
                        if (again == d.read() || !RuleSupport.within(again.call(), d.body())
                                || !view.lock(again).id().equals(id) || !reported.add(again.call())) {
                            continue;
                        }
                        int start = RustTree.startLine(d.read().call());
                        int end = RustTree.endLine(again.call());
                        if (RuleSupport.touched(file, start, end)) {
                            out.add(finding(file, nav, d, again, id, start, end));
                            break; // one finding a check: three arms that each write the state are one race
                        }
                    }
                }
            }
        });
        return out;
    }

    /**
     * {@code match guard.get_mut(id) { Some(e) => .., None => { drop(guard); let h = make()?; self.add(id, h); } }}: a
     * let guard's lookup decides a branch, the branch drops the guard, and the lock is taken again (directly or
     * through a crate fn) to act on what the lookup found missing. Two callers can both miss and both insert
     * (iceoryx2 326cba4b reversed: a service registered twice, a fatal panic).
     */
    private static Optional<Finding> droppedInBranch(FileView view, Node fn, ChangedFile file) {
        Nav nav = view.nav();
        int looked = 0;
        for (Locks.Held h : view.held(fn)) {
            if (h.name() == null || !h.letBound() || looked++ > 16) {
                continue;
            }
            String id = view.lock(h.lock()).id();
            int calls = 0;
            for (Node drop : nav.find(h.scope(), "call_expression")) {
                if (calls++ > 64) {
                    break;
                }
                Optional<Node> f = nav.field(drop, "function");
                List<Node> args = RuleSupport.args(nav, drop);
                if (f.isEmpty() || !nav.tree().text(f.get()).matches("(?:(?:std|core)::)?(?:mem::)?drop") || args.size() != 1
                        || !nav.tree().text(args.get(0)).equals(h.name()) || drop.getStartByte() < h.aliveFrom()) {
                    continue;
                }
                Optional<Node> branch = nav.enclosing(drop, "match_expression", "if_expression");
                Optional<Node> decided = branch.flatMap(b -> nav.field(b, nav.is(b, "match_expression") ? "value" : "condition"));
                if (decided.isEmpty() || nav.find(decided.get(), "identifier").stream()
                        .noneMatch(i -> nav.tree().text(i).equals(h.name()))
                        || !LOOKUP.matcher(nav.tree().text(decided.get())).find()) {
                    continue; // a pop or take claims what it found; only a lookup leaves it for the next caller too
                }
                Node again = retaken(view, fn, branch.get(), drop, id);
                if (again == null) {
                    continue;
                }
                int start = RustTree.startLine(decided.get());
                int end = RustTree.endLine(again);
                if (!file.added(RustTree.startLine(drop)) && !file.added(RustTree.startLine(again))) {
                    continue;
                }
                String b = RuleSupport.snippet(nav, again);
                return Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                        .severity(Severity.MEDIUM)
                        .object(id).object(b)
                        .title("`" + id + "` looked up under " + h.label() + ", dropped in the branch, and taken again to act")
                        .explanation("The `" + (nav.is(branch.get(), "match_expression") ? "match" : "if") + "` on line "
                                + start + " decides by what " + h.label() + " found; the branch drops the guard (line "
                                + RustTree.startLine(drop) + ") and `" + b + "` takes `" + id + "` again to act on it. "
                                + "Between the two another thread can make the same lookup and the same decision: both "
                                + "insert (a duplicate, or the panic that guards against one), or both act on a state "
                                + "that changed.")
                        .check("Keep the guard across the branch (run the callback under it, or insert through the same "
                                + "guard), or look again under the second acquisition.")
                        .build());
            }
        }
        return Optional.empty();
    }

    /** A lookup that leaves what it finds in place (r2d2's {@code pop_front()} under the guard claims it instead). */
    private static final java.util.regex.Pattern LOOKUP = java.util.regex.Pattern.compile(
            "\\.\\s*(?:get|get_mut|contains_key|contains|is_empty|len|peek|first|last|iter)\\s*\\(");

    /** An acquisition of lock {@code id} after {@code drop} inside {@code branch}, direct or through a crate fn. */
    private static Node retaken(FileView view, Node fn, Node branch, Node drop, String id) {
        for (Locks.LockCall lc : view.acquisitions(fn)) {
            if (lc.call().getStartByte() > drop.getEndByte() && RuleSupport.within(lc.call(), branch)
                    && lc.exclusive() && view.lock(lc).id().equals(id)) {
                return lc.call();
            }
        }
        int n = 0;
        for (Node call : view.nav().find(branch, "call_expression")) {
            if (call.getStartByte() <= drop.getEndByte() || n++ > 32 || view.lockCall(call).isPresent()) {
                continue;
            }
            Summaries.Taken t = view.summary(fn, call).locks().get(id);
            if (t != null && t.acquire().exclusive()) {
                return call;
            }
        }
        return null;
    }

    /**
     * {@code self.mutex.unlock(); .. self.count.set(n);}: a raw unlock (a lock implementation, a re-entrant
     * wrapper) followed in the same fn by a write to another non-atomic field of {@code self}: the write runs
     * outside the critical section it belongs to, racing with the next owner. {unlock call, write}.
     */
    private static Optional<Node[]> writesAfterUnlock(FileView view, Node fn) {
        Nav nav = view.nav();
        for (Node unlock : nav.find(fn, "call_expression")) {
            Optional<String> m = RuleSupport.methodName(nav, unlock);
            Optional<Node> recv = RuleSupport.receiver(nav, unlock);
            if (m.isEmpty() || !m.get().matches("unlock(_fair|_shared|_exclusive|_upgradable)?")
                    || !RuleSupport.args(nav, unlock).isEmpty() || recv.isEmpty() || !selfField(nav, recv.get())
                    || !nav.enclosingFn(unlock).map(fn::equals).orElse(false)) {
                continue;
            }
            String unlocked = RuleSupport.compact(nav, recv.get());
            for (Node w : nav.find(fn, "assignment_expression", "compound_assignment_expr", "call_expression")) {
                if (w.getStartByte() < unlock.getEndByte() || !nav.enclosingFn(w).map(fn::equals).orElse(false)
                        || nav.asyncBoundary(w).isPresent() && !nav.asyncBoundary(w).equals(nav.asyncBoundary(unlock))) {
                    continue;
                }
                if (nav.is(w, "call_expression")) {
                    Optional<String> wm = RuleSupport.methodName(nav, w);
                    Optional<Node> target = RuleSupport.receiver(nav, w);
                    if (wm.isPresent() && target.isPresent() && RuleSupport.compact(nav, target.get()).equals(unlocked)
                            && wm.get().startsWith("lock")) {
                        break;
                    }
                    if (wm.isPresent() && wm.get().matches("set|replace|with_mut") && target.isPresent()
                            && isPlainSelfField(view, fn, target.get(), unlocked)) {
                        return Optional.of(new Node[] {unlock, w});
                    }
                } else {
                    Optional<Node> left = nav.field(w, "left");
                    if (left.isPresent() && isPlainSelfField(view, fn, left.get(), unlocked)) {
                        return Optional.of(new Node[] {unlock, w});
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code { let g = self.links.read(); if g.len() >= max { return Err(..); } } self.sync().await; let mut g =
     * self.links.write(); g.push(link);}: a guard clause decided under one guard of lock L, the guard gone, an
     * {@code .await}, and L taken again exclusively to do what the check allowed, with nothing re-checked under
     * the second guard. Every task that passed the check before any of them reached the write does the update
     * (zenoh 1e7edc6a: concurrent link additions beyond the configured maximum). The await is required: it is
     * where other tasks certainly run; a double-checked pattern re-checks under the second guard and is left alone.
     */
    private static Optional<Finding> checkedBeforeAwait(FileView view, Node fn, ChangedFile file) {
        Nav nav = view.nav();
        List<Locks.Held> held = view.held(fn);
        List<Node> awaits = view.awaits(fn);
        if (awaits.isEmpty()) {
            return Optional.empty();
        }
        int looked = 0;
        for (Locks.Held first : held) {
            if (first.name() == null || !first.letBound() || looked++ > 20) {
                continue;
            }
            Optional<Node> refusal = refusalUnder(view, first);
            if (refusal.isEmpty()) {
                continue;
            }
            String id = view.lock(first.lock()).id();
            int checkedAgain = 0;
            for (Locks.LockCall again : view.acquisitions(fn)) {
                if (!again.exclusive() || again == first.lock() || again.call().getStartByte() <= refusal.get().getEndByte()
                        || !view.lock(again).id().equals(id) || view.alive(first, again.call(), true)) {
                    continue;
                }
                Optional<Node> between = awaits.stream()
                        .filter(a -> a.getStartByte() > refusal.get().getEndByte()
                                && a.getEndByte() <= again.call().getStartByte()
                                && !view.alive(first, a, false)
                                && nav.asyncBoundary(a).equals(nav.asyncBoundary(again.call())))
                        .findFirst();
                int start = RustTree.startLine(first.lock().call());
                int end = RustTree.endLine(again.call());
                // the re-check walk last, and for a few candidates only: it reads every guard's scope
                if (between.isPresent() && RuleSupport.touched(file, start, end) && checkedAgain++ < 4
                        && !recheckedUnder(view, fn, again)) {
                    return Optional.of(acrossAwait(file, nav, first, refusal.get(), between.get(), again, id, start, end));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code if let Some(d) = self.loaded_driver() { return Ok(d); } .. *self.loaded_driver.lock().unwrap() = new;}
     * where the old fn held one guard for both ({@code let mut loaded = self.loaded_driver.lock()..}): the change
     * split one critical section into a check (directly, or through a crate fn that takes the lock) and a later
     * update, with nothing re-checked under the second guard. Two threads can both pass the check and both act
     * (cpal dbe07df2 reversed: two streams each loaded the ASIO driver).
     */
    private static Optional<Finding> splitCriticalSection(FileView view, Node fn, ChangedFile file,
                                                          java.util.Map<String, ItemOutline.FnPair> pairs) {
        Nav nav = view.nav();
        String name = RuleSupport.fnName(nav, fn);
        Optional<ItemOutline.FnPair> pair = Optional.ofNullable(pairs.get(name));
        if (pair.isEmpty() || view.acquisitions(fn).isEmpty()) {
            return Optional.empty();
        }
        String was = RuleSupport.squeezed(pair.get().oldBody());
        int looked = 0;
        for (Locks.LockCall again : view.acquisitions(fn)) {
            if (!again.exclusive() || view.viaAccessor(again) || !file.added(RustTree.startLine(again.call()))
                    || looked++ > 16) {
                continue;
            }
            String recv = RuleSupport.compact(nav, again.receiver());
            String quoted = java.util.regex.Pattern.quote(recv);
            java.util.regex.Matcher all = java.util.regex.Pattern.compile(quoted + "\\.(?:lock|write|read|try_lock)\\(").matcher(was);
            int count = 0;
            while (all.find() && count < 3) {
                count++;
            }
            if (count != 1 || !java.util.regex.Pattern.compile("let(?:mut)?[a-z_]\\w*=" + quoted
                    + "\\.(?:lock|write)\\(").matcher(was).find()) {
                continue;
            }
            String id = view.lock(again).id();
            Optional<Node> check = checkOf(view, fn, again, id);
            if (check.isEmpty() || recheckedUnder(view, fn, again)) {
                continue;
            }
            int start = RustTree.startLine(check.get());
            int end = RustTree.endLine(again.call());
            if (RuleSupport.touched(file, start, end)) {
                String b = RuleSupport.snippet(nav, again.call());
                return Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                        .severity(Severity.MEDIUM)
                        .object(id).object(b)
                        .title("`" + id + "` checked and updated in two critical sections where one guard held both")
                        .explanation("Before the change `" + name + "` took `" + recv + "` once and checked and "
                                + "updated under that guard. Now the check on line " + start + " takes the lock "
                                + "and lets it go, and `" + b + "` (line " + RustTree.startLine(again.call())
                                + ") takes it again to update without checking again: two threads can both pass the "
                                + "check and both act (both load, both insert).")
                        .check("Hold one guard from the check to the update, or repeat the check under the second "
                                + "guard.")
                        .build());
            }
        }
        return updateThroughCall(view, fn, file, was);
    }

    /**
     * The same split where the update is a call of a crate fn that takes the lock: {@code if
     * !self.inner.lock().unwrap().negotiated { return Err(..); } self.send_message(..)} where the old fn checked
     * and sent under one {@code let mut guard = self.inner.lock()..} (vhost 9756a7d4 reversed: the feature check
     * and the send became two critical sections).
     */
    private static Optional<Finding> updateThroughCall(FileView view, Node fn, ChangedFile file, String was) {
        Nav nav = view.nav();
        int looked = 0;
        for (Locks.LockCall checked : view.acquisitions(fn)) {
            if (view.viaAccessor(checked) || looked++ > 16) {
                continue;
            }
            Optional<Node> check = nav.enclosing(checked.call(), "if_expression").flatMap(i -> nav.field(i, "condition"))
                    .filter(c -> RuleSupport.within(checked.call(), c));
            Optional<Node> ifx = check.flatMap(nav::parent);
            if (check.isEmpty() || ifx.isEmpty() || nav.field(ifx.get(), "consequence")
                    .map(b -> nav.find(b, "return_expression").isEmpty()).orElse(true)
                    || !file.added(RustTree.startLine(check.get()))) {
                continue;
            }
            String recv = RuleSupport.compact(nav, checked.receiver());
            String quoted = java.util.regex.Pattern.quote(recv);
            if (!java.util.regex.Pattern.compile("let(?:mut)?[a-z_]\\w*=" + quoted + "\\.(?:lock|write)\\(")
                    .matcher(was).find()) {
                continue;
            }
            String id = view.lock(checked).id();
            int calls = 0;
            for (Node call : nav.find(fn, "call_expression")) {
                if (call.getStartByte() < ifx.get().getEndByte() || calls++ > 32
                        || !file.added(RustTree.startLine(call)) || view.lockCall(call).isPresent()) {
                    continue;
                }
                Summaries.Taken taken = view.summary(fn, call).locks().get(id);
                if (taken == null || !taken.acquire().exclusive()) {
                    continue;
                }
                int start = RustTree.startLine(check.get());
                int end = RustTree.endLine(call);
                String b = RuleSupport.snippet(nav, call);
                return Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                        .severity(Severity.MEDIUM)
                        .object(id).object(b)
                        .title("`" + id + "` checked and used in two critical sections where one guard held both")
                        .explanation("Before the change `" + RuleSupport.fnName(nav, fn) + "` took `" + recv
                                + "` once and checked and acted under that guard. Now the check on line " + start
                                + " takes the lock and lets it go, and `" + b + "` (line " + RustTree.startLine(call)
                                + ") takes it again (" + taken.chain() + "): between the two another thread can change "
                                + "what was checked, and the call acts on a state nobody checked.")
                        .check("Take one guard for the check and the call (pass the guard to a fn that takes it), "
                                + "or repeat the check under the second acquisition.")
                        .build());
            }
        }
        return Optional.empty();
    }

    /**
     * An {@code if} before {@code again}, not containing it, whose block returns and whose condition takes lock
     * {@code id}: directly, or through a crate fn that takes it.
     */
    private static Optional<Node> checkOf(FileView view, Node fn, Locks.LockCall again, String id) {
        Nav nav = view.nav();
        int n = 0;
        for (Node ifx : nav.find(fn, "if_expression")) {
            if (n++ > 40 || ifx.getEndByte() > again.call().getStartByte()) {
                continue;
            }
            Optional<Node> cond = nav.field(ifx, "condition");
            Optional<Node> body = nav.field(ifx, "consequence");
            if (cond.isEmpty() || body.isEmpty() || nav.find(body.get(), "return_expression").isEmpty()) {
                continue;
            }
            for (Node call : nav.find(cond.get(), "call_expression")) {
                boolean takes = view.lockCall(call).map(lc -> view.lock(lc).id().equals(id)).orElse(false)
                        || view.summary(fn, call).locks().containsKey(id);
                if (takes) {
                    return cond;
                }
            }
        }
        return Optional.empty();
    }

    /** An {@code if} alive under {@code h} whose block returns, after a use of the guard: the check it refuses by. */
    private static Optional<Node> refusalUnder(FileView view, Locks.Held h) {
        Nav nav = view.nav();
        int checked = 0;
        int firstUse = -1;
        for (Node ifx : nav.find(h.scope(), "if_expression")) {
            if (checked++ > 20) {
                break;
            }
            Optional<Node> body = nav.field(ifx, "consequence");
            if (ifx.getStartByte() < h.aliveFrom() || body.isEmpty() || !view.alive(h, ifx, false)
                    || nav.find(body.get(), "return_expression").isEmpty()) {
                continue;
            }
            if (firstUse < 0) {
                // once per guard: the first use of its name after it is bound
                firstUse = nav.find(h.scope(), "identifier").stream()
                        .filter(i -> i.getStartByte() >= h.aliveFrom() && nav.tree().text(i).equals(h.name()))
                        .mapToInt(Node::getStartByte).min().orElse(Integer.MAX_VALUE);
            }
            boolean used = firstUse < ifx.getEndByte();
            if (used) {
                return Optional.of(ifx);
            }
        }
        return Optional.empty();
    }

    /** Whether the second acquisition's guard is consulted by a condition (a double-checked update). */
    private static boolean recheckedUnder(FileView view, Node fn, Locks.LockCall again) {
        Nav nav = view.nav();
        for (Node up : nav.ancestors(again.call())) {
            if (up.equals(fn)) {
                break;
            }
            if (nav.is(up, "if_expression", "match_expression", "while_expression")) {
                Optional<Node> cond = nav.field(up, nav.is(up, "match_expression") ? "value" : "condition");
                if (cond.isPresent() && RuleSupport.within(again.call(), cond.get())) {
                    return true;
                }
            }
        }
        for (Locks.Held h : view.held(fn)) {
            if (h.lock() != again || h.name() == null) {
                continue;
            }
            for (Node decision : nav.find(h.scope(), "if_expression", "match_expression", "while_expression")) {
                Optional<Node> cond = nav.field(decision, nav.is(decision, "match_expression") ? "value" : "condition");
                if (decision.getStartByte() >= h.aliveFrom() && cond.isPresent()
                        && nav.find(cond.get(), "identifier").stream().anyMatch(i -> nav.tree().text(i).equals(h.name()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Finding acrossAwait(ChangedFile file, Nav nav, Locks.Held first, Node refusal, Node await,
                                       Locks.LockCall again, String id, int start, int end) {
        String a = RuleSupport.snippet(nav, first.lock().call());
        String b = RuleSupport.snippet(nav, again.call());
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .severity(Severity.MEDIUM)
                .object(id).object(a).object(b)
                .title("`" + id + "` checked under `" + a + "`, updated under `" + b + "` after an `.await`")
                .explanation("The check on line " + RustTree.startLine(refusal) + " refuses under `" + a + "` (line "
                        + start + "), whose guard is gone before the `.await` on line " + RustTree.startLine(await)
                        + "; `" + b + "` (line " + RustTree.startLine(again.call()) + ") then takes `" + id + "` "
                        + "again and updates it without checking again. Other tasks run at the `.await`: each that "
                        + "passed the check before any of them updated goes on to update too (a limit exceeded, an "
                        + "entry added twice).")
                .check("Check and update under one exclusive guard after the `.await`, or repeat the check under "
                        + "the second guard.")
                .build();
    }

    /**
     * {@code if let Ok(m) = ch.recv_sync() { .. } else if ch.is_disconnected() { .. }}: two calls on one value,
     * each reading state other threads share (a lock it takes, an atomic, through the crate's calls), decide one
     * {@code if}/{@code else} chain: the second read may see a state the first did not (a message sent and the
     * sender dropped in between), so the two together describe no moment that existed.
     */
    private static Optional<Finding> splitReads(FileView view, Node fn, ChangedFile file) {
        Nav nav = view.nav();
        for (Node outer : nav.find(fn, "if_expression")) {
            Optional<Node> cond = nav.field(outer, "condition");
            Optional<Node> alternative = nav.field(outer, "alternative");
            if (cond.isEmpty() || alternative.isEmpty() || !nav.enclosingFn(outer).map(fn::equals).orElse(false)) {
                continue;
            }
            for (Node first : sharedReads(view, fn, cond.get())) {
                String recv = RuleSupport.compact(nav, RuleSupport.receiver(nav, first).orElseThrow());
                String firstName = RuleSupport.methodName(nav, first).orElse("");
                for (Node inner : nav.find(alternative.get(), "if_expression")) {
                    Optional<Node> c2 = nav.field(inner, "condition");
                    if (c2.isEmpty()) {
                        continue;
                    }
                    for (Node second : sharedReads(view, fn, c2.get())) {
                        if (!RuleSupport.compact(nav, RuleSupport.receiver(nav, second).orElseThrow()).equals(recv)
                                || RuleSupport.methodName(nav, second).orElse("").equals(firstName)) {
                            continue;
                        }
                        int start = RustTree.startLine(first);
                        int end = nav.field(inner, "consequence").map(RustTree::endLine).orElse(RustTree.endLine(c2.get()));
                        if (RuleSupport.touched(file, start, end)) {
                            return Optional.of(split(file, nav, view, fn, first, second, start, end));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code let entry = self.pool.take(key); if let Some(p) = entry { .. } else { self.add_waiter() }}: a call
     * whose callee takes lock L decides a branch (in its condition, or through a {@code let} the condition
     * names), and inside the branch it decides another call takes L again. The check and the act are two
     * critical sections behind two helper names: between them another thread can put, take or close.
     */
    private static Optional<Finding> checkThenActThroughCalls(FileView view, Node fn, ChangedFile file) {
        Nav nav = view.nav();
        java.util.Map<String, Node> lets = new java.util.HashMap<>();
        for (Node let : nav.find(fn, "let_declaration")) {
            Optional<Node> pattern = nav.field(let, "pattern");
            Optional<Node> value = nav.field(let, "value");
            if (pattern.isPresent() && value.isPresent() && nav.is(pattern.get(), "identifier")
                    && nav.enclosingFn(let).map(fn::equals).orElse(false)) {
                lets.put(nav.tree().text(pattern.get()), value.get());
            }
        }
        int branches = 0;
        for (Node decision : nav.find(fn, "if_expression", "match_expression")) {
            if (branches++ > 200 || !nav.enclosingFn(decision).map(fn::equals).orElse(false)) {
                continue;
            }
            Optional<Node> cond = nav.field(decision, nav.is(decision, "if_expression") ? "condition" : "value");
            if (cond.isEmpty()) {
                continue;
            }
            List<Node> deciders = new ArrayList<>(lockingCalls(view, fn, cond.get()));
            for (Node id : nav.find(cond.get(), "identifier")) {
                Node value = lets.get(nav.tree().text(id));
                if (value != null && value.getEndByte() <= decision.getStartByte()) {
                    deciders.addAll(lockingCalls(view, fn, value));
                }
            }
            for (Node first : deciders) {
                java.util.Map<String, Summaries.Taken> locks = view.summary(fn, first).locks();
                for (Node branch : decidedBranches(nav, decision)) {
                    for (Node second : lockingCalls(view, fn, branch)) {
                        Optional<String> same = view.summary(fn, second).locks().keySet().stream()
                                .filter(locks::containsKey).findFirst();
                        if (same.isEmpty() || second.equals(first)) {
                            continue;
                        }
                        int start = RustTree.startLine(first);
                        int end = RustTree.endLine(second);
                        if (RuleSupport.touched(file, start, end)) {
                            return Optional.of(throughCalls(file, nav, view, fn, first, second, same.get(), start, end));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code encode(self.sum()); encode(self.count()); for b in self.buckets() ..}: the change adds two or more
     * argument-less calls on one value to different crate methods that each take the same lock, and uses what
     * each returns. Every call is its own critical section, so the values come from different moments and a
     * concurrent update between them makes them disagree (a histogram whose count is not the sum of its
     * buckets). Not when the fn takes that lock itself (a guard may be alive: CC1's case).
     */
    private static Optional<Finding> tornReads(FileView view, Node fn, ChangedFile file) {
        Nav nav = view.nav();
        java.util.Set<String> ownLocks = new HashSet<>();
        // A guard accessor among the reads (`self.buckets()` returns the guard) is one of the torn reads itself.
        view.acquisitions(fn).stream().filter(lc -> !view.viaAccessor(lc)).forEach(lc -> ownLocks.add(view.lock(lc).id()));
        java.util.Map<String, List<Node>> byReceiver = new java.util.LinkedHashMap<>();
        int seen = 0;
        for (Node call : nav.find(fn, "call_expression")) {
            if (seen >= 40) {
                break;
            }
            Optional<Node> recv = RuleSupport.receiver(nav, call);
            if (recv.isEmpty() || RuleSupport.methodName(nav, call).isEmpty() || !RuleSupport.args(nav, call).isEmpty()
                    || !nav.enclosingFn(call).map(fn::equals).orElse(false) || !file.added(RustTree.startLine(call))
                    || nav.parent(call).filter(p -> nav.is(p, "expression_statement")).isPresent()
                    || view.summary(fn, call).locks().isEmpty()) {
                continue;
            }
            seen++;
            byReceiver.computeIfAbsent(RuleSupport.compact(nav, recv.get()), k -> new ArrayList<>()).add(call);
        }
        for (List<Node> calls : byReceiver.values()) {
            for (int i = 0; i < calls.size(); i++) {
                Node first = calls.get(i);
                for (int j = i + 1; j < calls.size(); j++) {
                    Node second = calls.get(j);
                    if (RuleSupport.methodName(nav, first).equals(RuleSupport.methodName(nav, second))) {
                        continue;
                    }
                    Optional<String> same = view.summary(fn, first).locks().keySet().stream()
                            .filter(view.summary(fn, second).locks()::containsKey)
                            .filter(id -> !ownLocks.contains(id)).findFirst();
                    if (same.isPresent()) {
                        return Optional.of(torn(file, nav, view, fn, first, second, same.get()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Finding torn(ChangedFile file, Nav nav, FileView view, Node fn, Node first, Node second,
                                String lock) {
        String a = RuleSupport.snippet(nav, first);
        String b = RuleSupport.snippet(nav, second);
        int start = RustTree.startLine(first);
        return FindingBuilder.lines(INFO, file, Side.NEW, start, RustTree.endLine(second))
                .severity(Severity.MEDIUM)
                .object(a).object(b).object(lock)
                .title("`" + a + "` and `" + b + "` read `" + lock + "` under two acquisitions: the values can disagree")
                .explanation("`" + a + "` (line " + start + ", " + view.summary(fn, first).locks().get(lock).chain()
                        + ") and `" + b + "` (line " + RustTree.startLine(second) + ", "
                        + view.summary(fn, second).locks().get(lock).chain() + ") each take `" + lock + "` and let it "
                        + "go, and this fn uses both results together. An update by another thread between the two "
                        + "calls makes them describe different moments (a count that is not the sum of its buckets, "
                        + "a length that does not match the items read).")
                .check("Read the values under one acquisition (one method that returns them together), unless "
                        + "each is meaningful on its own.")
                .build();
    }

    /** The method calls under {@code top} (not lock calls themselves) whose callees take a lock of the crate. */
    private static List<Node> lockingCalls(FileView view, Node fn, Node top) {
        Nav nav = view.nav();
        List<Node> out = new ArrayList<>();
        for (Node call : nav.find(top, "call_expression")) {
            if (out.size() < 20 && view.lockCall(call).isEmpty() && !view.summary(fn, call).locks().isEmpty()) {
                out.add(call);
            }
        }
        return out;
    }

    /** The bodies an {@code if} or {@code match} chooses between. */
    private static List<Node> decidedBranches(Nav nav, Node decision) {
        List<Node> out = new ArrayList<>();
        if (nav.is(decision, "if_expression")) {
            nav.field(decision, "consequence").ifPresent(out::add);
            nav.field(decision, "alternative").ifPresent(out::add);
        } else {
            nav.field(decision, "body").ifPresent(out::add);
        }
        return out;
    }

    private static Finding throughCalls(ChangedFile file, Nav nav, FileView view, Node fn, Node first, Node second,
                                        String lock, int start, int end) {
        String a = RuleSupport.snippet(nav, first);
        String b = RuleSupport.snippet(nav, second);
        Summaries.Taken firstTaken = view.summary(fn, first).locks().get(lock);
        Summaries.Taken secondTaken = view.summary(fn, second).locks().get(lock);
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .severity(Severity.MEDIUM)
                .object(a).object(b).object(lock)
                .title("`" + a + "` and `" + b + "` lock `" + lock + "` separately: check and act are two critical sections")
                .explanation("`" + a + "` (line " + start + ") takes `" + lock + "` (" + firstTaken.chain() + ") and its "
                        + "result decides the branch in which `" + b + "` (line " + RustTree.startLine(second)
                        + ") takes `" + lock + "` again (" + secondTaken.chain() + "). The lock is released in between, "
                        + "so another thread can change what the first call saw (put back the entry that was missing, "
                        + "close what was open) before the second acts on it.")
                .check("Do both under one acquisition (one method that checks and acts while holding `" + lock
                        + "`), or re-check inside the second call.")
                .build();
    }

    /** The method calls in a condition whose callee reads shared state through the crate. */
    private static List<Node> sharedReads(FileView view, Node fn, Node condition) {
        Nav nav = view.nav();
        List<Node> out = new ArrayList<>();
        for (Node call : nav.find(condition, "call_expression")) {
            if (RuleSupport.methodName(nav, call).isPresent() && RuleSupport.receiver(nav, call).isPresent()
                    && view.lockCall(call).isEmpty() && view.summary(fn, call).sharedState() != null) {
                out.add(call);
            }
        }
        return out;
    }

    private static Finding split(ChangedFile file, Nav nav, FileView view, Node fn, Node first, Node second, int start,
                                 int end) {
        String a = RuleSupport.snippet(nav, first);
        String b = RuleSupport.snippet(nav, second);
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .severity(Severity.MEDIUM)
                .object(a).object(b)
                .title("`" + a + "` and `" + b + "` read shared state in two steps")
                .explanation("`" + a + "` (line " + start + ") reads state other threads share ("
                        + view.summary(fn, first).sharedState() + "), and when it fails `" + b + "` (line "
                        + RustTree.startLine(second) + ") reads it again separately ("
                        + view.summary(fn, second).sharedState() + "): between the two another thread can act (send "
                        + "and then disconnect, push and then close), so the decision combines two moments and can "
                        + "drop what happened in between.")
                .check("Read both facts under one acquisition (one method that returns both), or re-check the "
                        + "first after the second says the state changed.")
                .build();
    }

    private static boolean selfField(Nav nav, Node expr) {
        return nav.is(expr, "field_expression") && RuleSupport.compact(nav, expr).startsWith("self.");
    }

    /** {@code self.f} (not the unlocked lock itself, not an atomic the crate declares). */
    private static boolean isPlainSelfField(FileView view, Node fn, Node expr, String unlocked) {
        Nav nav = view.nav();
        if (!selfField(nav, expr) || RuleSupport.compact(nav, expr).equals(unlocked)) {
            return false;
        }
        CrateModel.Lock field = view.crate().lock(Refs.place(view.facts(), fn, expr));
        return field.field() == null || field.field().sync() != FileFacts.Sync.ATOMIC;
    }

    private static Finding afterUnlock(ChangedFile file, Nav nav, Node unlock, Node write, int start, int end) {
        String u = RuleSupport.snippet(nav, unlock);
        String w = RuleSupport.snippet(nav, write);
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .severity(Severity.MEDIUM)
                .object(u).object(w)
                .title("`" + w + "` written after `" + u + "` released the lock")
                .explanation("`" + u + "` (line " + start + ") releases the lock, and `" + w + "` (line "
                        + RustTree.startLine(write) + ") then writes state of the same value outside the critical "
                        + "section: the next owner may already hold the lock and read or write that state at the same "
                        + "time (a data race on a non-atomic field).")
                .check("Write the state before the unlock, while the lock is still held.")
                .build();
    }

    private static Finding finding(ChangedFile file, Nav nav, Snapshots.Decision d, Locks.LockCall again, String id,
                                   int start, int end) {
        String first = RuleSupport.snippet(nav, d.read().call());
        String second = RuleSupport.snippet(nav, again.call());
        String read = d.name() == null ? "the condition on line " + RustTree.startLine(d.condition())
                : "`" + d.name() + "` (line " + RustTree.startLine(d.let()) + "), which decides the condition on line "
                + RustTree.startLine(d.condition());
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .object(id).object(first).object(second)
                .title("`" + id + "` checked and updated under two separate locks")
                .explanation("`" + first + "` (line " + start + ") reads the state for " + read + ", and its guard "
                        + "is dropped before `" + second + "` (line " + RustTree.startLine(again.call()) + ") locks `"
                        + id + "` again to act on it: another thread can take the lock in between and change what "
                        + "was checked, so the update runs on a stale decision.")
                .check("Take the lock once, check and update under the same guard (`let mut g = ..lock(); if .. { "
                        + "g.. }`), or re-check the condition after locking the second time.")
                .build();
    }
}
