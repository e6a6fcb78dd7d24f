package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AL13: a loop that polls while a condition holds, narrowed to one pass. An executor's {@code while woken() {
 * fut.poll(cx) }} polls again when the future was woken while it was being polled; as {@code if woken() { .. }} that
 * wake is consumed by the single poll and the runtime goes on to park, with nothing left to wake it (monoio
 * da2645529 reversed: {@code block_on} could hang). The edit is one keyword with the condition unchanged, or a
 * {@code while let} on a poll made an {@code if let} on its result. Its sibling: a branch that polled again now
 * returns {@code Poll::Pending}, so what the poll would have registered a waker for is never polled.
 */
public final class RepollLoopNarrowed implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL13", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "re-poll dropped",
            "In a non-test fn, the change replaces `while <cond> {` with `if <cond> {` (the same condition) and the "
                    + "block polls a future or stream with a context (`.poll(cx)`, `poll_next(cx)`, `poll_*(.., cx)`); "
                    + "or `while let <pattern> = <a poll with cx> {` with `if let <pattern> = .. {`; or a line that "
                    + "returned a re-poll (`inner.try_poll_next_unpin(cx)`) with `Poll::Pending`, adding no wake or "
                    + "waker registration in its place: a wake that arrives during the one poll, or work queued by it, "
                    + "no longer causes another poll.",
            "It compares the lines of one change run as text: a loop moved around the `if`, or a condition renamed in "
                    + "the same change, is not seen; whether the caller polls again anyway is not checked.");

    /** A {@code while} header in a run of removed lines joined by spaces (a {@code {} in the condition is not read). */
    private static final Pattern WHILE_IN_RUN = Pattern.compile("(?<![\\w.])while\\s+([^{};]{1,400}?)\\s*\\{");
    private static final Pattern LET = Pattern.compile("let\\s+(.+?)\\s*=(?![=>])\\s*(.+)");
    /** A line that is a tail expression or a {@code return} of a poll with the context. */
    private static final Pattern TAIL_REPOLL = Pattern.compile(
            "^\\s*(?:return\\s+)?([\\w.:()&*]{1,200}?\\.\\s*(?:try_)?poll\\w*\\s*\\(\\s*(?:[\\w&*]+\\s*,\\s*)?cx\\s*\\))"
                    + "\\s*;?\\s*$");
    private static final Pattern TAIL_PENDING = Pattern.compile("^\\s*(?:return\\s+)?(?:std::task::|core::task::|task::)?"
            + "Poll\\s*::\\s*Pending\\s*;?\\s*$");
    private static final Pattern WAKE = Pattern.compile("\\bwake(?:_by_ref)?\\s*\\(|\\bregister\\w*\\s*\\(|waker\\s*\\(\\s*\\)\\s*\\.\\s*clone");
    /** Longest run of removed lines read joined; longer runs are rewrites, not a narrowed loop. */
    private static final int MAX_RUN = 4_000;
    static final Pattern IF = Pattern.compile("^\\s*if\\s+(.+?)\\s*\\{\\s*$");
    private static final Pattern POLL = Pattern.compile("\\bpoll(?:_\\w+)?\\s*\\([^;]{0,120}?\\bcx\\b");
    /** Lines the narrowed block is read for: an executor's poll sits a few lines inside its loop. */
    private static final int BLOCK_LINES = 40;

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
        for (Run run : runs(file)) {
            checkRun(file, newLines, run.removed(), run.added(), out);
        }
        return out;
    }

    /** Removed and added lines between two context lines of a hunk. */
    record Run(List<DiffLine> removed, List<DiffLine> added) {
    }

    /** The change's runs that both remove and add lines, hunk by hunk. */
    static List<Run> runs(ChangedFile file) {
        List<Run> out = new ArrayList<>();
        for (Hunk hunk : file.change().hunks()) {
            List<DiffLine> removed = new ArrayList<>();
            List<DiffLine> added = new ArrayList<>();
            for (DiffLine l : hunk.lines()) {
                if (l.isRemoved()) {
                    removed.add(l);
                } else if (l.isAdded()) {
                    added.add(l);
                } else {
                    if (!removed.isEmpty() && !added.isEmpty()) {
                        out.add(new Run(removed, added));
                    }
                    removed = new ArrayList<>();
                    added = new ArrayList<>();
                }
            }
            if (!removed.isEmpty() && !added.isEmpty()) {
                out.add(new Run(removed, added));
            }
        }
        return out;
    }

    /**
     * The {@code while} conditions of a run's removed lines, read joined (rustfmt breaks a long {@code while let P =
     * scrutinee {} over lines); null for a run longer than a narrowed loop's (a rewrite).
     */
    static List<String> whileConditions(List<DiffLine> removed) {
        List<String> conditions = new ArrayList<>();
        String joined = String.join(" ", removed.stream().map(DiffLine::text).toList());
        if (joined.length() > MAX_RUN) {
            return null;
        }
        Matcher w = WHILE_IN_RUN.matcher(joined);
        while (w.find()) {
            conditions.add(w.group(1).strip());
        }
        return conditions;
    }

    /** One run of removed and added lines between context lines. */
    private static void checkRun(ChangedFile file, String[] newLines, List<DiffLine> removed, List<DiffLine> added,
                                 List<Finding> out) {
        List<String> conditions = whileConditions(removed);
        if (conditions == null) {
            return;
        }
        for (DiffLine l : added) {
            Matcher i = IF.matcher(l.text());
            if (!i.matches() || outsideCode(file, l.newLine())) {
                continue;
            }
            String now = i.group(1).strip();
            for (String was : conditions) {
                if (RuleSupport.squeezed(was).equals(RuleSupport.squeezed(now)) ? polls(newLines, l.newLine()) : sameReadyPattern(was, now)) {
                    out.add(finding(file, l.newLine(), was, now));
                    return;
                }
            }
        }
        repollReplacedByPending(file, removed, added, out);
    }

    /**
     * {@code while let Poll::Ready(t) = q.poll_inner(cx) {} } narrowed to {@code let t = q.poll_inner(cx); if let
     * Poll::Ready(t) = t {}}: the same pattern, and the loop's scrutinee polled with the context (deno_core c8ceda297
     * reversed: tasks spawned by the tasks just run were never polled and nothing woke the loop for them).
     */
    private static boolean sameReadyPattern(String was, String now) {
        Matcher a = LET.matcher(was);
        Matcher b = LET.matcher(now);
        return a.matches() && b.matches() && RuleSupport.squeezed(a.group(1)).equals(RuleSupport.squeezed(b.group(1)))
                && POLL.matcher(a.group(2)).find();
    }

    /**
     * A branch that ended by polling the inner future or stream again ({@code inner.try_poll_next_unpin(cx)}) now
     * ends with {@code Poll::Pending}: that poll is what registered the waker of futures queued since the last one,
     * and without it nothing wakes the task (deno_core 721c2897d reversed: a module load hung after a redirect to a
     * module already seen). A wake or waker registration added in the same place counts as the replacement.
     */
    private static void repollReplacedByPending(ChangedFile file, List<DiffLine> removed, List<DiffLine> added,
                                                List<Finding> out) {
        for (DiffLine r : removed) {
            Matcher repoll = TAIL_REPOLL.matcher(r.text());
            if (!repoll.matches()) {
                continue;
            }
            if (added.stream().anyMatch(a -> WAKE.matcher(a.text()).find())) {
                return;
            }
            for (DiffLine a : added) {
                if (TAIL_PENDING.matcher(a.text()).matches() && !outsideCode(file, a.newLine())) {
                    String call = RuleSupport.shorten(repoll.group(1).strip());
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.newLine(), a.newLine())
                            .object(call).object("re-poll replaced by Pending")
                            .title("`Poll::Pending` replaces the re-poll `" + call + "`")
                            .explanation("Before the change this branch returned `" + call + "`: polling again "
                                    + "registered the waker of whatever was queued since the last poll (new futures in a "
                                    + "set, a stream's next item). Returning `Poll::Pending` instead leaves them without a "
                                    + "registered waker unless an earlier poll in this call registered one: if none did, "
                                    + "nothing wakes the task and it can hang.")
                            .check("Check what wakes the task after this `Pending`; if nothing registered `cx`'s "
                                    + "waker on this path, keep the re-poll or call `cx.waker().wake_by_ref()`.")
                            .build());
                    return;
                }
            }
        }
    }


    private static boolean polls(String[] lines, int line) {
        int depth = 0;
        for (int i = line - 1; i < lines.length && i < line - 1 + BLOCK_LINES; i++) {
            String text = lines[i];
            if (POLL.matcher(text).find()) {
                return true;
            }
            for (char c : text.toCharArray()) {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            if (depth <= 0) {
                return false;
            }
        }
        return false;
    }

    static boolean outsideCode(ChangedFile file, int line) {
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            if (after.line(fn.bodyStart()) <= line && line <= after.endLine(fn)) {
                return false;
            }
        }
        return true; // not inside a non-test fn of the new side
    }

    private static Finding finding(ChangedFile file, int line, String was, String now) {
        String condition = RuleSupport.shorten(was);
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(now).object("while narrowed to if")
                .title("`while " + condition + "` became a single `if`")
                .explanation("Line " + line + " polled again for as long as `" + condition + "` "
                        + "held; now it polls once. If the future is woken while that poll runs (it sets the flag "
                        + "again, or queues more work), nothing polls it: the caller goes on to park or wait, and the "
                        + "wake-up is lost.")
                .check("Check who polls again after a wake during the poll; if nobody does, keep the loop.")
                .build();
    }
}
