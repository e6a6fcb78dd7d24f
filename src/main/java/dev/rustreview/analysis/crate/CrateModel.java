package dev.rustreview.analysis.crate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One crate as the rules see it: its types and fields (lock identity is owner type and field, so
 * {@code self.shared} in {@code impl Pool} and {@code pool.shared} for a {@code pool: &Pool} are the same
 * lock {@code Pool::shared}), its fns' facts, and call summaries across the crate (see {@link Summaries}).
 * Immutable after construction apart from memoised summaries; safe to share between threads.
 */
public final class CrateModel {

    /** A resolved lock: its identity, family, and whether it may be taken twice by one thread. */
    public record Lock(String id, FileFacts.Field field, boolean resolved) {

        public boolean reentrant() {
            return field != null && field.reentrant();
        }
    }

    private final Edition edition;
    private final Map<String, List<FileFacts.Field>> structs = new HashMap<>();
    private final Set<String> ambiguous = new HashSet<>();
    private final Map<String, List<List<FileFacts.Field>>> namesakes = new HashMap<>();
    private final Map<String, FileFacts.Field> aliases = new HashMap<>();
    private final Map<String, FileFacts.Field> statics = new HashMap<>();
    private final Map<String, List<FnFacts>> fns = new HashMap<>();
    /** The names of the crate's files and folders: the modules a path like {@code query::query(..)} may start with. */
    private final Set<String> modules = new HashSet<>();
    private final List<FnFacts> all = new ArrayList<>();
    private final Summaries summaries;
    private final boolean binaryOnly;
    private volatile Map<String, List<LockOrders.Site>> orders;
    private volatile Set<String> accessorNames;

    /** The target type text of each type's {@code Deref} impl ({@code DbStats} derefs to {@code DbStatsInner}). */
    private final Map<String, String> derefs = new HashMap<>();
    /** The crate's lock macros and those of the workspace's macro files, by name (see {@link #lockMacro}). */
    private final Map<String, FileFacts.LockMacro> lockMacros = new HashMap<>();

    public CrateModel(Edition edition, Collection<FileFacts> files) {
        this(edition, files, Map.of());
    }

    /**
     * With {@code workspaceMacros}: lock macros other crates of the workspace export (zenoh's {@code zread!} lives
     * in zenoh-core and is used by every other crate); the crate's own definitions win.
     */
    public CrateModel(Edition edition, Collection<FileFacts> files, Map<String, FileFacts.LockMacro> workspaceMacros) {
        this.edition = edition;
        lockMacros.putAll(workspaceMacros);
        boolean main = false;
        boolean lib = false;
        for (FileFacts f : files) {
            String p = "/" + f.path().replace('\\', '/');
            main |= p.endsWith("/src/main.rs");
            lib |= p.endsWith("/src/lib.rs");
        }
        this.binaryOnly = main && !lib;
        for (FileFacts f : files) {
            String[] parts = f.path().replace('\\', '/').split("/");
            for (String part : parts) {
                modules.add(part.endsWith(".rs") ? part.substring(0, part.length() - 3) : part);
            }
            f.structs().forEach((name, fields) -> {
                if (structs.putIfAbsent(name, fields) != null) {
                    ambiguous.add(name);
                }
                namesakes.computeIfAbsent(name, k -> new ArrayList<>()).add(fields);
            });
            aliases.putAll(f.aliases());
            lockMacros.putAll(f.lockMacros());
            derefs.putAll(f.derefs());
            statics.putAll(f.statics());
            for (FnFacts fn : f.fns()) {
                fns.computeIfAbsent(fn.key(), k -> new ArrayList<>()).add(fn);
                all.add(fn);
            }
        }
        this.summaries = new Summaries(this);
    }

    /** The lock a {@code name!(place)} invocation takes, when {@code name} is a lock macro of the crate or workspace. */
    public Optional<FileFacts.LockMacro> lockMacro(String name) {
        return Optional.ofNullable(lockMacros.get(name));
    }

