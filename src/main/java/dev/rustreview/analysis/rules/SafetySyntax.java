package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Call shapes, added-line tests and finding merging shared by the safety, API and build rules. */
final class SafetySyntax {

    private SafetySyntax() {
    }

    /** The method name of a {@code recv.name(..)} call, or null when the call is not a method call. */
    static String methodName(RustTree tree, Node call) {
        if (!Syntax.is(call, "call_expression")) {
            return null;
        }
        Optional<Node> fn = Syntax.field(call, "function");
        if (fn.isEmpty() || !Syntax.is(fn.get(), "field_expression")) {
            return null;
        }
        return Syntax.field(fn.get(), "field").map(tree::text).orElse(null);
    }

    /** The receiver of a method call, or null. */
    static Node receiver(Node call) {
        Optional<Node> fn = Syntax.field(call, "function");
        if (fn.isEmpty() || !Syntax.is(fn.get(), "field_expression")) {
            return null;
        }
        return Syntax.field(fn.get(), "value").orElse(null);
    }

    /** The method-name token of a method call, used as the anchor line of a finding. */
    static Node methodToken(Node call) {
        return Syntax.field(call, "function").flatMap(f -> Syntax.field(f, "field")).orElse(call);
    }

    /**
     * The callee path of a plain call ({@code std::mem::transmute::<A, B>(x)} gives {@code std::mem::transmute}),
     * or null for method calls and calls of computed values.
     */
    static String calleePath(RustTree tree, Node call) {
        if (!Syntax.is(call, "call_expression")) {
            return null;
        }
        Optional<Node> fn = Syntax.field(call, "function");
        if (fn.isEmpty()) {
            return null;
        }
        Node f = fn.get();
        if (Syntax.is(f, "generic_function")) {
            f = Syntax.field(f, "function").orElse(f);
        }
        if (!Syntax.is(f, "identifier", "scoped_identifier")) {
            return null;
        }
        return stripGenerics(tree.text(f).replaceAll("\\s+", ""));
    }

    /** The path's last segment ({@code std::ptr::read} gives {@code read}). */
    static String lastSegment(String path) {
        int i = path.lastIndexOf("::");
        return i < 0 ? path : path.substring(i + 2);
    }

