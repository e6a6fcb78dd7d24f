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
 * PN21: {@code for i in 0..v.len()} whose body removes from {@code v}. The range is computed once, before the first
 * iteration; every removal shortens {@code v}, so the last iterations index past its end and panic (and, after a
 * {@code swap_remove}, the element moved into slot {@code i} is never looked at). actix 42fbf0c6 reversed: cancelled
 * futures were dropped with {@code self.items.swap_remove(idx)} inside {@code for idx in 0..self.items.len()}.
 * Walking backwards ({@code (0..v.len()).rev()}), {@code retain}, or a {@code while} loop that only advances when
 * nothing was removed are the safe forms; a removal followed by {@code break} or {@code return} ends the loop first.
 */
public final class RemovedInsideIndexLoop implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN21", RiskArea.PANICS, Severity.MEDIUM, "removal inside a loop over the old length",
            "In a non-test fn the change touches, a loop `for i in 0..v.len()` (not `.rev()`) whose body indexes `v[i]` (or "
                    + "removes or gets at `i`) and calls "
                    + "`v.remove(..)`, `v.swap_remove(..)`, `v.pop()`, `v.truncate(..)` or `v.drain(..)` with no "
                    + "`break` or `return` (or `continue 'outer`) after that call in the body, when the change adds the loop header or "
                    + "the removal.",
            "It reads the loop as text: a body that only removes on its last iteration, or that indexes nothing "
                    + "after a removal it can prove is last, is not told apart.",
            "indexing_slicing");

    private static final Pattern LOOP = Pattern.compile("\\bfor\\s+(?:mut\\s+)?([a-z_]\\w*)\\s+in\\s+0\\s*\\.\\.\\s*"
            + "((?:self\\s*\\.\\s*)?[a-z_][\\w.]{0,80}?)\\s*\\.\\s*len\\s*\\(\\s*\\)\\s*\\{");
    private static final Pattern EXIT = Pattern.compile("\\b(?:break|return)\\b|\\bcontinue\\s+'");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains(".len()")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        String masked = after.masked();
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            Matcher loop = LOOP.matcher(masked).region(fn.bodyStart(), fn.bodyEnd());
            while (loop.find()) {
                String index = loop.group(1);
                String vec = RuleSupport.squeezed(loop.group(2));
                int open = loop.end() - 1;
                int close = Math.min(RuleSupport.closing(masked, open, '{', '}'), fn.bodyEnd());
                String path = "(?<![\\w.])" + RuleSupport.spacedPath(vec);
                // The loop variable must reach `v`: a loop that only counts (`for _ in 0..v.len()`, tokio's
                // StreamMap keeps its own wrapped cursor) cannot run past the end by it.
                Pattern reaches = Pattern.compile(path + "\\s*(?:\\[|\\.\\s*(?:remove|swap_remove|get|get_mut)\\s*\\()\\s*&?\\s*"
                        + Pattern.quote(index) + "\\b");
                if (!reaches.matcher(masked).region(open, close).find()) {
                    continue;
                }
                Matcher removal = Pattern.compile(path
                        + "\\s*\\.\\s*(remove|swap_remove|pop|truncate|drain)\\s*\\(").matcher(masked).region(open, close);
                while (removal.find()) {
                    if (EXIT.matcher(masked).region(removal.end(), close).find()) {
                        continue;
                    }
                    int loopLine = after.line(loop.start());
                    int removalLine = after.line(removal.start());
                    if (file.added(loopLine) || file.added(removalLine)) {
                        out.add(finding(file, fn.name(), index, vec, removal.group(1), loopLine, removalLine));
                    }
                    break;
                }
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, String fn, String index, String vec, String call, int loopLine,
                                   int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(vec).object("removal inside an index loop")
                .title("`" + vec + "." + call + "(..)` inside `for " + index + " in 0.." + vec + ".len()` in `" + fn + "`")
                .explanation("The loop on line " + loopLine + " computes `0.." + vec + ".len()` once, before it starts. "
                        + "Line " + line + " shortens `" + vec + "` inside it and the loop carries on, so once anything "
                        + "is removed the last values of `" + index + "` are past the end: indexing `" + vec + "["
                        + index + "]` (or removing at it) panics, and the element moved into the freed slot is skipped.")
                .check("Walk backwards (`for " + index + " in (0.." + vec + ".len()).rev()`), use `" + vec
                        + ".retain(..)`, or use a `while` loop that advances `" + index + "` only when nothing was removed.")
                .build();
    }
}
