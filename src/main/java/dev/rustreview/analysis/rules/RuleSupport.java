package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import dev.rustreview.model.ClippyLint;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Hunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.treesitter.TSNode;

/** Helpers shared by the async, shared-state and concurrency rules. */
final class RuleSupport {

    private static final int MAX_OBJECT = 80;
    private static final Set<String> SPAWNS = Set.of("spawn", "spawn_blocking", "spawn_local");
    private static final Set<String> LOOPS = Set.of("loop_expression", "while_expression", "for_expression");

    private RuleSupport() {
    }

    /** The new tree when the file is Rust and has one; rules return nothing otherwise. */
    static Optional<RustTree> tree(ChangedFile file) {
        return file.isRust() && file.newTree() != null ? Optional.of(file.newTree()) : Optional.empty();
    }

    /** Source text on one line, shortened for objects, titles and explanations. */
    static String snippet(RustTree tree, TSNode node) {
        return shorten(tree.text(node));
    }

    static String shorten(String text) {
        String one = text.strip().replaceAll("\\s+", " ");
        return one.length() <= MAX_OBJECT ? one : one.substring(0, MAX_OBJECT - 1) + "…";
    }

    /** A type's text with runs of whitespace collapsed ({@code dyn Future} keeps its space). */
    static String typeText(RustTree tree, TSNode node) {
        return tree.text(node).replaceAll("\\s+", " ").strip();
    }

    /** Text with all whitespace removed, for comparing paths and lock expressions. */
    static String compact(RustTree tree, TSNode node) {
        return tree.text(node).replaceAll("\\s+", "");
    }

    /**
     * Whether the change added a line in {@code [start, end]} or removed a line between them (a removed
     * {@code drop(guard)} makes the region risky although every remaining line is old).
     */
    static boolean touched(ChangedFile file, int start, int end) {
        if (file.anyAdded(start, end)) {
            return true;
        }
        for (Hunk hunk : file.change().hunks()) {
            int lastNew = hunk.newStart() - 1;
            for (DiffLine line : hunk.lines()) {
                if (line.isRemoved()) {
                    if (lastNew >= start && lastNew < end) {
                        return true;
                    }
                } else {
                    lastNew = line.newLine();
                }
            }
        }
        return false;
    }

    /** The function part of a call, looking through turbofish ({@code x.collect::<T>()}). */
    static Optional<TSNode> callee(TSNode call) {
        Optional<TSNode> function = Syntax.field(call, "function");
        if (function.isPresent() && Syntax.is(function.get(), "generic_function")) {
            return Syntax.field(function.get(), "function");
        }
        return function;
    }

    /** The method name of {@code recv.name(..)}, or empty for a path call. */
    static Optional<String> methodName(RustTree tree, TSNode call) {
        return callee(call).filter(f -> Syntax.is(f, "field_expression"))
                .flatMap(f -> Syntax.field(f, "field")).map(tree::text);
    }

    /** The receiver of a method call. */
    static Optional<TSNode> receiver(TSNode call) {
        return callee(call).filter(f -> Syntax.is(f, "field_expression")).flatMap(f -> Syntax.field(f, "value"));
    }

    /** The path of a path call ({@code std::thread::sleep}), whitespace removed, or empty for a method call. */
    static Optional<String> calleePath(RustTree tree, TSNode call) {
        return callee(call).filter(f -> Syntax.is(f, "identifier", "scoped_identifier")).map(f -> compact(tree, f));
    }

    static String lastSegment(String path) {
        int i = path.lastIndexOf("::");
        return i < 0 ? path : path.substring(i + 2);
    }

    /** The named argument nodes of a call. */
    static List<TSNode> args(TSNode call) {
        return Syntax.field(call, "arguments").map(a -> Syntax.namedChildren(a).stream()
                .filter(n -> !Syntax.is(n, "line_comment", "block_comment", "attribute_item")).toList())
                .orElse(List.of());
    }

    /** Whether {@code inner} lies within {@code outer} (byte ranges). */
    static boolean within(TSNode inner, TSNode outer) {
        return inner.getStartByte() >= outer.getStartByte() && inner.getEndByte() <= outer.getEndByte();
    }

    /** The nearest enclosing fn item (exclusive), or empty at the top level. */
    static Optional<TSNode> enclosingFn(TSNode node) {
        return Syntax.enclosing(node, "function_item");
    }

    /** The fn's name, or {@code "?"}. */
    static String fnName(RustTree tree, TSNode fn) {
        return Syntax.field(fn, "name").map(tree::text).orElse("?");
    }