    /** Whether the crate or its workspace defines any lock macro (most define none, and then no invocation is read). */
    public boolean hasLockMacros() {
        return !lockMacros.isEmpty();
    }

    /**
     * Whether the crate is a program only: a {@code src/main.rs} and no {@code src/lib.rs} among its files, so no
     * other crate can use its items (a {@code [lib]} with a custom path in Cargo.toml is not seen).
     */
    public boolean binaryOnly() {
        return binaryOnly;
    }

    public Edition edition() {
        return edition;
    }

    /** Every fn of the crate. */
    public List<FnFacts> fns() {
        return all;
    }

    /**
     * The declared field {@code name} of struct {@code owner}, when the crate has exactly one such struct, or
     * when every struct of that simple name that has the field declares it with the same type (a crate with
     * several {@code Shared} structs, only one with a {@code tail}, or all with {@code shared: Arc<Shared<T>>}).
     */
    public Optional<FileFacts.Field> field(String owner, String name) {
        if (owner == null) {
            return Optional.empty();
        }
        if (ambiguous.contains(owner)) {
            FileFacts.Field only = null;
            for (List<FileFacts.Field> fields : namesakes.getOrDefault(owner, List.of())) {
                for (FileFacts.Field f : fields) {
                    if (!f.name().equals(name)) {
                        continue;
                    }
                    if (only != null && !only.type().replaceAll("\\s+", "").equals(f.type().replaceAll("\\s+", ""))) {
                        return Optional.empty();
                    }
                    only = f;
                }
            }
            return Optional.ofNullable(only).map(this::throughAlias);
        }
        List<FileFacts.Field> fields = structs.get(owner);
        if (fields == null) {
            return Optional.empty();
        }
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().map(this::throughAlias);
    }

    /** A field whose type is a crate alias of a lock takes the alias's classification. */
    private FileFacts.Field throughAlias(FileFacts.Field f) {
        if (f.sync() != FileFacts.Sync.NONE) {
            return f;
        }
        FileFacts.Field alias = aliases.get(Refs.typeHead(f.type()));
        if (alias == null || alias.sync() == FileFacts.Sync.NONE) {
            return f;
        }
        return new FileFacts.Field(f.name(), f.type(), alias.origin(), alias.sync(), alias.reentrant());
    }

    /**
     * The type (simple name) a place has: its base walked through its fields, or null. The markers
     * {@link Refs#ELEMENT} (an element of a collection field) and {@link Refs#DEREF} (the value a lock guard
     * gives access to) step into the field's type arguments.
     */
    public String typeOf(Refs.Place place) {
        return walk(place)[0];
    }

    /** The declared type text of the place's last field ({@code Arc<dyn GaugeFn>}), or null. */
    public String declaredType(Refs.Place place) {
        return place.fields().isEmpty() ? null : walk(place)[1];
    }

    /** {simple type name, declared type text of the last step} of a place walked from its base. */
    private String[] walk(Refs.Place place) {
        String cur = place.base();
        String typeText = null;
        for (String f : place.fields()) {
            if (cur == null) {
                return new String[] {null, null};
            }
            if (f.equals(Refs.ELEMENT) || f.equals(Refs.DEREF)) {
                typeText = typeText == null ? null : Refs.typeArgument(typeText);
                cur = typeText == null ? null : head(typeText);
                continue;
            }
            if (f.startsWith(Refs.CALL)) {
                // the value of `self.lock_mutate(hash)`: what the guard of the crate's guard accessor gives access to
                List<FnFacts> m = fns.getOrDefault(cur + "::" + f.substring(Refs.CALL.length()), List.of());
                Refs.Place taken = m.size() == 1 && guardAccessor(m.get(0)) ? m.get(0).acquires().get(0).place() : null;
                if (taken == null || taken.fields().stream().anyMatch(x -> x.startsWith(Refs.CALL))) {
                    return new String[] {null, null};
                }
                String[] guarded = walk(taken.withFields(List.of(Refs.DEREF)));
                cur = guarded[0];
                typeText = guarded[1];
                continue;
            }
            String owner = cur;
            Optional<FileFacts.Field> declared = field(owner, f);
            for (int hop = 0; hop < 2 && declared.isEmpty() && owner != null && derefs.containsKey(owner); hop++) {
                // `self.db.db_stats.l0_sst_count` where `DbStats` has no such field but derefs to one that has
                owner = head(derefs.get(owner));
                declared = field(owner, f);
            }
            if (declared.isEmpty() && typeText != null && Refs.typeArgument(typeText) != null) {
                // `.field` on a generic wrapper that has none (OwnedOrRef<'a, Receiver<T>>, CachePadded<Shard>)
                // compiles only through Deref: look for the field on the wrapped type
                declared = field(Refs.typeHead(Refs.typeArgument(typeText)), f);
            }
            typeText = declared.map(FileFacts.Field::type).orElse(null);
            cur = typeText == null ? null : head(typeText);
        }
        return new String[] {cur, typeText};
    }

