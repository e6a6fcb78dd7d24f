package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC25: a loop over queued waiters narrowed to the first one. A pool that hands a returned connection to
 * {@code while let Some(req) = waiters.pop_front()} skips a waiter that was cancelled (its receiver dropped, so the
 * send fails) and tries the next; as {@code if}, the first cancelled waiter ends the hand-over, the value is parked
 * while the waiters behind it wait on: mobc 3f2fb4db reversed, where {@code put_conn} looked at the first request
 * only. AL13 is the same edit on a loop that polls a future.
 */
public final class WaiterLoopNarrowed implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC25", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "waiter loop narrowed to one waiter",
            "In a non-test fn, the change replaces `while <cond> {` with `if <cond> {` (the same condition) where the "
                    + "condition or the block's first lines take a waiter off a queue (`pop_front()`, `pop()`, "
                    + "`pop_back()`) and the block hands something to it or wakes it (`.send(..)`, `notify`, `wake`, "
                    + "`unpark`): a waiter that was cancelled, or a send that fails, no longer moves on to the next.",
            "It compares the lines of one change run as text and reads a few lines of the block: whether the queue "
                    + "can hold a cancelled waiter, or a caller loops instead, is not checked.");

    private static final Pattern POP = Pattern.compile("\\.\\s*pop(?:_front|_back)?\\s*\\(\\s*\\)");
    private static final Pattern HAND_OVER = Pattern.compile(
            "\\.\\s*(?:send|try_send|notify\\w*|wake\\w*|unpark|complete|fulfil\\w*)\\s*\\(");
    /** Lines of the narrowed block read for the pop and the hand-over. */
    private static final int BLOCK_LINES = 25;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || file.newText() == null || !file.isRust() || file.isTestPath()) {
            return out;
        }
        String[] newLines = file.newText().split("\n", -1);
        for (RepollLoopNarrowed.Run run : RepollLoopNarrowed.runs(file)) {
            List<String> conditions = RepollLoopNarrowed.whileConditions(run.removed());
            if (conditions == null || conditions.isEmpty()) {
                continue;
            }
            for (DiffLine l : run.added()) {
                Matcher i = RepollLoopNarrowed.IF.matcher(l.text());
                if (!i.matches() || RepollLoopNarrowed.outsideCode(file, l.newLine())) {
                    continue;
                }
                String now = i.group(1).strip();
                if (conditions.stream().anyMatch(was -> RuleSupport.squeezed(was).equals(RuleSupport.squeezed(now)))
                        && servesWaiters(now, newLines, l.newLine())) {
                    out.add(finding(file, l.newLine(), now));
                    break;
                }
            }
        }
        return out;
    }

    /** Whether the block (or its condition) pops a waiter and hands it something, within its first lines. */
    private static boolean servesWaiters(String condition, String[] lines, int line) {
        boolean popped = POP.matcher(condition).find();
        boolean handed = false;
        int depth = 0;
        for (int k = line - 1; k < lines.length && k < line - 1 + BLOCK_LINES; k++) {
            String text = lines[k];
            popped |= POP.matcher(text).find();
            handed |= HAND_OVER.matcher(text).find();
            for (char c : text.toCharArray()) {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            if (depth <= 0) {
                break;
            }
        }
        return popped && handed;
    }

    private static Finding finding(ChangedFile file, int line, String condition) {
        String shown = RuleSupport.shorten(condition);
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(shown).object("waiter loop narrowed to if")
                .title("`while " + shown + "` over queued waiters became a single `if`")
                .explanation("Before the change this loop took waiters off the queue until one accepted what it was "
                        + "handed; now only the first is tried. A waiter that gave up (a cancelled request whose "
                        + "receiver is gone, so the send fails) ends the hand-over: the value is parked or dropped while "
                        + "the live waiters behind it keep waiting, possibly until a timeout.")
                .check("Check whether a queued waiter can be cancelled or its send fail; if so, keep looping to the "
                        + "next waiter.")
                .build();
    }
}
