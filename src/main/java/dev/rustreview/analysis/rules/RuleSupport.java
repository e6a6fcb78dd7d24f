package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.crate.Exprs;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.Node;
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

/** Helpers shared by the async, shared-state and concurrency rules. */
final class RuleSupport {

    /**
     * A logging macro call's name and bang ({@code warn!}, {@code log::error!}, {@code tracing::debug!},
     * {@code eprintln!}): what a block that "only logs" an error consists of (ER11, ER25).
     */
    static final String LOG_MACRO = "(?:(?:log|tracing)\\s*::\\s*)?(?:trace|debug|info|warn|error|eprintln|println)\\s*!";

    private static final Set<String> SPAWNS = Set.of("spawn", "spawn_blocking", "spawn_local");

    private RuleSupport() {
    }

    /** The new tree when the file is Rust and has one; rules return nothing otherwise. */
    static Optional<RustTree> tree(ChangedFile file) {
        return file.isRust() && file.newTree() != null ? Optional.of(file.newTree()) : Optional.empty();
    }

    /** Source text on one line, shortened for objects, titles and explanations. */
    static String snippet(Nav nav, Node node) {
        return Exprs.snippet(nav, node);
    }

    static String shorten(String text) {
        return Exprs.shorten(text);
    }

    /** The text without whitespace: how rules compare two spellings of one expression. */
    static String squeezed(String text) {
        return text.replaceAll("\\s+", "");
    }

    /** A type's text with runs of whitespace collapsed ({@code dyn Future} keeps its space). */
    static String typeText(Nav nav, Node node) {
        return Exprs.typeText(nav, node);
    }

    /** Text with all whitespace removed, for comparing paths and lock expressions. */
    static String compact(Nav nav, Node node) {
        return Exprs.compact(nav, node);
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
    static Optional<Node> callee(Nav nav, Node call) {
        return Exprs.callee(nav, call);
    }

    /** The method name of {@code recv.name(..)}, or empty for a path call. */
    static Optional<String> methodName(Nav nav, Node call) {
        return Exprs.methodName(nav, call);
    }

    /** The receiver of a method call. */
    static Optional<Node> receiver(Nav nav, Node call) {
        return Exprs.receiver(nav, call);
    }

    /** The path of a path call ({@code std::thread::sleep}), whitespace removed, or empty for a method call. */
    static Optional<String> calleePath(Nav nav, Node call) {
        return Exprs.calleePath(nav, call);
    }

    static String lastSegment(String path) {
        return Exprs.lastSegment(path);
    }

    /** The named argument nodes of a call. */
    static List<Node> args(Nav nav, Node call) {
        return Exprs.args(nav, call);
    }

    /** Whether {@code inner} lies within {@code outer} (byte ranges). */
    static boolean within(Node inner, Node outer) {
        return Exprs.within(inner, outer);
    }

    /** The fn's name, or {@code "?"}. */
    static String fnName(Nav nav, Node fn) {
        return Exprs.fnName(nav, fn);
    }

    /** Whether a fn carries a test attribute: {@code #[test]}, {@code #[tokio::test(flavor = ..)]}, ... */
    static boolean isTestFunction(Nav nav, Node fn) {
        return Exprs.isTestFunction(nav, fn);
    }

    /** Whether {@code fn} carries {@code #[allow(..)]} naming {@code lint}. */
    static boolean allows(Nav nav, Node fn, String lint) {
        RustTree tree = nav.tree();
        for (Node attr : nav.attributes(fn)) {
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

    /** "line 12" or "lines 12-14". */
    static String lines(int start, int end) {
        return start == end ? "line " + start : "lines " + start + "-" + end;
    }

    /**
     * Whether a call starts a task or thread: {@code tokio::spawn}, {@code thread::spawn},
     * {@code spawn_blocking}, {@code rayon::spawn}, {@code scope.spawn(..)}, {@code set.spawn(..)}. A method
     * {@code .spawn()} without arguments is a process ({@code Command::spawn}) and does not count.
     */
    static boolean isSpawn(Nav nav, Node call) {
        Optional<String> method = methodName(nav, call);
        if (method.isPresent()) {
            return SPAWNS.contains(method.get()) && !args(nav, call).isEmpty();
        }
        return calleePath(nav, call).map(p -> SPAWNS.contains(lastSegment(p))).orElse(false);
    }


    /**
     * A pattern for a path written with any whitespace around its dots ({@code self.items} also matches
     * {@code self\n    .items}): the rules find the same field or variable again in reformatted code.
     */
    static String spacedPath(String path) {
        return java.util.regex.Pattern.quote(path).replace(".", "\\E\\s*\\.\\s*\\Q");
    }

    /**
     * The offset of the bracket closing the one at {@code from} ({@code open}/{@code close}: parentheses, braces, or
     * angle brackets, where an arrow's {@code >} is not one), or the text's length when it is never closed.
     */
    static int closing(String text, int from, char open, char close) {
        int depth = 0;
        for (int i = Math.max(0, from); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == open) {
                depth++;
            } else if (c == close && !(close == '>' && i > 0 && text.charAt(i - 1) == '-') && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    /**
     * The offset of the {@code {} that opens the innermost brace block enclosing {@code at} (for the {@code }} of a
     * block, that block's own {@code {}), looking back no further than {@code from} (exclusive), or -1 when none
     * opens after {@code from}.
     */
    static int enclosingOpen(String text, int from, int at) {
        int depth = 0;
        for (int i = Math.min(at, text.length()) - 1; i > from; i--) {
            char c = text.charAt(i);
            if (c == '}') {
                depth++;
            } else if (c == '{' && depth-- == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A condition's operands at its top level for one boolean operator ({@code "||"} or {@code "&&"}), each without
     * whitespace: {@code a() || (b || c)} has two, {@code a()} and {@code (b||c)}.
     */
    static java.util.Set<String> topLevelOperands(String condition, String operator) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        int depth = 0;
        int from = 0;
        String c = squeezed(condition);
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            depth += ch == '(' || ch == '[' ? 1 : ch == ')' || ch == ']' ? -1 : 0;
            if (depth == 0 && c.startsWith(operator, i)) {
                out.add(c.substring(from, i));
                from = i + 2;
                i++;
            }
        }
        out.add(c.substring(from));
        return out;
    }

    /** How many times {@code p} matches in {@code text}: the rules compare such counts before and after a change. */
    static int count(java.util.regex.Pattern p, String text) {
        java.util.regex.Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
