package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.CrateModel;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.LockOrigin;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SS24: a read-modify-write of locked state split across two critical sections. A {@code let} reads the value under
 * one acquisition of a lock (a temporary guard, or a crate fn that takes the lock), the fn computes from it, and a
 * later statement stores the result through another acquisition ({@code *self.revision.lock() = next}). Two callers
 * that read the same value both store value + 1: one update is lost. Xline cd6a54b3 reversed: the kv store's sync
 * read the revision through {@code self.revision()}, awaited the watchers, then wrote {@code revision + 1} back, and
 * concurrent syncs reused one revision.
 */
public final class UpdateSplitAcrossLocks implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS24", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "read-modify-write split across two lock acquisitions",
            "In a non-test fn that takes `&self` (not `&mut self`), a `let` reads a value through a temporary "
                    + "acquisition of a lock (not a `RefCell`) or a call of a crate fn that takes it (the model's summary), and a later "
                    + "assignment stores through a second acquisition of the same lock (`*self.x.lock() = v`, "
                    + "`self.x.write().field = v`) a value computed from that `let` (directly or through the `let`s "
                    + "derived from it); the fn holds no `let` guard of the lock, and the change adds the read or the "
                    + "write.",
            "It does not know whether callers are serialised some other way (one task owns the value, an outer "
                    + "lock), which makes the split harmless.");

    /** Fns looked at per file; statements looked at per fn. */
    private static final int MAX_FNS = 2_000;
    private static final int MAX_LETS = 200;

    private record Read(Node let, String name, String lock) {
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || file.isTestPath() || !text.contains("let ")) {
            return out;
        }
        FileView view = FileView.of(file).orElse(null);
        if (view == null || view.fns().size() > MAX_FNS) {
            return out;
        }
        Nav nav = view.nav();
        for (Node fn : view.fns()) {
            if (!file.touches(fn) || view.isTest(fn) || mutSelf(nav, fn)) {
                continue;
            }
            List<Locks.LockCall> acquisitions = view.acquisitions(fn);
            if (acquisitions.size() < 1 || acquisitions.size() > 64) {
                continue;
            }
            Set<String> letGuarded = new java.util.HashSet<>();
            for (Locks.Held h : view.held(fn)) {
                if (h.letBound()) {
                    letGuarded.add(view.lock(h.lock()).id());
                }
            }
            for (Locks.LockCall write : acquisitions) {
                CrateModel.Lock lock = view.lock(write);
                if (!lock.resolved() || letGuarded.contains(lock.id()) || view.origin(write) == LockOrigin.REFCELL
                        || write.method().contains("borrow")) {
                    // a RefCell is one thread's: nothing runs between its two borrows
                    continue;
                }
                Node assignment = storedThrough(nav, write);
                if (assignment == null) {
                    continue;
                }
                Optional<Read> read = readBefore(view, fn, assignment, lock.id());
                if (read.isEmpty()) {
                    continue;
                }
                Node value = nav.field(assignment, "right").orElse(null);
                Set<String> derived = derived(nav, fn, read.get(), assignment);
                String stored = value == null ? "" : nav.tree().text(value);
                String used = derived.stream().filter(n -> word(n).matcher(stored).find()).findFirst().orElse(null);
                int readLine = RustTree.startLine(read.get().let());
                int writeLine = RustTree.startLine(assignment);
                if (used == null || !file.added(readLine) && !file.added(writeLine)) {
                    continue;
                }
                String fnName = RuleSupport.fnName(nav, fn);
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, writeLine, writeLine)
                        .object(fnName).object(lock.id())
                        .title("`" + fnName + "` reads `" + lock.id() + "` and writes it back under a second lock")
                        .explanation("`" + read.get().name() + "` is read under one acquisition of `" + lock.id()
                                + "` (line " + readLine + ") and the value stored on line " + writeLine + " is computed "
                                + "from it (`" + used + "`) under another. Between the two the lock is free: another "
                                + "caller can read the same value, and the later of the two stores overwrites the "
                                + "other's update.")
                        .check("Read, compute and store under one guard (`let mut g = ..lock(); *g += 1;`), or use an "
                                + "atomic (`fetch_add`), unless callers are serialised some other way.")
                        .build());
                if (out.size() >= 8) {
                    return out;
                }
            }
        }
        return out;
    }

    /** The assignment ({@code =}, not {@code +=}) whose left side stores through {@code write}, if any. */
    private static Node storedThrough(Nav nav, Locks.LockCall write) {
        Node cur = write.outer();
        for (int depth = 0; depth < 4; depth++) {
            Node parent = nav.parent(cur).orElse(null);
            if (parent == null) {
                return null;
            }
            if (nav.is(parent, "assignment_expression")) {
                return nav.field(parent, "left").map(cur::equals).orElse(false) ? parent : null;
            }
            if (!nav.is(parent, "unary_expression", "field_expression", "parenthesized_expression")) {
                return null;
            }
            cur = parent;
        }
        return null;
    }

    /** The last simple {@code let} before {@code assignment} whose value reads lock {@code lockId}. */
    private static Optional<Read> readBefore(FileView view, Node fn, Node assignment, String lockId) {
        Nav nav = view.nav();
        Read found = null;
        int looked = 0;
        for (Node let : nav.findInFn(fn, "let_declaration")) {
            if (looked++ >= MAX_LETS || let.getStartByte() >= assignment.getStartByte()) {
                break;
            }
            Node pattern = nav.field(let, "pattern").orElse(null);
            Node value = nav.field(let, "value").orElse(null);
            if (pattern == null || value == null || !nav.is(pattern, "identifier")) {
                continue;
            }
            if (reads(view, fn, value, lockId)) {
                found = new Read(let, nav.tree().text(pattern), lockId);
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether {@code value} reads the lock: a temporary acquisition of it, or a call whose callee takes it. */
    private static boolean reads(FileView view, Node fn, Node value, String lockId) {
        Nav nav = view.nav();
        for (Locks.LockCall lc : view.acquisitions(fn)) {
            if (within(lc.outer(), value) && !lc.outer().equals(value) && view.lock(lc).id().equals(lockId)) {
                return true;
            }
        }
        int calls = 0;
        for (Node call : nav.find(value, "call_expression")) {
            if (calls++ >= 8) {
                break;
            }
            if (view.lockCall(call).isEmpty() && view.summary(fn, call).locks().containsKey(lockId)) {
                return true;
            }
        }
        return false;
    }

    /** The read's name and the names of the {@code let}s between it and the store that are computed from them. */
    private static Set<String> derived(Nav nav, Node fn, Read read, Node assignment) {
        Set<String> names = new LinkedHashSet<>();
        names.add(read.name());
        int looked = 0;
        for (Node let : nav.findInFn(fn, "let_declaration")) {
            if (looked++ >= MAX_LETS || let.getStartByte() >= assignment.getStartByte()) {
                break;
            }
            if (let.getStartByte() <= read.let().getStartByte()) {
                continue;
            }
            Node pattern = nav.field(let, "pattern").orElse(null);
            Node value = nav.field(let, "value").orElse(null);
            if (pattern == null || value == null || !nav.is(pattern, "identifier")) {
                continue;
            }
            String valueText = nav.tree().text(value);
            if (names.stream().anyMatch(n -> word(n).matcher(valueText).find())) {
                names.add(nav.tree().text(pattern));
            }
        }
        return names;
    }

    private static boolean within(Node inner, Node outer) {
        return inner.getStartByte() >= outer.getStartByte() && inner.getEndByte() <= outer.getEndByte();
    }

    private static Pattern word(String name) {
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "(?![\\w(])");
    }

    /** Whether the fn takes {@code &mut self}: no other caller can run it at the same time. */
    private static boolean mutSelf(Nav nav, Node fn) {
        Node params = nav.field(fn, "parameters").orElse(null);
        if (params == null) {
            return false;
        }
        for (Node p : nav.namedChildren(params)) {
            if (nav.is(p, "self_parameter")) {
                return nav.tree().text(p).replaceAll("\\s+", "").startsWith("&mut") || nav.tree().text(p).startsWith("mut");
            }
        }
        return false;
    }
}