    /**
     * A field type's name as the crate's keys know it, or, for a type written with another crate's path, that
     * path marked as foreign ({@code ::minijinja::Environment}), which names no type of this crate: minijinja-py's
     * own pyclass {@code Environment} wraps {@code env: minijinja::Environment<'static>}, and reading the field's
     * type as the local {@code Environment} turned {@code inner.env.set_loader(..)} into a call of the pyclass's own
     * {@code set_loader}, which locks {@code inner} (three false CC1 criticals).
     */
    private String head(String typeText) {
        String head = Refs.typeHead(typeText);
        String path = Refs.typePath(typeText);
        int sep = path.indexOf("::");
        if (sep <= 0) {
            return head;
        }
        String root = path.substring(0, sep);
        boolean local = root.equals("crate") || root.equals("self") || root.equals("super") || root.equals("Self")
                || modules.contains(root);
        return local ? head : "::" + path;
    }

    /**
     * The lock a place names: {@code Owner::field} when its owner resolves, else its text. The locks of a
     * collection field's elements ({@code self.shards.iter().map(|s| s.read())}) are one lock
     * {@code Owner::field[]}: an element locked while another may be is reported, graded as possibly another
     * element.
     */
    public Lock lock(Refs.Place place) {
        List<String> fields = place.fields();
        if (fields.stream().anyMatch(f -> f.startsWith(Refs.CALL))) {
            // a value some call returned (`self.shard(key).lock()`): two calls may return two locks
            return new Lock(place.text(), null, false);
        }
        if (!fields.isEmpty() && fields.get(fields.size() - 1).equals(Refs.ELEMENT)) {
            Lock of = lock(new Refs.Place(place.base(), fields.subList(0, fields.size() - 1), place.text()));
            return new Lock(of.id() + Refs.ELEMENT, of.field(), of.resolved());
        }
        if (place.base() != null && !fields.isEmpty()) {
            String owner = typeOf(new Refs.Place(place.base(), fields.subList(0, fields.size() - 1), place.text()));
            String last = fields.get(fields.size() - 1);
            if (owner != null) {
                Optional<FileFacts.Field> f = field(owner, last);
                for (int hop = 0; hop < 2 && f.isEmpty() && derefs.containsKey(owner); hop++) {
                    // `self.active_memtable.write()` in a method of `Tree(Arc<TreeInner>)`, which derefs to the
                    // `TreeInner` that declares the field: the lock is `TreeInner::active_memtable`
                    String inner = head(derefs.get(owner));
                    if (field(inner, last).isEmpty() && !derefs.containsKey(inner)) {
                        break;
                    }
                    owner = inner;
                    f = field(owner, last);
                }
                return new Lock(owner + "::" + last, f.orElse(null), f.isPresent());
            }
        }
        if (place.base() == null && fields.isEmpty() && statics.containsKey(place.text())) {
            return new Lock("static " + place.text(), statics.get(place.text()), true);
        }
        return new Lock(place.text(), null, false);
    }