    /** Whether a loop encloses {@code node} within its fn (closures count as part of the fn). */
    static boolean inLoop(TSNode node) {
        Optional<TSNode> p = Syntax.parent(node);
        while (p.isPresent() && !Syntax.is(p.get(), "function_item")) {
            if (LOOPS.contains(p.get().getType())) {
                return true;
            }
            p = Syntax.parent(p.get());
        }
        return false;
    }

    /** The nearest loop around {@code node} within its async boundary (fn, closure or async block). */
    static Optional<TSNode> loopInBoundary(TSNode node) {
        Optional<TSNode> p = Syntax.parent(node);
        while (p.isPresent() && !Syntax.is(p.get(), "function_item", "closure_expression", "async_block")) {
            if (LOOPS.contains(p.get().getType())) {
                return p;
            }
            p = Syntax.parent(p.get());
        }
        return Optional.empty();
    }

    /** Whether a fn carries a test attribute: {@code #[test]}, {@code #[tokio::test(flavor = ..)]}, ... */
    static boolean isTestFunction(RustTree tree, TSNode fn) {
        for (TSNode attr : Syntax.attributes(fn)) {
            String text = tree.text(attr).replaceAll("\\s+", "");
            if (text.matches("#\\[(\\w+::)*test(\\(.*\\))?\\]") || text.startsWith("#[cfg(test")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a node is test code: the file's own notion plus test attributes that take arguments. */
    static boolean isTestCode(ChangedFile file, TSNode node) {
        if (file.isTestCode(node)) {
            return true;
        }
        RustTree tree = file.newTree();
        for (TSNode a : Syntax.ancestors(node)) {
            if (Syntax.is(a, "function_item", "mod_item") && isTestFunction(tree, a)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code fn} carries {@code #[allow(..)]} naming {@code lint}. */
    static boolean allows(RustTree tree, TSNode fn, String lint) {
        for (TSNode attr : Syntax.attributes(fn)) {
            String text = tree.text(attr).replaceAll("\\s+", "");
            if ((text.startsWith("#[allow(") || text.startsWith("#[expect(")) && text.contains(lint)) {
                return true;
            }
        }
        return false;
    }

    /** A copy of {@code finding} that cites {@code lints} instead of the rule's full list. */
    static Finding withLints(Finding finding, String... lints) {
        return new Finding(finding.id(), finding.ruleId(), finding.area(), finding.severity(), finding.path(),
                finding.side(), finding.startLine(), finding.endLine(), finding.objects(), finding.title(),
                finding.explanation(), finding.checkBeforeAccepting(),
                Arrays.stream(lints).map(ClippyLint::of).toList());
    }

    /** Named nodes of {@code types} in the new tree that are code (never comments or strings). */
    static List<TSNode> code(RustTree tree, String... types) {
        List<TSNode> out = new ArrayList<>();
        for (TSNode n : tree.find(tree.root(), types)) {
            if (!Syntax.inCommentOrString(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** "line 12" or "lines 12-14". */
    static String lines(int start, int end) {
        return start == end ? "line " + start : "lines " + start + "-" + end;
    }

    static int line(TSNode node) {
        return RustTree.startLine(node);
    }

    /**
     * Whether a call starts a task or thread: {@code tokio::spawn}, {@code thread::spawn},
     * {@code spawn_blocking}, {@code rayon::spawn}, {@code scope.spawn(..)}, {@code set.spawn(..)}. A method
     * {@code .spawn()} without arguments is a process ({@code Command::spawn}) and does not count.
     */
    static boolean isSpawn(RustTree tree, TSNode call) {
        Optional<String> method = methodName(tree, call);
        if (method.isPresent()) {
            return SPAWNS.contains(method.get()) && !args(call).isEmpty();
        }
        return calleePath(tree, call).map(p -> SPAWNS.contains(lastSegment(p))).orElse(false);
    }

    /** The name a call invokes: the method name or the last path segment. */
    static Optional<String> calledName(RustTree tree, TSNode call) {
        Optional<String> method = methodName(tree, call);
        return method.isPresent() ? method : calleePath(tree, call).map(RuleSupport::lastSegment);
    }

    /** Names of the async fns this file defines and no sync fn shares (methods and free fns alike). */
    static Set<String> asyncFns(RustTree tree) {
        Set<String> async = new java.util.HashSet<>();
        Set<String> sync = new java.util.HashSet<>();
        for (TSNode fn : tree.find(tree.root(), "function_item", "function_signature_item")) {
            (Syntax.isAsyncFn(fn) ? async : sync).add(fnName(tree, fn));
        }
        async.removeAll(sync);
        return async;
    }
}
