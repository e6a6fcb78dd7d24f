package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * AL44: a poll fn that returns {@code Poll::Pending} for an inner poll that returned {@code Ready} (an error it
 * logs and skips). The inner poll registered no waker, because it completed; Pending promises the executor a
 * wake-up nobody will send, and the task sleeps until something unrelated polls it. Watfaq/clash-rs 1f9db911
 * reversed: a shadowsocks datagram stream returned Pending after a failed receive, and the UDP dispatch loop never
 * ran again.
 */
public final class PendingAfterReady implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL44", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "Pending returned for an inner poll that was ready",
            "In a non-test fn that takes a `Context` or returns `Poll`, a `match` arm the change adds or edits "
                    + "evaluates to `Poll::Pending`, where the `match` is the fn's returned value (its final expression or a "
                    + "`return`'s) over `ready!(..)` (directly or through a "
                    + "`let` bound to it) or its arm matches `Poll::Ready(..)` of a `poll*` call, and no `loop`/`while` "
                    + "in the fn encloses the `match` (which would poll again).",
            "It does not see a waker registered elsewhere before the Pending (`cx.waker().wake_by_ref()` in the "
                    + "arm counts as a wake-up and is not reported).");

    private static final Pattern POLL_FN = Pattern.compile("Context\\s*<|->\\s*(?:[\\w:]*::)?Poll\\b");
    private static final Pattern PENDING = Pattern.compile("(?:\\bPoll\\s*::\\s*)?\\bPending\\s*;?\\s*\\}?\\s*$");
    private static final Pattern READY_ARM = Pattern.compile("^(?:(?:std|core)\\s*::\\s*task\\s*::\\s*)?(?:Poll\\s*::\\s*)?Ready\\s*\\(");
    private static final int MAX_ARMS = 400;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || file.isTestPath() || !text.contains("Pending")) {
            return out;
        }
        FileView view = FileView.of(file).orElse(null);
        if (view == null) {
            return out;
        }
        Nav nav = view.nav();
        RustTree tree = nav.tree();
        for (Node fn : view.fns()) {
            if (!file.touches(fn) || view.isTest(fn)) {
                continue;
            }
            Node body = nav.field(fn, "body").orElse(null);
            if (body == null) {
                continue;
            }
            String header = tree.text(fn.getStartByte(), body.getStartByte());
            if (!POLL_FN.matcher(header).find()) {
                continue;
            }
            String fnText = tree.text(fn);
            int arms = 0;
            for (Node arm : nav.findInFn(fn, "match_arm")) {
                if (arms++ >= MAX_ARMS || out.size() >= 8) {
                    break;
                }
                Node value = nav.field(arm, "value").orElse(null);
                Node pattern = nav.field(arm, "pattern").orElse(null);
                Node pending = value == null || pattern == null || !PENDING.matcher(tree.text(value)).find()
                        ? null : finalPending(nav, value);
                if (pending == null || !file.added(RustTree.startLine(pending)) || tree.text(value).contains("wake")) {
                    continue;
                }
                Node match = nav.enclosing(arm, "match_expression").orElse(null);
                Node scrutinee = match == null ? null : nav.field(match, "value").orElse(null);
                if (scrutinee == null || looped(nav, match, fn) || !returned(nav, match, body)) {
                    continue;
                }
                String polled = readyPoll(tree, scrutinee, fnText, tree.text(pattern));
                if (polled == null) {
                    continue;
                }
                String fnName = RuleSupport.fnName(nav, fn);
                int line = RustTree.startLine(pending);
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fnName).object(RuleSupport.squeezed(tree.text(pattern)))
                        .title("`" + fnName + "` returns `Poll::Pending` after `" + polled + "` was ready")
                        .explanation("The arm `" + RuleSupport.shorten(tree.text(pattern).replaceAll("\\s+", " "))
                                + "` is reached only when `" + polled + "` completed, and a poll that completes "
                                + "registers no waker. Returning `Poll::Pending` from it tells the executor the task "
                                + "will be woken, but nothing will wake it: the stream or future stalls until "
                                + "something unrelated polls the task again.")
                        .check("Poll again (loop back to the inner poll so it registers the waker or yields the next "
                                + "item), call `cx.waker().wake_by_ref()` before returning Pending, or return the "
                                + "error.")
                        .build());
            }
        }
        return out;
    }

    /** The arm's value when it is {@code Pending}, or the final expression of its block when that is; else null. */
    private static Node finalPending(Nav nav, Node value) {
        Node cur = value;
        for (int depth = 0; depth < 4 && nav.is(cur, "block"); depth++) {
            List<Node> children = nav.namedChildren(cur).stream()
                    .filter(c -> !nav.is(c, "line_comment", "block_comment")).toList();
            if (children.isEmpty()) {
                return null;
            }
            cur = children.get(children.size() - 1);
            if (nav.is(cur, "expression_statement")) {
                return null; // `Poll::Pending;` is not the block's value
            }
        }
        return Pattern.compile("^(?:Poll\\s*::\\s*)?Pending$").matcher(nav.tree().text(cur).strip()).matches() ? cur : null;
    }

    /**
     * Whether the match's value is what the fn returns: the fn body's final expression, or a {@code return}'s. A
     * match whose {@code Pending} is a value the fn combines later ({@code let read = match ctx.poll_read_ready(cx)
     * {..}} in ntex's uring readiness) returns nothing by itself.
     */
    private static boolean returned(Nav nav, Node match, Node body) {
        Node parent = nav.parent(match).orElse(null);
        if (parent == null) {
            return false;
        }
        if (nav.is(parent, "return_expression")) {
            return true;
        }
        Node statement = match;
        if (nav.is(parent, "expression_statement") && !nav.tree().text(parent).strip().endsWith(";")) {
            statement = parent; // a block-like tail expression is read as a statement without `;`
            parent = nav.parent(parent).orElse(null);
        }
        if (parent == null || !parent.equals(body)) {
            return false;
        }
        List<Node> children = nav.namedChildren(body).stream().filter(c -> !nav.is(c, "line_comment", "block_comment")).toList();
        return !children.isEmpty() && children.get(children.size() - 1).equals(statement);
    }

    /** Whether a loop of the fn encloses the match (the next iteration polls again). */
    private static boolean looped(Nav nav, Node match, Node fn) {
        for (Node a : nav.ancestors(match)) {
            if (a.equals(fn)) {
                return false;
            }
            if (nav.is(a, "loop_expression", "while_expression", "for_expression", "closure_expression")) {
                return true;
            }
        }
        return false;
    }

    /** The inner poll the scrutinee shows ready, or null. */
    private static String readyPoll(RustTree tree, Node scrutinee, String fnText, String armPattern) {
        String s = tree.text(scrutinee).strip();
        if (s.startsWith("ready!")) {
            return RuleSupport.shorten(s.replaceAll("\\s+", " "));
        }
        if (s.matches("[a-z_]\\w{0,40}")) {
            java.util.regex.Matcher let = Pattern.compile("\\blet\\s+(?:mut\\s+)?" + s + "\\s*(?::[^=;]{1,80})?=\\s*(ready!\\s*\\("
                    + "[^;]{0,200})").matcher(fnText);
            return let.find() ? RuleSupport.shorten(let.group(1).replaceAll("\\s+", " ")) : null;
        }
        if (s.matches("(?s).*\\.\\s*poll\\w*\\s*\\(.*") && READY_ARM.matcher(armPattern.strip()).find()) {
            return RuleSupport.shorten(s.replaceAll("\\s+", " "));
        }
        return null;
    }
}