    /** The crate fns a call may run (a method of the receiver's resolved type, a path, a free fn). */
    public List<FnFacts> callees(Refs.CallRef call) {
        if (call.isMethod()) {
            String type = typeOf(call.receiver());
            List<FnFacts> found = type == null ? List.of() : fns.getOrDefault(type + "::" + call.name(), List.of());
            for (int hop = 0; hop < 2 && found.isEmpty() && type != null && derefs.containsKey(type); hop++) {
                // `self.index.lock_active_memtable()` where `IndexTree` has no such method but derefs to the `Tree`
                // that has (lsm-tree 9339b461 reversed: the blob tree's flush took that tree's memtable lock twice)
                type = head(derefs.get(type));
                found = fns.getOrDefault(type + "::" + call.name(), List.of());
            }
            return found;
        }
        String path = call.path();
        int sep = path.lastIndexOf("::");
        if (sep < 0) {
            return fns.getOrDefault(path, List.of()).stream().filter(f -> !f.key().contains("::")).toList();
        }
        String owner = Exprs.lastSegment(path.substring(0, sep));
        List<FnFacts> byType = fns.get(owner + "::" + call.name());
        if (byType != null) {
            return byType;
        }
        String root = path.substring(0, path.indexOf("::"));
        if (!root.equals("crate") && !root.equals("self") && !root.equals("super") && !modules.contains(root)) {
            // `frontend::query(..)` imported from another crate is not the crate's own free fn `query`
            // (rust-postgres: that one takes the client's buffer lock).
            return List.of();
        }
        return fns.getOrDefault(call.name(), List.of()).stream().filter(f -> !f.key().contains("::")).toList();
    }

    /**
     * Whether a method call's receiver is known to be of another crate's type (see {@link #head}): such a call is
     * not resolved to a crate fn by its name alone.
     */
    public boolean foreignReceiver(Refs.CallRef call) {
        if (!call.isMethod()) {
            return false;
        }
        String type = typeOf(call.receiver());
        return type != null && type.startsWith("::");
    }

    /** The crate fns keyed {@code type::name}: the methods of that name of a type, from any of its impls. */
    public List<FnFacts> methods(String type, String name) {
        return fns.getOrDefault(type + "::" + name, List.of());
    }

    /** The fields of struct {@code owner} when the crate declares one struct of that name, else none. */
    public List<FileFacts.Field> fields(String owner) {
        return ambiguous.contains(owner) ? List.of() : structs.getOrDefault(owner, List.of());
    }

