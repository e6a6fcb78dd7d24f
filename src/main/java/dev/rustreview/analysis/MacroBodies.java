package dev.rustreview.analysis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the arguments of macros whose arguments are Rust expressions ({@code assert!}, {@code matches!},
 * {@code join!}, {@code try_join!}, {@code pin!}, the {@code format!} family) and puts the expressions in the
 * tree where tree-sitter leaves a flat token tree. A lock taken or a future awaited inside
 * {@code assert!(self.state.lock().unwrap().ready)} is then a {@code call_expression} like any other, and every
 * rule sees it without knowing about macros.
 *
 * <p>Only token trees that mention a lock, a borrow or an await are parsed (the rest keep their tokens, which
 * the rules' own token readers know), so the cost stays small and rules that read tokens of other macros are
 * untouched. {@code select!} keeps its tokens: its branches ({@code pat = fut => body}) are not expressions, and
 * {@code SelectCancellation} reads them as tokens. A body that does not parse cleanly as expressions keeps its
 * tokens too: a partial parse would mark the whole file as broken.
 */
final class MacroBodies {

    static final Set<String> EXPRESSION_MACROS = Set.of("assert", "assert_eq", "assert_ne", "debug_assert",
            "debug_assert_eq", "debug_assert_ne", "matches", "join", "try_join", "pin", "format", "print", "println",
            "eprint", "eprintln", "write", "writeln", "dbg");
    /** Macros whose block argument is not plain Rust statements, or that rules read as tokens. */
    private static final Set<String> KEEP_TOKENS = Set.of("select", "select_biased", "macro_rules", "quote",
            "quote_spanned", "json", "html", "view", "rsx");
    private static final Pattern INTERESTING = Pattern.compile(
            "\\b(?:lock|try_lock|read|write|try_read|try_write|borrow|borrow_mut|await)\\b");
    /**
     * A macro whose name speaks of a lock and whose one argument is a place ({@code zread!(self.links)},
     * {@code zasynclock!(self.state)}) has that place parsed, so a crate's lock macro has a receiver the model
     * can resolve. The name is only a gate on the parse; whether the macro takes a lock is the crate's definition.
     */
    private static final Pattern LOCKISH_NAME = Pattern.compile("(?i)lock|read|write");
    private static final Pattern PLACE = Pattern.compile(
            "\\(\\s*&?(?:mut\\s+)?[A-Za-z_][A-Za-z0-9_]*(?:\\s*(?:\\.|::)\\s*[A-Za-z_0-9][A-Za-z0-9_]*){0,8}\\s*\\)");
    private static final String PREFIX = "fn __macro_body(){(";
    private static final String SUFFIX = ",);}";
    /** Bodies parsed per file and bytes per body at most: a generated or fuzzed file is not parsed again and again. */
    static final int MAX_BODIES = 500;
    static final int MAX_BODY_BYTES = 8_000;

    /** Parses one wrapped body; null when it cannot (time out). */
    interface SubParser {
        Node parse(String wrapped);
    }

    private MacroBodies() {
    }

    /** Splices parsed bodies into {@code root}'s tree; returns how many. */
    static int splice(Node root, byte[] utf8, SubParser parser) {
        List<Node> candidates = new ArrayList<>();
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty() && candidates.size() < MAX_BODIES) {
            Node n = stack.pop();
            if ("macro_invocation".equals(n.getType())) {
                Node body = body(n, utf8);
                if (body != null) {
                    candidates.add(body);
                }
                continue; // one level: macros inside a parsed body keep their tokens
            }
            for (int i = n.children.length - 1; i >= 0; i--) {
                stack.push(n.children[i]);
            }
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        int[] lineStarts = TreeMirror.lineStarts(utf8);
        int spliced = 0;
        for (Node tokenTree : candidates) {
            int from = tokenTree.getStartByte() + 1;
            int to = tokenTree.getEndByte() - 1;
            String content = new String(utf8, from, to - from, StandardCharsets.UTF_8);
            Node sub = parser.parse(PREFIX + content + SUFFIX);
            if (sub == null || sub.hasError()) {
                continue;
            }
            Node tuple = tupleAt(sub, PREFIX.getBytes(StandardCharsets.UTF_8).length - 1);
            if (tuple == null) {
                continue;
            }
            int shift = from - PREFIX.getBytes(StandardCharsets.UTF_8).length;
            List<Node> kids = new ArrayList<>();
            for (Node element : tuple.children) {
                if (element.isNamed()) {
                    kids.add(copy(element, shift, lineStarts, tokenTree));
                }
            }
            for (int i = 0; i < kids.size(); i++) {
                kids.get(i).indexInParent = i;
            }
            tokenTree.children = kids.toArray(Node[]::new);
            spliced++;
        }
        if (spliced > 0) {
            renumber(root);
        }
        return spliced;
    }

    /** The argument token tree of an expression macro worth parsing, or null. */
    private static Node body(Node macro, byte[] utf8) {
        Node name = null;
        Node tokens = null;
        for (Node c : macro.children) {
            if ("macro".equals(c.getFieldName()) || (name == null && ("identifier".equals(c.getType())
                    || "scoped_identifier".equals(c.getType())))) {
                name = c;
            } else if ("token_tree".equals(c.getType())) {
                tokens = c;
            }
        }
        if (name == null || tokens == null || tokens.getEndByte() - tokens.getStartByte() > MAX_BODY_BYTES
                || tokens.getEndByte() - tokens.getStartByte() < 2) {
            return null;
        }
        String text = new String(utf8, name.getStartByte(), name.getEndByte() - name.getStartByte(),
                StandardCharsets.UTF_8);
        String last = text.substring(text.lastIndexOf(':') + 1).strip();
        String content = new String(utf8, tokens.getStartByte(), tokens.getEndByte() - tokens.getStartByte(),
                StandardCharsets.UTF_8);
        if (utf8[tokens.getStartByte()] == '(' && LOCKISH_NAME.matcher(last).find() && PLACE.matcher(content).matches()) {
            return tokens; // `zread!(self.links)`: the crate model decides whether it is a lock macro (Locks)
        }
        boolean expressions = EXPRESSION_MACROS.contains(last) && utf8[tokens.getStartByte()] == '(';
        if (!expressions && !(isBlock(content) && !KEEP_TOKENS.contains(last))) {
            return null;
        }
        return INTERESTING.matcher(content).find() ? tokens : null;
    }

    /**
     * Whether a macro's argument is one block: {@code with_client_impl! {{ .. }}} or {@code m!({ .. })}, the way a
     * crate's own macro wraps a fn body (sentry-rust's hub methods run under a lock inside one). Such a body is
     * Rust statements, parsed like an expression macro's arguments; one that does not parse keeps its tokens.
     */
    private static boolean isBlock(String tokenTree) {
        String inner = tokenTree.substring(1, tokenTree.length() - 1).strip();
        // Only the opening brace is tested: `{a} {b}` then fails to parse as one element and keeps its tokens.
        return inner.startsWith("{");
    }

    /** The tuple expression starting at byte {@code at} of the wrapper's tree. */
    private static Node tupleAt(Node root, int at) {
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if ("tuple_expression".equals(n.getType()) && n.getStartByte() == at) {
                return n;
            }
            for (Node c : n.children) {
                if (c.getStartByte() <= at && at < c.getEndByte()) {
                    stack.push(c);
                }
            }
        }
        return null;
    }

    /** A copy of {@code top}'s subtree moved by {@code shift} bytes into the file, hung under {@code parent}. */
    private static Node copy(Node top, int shift, int[] lineStarts, Node parent) {
        Node rootCopy = moved(top, shift, lineStarts);
        rootCopy.parent = parent;
        Deque<Node[]> work = new ArrayDeque<>();
        work.push(new Node[] {top, rootCopy});
        while (!work.isEmpty()) {
            Node[] pair = work.pop();
            Node from = pair[0];
            Node to = pair[1];
            Node[] kids = new Node[from.children.length];
            for (int i = 0; i < kids.length; i++) {
                Node kid = moved(from.children[i], shift, lineStarts);
                kid.parent = to;
                kid.indexInParent = i;
                kids[i] = kid;
                work.push(new Node[] {from.children[i], kid});
            }
            to.children = kids;
        }
        return rootCopy;
    }

    private static Node moved(Node n, int shift, int[] lineStarts) {
        int start = n.getStartByte() + shift;
        int end = n.getEndByte() + shift;
        int startRow = TreeMirror.row(lineStarts, start);
        int endRow = TreeMirror.row(lineStarts, end);
        Node copy = new Node(n.getType(), n.getSymbol(), n.isNamed(), n.getFieldName(), start, end, startRow,
                start - lineStarts[startRow], endRow, end - lineStarts[endRow], n.isMissing());
        copy.subtreeHasError = false;
        return copy;
    }

    /** Document order again after splicing: the preorder index is every rule's cheap position key. */
    private static void renumber(Node root) {
        int counter = 0;
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            n.preorder = counter++;
            for (int i = n.children.length - 1; i >= 0; i--) {
                stack.push(n.children[i]);
            }
        }
    }
}
