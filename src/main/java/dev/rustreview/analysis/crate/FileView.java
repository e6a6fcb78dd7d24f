package dev.rustreview.analysis.crate;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RustTree;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model as a rule sees one changed file: per-fn facts on the file's own tree (acquisitions, guards and
 * where they are alive, await points, calls) joined with the crate model (lock identity, lock family by
 * resolved type, call summaries, crate-wide lock orders). Rules ask this; they never derive locks, guards or
 * awaits themselves. Built once per file and shared by every rule.
 */
public final class FileView {

    private final ChangedFile file;
    private final TypeFacts facts;
    private final Locks locks;
    private final CrateModel crate;

    private FileView(ChangedFile file, RustTree tree) {
        this.file = file;
        this.facts = TreeCache.of(tree);
        this.crate = file.crate();
        this.locks = new Locks(facts, crate.edition(), this::crateOrigin, this::accessor);
    }

    /** The locks that calls to guard and scoped accessors take, by call (see {@link #accessor}). */
    private final Map<Node, CrateModel.Lock> accessorLocks = new ConcurrentHashMap<>();

    /**
     * A call to the crate's one guard accessor ({@link CrateModel#guardAccessor}) or scoped accessor handed a
     * closure ({@link CrateModel#scopedAccessor}) it resolves to: how that accessor takes its lock. Calls whose name no accessor has are not resolved at all; a call whose receiver
     * the model cannot type counts only when one fn of the crate has that name. Only an accessor whose lock the
     * crate resolves (a field of a known owner, a static) counts.
     */
    private Optional<Locks.Accessor> accessor(Node call) {
        Nav nav = facts.nav();
        if (nav.is(call, "macro_invocation")) {
            return crate.hasLockMacros() ? macroName(nav, call).flatMap(crate::lockMacro)
                    .map(m -> new Locks.Accessor(m.method(), m.awaited() ? LockOrigin.ASYNC : LockOrigin.UNKNOWN, false))
                    : Optional.empty();
        }
        Optional<String> name = Exprs.methodName(nav, call)
                .or(() -> nav.field(call, "function").map(f -> Exprs.lastSegment(Exprs.compact(nav, f))));
        if (name.isEmpty() || !crate.guardAccessorNames().contains(name.get())) {
            return Optional.empty();
        }
        Node fn = nav.enclosingFn(call).orElse(null);
        if (fn == null) {
            return Optional.empty();
        }
        Optional<Refs.CallRef> ref = call(fn, call);
        List<FnFacts> callees = ref.map(crate::callees).orElse(List.of());
        if (callees.isEmpty() && Exprs.methodName(nav, call).isPresent() && !ref.map(crate::foreignReceiver).orElse(false)) {
            callees = crate.uniqueMethod(name.get()).map(List::of).orElse(List.of());
        }
        if (callees.size() != 1) {
            return Optional.empty();
        }
        boolean scoped = !CrateModel.guardAccessor(callees.get(0));
        Optional<FnFacts.Acquire> scopedLock = scoped ? crate.scopedLock(callees.get(0)) : Optional.empty();
        if (scoped && (scopedLock.isEmpty() || Exprs.args(nav, call).stream()
                .noneMatch(a -> nav.is(a, "closure_expression")))) {
            return Optional.empty();
        }
        FnFacts.Acquire taken = scoped ? scopedLock.get() : callees.get(0).acquires().get(0);
        CrateModel.Lock lock = crate.lock(taken.place());
        if (!lock.resolved()) {
            // A lock the accessor is handed (`fn wait_lock<T>(lock: &Mutex<T>) -> MutexGuard<T>`) is whichever one
            // each caller passes; naming them all `lock` would make two different locks one.
            return Optional.empty();
        }
        accessorLocks.put(call, lock);
        return Optional.of(new Locks.Accessor(taken.method(), taken.origin(), scoped));
    }

    /** The last segment of a macro invocation's name ({@code zenoh_core::zread} is {@code zread}). */
    private static Optional<String> macroName(Nav nav, Node macro) {
        return nav.field(macro, "macro").or(() -> nav.namedChildren(macro).stream().findFirst())
                .filter(n -> nav.is(n, "identifier", "scoped_identifier"))
                .map(n -> Exprs.lastSegment(Exprs.compact(nav, n)));
    }

    /** The lock family of a receiver that names a lock field the crate declares (through the model only). */
    private Optional<LockOrigin> crateOrigin(Node receiver) {
        Node fn = facts.nav().enclosingFn(receiver).orElse(null);
        CrateModel.Lock lock = crate.lock(Refs.place(facts, fn, receiver));
        if (lock.field() == null || lock.field().sync() != FileFacts.Sync.LOCK) {
            return Optional.empty();
        }
        return Optional.of(lock.field().origin() == LockOrigin.NONE ? LockOrigin.UNKNOWN : lock.field().origin());
    }

    /** The view of {@code file}'s new side, or empty when it has no Rust tree. */
    public static Optional<FileView> of(ChangedFile file) {
        RustTree tree = file.newTree();
        if (!file.isRust() || tree == null) {
            return Optional.empty();
        }
        return Optional.of(tree.derived(FileView.class, t -> new FileView(file, t)));
    }

