package dev.rustreview.analysis;

import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Severity from evidence, decided in one place after every rule has run: critical only for the definite
 * patterns, one step lower for an {@code unsafe} block its author justified with a {@code // SAFETY:} comment,
 * and low in test code unless the finding is a concurrency bug in the test itself.
 *
 * <p>"In the test itself" needs concurrency in the test: a lock order or a panic under a lock (CC3) in a test fn that
 * runs on one thread cannot deadlock or poison anything another thread sees (redb 2451c0e82, a test-only commit,
 * drew eight CC3 findings at high). So a concurrency or async finding in test code stays graded only when its fn
 * spawns (threads, tasks, a scope), runs futures side by side ({@code join!}, {@code select!}) or is a loom model,
 * or when it is a definite pattern (a double lock hangs even on one thread).
 */
final class SeverityPolicy {

    /**
     * Rules about what the change took away beside the code: the handling of a case (PN5: in release an overflow
     * then wraps, a debug_assert! is compiled out), the condition or guard clause in front of a panic (PN3, PN11,
     * PN15), the arm that kept a state from a panicking catch-all (PN34: crucible documents "`self.state` is invalid
     * for promotion" as a panic, and the state whose arm was removed is a valid one) or the ownership bookkeeping next
     * to unsafe code (US8). A {@code # Panics} section or a {@code SAFETY:}
     * comment written before the change cannot vouch for what it removed (raft-rs's {@code on_entries_fetched}
     * documents one panic, not the one its deleted presence guard prevented), so these findings are not lowered
     * for one.
     */
    private static final Set<String> NOT_EXCUSED_BY_COMMENTS = Set.of("PN3", "PN5", "PN11", "PN15", "PN34", "US8");

    /**
     * Rules whose critical grade is a definite pattern: non-reentrant double lock (CC1), std/parking_lot guard
     * across {@code .await} (AL1), inverted lock order with both orders present (CC2), Trojan Source (SR1).
     * {@code unsafe impl Send/Sync} (US2) is definite only without bounds, see {@link #definite}.
     */
    private static final Set<String> DEFINITE = Set.of("CC1", "AL1", "CC2", "SR1");
    private static final Set<RiskArea> CONCURRENCY = Set.of(RiskArea.CONCURRENCY, RiskArea.ASYNC_LIFETIMES);
    /** What makes a test fn concurrent: a spawn, a thread scope, futures run side by side, a loom model. */
    private static final Pattern CONCURRENT_TEST = Pattern.compile(
            "\\bspawn\\w*\\s*[(<:]|\\bscope\\s*\\(|\\b(try_)?join!|\\bjoin_all\\s*\\(|\\bselect!|\\bloom::|\\bmodel\\s*\\("
                    + "|\\bBarrier\\b|\\bpar_iter|\\bthread::Builder");
    private static final Pattern GENERIC_IMPL = Pattern.compile("\\bimpl\\s*<");
    private static final Pattern SAFETY = Pattern.compile("(?i)\\bsafety\\s*:");
    private static final Pattern PANICS_DOC = Pattern.compile("^//[/!]\\s*#+\\s*Panics\\b");
    private static final Pattern SAFETY_DOC = Pattern.compile("^//[/!]\\s*#+\\s*Safety\\b");

    private SeverityPolicy() {
    }

    static Finding apply(ChangedFile file, FindingKeys keys, Finding f) {
        Severity s = f.severity();
        if (s == Severity.CRITICAL && !definite(f, keys.flaggedCode(f))) {
            s = Severity.HIGH;
        }
        boolean excusable = !NOT_EXCUSED_BY_COMMENTS.contains(f.ruleId());
        if (f.area() == RiskArea.UNSAFE && excusable && justifiedUnsafeBlock(keys, f)) {
            s = s.lower();
        }
        if (f.area() == RiskArea.PANICS && excusable && documentedPanic(keys, f)) {
            s = s.lower();
        }
        if (f.area() == RiskArea.UNSAFE && f.side() == Side.NEW && onlyDropSpelledOut(file, f)) {
            s = Severity.LOW;
        }
        // A nesting of two locks with no opposite order anywhere (CC2 below critical) is an order, not a bug: in a
        // test, even one that spawns threads (shuttle c1661f1a holds a mutex while its threads queue on it), it is
        // what the test means to do.
        boolean plainNesting = f.ruleId().equals("CC2") && f.severity() != Severity.CRITICAL;
        if (inTestCode(file, keys, f) && (!CONCURRENCY.contains(f.area()) || plainNesting
                || (!DEFINITE.contains(f.ruleId()) && !concurrentFn(file, keys, f)))) {
            s = Severity.LOW;
        }
        return s == f.severity() ? f : f.withSeverity(s);
    }

    /**
     * Whether a critical grade rests on a definite pattern. For US2 that is an impl on a generic type without the
     * matching bounds, or on a concrete type (nothing but the promise vouches for it); a generic impl that
     * requires {@code T: Send}/{@code T: Sync} is high.
     */
    static boolean definite(Finding f, String flaggedCode) {
        if (DEFINITE.contains(f.ruleId())) {
            return true;
        }
        if (!f.ruleId().equals("US2")) {
            return false;
        }
        boolean unbounded = f.objects().stream().anyMatch(o -> o.matches(".* without (Send|Sync) bound"));
        return unbounded || !GENERIC_IMPL.matcher(flaggedCode).find();
    }

    /** Whether the fn around the finding runs code concurrently (see the class comment); outside a fn, yes. */
    private static boolean concurrentFn(ChangedFile file, FindingKeys keys, Finding f) {
        RustTree tree = f.side() == Side.NEW ? file.newTree() : file.oldTree();
        Node node = keys.nodeAt(f.side(), f.startLine());
        if (tree == null || node == null) {
            return true;
        }
        Optional<Node> fn = Syntax.is(node, "function_item") ? Optional.of(node) : Syntax.enclosing(node, "function_item");
        if (fn.isEmpty()) {
            return true;
        }
        // Read once per fn: a test fn of 5,000 lines with findings on each line read its whole text per finding.
        ConcurrentFns known = file.derived(f.side(), ConcurrentFns.class, x -> new ConcurrentFns(new java.util.concurrent.ConcurrentHashMap<>()));
        return known.byStart().computeIfAbsent(fn.get().getStartByte(),
                start -> CONCURRENT_TEST.matcher(tree.text(fn.get())).find());
    }

    /** {@link #concurrentFn}'s answer per fn (by its start byte) of one side of one file. */
    private record ConcurrentFns(java.util.Map<Integer, Boolean> byStart) {
    }

    /** {@code drop(} or {@code let _ =} in front of an expression statement, and the extra {@code )} it closes with. */
    private static final Pattern DROP_SPELLED = Pattern.compile("^(?:drop\\(|std::mem::drop\\(|mem::drop\\(|let_=)");

    /**
     * Whether every line the change adds in the finding's range is a line it removes from the same hunk with only
     * the value's drop spelled out ({@code Box::from_raw(p);} became {@code drop(Box::from_raw(p));}, clippy's
     * {@code let_underscore}/{@code unused_must_use} fixes): the temporary was dropped at the same {@code ;} before,
     * so the unsafe code does the same thing (rust-rocksdb 6cd1c020 drew fourteen high findings for such a clippy
     * cleanup of its destructor callbacks).
     */
    static boolean onlyDropSpelledOut(ChangedFile file, Finding f) {
        boolean any = false;
        for (dev.rustreview.model.Hunk hunk : file.change().hunks()) {
            if (hunk.newStart() > f.endLine() || hunk.newStart() + hunk.newCount() < f.startLine()) {
                continue; // no line of the finding's range in this hunk
            }
            java.util.List<String> removed = new java.util.ArrayList<>();
            for (dev.rustreview.model.DiffLine line : hunk.lines()) {
                if (line.isRemoved()) {
                    removed.add(line.text().replaceAll("\\s+", ""));
                }
            }
            for (dev.rustreview.model.DiffLine line : hunk.lines()) {
                if (!line.isAdded() || line.newLine() < f.startLine() || line.newLine() > f.endLine()) {
                    continue;
                }
                String added = line.text().replaceAll("\\s+", "");
                if (!removed.contains(added) && !removed.contains(unwrapped(added))) {
                    return false;
                }
                any |= !removed.contains(added);
            }
        }
        return any;
    }

    /** {@code drop(x);} to {@code x;}, {@code let _ = x;} to {@code x;}, {@code )));} to {@code ));} (spaces gone). */
    private static String unwrapped(String line) {
        java.util.regex.Matcher m = DROP_SPELLED.matcher(line);
        if (m.find()) {
            String rest = line.substring(m.end());
            return m.group().endsWith("(") && rest.endsWith(");") ? rest.substring(0, rest.length() - 2) + ";" : rest;
        }
        return line.matches("\\)+;") ? line.substring(1) : line;
    }

    /** Test path, {@code #[test]}-like fn or {@code #[cfg(test)]} module: the rules' shared test-code check. */
    static boolean inTestCode(ChangedFile file, FindingKeys keys, Finding f) {
        if (file.isTestPath()) {
            return true;
        }
        RustTree tree = f.side() == Side.NEW ? file.newTree() : file.oldTree();
        Node node = keys.nodeAt(f.side(), f.startLine());
        return tree != null && node != null && Syntax.inTestCode(tree, node);
    }

    /**
     * Whether the finding sits in (or on) an {@code unsafe} block or an {@code unsafe fn} whose author wrote
     * down the invariant the reviewer has to check: a comment saying {@code SAFETY:} directly above the block,
     * its statement or the fn (attributes may sit between), opening the block's body, or a {@code # Safety}
     * section in the fn's doc comment.
     */
    static boolean justifiedUnsafeBlock(FindingKeys keys, Finding f) {
        Node node = keys.nodeAt(f.side(), f.startLine());
        if (node == null) {
            return false;
        }
        Optional<Node> fn = Syntax.is(node, "function_item") ? Optional.of(node) : Syntax.enclosing(node, "function_item");
        if (fn.isPresent() && RustTree.startLine(fn.get()) == f.startLine() && Syntax.isUnsafeFn(fn.get())) {
            return commentAbove(keys, f.side(), f.startLine());
        }
        Optional<Node> block = Syntax.is(node, "unsafe_block") ? Optional.of(node)
                : Syntax.enclosing(node, "unsafe_block").or(() -> startingBlock(lineTop(node, f.startLine()), f.startLine()));
        if (block.isEmpty()) {
            return false;
        }
        int blockLine = RustTree.startLine(block.get());
        if (commentAbove(keys, f.side(), blockLine)
                || commentOpening(keys, f.side(), blockLine, RustTree.endLine(block.get()))) {
            return true;
        }
        // `let x = unsafe { .. }` and `foo(unsafe { .. })`: the comment sits above the statement.
        Optional<Node> statement = Syntax.enclosing(block.get(), "let_declaration", "expression_statement");
        return statement.isPresent() && commentAbove(keys, f.side(), RustTree.startLine(statement.get()));
    }

    /**
     * Whether the panic sits in a fn whose doc comment has a {@code # Panics} section: the author states when it
     * panics, as the API guidelines ask, so the panic is a documented contract rather than an accident.
     */
    static boolean documentedPanic(FindingKeys keys, Finding f) {
        Node node = keys.nodeAt(f.side(), f.startLine());
        if (node == null) {
            return false;
        }
        Optional<Node> fn = Syntax.is(node, "function_item") ? Optional.of(node) : Syntax.enclosing(node, "function_item");
        if (fn.isEmpty()) {
            return false;
        }
        for (int l = RustTree.startLine(fn.get()) - 1; l >= 1; l--) {
            String text = keys.line(f.side(), l).strip();
            if (text.startsWith("#[")) {
                continue;
            }
            if (!text.startsWith("///")) {
                return false;
            }
            if (PANICS_DOC.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    /** The outermost ancestor of {@code node} that still starts on {@code line} (the line's statement). */
    private static Node lineTop(Node node, int line) {
        Node top = node;
        for (Node a : Syntax.ancestors(node)) {
            if (RustTree.startLine(a) != line) {
                break;
            }
            top = a;
        }
        return top;
    }

    /**
     * An unsafe block that starts on the finding's line inside the node that line starts with, the first in
     * document order. Walked with a stack of its own: a fuzzed line nested thousands of levels deep overflowed the
     * thread's stack when this recursed.
     */
    static Optional<Node> startingBlock(Node node, int line) {
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>();
        pushChildren(todo, node, line);
        while (!todo.isEmpty()) {
            Node child = todo.pop();
            if (Syntax.is(child, "unsafe_block")) {
                return Optional.of(child);
            }
            pushChildren(todo, child, line);
        }
        return Optional.empty();
    }

    /** The named children of {@code node} starting on {@code line}, pushed so that the first is popped first. */
    private static void pushChildren(java.util.ArrayDeque<Node> todo, Node node, int line) {
        List<Node> children = Syntax.namedChildren(node);
        for (int i = children.size() - 1; i >= 0; i--) {
            if (RustTree.startLine(children.get(i)) == line) {
                todo.push(children.get(i));
            }
        }
    }

    /** Whether the run of comment lines directly above {@code line} (attributes skipped) justifies it. */
    static boolean commentAbove(FindingKeys keys, Side side, int line) {
        for (int l = line - 1; l >= 1; l--) {
            String text = keys.line(side, l).strip();
            if (text.startsWith("#[")) {
                continue;
            }
            if (!isComment(text)) {
                return false;
            }
            if (justifies(text)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the block's body opens with a comment that says {@code SAFETY:} (same line or the next ones). */
    static boolean commentOpening(FindingKeys keys, Side side, int blockLine, int blockEnd) {
        String first = keys.line(side, blockLine);
        int open = first.indexOf("unsafe");
        if (open >= 0 && SAFETY.matcher(first.substring(open)).find() && first.indexOf("//", open) > 0) {
            return true;
        }
        for (int l = blockLine + 1; l < blockEnd; l++) {
            String text = keys.line(side, l).strip();
            if (!isComment(text)) {
                return false;
            }
            if (justifies(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isComment(String text) {
        return text.startsWith("//") || text.startsWith("/*") || text.startsWith("*");
    }

    private static boolean justifies(String text) {
        return SAFETY.matcher(text).find() || SAFETY_DOC.matcher(text).find();
    }
}
