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
 * da2645529 reversed: {@code block_on} could hang). The edit is one keyword with the condition unchanged.
 */
public final class RepollLoopNarrowed implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL13", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "re-poll loop narrowed to one pass",
            "In a non-test fn, the change replaces `while <cond> {` with `if <cond> {` (the same condition) and the "
                    + "block polls a future or stream with a context (`.poll(cx)`, `poll_next(cx)`, `poll_*(.., cx)`): a "
                    + "wake that arrives during that poll no longer causes another poll.",
            "It compares one line's text: a loop moved around the `if`, or a condition renamed in the same change, "
                    + "is not seen; whether the caller polls again anyway is not checked.");

    private static final Pattern WHILE = Pattern.compile("^\\s*while\\s+(.+?)\\s*\\{\\s*$");
    private static final Pattern IF = Pattern.compile("^\\s*if\\s+(.+?)\\s*\\{\\s*$");
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
        for (Hunk hunk : file.change().hunks()) {
            List<String> removedConditions = new ArrayList<>();
            for (DiffLine l : hunk.lines()) {
                if (l.isRemoved()) {
                    Matcher w = WHILE.matcher(l.text());
                    if (w.matches()) {
                        removedConditions.add(w.group(1).replaceAll("\\s+", ""));
                    }
                } else if (l.isAdded()) {
                    Matcher i = IF.matcher(l.text());
                    if (i.matches() && removedConditions.contains(i.group(1).replaceAll("\\s+", ""))
                            && polls(newLines, l.newLine()) && !outsideCode(file, l.newLine())) {
                        out.add(finding(file, l.newLine(), i.group(1).strip()));
                    }
                } else {
                    removedConditions.clear();
                }
            }
        }
        return out;
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

    private static boolean outsideCode(ChangedFile file, int line) {
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            if (after.line(fn.bodyStart()) <= line && line <= after.endLine(fn)) {
                return false;
            }
        }
        return true; // not inside a non-test fn of the new side
    }

    private static Finding finding(ChangedFile file, int line, String condition) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(condition).object("while narrowed to if")
                .title("`while " + RuleSupport.shorten(condition) + "` became a single `if`")
                .explanation("Line " + line + " polled again for as long as `" + RuleSupport.shorten(condition) + "` "
                        + "held; now it polls once. If the future is woken while that poll runs (it sets the flag "
                        + "again), nothing polls it: the caller goes on to park or wait, and the wake-up is lost.")
                .check("Check who polls again after a wake during the poll; if nobody does, keep the loop.")
                .build();
    }
}