    /**
     * The view of {@code file}'s old side read as a lone file, the way the base's findings read it (the crate index
     * holds only the head), or empty when the old side has no Rust tree. Built once per old tree and shared.
     */
    public static Optional<FileView> ofOldSide(ChangedFile file) {
        if (!file.isRust() || file.oldTree() == null) {
            return Optional.empty();
        }
        return of(new ChangedFile(file.change(), null, file.oldText(), null, file.oldTree()));
    }

    /** The innermost fn of the file whose range holds {@code line} (1-based), if any. */
    public Optional<Node> fnHolding(int line) {
        Node fn = null;
        for (Node f : fns()) {
            if (RustTree.startLine(f) <= line && RustTree.endLine(f) >= line
                    && (fn == null || f.getStartByte() > fn.getStartByte())) {
                fn = f;
            }
        }
        return Optional.ofNullable(fn);
    }

    public ChangedFile file() {
        return file;
    }

    public Nav nav() {
        return facts.nav();
    }

    public TypeFacts facts() {
        return facts;
    }

    public CrateModel crate() {
        return crate;
    }

    /** The fns of the file that are code (not inside comments or strings). */
    public List<Node> fns() {
        return facts.nav().code("function_item");
    }

    /** The lock a call expression takes, if it is an acquisition. */
    public Optional<Locks.LockCall> lockCall(Node call) {
        return locks.lockCall(call);
    }

    /** Every acquisition directly in {@code fn}. */
    public List<Locks.LockCall> acquisitions(Node fn) {
        return locks.acquisitions(fn);
    }

    /** Every guard of {@code fn} that outlives its statement. */
    public List<Locks.Held> held(Node fn) {
        return locks.held(fn);
    }

    /** Whether {@code call} takes guard {@code h} by value into a fn that then owns it (see {@link Locks#movesInto}). */
    public boolean movesGuard(Locks.Held h, Node call) {
        return locks.movesGuard(h, call);
    }

    /** Every guard of {@code fn}: those that outlive their statement and statement temporaries. */
    public List<Locks.Held> guards(Node fn) {
        return locks.guards(fn);
    }

    /** Whether {@code h}'s guard is alive at {@code node} (see {@link Locks#alive}). */
    public boolean alive(Locks.Held h, Node node, boolean throughClosures) {
        return locks.alive(h, node, throughClosures);
    }

    /** Second acquisitions made while a guard of {@code fn} is alive. */
    public List<LockFlow.Overlap> overlaps(Node fn) {
        return LockFlow.overlaps(locks, fn);
    }

    /** The await points of {@code fn}, macro bodies included. */
    public List<Node> awaits(Node fn) {
        return Awaits.in(facts.nav(), fn);
    }

    /**
     * Whether an acquisition is a call to a guard accessor ({@code vm.resource_allocator()}) or a scoped accessor
     * ({@code self.inner.with(|stack| ..)}), not a lock method.
     */
    public boolean viaAccessor(Locks.LockCall lc) {
        return accessorLocks.containsKey(lc.call());
    }

    /** The crate lock an acquisition takes: {@code Owner::field} when its owner resolves. */
    public CrateModel.Lock lock(Locks.LockCall lc) {
        CrateModel.Lock viaAccessor = accessorLocks.get(lc.call());
        if (viaAccessor != null) {
            return viaAccessor;
        }
        Node fn = facts.nav().enclosingFn(lc.call()).orElse(null);
        return crate.lock(Refs.place(facts, fn, lc.receiver()));
    }

    /**
     * The lock family of an acquisition: what its receiver's type says in this file, else what the crate
     * declares for the resolved field.
     */
    public LockOrigin origin(Locks.LockCall lc) {
        if (lc.origin() != LockOrigin.UNKNOWN) {
            return lc.origin();
        }
        CrateModel.Lock lock = lock(lc);
        return lock.field() != null && lock.field().origin() != LockOrigin.NONE ? lock.field().origin() : lc.origin();
    }

    private record CallSite(Node fn, Node call) {
    }

    /**
     * Calls already resolved, by site: the lock rules (CC1, CC2, CC3 and others) each ask for the same calls of a
     * file, and resolving one reads its receiver's bindings; on a fuzzed 1.2 MB file each rule paid 19 s for it.
     */
    private final Map<CallSite, Optional<Refs.CallRef>> calls = new ConcurrentHashMap<>();

    /** The call a call expression makes, in the crate's terms. */
    public Optional<Refs.CallRef> call(Node fn, Node call) {
        CallSite site = new CallSite(fn, call);
        Optional<Refs.CallRef> known = calls.get(site);
        if (known == null) {
            known = Refs.call(facts, fn, call);
            calls.put(site, known);
        }
        return known;
    }

    /** What a call may do through the crate's fns. */
    public Summaries.Summary summary(Node fn, Node call) {
        return call(fn, call).map(crate::summary).orElse(Summaries.Summary.NONE);
    }

    /** Whether a node is test code: a test path, or inside a fn or module with a test attribute. */
    public boolean isTest(Node node) {
        return facts.nav().isTestCode(file, node);
    }
}