    /**
     * The one method of the crate named {@code name} (any impl), when exactly one fn has that name: how a call
     * on a receiver whose type the model cannot follow ({@code handle.time().inner.lock_wheel(id)}) is resolved
     * by rules that only need a fact of the callee's signature.
     */
    public Optional<FnFacts> uniqueMethod(String name) {
        List<FnFacts> found = new ArrayList<>();
        for (FnFacts f : all) {
            if (f.key().endsWith("::" + name) && !f.test()) {
                found.add(f);
            }
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * Whether {@code fn} is a guard accessor: a non-test fn whose signature returns a guard and whose body takes
     * exactly one lock ({@code fn resource_allocator(&self) -> MutexGuard<'_, ResourceAllocator>}), so a caller
     * that binds its result holds that lock. A fn that takes two locks, or none of its own (it forwards another
     * accessor), is not read as one: which guard it returns is not known.
     */
    public static boolean guardAccessor(FnFacts fn) {
        return fn.returnsGuard() && !fn.test() && fn.acquires().size() == 1 && !borrow(fn.acquires().get(0));
    }

    /**
     * Whether {@code fn} is a scoped accessor: a non-test fn that takes exactly one lock and, while its guard is
     * alive, calls a closure it was handed ({@code fn with<F: FnOnce(&Stack) -> R>(&self, f: F) -> R { let g =
     * self.stack.read()..; f(&g) }}), so the closure a caller passes runs under that lock.
     */
    public static boolean scopedAccessor(FnFacts fn) {
        return fn.callsParamUnderLock() && !fn.returnsGuard() && !fn.test() && fn.acquires().size() == 1
                && !borrow(fn.acquires().get(0));
    }

    /** How many forwarding steps {@link #scopedLock} follows ({@code input_mut} to {@code input_mut_for} to {@code write}). */
    private static final int MAX_FORWARDS = 3;

    /**
     * The lock a scoped accessor takes while it runs the caller's closure: its own one acquisition, or, for a
     * non-test fn that takes no lock itself and hands its closure parameter to another scoped accessor of the same
     * value ({@code fn input<R>(&self, reader: impl FnOnce(&InputState) -> R) -> R { self.write(move |ctx|
     * reader(&ctx.input)) }}), that accessor's lock, through at most {@link #MAX_FORWARDS} such steps. egui
     * d3194894 reversed: {@code ctx.os()} inside {@code ctx.input(|i| ..)} read-locked the context its caller
     * held for writing.
     */
    public Optional<FnFacts.Acquire> scopedLock(FnFacts fn) {
        return scopedLock(fn, 0);
    }

    private Optional<FnFacts.Acquire> scopedLock(FnFacts fn, int depth) {
        if (scopedAccessor(fn)) {
            return Optional.of(fn.acquires().get(0));
        }
        if (depth >= MAX_FORWARDS || fn.test() || fn.returnsGuard() || !fn.acquires().isEmpty() || fn.forwards().size() != 1) {
            return Optional.empty();
        }
        List<FnFacts> callees = callees(fn.forwards().get(0));
        return callees.size() == 1 && callees.get(0) != fn ? scopedLock(callees.get(0), depth + 1) : Optional.empty();
    }

    /**
     * A {@code RefCell} borrow, told by its method: the token reader does not always know the field's type (tokio's
     * `with_core` matches on `self.core.borrow_mut()`), and a borrow is PN10's, not a lock.
     */
    private static boolean borrow(FnFacts.Acquire a) {
        return a.method().contains("borrow");
    }

    /**
     * The names of the crate's guard and scoped accessors (see {@link #guardAccessor}, {@link #scopedAccessor}):
     * a cheap test before a call is resolved.
     */
    public Set<String> guardAccessorNames() {
        Set<String> names = accessorNames;
        if (names == null) {
            Set<String> found = new HashSet<>();
            for (FnFacts f : all) {
                if (guardAccessor(f) || scopedLock(f).isPresent()) {
                    found.add(Exprs.lastSegment(f.key()));
                }
            }
            names = Set.copyOf(found);
            accessorNames = names;
        }
        return names;
    }

    /** What a call may do, through the crate's fns (bounded depth, cycles cut). */
    public Summaries.Summary summary(Refs.CallRef call) {
        return summaries.ofCall(call);
    }

    /** What a fn may do, itself and through its callees. */
    public Summaries.Summary summary(FnFacts fn) {
        return summaries.of(fn);
    }

    /** Where the crate takes lock {@code second} while holding {@code first} (non-test fns). */
    public List<LockOrders.Site> ordered(String first, String second) {
        Map<String, List<LockOrders.Site>> o = orders;
        if (o == null) {
            o = LockOrders.collect(this);
            orders = o;
        }
        return o.getOrDefault(LockOrders.key(first, second), List.of());
    }

    /**
     * Whether an acquisition really takes a lock: {@code read()}/{@code write()} count only on a field the
     * crate declares as a lock (else they are I/O), {@code lock()} and {@code borrow_mut()} unless the field is
     * declared as something else.
     */
    public boolean isLock(Lock lock, FnFacts.Acquire a) {
        if (lock.field() != null) {
            return lock.field().sync() == FileFacts.Sync.LOCK || lock.field().sync() == FileFacts.Sync.REFCELL;
        }
        return a.method().contains("lock") || a.method().equals("borrow_mut");
    }
}
