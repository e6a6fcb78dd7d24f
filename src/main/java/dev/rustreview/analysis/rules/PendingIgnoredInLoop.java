package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AL9: inside a {@code loop} of a hand-written poll, a {@code match} on a {@code poll*} call ignores
 * {@code Poll::Pending} (an empty arm) and nothing after it in the loop returns or breaks. When the polled
 * future or stream is not ready, the loop goes round and polls it again at once, and again: the task never
 * yields, burns a core and starves every other task on its executor thread (tower cc9e5bea: {@code CallAll}
 * spun when its input stream was pending). Returning {@code Poll::Pending} is what hands the thread back; the
 * waker the poll registered brings the task back when there is something to do.
 */
public final class PendingIgnoredInLoop implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL9", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "`Poll::Pending` ignored inside a loop",
            "In a non-test fn that takes a `Context` or returns `Poll`, a `Poll::Pending => {}` (or `=> ()`, `=> continue`) arm the change adds, of a `match` "
                    + "whose scrutinee calls a `poll*` method, inside a `loop` (or `while`) whose body has no `return`, "
                    + "`break`, `Poll::Pending` or `ready!` after that `match`: the loop polls again at once.",
            "It does not know whether code earlier in the loop returns once nothing progressed (a counter, a flag "
                    + "checked at the top), nor whether the polled value can stay pending.");

    private static final Pattern PENDING_ARM = Pattern.compile(
            "\\bPoll\\s*::\\s*Pending\\s*=>\\s*(?:\\{\\s*\\}|\\(\\s*\\)|continue\\b)");
    private static final Pattern LEAVES = Pattern.compile("\\breturn\\b|\\bbreak\\b|\\bPending\\b|\\bready!|\\?");
    private static final Pattern LOOP_HEADER = Pattern.compile("(?:\\bloop|\\bwhile\\b[^{};]*)\\s*$");
    private static final Pattern MATCH_POLL = Pattern.compile("\\bmatch\\b[^{};]*\\bpoll\\w*\\s*\\(");
    /** A hand-written poll: it is given a task context or returns {@code Poll}. */
    private static final Pattern POLL_FN = Pattern.compile("\\bContext\\b|->\\s*Poll\\b");
    private static final int MAX_ARMS = 64;
    private static final int MAX_LEVELS = 64;
    /** A loop body longer than this is not one poll loop (and scanning its tail per arm would be quadratic). */
    private static final int MAX_LOOP = 20_000;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        List<ItemOutline.Item> fns = ItemOutline.changedFns(file);
        if (fns.isEmpty()) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        String text = after.masked();
        for (ItemOutline.Item fn : fns) {
            if (!POLL_FN.matcher(fn.header()).find()) {
                continue; // an executor's `block_on` loops over a poll too, and waits (parks) between rounds
            }
            Matcher arm = PENDING_ARM.matcher(text).region(fn.bodyStart(), fn.bodyEnd());
            int n = 0;
            while (arm.find() && n++ < MAX_ARMS) {
                int line = after.line(arm.start());
                if (!file.added(line)) {
                    continue;
                }
                int match = RuleSupport.enclosingOpen(text, fn.bodyStart() - 1, arm.start());
                if (match < 0 || !MATCH_POLL.matcher(header(text, fn.bodyStart(), match)).find()) {
                    continue;
                }
                int matchEnd = RuleSupport.closing(text, match, '{', '}');
                int loop = enclosingLoop(text, fn.bodyStart(), match);
                if (loop < 0) {
                    continue;
                }
                int loopEnd = RuleSupport.closing(text, loop, '{', '}');
                if (loopEnd - loop > MAX_LOOP || matchEnd >= loopEnd
                        || LEAVES.matcher(text).region(matchEnd + 1, loopEnd).find()) {
                    continue;
                }
                String scrutinee = header(text, fn.bodyStart(), match).replaceFirst("(?s)^.*?\\bmatch\\b", "").strip()
                        .replaceAll("\\s+", " ");
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .severity(Severity.MEDIUM)
                        .object(fn.name()).object("pending ignored " + scrutinee)
                        .title("`Poll::Pending` of `" + RuleSupport.shorten(scrutinee) + "` ignored inside a loop in `"
                                + fn.name() + "`")
                        .explanation("In `" + fn.name() + "` the arm on line " + line + " does nothing when `"
                                + RuleSupport.shorten(scrutinee) + "` is pending, and nothing after the `match` in the "
                                + "enclosing loop (line " + after.line(loop) + ") returns or breaks. While it stays "
                                + "pending the loop polls it again at once: the task never yields its thread, spins "
                                + "at 100% and starves the other tasks of its executor thread.")
                        .check("Return `Poll::Pending` from that arm (or use `ready!`), unless something earlier in the "
                                + "loop is sure to return once nothing progresses.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** The text between the previous statement boundary and the brace at {@code open}: a block's header. */
    private static String header(String text, int from, int open) {
        int start = open;
        while (start > from && open - start < 400) {
            char c = text.charAt(start - 1);
            if (c == ';' || c == '{' || c == '}') {
                break;
            }
            start--;
        }
        return text.substring(start, open);
    }

    /** The brace opening the innermost {@code loop}/{@code while} body around {@code at} in the fn, or -1. */
    private static int enclosingLoop(String text, int bodyStart, int at) {
        int open = at;
        for (int level = 0; level < MAX_LEVELS; level++) {
            open = RuleSupport.enclosingOpen(text, bodyStart - 1, open);
            if (open < 0) {
                return -1;
            }
            String head = header(text, bodyStart, open);
            if (LOOP_HEADER.matcher(head).find()) {
                return open;
            }
            if (head.contains("|") || head.contains("async")) {
                return -1; // a closure or an async block: its own body, not the fn's loop
            }
        }
        return -1;
    }
}