    /** A type or path without generic arguments ({@code Foo<T>} gives {@code Foo}). */
    static String stripGenerics(String text) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0) {
                out.append(c);
            }
        }
        String s = out.toString();
        return s.endsWith("::") ? s.substring(0, s.length() - 2) : s;
    }

    /** The macro's name without path and {@code !} ({@code std::panic!} gives {@code panic}). */
    static String macroName(RustTree tree, Node macro) {
        return Syntax.field(macro, "macro").map(m -> lastSegment(tree.text(m).replaceAll("\\s+", ""))).orElse("");
    }

    static int argumentCount(Node call) {
        return Syntax.field(call, "arguments").map(Node::getNamedChildCount).orElse(0);
    }

    /** Peels {@code .unwrap()}, {@code .expect(..)}, {@code ?}, {@code .await} and parentheses off an expression. */
    static Node peel(RustTree tree, Node expr) {
        Node current = expr;
        while (true) {
            if (Syntax.is(current, "try_expression", "await_expression", "parenthesized_expression")
                    && current.getNamedChildCount() > 0) {
                current = current.getNamedChild(0);
                continue;
            }
            String m = methodName(tree, current);
            if (m != null && (m.equals("unwrap") || m.equals("expect"))) {
                current = receiver(current);
                continue;
            }
            return current;
        }
    }

    /** The source of a node on one line, whitespace collapsed and cut to a readable length. */
    static String brief(RustTree tree, Node node) {
        return brief(tree.text(node));
    }

    static String brief(String text) {
        // Whitespace runs become one space, trimmed, cut at 60: read only as far as the cut (a node's text may be
        // a 100 KB line, and briefs are taken often).
        StringBuilder out = new StringBuilder(64);
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() <= 60; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.length() <= 60 ? out.toString() : out.substring(0, 57) + "...";
    }

    static String name(RustTree tree, Node item) {
        return Syntax.field(item, "name").map(tree::text).orElse("?");
    }

    /** The trait an impl implements, last path segment and no generics ({@code fmt::Display} gives Display). */
    static String traitName(RustTree tree, Node impl) {
        return Syntax.field(impl, "trait").map(t -> lastSegment(stripGenerics(tree.text(t).replaceAll("\\s+", ""))))
                .orElse(null);
    }

    /** The implementing type of an impl without generics ({@code Foo<T>} gives Foo). */
    static String implType(RustTree tree, Node impl) {
        return Syntax.field(impl, "type").map(t -> stripGenerics(tree.text(t).replaceAll("\\s+", ""))).orElse("?");
    }

    /** Whether any line in {@code [from, to]} was added and holds more than blanks or a line comment. */
    static boolean addedCode(ChangedFile file, Lines lines, int from, int to) {
        for (int line = from; line <= to; line++) {
            if (file.added(line)) {
                String t = lines.get(line).trim();
                if (!t.isEmpty() && !t.startsWith("//")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What an unsafe operation looks like on a line: a dereference (a {@code *} where an operand, not an operator,
     * is expected), a cast to a raw pointer, pointer arithmetic and the std functions whose callers carry the
     * proof, {@code static mut}, or a nested {@code unsafe}. Multiplication ({@code a * b}) does not match.
     */
    private static final java.util.regex.Pattern UNSAFE_OPERATION = java.util.regex.Pattern.compile(
            "(?:^|[=(,{;!&|\\[:]|\\breturn|\\bin|\\bmatch|\\bif|\\bwhile)\\s*\\*\\s*[\\w(]"
                    + "|\\bas\\s+\\*\\s*(?:const|mut)\\b|\\bstatic\\s+mut\\b|\\bunsafe\\b"
                    + "|\\b(?:transmute\\w*|\\w+_unchecked(?:_mut)?|from_raw(?:_parts(?:_mut)?)?|set_len|assume_init\\w*"
                    + "|read_volatile|write_volatile|read_unaligned|write_unaligned|copy_nonoverlapping|copy|offset"
                    + "|add|sub|byte_add|byte_sub|offset_from|zeroed|uninitialized|drop_in_place|as_ptr|as_mut_ptr"
                    + "|read|write|swap|replace|cast|cast_mut|cast_const|get|get_mut|as_ref|as_mut|into_raw)\\s*(?:::<[^>]*>)?\\(");

    /**
     * Whether an added line in {@code from..to} performs something only unsafe code may do. An edit inside an
     * unsafe region that does not (a safe call, a comparison, a renamed variable) changes no invariant the
     * region's proof relies on by itself.
     */
    static boolean addsUnsafeOperation(ChangedFile file, Lines lines, int from, int to) {
        for (int line = from; line <= to; line++) {
            if (!file.added(line)) {
                continue;
            }
            String t = lines.get(line).trim();
            int comment = t.indexOf("//");
            String code = comment >= 0 ? t.substring(0, comment) : t;
            if (UNSAFE_OPERATION.matcher(emptyStrings(code)).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The line with each string literal's contents removed ({@code "a*b"} becomes {@code ""}), so that what is
     * quoted is no operation. A scan, not a regex: Java matches {@code "(?:[^"\\]|\\.)*"} by recursing once a
     * character, and a fuzzed line with a 100,000-character literal overflowed the stack.
     */
    static String emptyStrings(String code) {
        StringBuilder out = new StringBuilder(code.length());
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c != '"') {
                out.append(c);
                i++;
                continue;
            }
            int end = i + 1;
            while (end < code.length() && code.charAt(end) != '"') {
                end += code.charAt(end) == '\\' ? 2 : 1;
            }
            if (end >= code.length()) {
                out.append(code, i, code.length()); // unterminated: kept as it was, as the regex did
                break;
            }
            out.append("\"\"");
            i = end + 1;
        }
        return out.toString();
    }

    /** Whether the file is a build script or example, where panics are the normal way to fail. */
    static boolean buildOrExamplePath(ChangedFile file) {
        String p = "/" + file.path().replace('\\', '/').toLowerCase(Locale.ROOT);
        return p.endsWith("/build.rs") || p.contains("/examples/");
    }

    /**
     * Merges findings of the same rule that start on the same line and side into one: the most severe
     * severity, all objects, the widest range. One line is one thing to review, however many hits it has.
     */
    static List<Finding> mergeSameLine(List<Finding> findings) {
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        for (Finding f : findings) {
            groups.computeIfAbsent(f.ruleId() + "|" + f.side() + "|" + f.startLine(), k -> new ArrayList<>()).add(f);
        }
        List<Finding> out = new ArrayList<>();
        for (List<Finding> group : groups.values()) {
            if (group.size() == 1) {
                out.add(group.get(0));
                continue;
            }
            Finding worst = group.get(0);
            int end = worst.endLine();
            Set<String> objects = new LinkedHashSet<>();
            Set<String> explanations = new LinkedHashSet<>();
            Set<String> checks = new LinkedHashSet<>();
            for (Finding f : group) {
                if (f.severity().ordinal() < worst.severity().ordinal()) {
                    worst = f;
                }
                end = Math.max(end, f.endLine());
                objects.addAll(f.objects());
                explanations.add(f.explanation());
                checks.add(f.checkBeforeAccepting());
            }
            Severity severity = worst.severity();
            out.add(new Finding(null, worst.ruleId(), worst.area(), severity, worst.path(), worst.side(),
                    worst.startLine(), end, List.copyOf(objects), worst.title(), String.join(" ", explanations),
                    String.join(" ", checks), worst.lints()));
        }
        return out;
    }

    /** A text split into lines, 1-based; missing lines read as empty. */
    static final class Lines {
        private final String[] lines;

        Lines(String text) {
            this.lines = text == null ? new String[0] : text.split("\n", -1);
        }

        String get(int line) {
            if (line < 1 || line > lines.length) {
                return "";
            }
            String s = lines[line - 1];
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        int count() {
            return lines.length;
        }
    }
}
