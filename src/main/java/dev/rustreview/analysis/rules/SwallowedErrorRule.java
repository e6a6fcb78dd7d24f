package dev.rustreview.analysis.rules;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ER1: errors dropped on the floor. {@code unwrap_or_default()} counts only when its receiver is decidably a
 * Result: a call to a fn of this file declared to return a {@code Result}, or a call to one of a short list of
 * std/serde functions that return Result ({@code parse}, {@code read_to_string}, {@code from_str}, ...).
 * A receiver that is a call to a fn of this file returning {@code Option} (or an Option-returning std method
 * such as {@code get}) is not reported. Test code is graded low, and so is {@code map_err(|_| ..)} on a
 * channel send/recv or a timeout, whose error carries no cause to lose.
 */
public final class SwallowedErrorRule implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER1", RiskArea.ERRORS, Severity.MEDIUM, "swallowed error",
            "`let _ = <call>` and `_ = <call>`, `.ok();` as a statement, `Err(_) => {}`/`()`, `map_err(|_| ..)`, "
                    + "`unwrap_or_default()` on a call known to return Result, `if let Ok(..) = call()` with no "
                    + "`else` (or with one, when the change removed an `if let Some(..) = ..call(..)?` it replaces), "
                    + "`while let Ok(..) = call()` (also `while let Some(Ok(..)) = stream.next().await`), and an `Err(e)` arm that logs and then yields `None`, a "
                    + "default, `false` or `0`, on added lines.",
            "It does not know return types of calls into other files, so `let _ = f()` is reported even when f returns ().",
            "let_underscore_must_use", "map_err_ignore", "unused_result_ok");

    /** Calls that return Result in std, serde and friends; used when the callee is not defined in the file. */
    private static final Set<String> RESULT_CALLS = Set.of("parse", "from_str", "from_str_radix", "from_utf8",
            "read_to_string", "read_to_end", "read_dir", "read_line", "metadata", "canonicalize", "try_from",
            "try_into", "from_slice", "from_reader", "from_value", "var", "open", "create", "connect", "bind",
            "decode", "deserialize", "to_str_radix", "try_recv", "recv_timeout", "duration_since", "from_json",
            "to_json", "execute", "fetch_one", "fetch_all", "fetch_optional", "query", "send_request", "join");

    /** Channel operations and timeouts, whose error carries no cause beyond "the other side is gone" or "elapsed". */
    private static final Set<String> CAUSELESS_ERRORS = Set.of("send", "try_send", "send_timeout", "recv",
            "blocking_send", "timeout");

    /** {@code m.lock()}, {@code rw.write().unwrap()}: an acquisition whose value is a guard (or a poisoned lock). */
    private static final Pattern LOCK_ACQUISITION = Pattern.compile("\\.\\s*(?:lock|write|read)\\s*\\(\\s*\\)"
            + "(?:\\s*\\.\\s*(?:unwrap|expect)\\s*\\([^()]{0,200}\\))?\\s*$");

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
        TreeIndex index = TreeIndex.of(tree);
        Map<String, Boolean> localReturnsResult = localFunctions(tree, index);
        OldSide oldSide = OldSide.of(file);
        List<Finding> out = new ArrayList<>();
        for (Node node : index.nodes("let_declaration", "expression_statement", "match_arm",
                "call_expression", "if_expression", "while_expression")) {
            Hit hit = switch (node.getType()) {
                case "let_declaration" -> letUnderscore(tree, node);
                case "expression_statement" -> okStatement(tree, node);
                case "match_arm" -> Optional.ofNullable(emptyErrArm(tree, node)).orElseGet(() -> loggedToNothing(tree, node));
                case "if_expression", "while_expression" -> ifLetOkWithoutElse(tree, node, oldSide);
                default -> callShapes(tree, node, localReturnsResult);
            };
            if (hit == null || !file.added(RustTree.startLine(hit.anchor))) {
                continue;
            }
            boolean test = file.isTestPath() || index.inTest(node);
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, RustTree.startLine(hit.anchor), RustTree.endLine(hit.extent))
                    .severity(test || hit.minor ? Severity.LOW : Severity.MEDIUM)
                    .object(SafetySyntax.brief(tree, hit.extent))
                    .title(hit.title + index.where(tree, node))
                    .explanation("`" + SafetySyntax.brief(tree, hit.extent) + "`" + index.where(tree, node) + " "
                            + hit.why + (test ? " It is in test code." : ""))
                    .check("Check that ignoring this failure is intended; otherwise propagate it with `?` or at least log it.")
                    .build());
        }
        return SafetySyntax.mergeSameLine(out);
    }

    /** The old side of the file (comments and strings blanked), for the shapes that compare with what was removed. */
    private record OldSide(ChangedFile file, ItemOutline outline) {

        static OldSide of(ChangedFile file) {
            return file.oldText() == null || !file.isRust() ? null : new OldSide(file, ItemOutline.before(file));
        }

        String text() {
            return outline.masked();
        }

        boolean removedAt(int offset) {
            return file.removed(outline.line(offset));
        }
    }

    private record Hit(Node anchor, Node extent, String title, boolean minor, String why) {

        Hit(Node anchor, Node extent, String title, String why) {
            this(anchor, extent, title, false, why);
        }
    }

    private static Hit letUnderscore(RustTree tree, Node let) {
        Node pattern = Syntax.field(let, "pattern").orElse(null);
        Node value = Syntax.field(let, "value").orElse(null);
        if (pattern == null || value == null || !"_".equals(tree.text(pattern))) {
            return null;
        }
        Node inner = Syntax.is(value, "await_expression") && value.getNamedChildCount() > 0
                ? value.getNamedChild(0) : value;
        if (!Syntax.is(inner, "call_expression")) {
            return null;
        }
        String callee = Optional.ofNullable(SafetySyntax.methodName(tree, inner))
                .orElseGet(() -> SafetySyntax.calleePath(tree, inner));
        if (callee != null && (callee.equals("drop") || callee.endsWith("::drop"))) {
            return null;
        }
        if (LOCK_ACQUISITION.matcher(tree.text(inner)).find()) {
            return null; // a guard dropped at once is CC55's: the lock, not an error, is what is lost
        }
        return new Hit(let, let, "result of `" + SafetySyntax.brief(tree, inner) + "` discarded",
                "discards the call's result with `let _`: if it is a Result, its error (a closed channel, a failed "
                        + "write, a rejected request) disappears without a trace.");
    }

    /** {@code _ = call();}: the destructuring-assignment form of {@code let _ = call();} (neqo ddb88ac99). */
    private static Hit underscoreAssigned(RustTree tree, Node stmt, Node assignment) {
        Node left = Syntax.field(assignment, "left").orElse(null);
        Node right = Syntax.field(assignment, "right").orElse(null);
        if (left == null || right == null || !"_".equals(tree.text(left))) {
            return null;
        }
        Node inner = Syntax.is(right, "await_expression") && right.getNamedChildCount() > 0 ? right.getNamedChild(0) : right;
        if (!Syntax.is(inner, "call_expression")) {
            return null;
        }
        return new Hit(stmt, stmt, "result of `" + SafetySyntax.brief(tree, inner) + "` discarded",
                "discards the call's result with `_ =`: if it is a Result, its error (a closed channel, a failed "
                        + "write, a rejected request) disappears without a trace.");
    }

    private static Hit okStatement(RustTree tree, Node stmt) {
        if (stmt.getNamedChildCount() == 0) {
            return null;
        }
        Node expr = stmt.getNamedChild(0);
        if (Syntax.is(expr, "assignment_expression")) {
            return underscoreAssigned(tree, stmt, expr);
        }
        if (Syntax.is(expr, "await_expression") && expr.getNamedChildCount() > 0) {
            expr = expr.getNamedChild(0);
        }
        if (!"ok".equals(SafetySyntax.methodName(tree, expr)) || SafetySyntax.argumentCount(expr) != 0) {
            return null;
        }
        return new Hit(SafetySyntax.methodToken(expr), expr, "error dropped with `.ok();`",
                "turns the Result into an Option and throws it away: the error is silently ignored (clippy: unused_result_ok).");
    }

    private static final java.util.regex.Pattern LOG = java.util.regex.Pattern.compile(
            "(?:^|[^\\w])(?:log::|tracing::)?(error|warn|info|debug|trace|eprintln)!");
    /** The empty values an arm can end in, as written (spaces aside). */
    private static final List<String> NOTHING = List.of("None", "Default::default()", "Vec::new()", "vec![]",
            "String::new()", "false", "0", "Ok(())", "Ok(None)");

    /**
     * Whether a block ends in an empty value ({@code ..; None }, {@code return false;}). Read from the end, not by
     * a regular expression over the whole text: a pattern with {@code .*} and runs of {@code \s*} took minutes on
     * an arm with a 144,000-character run of tabs (fuzz run 36).
     */
    static boolean endsInNothing(String body) {
        String s = body.strip();
        if (s.endsWith("}")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        for (String value : NOTHING) {
            if (!s.endsWith(value)) {
                continue;
            }
            String before = s.substring(0, s.length() - value.length());
            String bare = before.stripTrailing();
            if (bare.endsWith("return")) {
                before = bare.substring(0, bare.length() - "return".length());
            }
            if (before.isEmpty() || boundary(before.charAt(before.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean boundary(char c) {
        return c == ';' || c == '{' || Character.isWhitespace(c);
    }

    /**
     * {@code if let Ok(x) = repo.find_reference(..) { .. } else { .. }} where the change removed
     * {@code if let Some(x) = repo.try_find_reference(..)?..} (jj 24c1197a reversed): the lookup's errors used to
     * propagate and "absent" was {@code None}; now every error takes the else branch as if the thing did not exist.
     * Read from the old side: the removed line names the same method (or {@code try_} + it) under {@code if let Some}
     * with a {@code ?}.
     */
    private static Hit propagationFoldedIntoElse(RustTree tree, Node node, Node condition, Node inner, OldSide oldSide) {
        String method = SafetySyntax.methodName(tree, inner);
        if (method == null || oldSide == null || !oldSide.text().contains(method)) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bif\\s+let\\s+Some\\s*\\([^;{]{0,200}?\\b(?:try_)?"
                + java.util.regex.Pattern.quote(method) + "\\s*\\([^;{]{0,300}?\\?\\s*\\{").matcher(oldSide.text());
        while (m.find()) {
            if (oldSide.removedAt(m.start())) {
                String call = SafetySyntax.brief(tree, inner);
                return new Hit(node, condition, "`if let Ok` now sends every error of `" + call + "` to `else`",
                        "replaces a lookup whose errors were propagated with `?` (and whose \"absent\" was `None`): "
                                + "now a failed `" + call + "` (I/O, a corrupt or unreadable entry) takes the `else` "
                                + "branch as if nothing were there.");
            }
        }
        return null;
    }

    /**
     * {@code if let Ok(x) = f() { .. }} with no {@code else}, or {@code while let Ok(x) = f()}: the error branch
     * does nothing (for a loop, it silently ends the loop).
     */
    private static Hit ifLetOkWithoutElse(RustTree tree, Node node, OldSide oldSide) {
        Node condition = Syntax.field(node, "condition").orElse(null);
        if (condition == null || !Syntax.is(condition, "let_condition")) {
            return null;
        }
        Node pattern = Syntax.field(condition, "pattern").orElse(null);
        Node value = Syntax.field(condition, "value").orElse(null);
        boolean loop = Syntax.is(node, "while_expression");
        // `while let Some(Ok(x)) = stream.next().await`: a stream of results read until the first error (wstunnel
        // 94d9a14c reversed: one failed accept stopped the listener for good)
        boolean streamed = loop && pattern != null && constructor(tree, pattern, "Some")
                && Syntax.namedChildren(pattern).size() == 2 && constructor(tree, Syntax.namedChildren(pattern).get(1), "Ok");
        if (pattern == null || value == null || !streamed && !constructor(tree, pattern, "Ok")) {
            return null;
        }
        Node inner = Syntax.is(value, "await_expression") && value.getNamedChildCount() > 0 ? value.getNamedChild(0) : value;
        if (!Syntax.is(inner, "call_expression", "try_expression")) {
            return null;
        }
        if (!loop && Syntax.field(node, "alternative").isPresent()) {
            return propagationFoldedIntoElse(tree, node, condition, inner, oldSide);
        }
        String call = SafetySyntax.brief(tree, inner);
        String callee = Optional.ofNullable(SafetySyntax.methodName(tree, inner)).orElse("");
        return new Hit(node, condition, (loop ? (streamed ? "`while let Some(Ok(..))`" : "`while let Ok`") + " stops silently on an error from `" : "`if let Ok` ignores the error of `")
                + call + "`", CAUSELESS_ERRORS.contains(callee) || callee.equals("try_recv"),
                loop ? "ends the loop on the first `Err` without saying why: a read or parse failure looks like the "
                        + "end of the input." : "has no `else`: when `" + call + "` fails, the error is dropped and "
                        + "the code carries on as if there was simply nothing to do.");
    }

    /** Whether {@code pattern} is {@code name(..)}: a tuple-struct pattern of that constructor. */
    private static boolean constructor(RustTree tree, Node pattern, String name) {
        return Syntax.is(pattern, "tuple_struct_pattern")
                && Syntax.field(pattern, "type").map(t -> SafetySyntax.lastSegment(tree.text(t)).equals(name)).orElse(false);
    }

    /** {@code Err(e) => { error!(..); None }}: the failure is logged, then reported to the caller as "nothing". */
    private static Hit loggedToNothing(RustTree tree, Node arm) {
        Node pattern = Syntax.field(arm, "pattern").orElse(null);
        Node value = Syntax.field(arm, "value").orElse(null);
        if (pattern == null || value == null || !tree.text(pattern).replaceAll("\\s+", "").startsWith("Err(")) {
            return null;
        }
        String body = tree.text(value);
        if (!LOG.matcher(body).find() || !endsInNothing(body)) {
            return null;
        }
        return new Hit(arm, arm, "error logged and turned into an empty value", "logs the error and then returns "
                + "an empty value (`None`, a default, `false`): the caller cannot tell a failure from \"nothing there\" "
                + "and will carry on with it.");
    }

    private static Hit emptyErrArm(RustTree tree, Node arm) {
        Node pattern = Syntax.field(arm, "pattern").orElse(null);
        Node value = Syntax.field(arm, "value").orElse(null);
        if (pattern == null || value == null) {
            return null;
        }
        Node tuple = Syntax.is(pattern, "match_pattern") && pattern.getNamedChildCount() > 0
                ? pattern.getNamedChild(0) : pattern;
        if (!Syntax.is(tuple, "tuple_struct_pattern")) {
            return null;
        }
        Node typeNode = Syntax.field(tuple, "type").orElse(null);
        if (typeNode == null || !SafetySyntax.lastSegment(tree.text(typeNode)).equals("Err")) {
            return null;
        }
        List<Node> args = Syntax.namedChildren(tuple).stream().filter(c -> !c.equals(typeNode)).toList();
        boolean ignored = args.isEmpty() ? tree.text(tuple).replaceAll("\\s+", "").endsWith("(_)")
                : args.size() == 1 && Syntax.is(args.get(0), "identifier") && tree.text(args.get(0)).startsWith("_");
        if (!ignored) {
            return null;
        }
        boolean empty = Syntax.is(value, "unit_expression")
                || (Syntax.is(value, "block") && Syntax.namedChildren(value).stream()
                .allMatch(c -> Syntax.is(c, "line_comment", "block_comment")));
        if (!empty) {
            return null;
        }
        return new Hit(arm, arm, "error ignored by `" + SafetySyntax.brief(tree, arm) + "`",
                "matches the error and does nothing with it: the failure is neither returned nor logged.");
    }

    private static Hit callShapes(RustTree tree, Node call, Map<String, Boolean> local) {
        String method = SafetySyntax.methodName(tree, call);
        if ("map_err".equals(method)) {
            Node arg = Syntax.field(call, "arguments").filter(a -> a.getNamedChildCount() == 1)
                    .map(a -> a.getNamedChild(0)).orElse(null);
            if (arg == null || !Syntax.is(arg, "closure_expression")) {
                return null;
            }
            Node params = Syntax.field(arg, "parameters").orElse(null);
            String p = params == null ? "" : tree.text(params).replaceAll("[|\\s]", "");
            if (!p.matches("_\\w*(:.*)?")) {
                return null;
            }
            Node source = SafetySyntax.receiver(call);
            while (source != null && Syntax.is(source, "await_expression") && source.getNamedChildCount() > 0) {
                source = source.getNamedChild(0);
            }
            String from = source == null ? null : SafetySyntax.methodName(tree, source);
            if (from == null && source != null) {
                String path = SafetySyntax.calleePath(tree, source);
                from = path == null ? null : SafetySyntax.lastSegment(path);
            }
            if (from != null && CAUSELESS_ERRORS.contains(from)) {
                return new Hit(SafetySyntax.methodToken(call), call, "`map_err` replaces a cause-less error", true,
                        "replaces the error of `" + from + "` without looking at it; that error only says the other "
                                + "side is gone or the time ran out, so this is usually fine if the new error says that.");
            }
            return new Hit(SafetySyntax.methodToken(call), call, "`map_err` discards the original error", false,
                    "replaces the error without looking at it (`" + SafetySyntax.brief(tree, params) + "`): the cause "
                            + "(which file, which field, which errno) is lost for whoever debugs this (clippy: map_err_ignore).");
        }
        if ("unwrap_or_default".equals(method)) {
            Node recv = SafetySyntax.receiver(call);
            Optional<String> result = resultCall(tree, recv, local);
            if (result.isEmpty()) {
                return null;
            }
            return new Hit(SafetySyntax.methodToken(call), call, "`unwrap_or_default()` hides an error",
                    "replaces the error from " + result.get() + " with a default value: a failure becomes an empty "
                            + "or zero value that later code cannot tell from real data.");
        }
        return null;
    }

    /** "`parse`" when the receiver is a call known to return Result, else empty. */
    private static Optional<String> resultCall(RustTree tree, Node recv, Map<String, Boolean> local) {
        if (recv == null) {
            return Optional.empty();
        }
        Node call = recv;
        while (Syntax.is(call, "await_expression", "parenthesized_expression") && call.getNamedChildCount() > 0) {
            call = call.getNamedChild(0);
        }
        String name = SafetySyntax.methodName(tree, call);
        if (name == null) {
            String path = SafetySyntax.calleePath(tree, call);
            name = path == null ? null : SafetySyntax.lastSegment(path);
        }
        if (name == null) {
            return Optional.empty();
        }
        Boolean declared = local.get(name);
        if (declared != null) {
            return declared ? Optional.of("`" + name + "` (declared to return a Result)") : Optional.empty();
        }
        return RESULT_CALLS.contains(name) ? Optional.of("`" + name + "`") : Optional.empty();
    }

    /** Fns of this file by name: true when declared to return a Result type, false for anything else. */
    private static Map<String, Boolean> localFunctions(RustTree tree, TreeIndex index) {
        Map<String, Boolean> out = new HashMap<>();
        for (Node fn : index.nodes("function_item", "function_signature_item")) {
            String name = SafetySyntax.name(tree, fn);
            String ret = Syntax.field(fn, "return_type").map(t -> SafetySyntax.stripGenerics(tree.text(t))).orElse("");
            boolean result = SafetySyntax.lastSegment(ret.replaceAll("\\s+", "")).endsWith("Result");
            out.merge(name, result, (a, b) -> a && b);
        }
        return out;
    }
}
