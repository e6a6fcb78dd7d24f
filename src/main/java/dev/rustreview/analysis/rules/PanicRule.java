package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.LockFlow;
import dev.rustreview.analysis.crate.LockOrigin;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PN1: explicit panics on added lines. Grading: test code, build scripts and examples are low, and so is
 * the mutex-poisoning idiom {@code .lock().unwrap()}; panics inside {@code Drop}, {@code poll}, extern fns or
 * while a lock guard is alive are high; the rest is medium. Panics in const initialisers are compile
 * errors, not runtime panics, and are skipped. Calls inside macro arguments are found from the token tree.
 */
public final class PanicRule implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN1", RiskArea.PANICS, Severity.MEDIUM, "explicit panic",
            ".unwrap(), .expect() (and wasm-bindgen's unwrap_throw/expect_throw), panic!, unreachable!, todo!, unimplemented! on added lines, and assert!/"
                    + "assert_eq!/assert_ne! outside test code on a parameter of the enclosing fn or, in a drop path "
                    + "(`impl Drop`'s `drop`, a drop-guard closure) not behind `thread::panicking()`, on a call's outcome "
                    + "(`munmap(..) == 0`, `.is_ok()`, a local bound to a call's status), or in a fn that stays whose removed lines built more `Err(..)` "
                    + "values than its added lines (an error the caller handled became a panic), and `Instant + d`, "
                    + "`Instant - d`, `Duration - Duration` (also `+=`/`-=`) where the operands are known locally to be "
                    + "`Instant`/`Duration` (also `self.` fields the file declares so) and the other is not a literal "
                    + "`Duration` (nor, added to an `Instant`, a `Duration::from_millis/micros/nanos`, too small to "
                    + "overflow it), and `x - d` for any `x` when `d` is a `Duration` held in a local, parameter or "
                    + "field; high inside Drop, "
                    + "poll, extern fns or while a lock guard is alive (any guard the crate model sees alive, "
                    + "scrutinee temporaries included), low in tests and for .lock().unwrap() (medium in Drop or a drop-guard "
                    + "closure such as CallOnDrop(|| ..), where a poisoned mutex panics while unwinding and aborts).",
            "It cannot prove a value is always Some/Ok (an unwrap after an is_some check is still reported), and "
                    + "knows an `Instant`/`Duration` only from `Instant::now()`, `Duration::from_*`, `.elapsed()` and "
                    + "locals or parameters declared with them, and `self.` fields the file declares with one of those types.",
            "unwrap_used", "expect_used", "panic", "todo");

    /** wasm-bindgen's `unwrap_throw`/`expect_throw` panic too (as a JS exception): wasm-bindgen 5a1dfdf2 reversed. */
    private static final Set<String> PANIC_METHODS = Set.of("unwrap", "expect", "unwrap_err", "expect_err", "unwrap_throw",
            "expect_throw");
    private static final Set<String> PANIC_MACROS = Set.of("panic", "unreachable", "todo", "unimplemented");
    private static final Set<String> ASSERTS = Set.of("assert", "assert_eq", "assert_ne");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        RustTree tree = file.newTree();
        if (tree == null) {
            return List.of();
        }
        TreeIndex scopes = TreeIndex.of(tree);
        List<Finding> out = new ArrayList<>();
        for (Node node : scopes.nodes("call_expression", "macro_invocation", "token_tree")) {
            if (Syntax.is(node, "call_expression")) {
                String m = SafetySyntax.methodName(tree, node);
                if (m != null && PANIC_METHODS.contains(m)) {
                    Node recv = SafetySyntax.receiver(node);
                    report(file, tree, scopes, node, SafetySyntax.methodToken(node), "." + m + "()",
                            "`." + m + "()` on `" + SafetySyntax.brief(tree, recv) + "`", lockIdiom(tree, recv), out);
                }
            } else if (Syntax.is(node, "macro_invocation")) {
                String name = SafetySyntax.macroName(tree, node);
                if (PANIC_MACROS.contains(name)) {
                    report(file, tree, scopes, node, node, name + "!", "`" + SafetySyntax.brief(tree, node) + "`", false,
                            out);
                } else if (ASSERTS.contains(name) && !file.isTestPath() && !scopes.inTest(node)) {
                    Optional<String> input = callerInput(tree, scopes, node);
                    if (input.isPresent()) {
                        report(file, tree, scopes, node, node, name + "!", "`" + SafetySyntax.brief(tree, node)
                                + "` on the caller's `" + input.get() + "`", false, out);
                    } else if (errorReplaced(file, RustTree.startLine(node))) {
                        // rusqlite 0394e114 reversed: `if index != expected { Err(InvalidParameterCount) }` became
                        // `assert_eq!(index, expected)`; the caller's mistake now panics instead of returning.
                        report(file, tree, scopes, node, node, name + "!", "`" + SafetySyntax.brief(tree, node)
                                + "` where the fn returned an `Err` before the change", false, out);
                    } else if ((FAILED_CALL.matcher(tree.text(node)).find() || callOutcomeLocal(tree, scopes, node))
                            && dropPath(tree, scopes, node).isPresent() && !panickingChecked(tree, node)) {
                        // An OS call that fails makes this assertion panic while dropping (memmap2 f6d33692); an
                        // invariant assertion, or one behind `if !thread::panicking()`, is the author's choice.
                        report(file, tree, scopes, node, node, name + "!", "`" + SafetySyntax.brief(tree, node)
                                + "` on a call's outcome in a drop path", false, out);
                    }
                }
            } else if (scopes.innermost(node, "attribute_item", "inner_attribute_item").isEmpty()) {
                scanTokenTree(file, tree, scopes, node, out);
            }
        }
        for (TimeArithmetic.Site site : TimeArithmetic.sites(tree, scopes)) {
            report(file, tree, scopes, site.node(), site.node(), "time arithmetic", site.described(), false, out);
        }
        return SafetySyntax.mergeSameLine(out);
    }

    /** A call's outcome compared with a number ({@code munmap(p, n) == 0}, {@code CloseHandle(h) != 0}) or tested. */
    private static final Pattern FAILED_CALL = Pattern.compile("(?<![\\w.])(?:\\w+\\s*::\\s*)*[A-Za-z_]\\w*\\s*\\("
            + "[^;{}]{0,200}\\)\\s*[!=]=\\s*-?\\d+\\b|\\.\\s*is_ok\\s*\\(\\s*\\)");

    /** {@code assert!(status == OK, ..)}: a lower-case name compared with something. */
    private static final Pattern COMPARED_NAME = Pattern.compile("\\(\\s*([a-z_][a-z0-9_]*)\\s*[!=]=|[!=]=\\s*([a-z_][a-z0-9_]*)\\s*[,)]");

    /**
     * Whether the assertion compares a local the fn bound to a call's result ({@code let status = unsafe {
     * release(..) };}): napi-rs e1265b8d reversed asserted a N-API release status in {@code Drop}, which Node reports as
     * {@code napi_closing} during teardown, so the destructor panicked across the FFI boundary.
     */
    private static boolean callOutcomeLocal(RustTree tree, TreeIndex scopes, Node assertion) {
        Matcher m = COMPARED_NAME.matcher(tree.text(assertion));
        Optional<Node> fn = scopes.innermost(assertion, "function_item");
        if (!m.find() || fn.isEmpty()) {
            return false;
        }
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        return Pattern.compile("\\blet\\s+(?:mut\\s+)?" + name + "\\s*(?::[^=;]{1,80})?=\\s*(?:unsafe\\s*\\{\\s*)?"
                + "(?:\\w+\\s*::\\s*)*[A-Za-z_]\\w*\\s*\\(").matcher(tree.text(fn.get())).find();
    }

    private static final Pattern ERR = Pattern.compile("(?<![\\w:])Err\\s*\\(");

    /**
     * Whether {@code line} lies in a fn that stays and whose removed lines build more {@code Err(..)} values than
     * its added lines: an assertion added there likely took the place of an error the caller could handle.
     */
    private static boolean errorReplaced(ChangedFile file, int line) {
        if (!file.added(line)) {
            return false;
        }
        for (int[] range : file.derived(PanicRule.class, ErrorsLost.class, PanicRule::errorsLost).ranges()) {
            if (line >= range[0] && line <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** The new-side line ranges of the fns that lost {@code Err(..)} values, found once per file. */
    private record ErrorsLost(List<int[]> ranges) {
    }

    private static ErrorsLost errorsLost(ChangedFile file) {
        // Once per file, not per assertion: asked per assertion, a fn of thousands of them was read thousands of times.
        List<int[]> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            long removed = PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed).stream()
                    .filter(l -> ERR.matcher(l.text()).find()).count();
            long added = PanickingTwinAdded.lines(pair.after(), pair.now(), file::added).stream()
                    .filter(l -> ERR.matcher(l.text()).find()).count();
            if (removed > added) {
                out.add(new int[] {pair.after().line(pair.now().start()), pair.after().endLine(pair.now())});
            }
        }
        return new ErrorsLost(out);
    }

    /** Whether an {@code if} around the site asks {@code thread::panicking()}: no panic while already unwinding. */
    private static boolean panickingChecked(RustTree tree, Node site) {
        for (Node p = site.getParent(); p != null && !p.isNull() && !Syntax.is(p, "function_item"); p = p.getParent()) {
            if (Syntax.is(p, "if_expression")) {
                Node condition = p.getChildByFieldName("condition");
                if (condition != null && !condition.isNull() && tree.text(condition).contains("panicking()")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first parameter of the enclosing fn that an assertion's arguments name, if any. */
    private static Optional<String> callerInput(RustTree tree, TreeIndex scopes, Node macro) {
        Optional<Node> fn = scopes.innermost(macro, "function_item");
        if (fn.isEmpty()) {
            return Optional.empty();
        }
        Set<String> params = new java.util.HashSet<>();
        Syntax.field(fn.get(), "parameters").ifPresent(ps -> {
            for (Node p : Syntax.namedChildren(ps)) {
                Syntax.field(p, "pattern").filter(x -> Syntax.is(x, "identifier")).ifPresent(x -> params.add(tree.text(x)));
            }
        });
        for (Node n : tree.preorder(macro)) {
            if (Syntax.is(n, "identifier") && params.contains(tree.text(n))) {
                return Optional.of(tree.text(n));
            }
        }
        return Optional.empty();
    }

    /** Finds {@code .unwrap()} and {@code panic!(..)} among a macro argument's direct tokens. */
    private void scanTokenTree(ChangedFile file, RustTree tree, TreeIndex scopes, Node tokens, List<Finding> out) {
        List<Node> c = Syntax.children(tokens);
        String macro = scopes.innermost(tokens, "macro_invocation").map(mi -> SafetySyntax.macroName(tree, mi) + "!")
                .orElse("a macro");
        for (int i = 0; i + 1 < c.size(); i++) {
            Node a = c.get(i);
            Node b = c.get(i + 1);
            Node after = i + 2 < c.size() ? c.get(i + 2) : null;
            if (".".equals(a.getType()) && Syntax.is(b, "identifier") && PANIC_METHODS.contains(tree.text(b))
                    && after != null && Syntax.is(after, "token_tree") && tree.text(after).startsWith("(")) {
                String m = tree.text(b);
                report(file, tree, scopes, tokens, b, "." + m + "()", "`." + m + "()` inside `" + macro + "`", false, out);
            } else if (Syntax.is(a, "identifier") && PANIC_MACROS.contains(tree.text(a)) && "!".equals(b.getType())) {
                String name = tree.text(a);
                report(file, tree, scopes, tokens, a, name + "!", "`" + name + "!` inside `" + macro + "`", false, out);
            }
        }
    }

    private void report(ChangedFile file, RustTree tree, TreeIndex scopes, Node site, Node anchor, String what,
                        String described, boolean lockIdiom, List<Finding> out) {
        int line = RustTree.startLine(anchor);
        if (!file.added(line) || inConstInitialiser(scopes, site)) {
            return;
        }
        String where = scopes.where(tree, site);
        boolean time = what.equals("time arithmetic");
        Severity severity;
        String why;
        if (file.isTestPath() || scopes.inTest(site) || SafetySyntax.buildOrExamplePath(file)) {
            severity = Severity.LOW;
            why = " is in test, example or build-script code, where a panic is the normal way to fail; "
                    + "shown so the reviewer can see it.";
        } else if (lockIdiom) {
            Optional<String> dropPath = dropPath(tree, scopes, site);
            severity = dropPath.isPresent() ? Severity.MEDIUM : Severity.LOW;
            why = dropPath.map(d -> " panics if the mutex is poisoned, and it runs " + d + ": a panic there while "
                    + "the thread is already unwinding (the usual way a mutex gets poisoned) aborts the process; "
                    + "`.unwrap_or_else(|e| e.into_inner())` or `if let Ok(..)` keeps a drop path quiet.")
                    .orElse(" only panics if another thread panicked while holding the lock (poisoning); that is the "
                            + "usual idiom.");
        } else {
            Optional<String> hot = highContext(FileView.of(file).orElseThrow(), tree, scopes, site);
            severity = hot.isPresent() ? Severity.HIGH : Severity.MEDIUM;
            why = hot.map(h -> " panics " + h + ".")
                    .orElse(time ? " panics at runtime when the result overflows; the caller gets no chance to "
                            + "handle it."
                            : " panics at runtime if the value is None/Err or the branch is reached; "
                            + "the caller gets no chance to handle it.");
        }
        int end = Syntax.is(site, "token_tree") ? line : RustTree.endLine(site);
        out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, Math.max(line, end))
                .severity(severity)
                .object(described.replace("`", ""))
                .title(what + " can panic" + where)
                .explanation(described + where + why)
                .check(time ? "Use `checked_add`/`checked_sub` (and handle `None`) or `saturating_sub`, or bound the "
                        + "configured duration where it is read."
                        : "Check the value cannot be None/Err here (and say why in an expect message), or return the "
                        + "error with `?` instead.")
                .build());
    }

    /**
     * Where code runs while a value is dropped: {@code impl Drop}'s {@code drop}, or a closure handed to a drop
     * guard ({@code CallOnDrop(|| ..)}, {@code defer(|| ..)}, {@code scopeguard::guard(v, |v| ..)}).
     */
    private static Optional<String> dropPath(RustTree tree, TreeIndex scopes, Node site) {
        Optional<Node> fn = scopes.innermost(site, "function_item");
        Optional<Node> closure = scopes.innermost(site, "closure_expression");
        if (closure.isPresent() && (fn.isEmpty() || closure.get().getStartByte() > fn.get().getStartByte())) {
            Optional<Node> call = Syntax.parent(closure.get()).filter(a -> Syntax.is(a, "arguments"))
                    .flatMap(Syntax::parent).filter(c -> Syntax.is(c, "call_expression"));
            Optional<String> callee = call.flatMap(c -> Syntax.field(c, "function")).map(tree::text)
                    .map(RuleSupport::lastSegment);
            if (callee.isPresent() && callee.get().matches("(?i)\\w*on_?drop\\w*|defer|guard")) {
                return Optional.of("in the closure `" + callee.get() + "` runs when it is dropped");
            }
        }
        if (fn.isPresent() && SafetySyntax.name(tree, fn.get()).equals("drop")) {
            Optional<Node> impl = scopes.innermost(fn.get(), "impl_item");
            if (impl.isPresent() && "Drop".equals(SafetySyntax.traitName(tree, impl.get()))) {
                return Optional.of("inside `impl Drop for " + SafetySyntax.implType(tree, impl.get()) + "`");
            }
        }
        return Optional.empty();
    }

    /** {@code m.lock().unwrap()} and RwLock's {@code read()/write()}: zero-argument guard methods. */
    private static boolean lockIdiom(RustTree tree, Node receiver) {
        if (receiver == null) {
            return false;
        }
        String m = SafetySyntax.methodName(tree, receiver);
        return m != null && (m.equals("lock") || m.equals("read") || m.equals("write"))
                && SafetySyntax.argumentCount(receiver) == 0;
    }

    /** Why a panic here is worse than usual, or empty. */
    /** A guard the model says is alive at {@code site} (a {@code let} guard or a scrutinee temporary). */
    private static Optional<String> liveGuard(FileView view, Node site) {
        Node at = Syntax.is(site, "token_tree") ? view.nav().enclosing(site, "macro_invocation").orElse(site) : site;
        Optional<Node> fn = view.nav().enclosingFn(at);
        if (fn.isEmpty()) {
            return Optional.empty();
        }
        for (Locks.Held h : view.held(fn.get())) {
            if (h.lock().origin() != LockOrigin.REFCELL && h.lock().origin() != LockOrigin.ASYNC
                    && !h.lock().call().equals(at) && !RuleSupport.within(at, h.lock().outer()) && view.alive(h, at, true)) {
                return Optional.of(LockFlow.describe(view.nav(), h));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> highContext(FileView view, RustTree tree, TreeIndex scopes, Node site) {
        Optional<Node> fn = scopes.innermost(site, "function_item");
        if (fn.isPresent()) {
            String name = SafetySyntax.name(tree, fn.get());
            Optional<Node> impl = scopes.innermost(fn.get(), "impl_item");
            if (name.equals("drop") && impl.isPresent() && "Drop".equals(SafetySyntax.traitName(tree, impl.get()))) {
                return Optional.of("inside `impl Drop for " + SafetySyntax.implType(tree, impl.get())
                        + "`: a panic while already unwinding aborts the whole process");
            }
            if (name.equals("poll") || name.startsWith("poll_")) {
                return Optional.of("inside `" + name + "`: a panic while polling tears down the executor's task "
                        + "(or the runtime thread) and leaves the future's state half-updated");
            }
            if (isExternFn(fn.get())) {
                return Optional.of("inside extern fn `" + name + "`: a panic cannot unwind into foreign code, "
                        + "so the process aborts");
            }
        }
        return liveGuard(view, site).map(g -> "while " + g + " is alive: the panic poisons the lock "
                + "and every later `.lock().unwrap()` on it panics too");
    }

    private static boolean isExternFn(Node fn) {
        for (Node child : Syntax.namedChildren(fn)) {
            if (Syntax.is(child, "function_modifiers")) {
                for (Node m : Syntax.namedChildren(child)) {
                    if (Syntax.is(m, "extern_modifier")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Inside a const/static initialiser and not in a closure or fn there: evaluated at compile time. */
    private static boolean inConstInitialiser(TreeIndex scopes, Node site) {
        return scopes.innermost(site, "const_item", "static_item", "closure_expression", "function_item")
                .map(n -> Syntax.is(n, "const_item", "static_item")).orElse(false);
    }
}
