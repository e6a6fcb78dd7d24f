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
 * SS13: a watermark advanced after the read it bounds. {@code pane.get_changed_since(range, self.seqno);} then
 * {@code self.seqno = pane.get_current_seqno();}: whatever the source changed between the two calls is newer than
 * what was read and older than the new mark, so the next read skips it. The safe order takes the new mark first
 * and reads since the old one. wezterm 100b85de reversed: the mux server's per-pane render updates lost changes
 * made while it collected the dirty lines.
 */
public final class WatermarkAdvancedAfterRead implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS13", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "watermark advanced after the read",
            "In a non-test fn that stays, the change moves `self.mark = src.current()` (a field set from a call on "
                    + "`src`) from before to after a call on the same `src` that is passed `self.mark` "
                    + "(`src.changed_since(.., self.mark)`): changes `src` records between the two calls are newer "
                    + "than what was read and not newer than the new mark, so the next read skips them.",
            "It matches the source by its text and does not know whether another thread can change it between the "
                    + "calls; a source only this thread touches makes the order harmless.");

    /** {@code self.mark = src.current(..);} on one stripped line. */
    private static final Pattern ADVANCE = Pattern.compile(
            "self\\s*\\.\\s*([A-Za-z_]\\w{0,60})\\s*=\\s*([A-Za-z_][\\w.]{0,100}?)\\s*\\.\\s*([A-Za-z_]\\w{0,60})\\s*\\(");
    /** Assignments and calls on the source read per fn body: a real fn has a few; a fuzzed one thousands. */
    private static final int MAX_ADVANCES = 64;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String now = pair.newBody();
            String was = pair.oldBody();
            Matcher m = ADVANCE.matcher(now);
            int seen = 0;
            while (m.find() && seen++ < MAX_ADVANCES) {
                String field = m.group(1);
                String source = m.group(2);
                int line = pair.after().line(pair.now().bodyStart() + m.start());
                int readAt = readBefore(now, m.start(), source, field);
                if (!file.added(line) || readAt < 0 || sameRhsAt(was, m, now) < 0) {
                    continue;
                }
                int old = sameRhsAt(was, m, now);
                if (readBefore(was, old, source, field) >= 0) {
                    continue; // the old body also read first: not what the change did
                }
                int readLine = pair.after().line(pair.now().bodyStart() + readAt);
                out.add(finding(file, pair.now().name(), field, source, line, readLine));
            }
        }
        return out;
    }

    /** Where, in {@code body} before {@code end}, a call on {@code source} is passed {@code self.field}; or -1. */
    private static int readBefore(String body, int end, String source, String field) {
        Pattern call = Pattern.compile("(?<![\\w.])" + Pattern.quote(source) + "\\s*\\.\\s*\\w+\\s*\\(");
        Pattern arg = Pattern.compile("(?<![\\w.])self\\s*\\.\\s*" + Pattern.quote(field) + "(?![\\w(])(?!\\s*=[^=])");
        Matcher c = call.matcher(body).region(0, Math.max(0, end));
        int calls = 0;
        while (c.find() && calls++ < MAX_ADVANCES) {
            int close = RuleSupport.closing(body, c.end() - 1, '(', ')');
            if (close > c.end() && close <= end && arg.matcher(body.substring(c.end(), close)).find()) {
                return c.start();
            }
        }
        return -1;
    }

    /** Where {@code body} makes the same assignment ({@code self.mark = src.current(..)}, same call text); or -1. */
    private static int sameRhsAt(String body, Matcher m, String from) {
        int close = RuleSupport.closing(from, m.end() - 1, '(', ')');
        if (close <= m.end() - 1 || close - m.start() > 400) {
            return -1;
        }
        String text = RuleSupport.squeezed(from.substring(m.start(), close + 1));
        Matcher again = ADVANCE.matcher(body);
        int seen = 0;
        while (again.find() && seen++ < MAX_ADVANCES) {
            int end = RuleSupport.closing(body, again.end() - 1, '(', ')');
            if (end > again.end() - 1 && end - again.start() <= 400
                    && RuleSupport.squeezed(body.substring(again.start(), end + 1)).equals(text)) {
                return again.start();
            }
        }
        return -1;
    }

    private static Finding finding(ChangedFile file, String fn, String field, String source, int line, int readLine) {
        return FindingBuilder.lines(INFO, file, Side.NEW, readLine, line)
                .object(fn).object("self." + field).object(source)
                .title("`" + fn + "` advances `self." + field + "` after reading `" + source + "` since it")
                .explanation("Line " + readLine + " reads from `" + source + "` since `self." + field + "`, and only "
                        + "line " + line + " moves `self." + field + "` to `" + source + "`'s current mark; before "
                        + "the change the mark was taken first. Whatever `" + source + "` records between the two "
                        + "calls is newer than what was read and not newer than the new mark, so the next call "
                        + "skips it: a lost update.")
                .check("Take the new mark first (`let old = self." + field + "; self." + field + " = " + source
                        + ".…(); read since old`), unless nothing else can change `" + source + "` between the calls.")
                .build();
    }
}
