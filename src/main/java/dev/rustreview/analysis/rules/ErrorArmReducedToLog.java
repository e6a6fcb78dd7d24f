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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ER27: the change deletes from an {@code Err(..) => { .. }} arm everything but its logging. What it deleted was
 * how the failure reached anyone: a state set to {@code Error}, a flag, a counter, a message sent. turso
 * bea9648a reversed: the completion of a hash-join spill write logged a failed write and left the partition's
 * state at "waiting for write", so the join waited forever instead of failing.
 */
public final class ErrorArmReducedToLog implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER27", RiskArea.ERRORS, Severity.MEDIUM, "error arm reduced to a log line",
            "In a non-test fn that stays, an `Err(..) => { .. }` arm or an `if let Err(..) = x { .. }` block (same "
                    + "pattern and scrutinee text, in the same order among the fn's branches of that pattern) kept statements besides logging before the change and only logs "
                    + "after it (`error!`, `warn!`, `eprintln!` and the like): the change deleted what told the rest "
                    + "of the program that the operation failed; also a `return Err(..)`/`bail!(..)` replaced by a log "
                    + "line with the same message followed by `break`, `continue` or `return Ok(..)`.",
            "It compares the arm's text: handling moved into a helper the arm still calls, or to after the match, "
                    + "reads as kept; handling moved out of the arm to somewhere else reads as deleted.");

    /**
     * An {@code Err(p) => {} arm, or an {@code if let Err(p) = scrutinee {} block (group 2 the scrutinee): smithay
     * 85f83ab6 reversed kept only the log line of {@code if let Err(err) = self.acquire_master_lock() { .. }} and went
     * on to mark the device active.
     */
    private static final Pattern ERR_ARM = Pattern.compile(
            "(?<![\\w:])Err\\s*\\(([^(){};]{0,80})\\)\\s*(?:=>|=(?![=>])\\s*([^{};=]{1,200}?))\\s*\\{");
    /**
     * A log macro, also a crate's own ({@code tracing!}, {@code log_warn!}): monoio 9655fa44 renamed its
     * {@code tracing!} to {@code trace!} inside an {@code if let Err}, which read as the block losing a statement.
     */
    private static final Pattern LOG = Pattern.compile("(?<![\\w:])(?:" + RuleSupport.LOG_MACRO
            + "|(?:\\w+\\s*::\\s*)*\\w*(?:trac|log|debug|info|warn|error|print)\\w*\\s*!)\\s*[(\\[{]");
    private static final int MAX_ARMS = 64;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = pair.oldBody();
            String now = pair.newBody();
            errorReturnLogged(file, pair).ifPresent(out::add);
            if (!now.contains("Err") || !was.contains("Err")) {
                continue;
            }
            Map<String, List<int[]>> oldArms = arms(was);
            Map<String, Integer> seen = new HashMap<>();
            Matcher m = ERR_ARM.matcher(now);
            int n = 0;
            while (m.find() && n++ < MAX_ARMS) {
                String pattern = key(m);
                if (pattern == null) {
                    continue;
                }
                int ordinal = seen.merge(pattern, 1, Integer::sum) - 1;
                List<int[]> olds = oldArms.getOrDefault(pattern, List.of());
                int open = m.end() - 1;
                int close = RuleSupport.closing(now, open, '{', '}');
                if (ordinal >= olds.size() || close <= open) {
                    continue;
                }
                String block = now.substring(open + 1, close);
                int[] old = olds.get(ordinal);
                String oldBlock = was.substring(old[0] + 1, old[1]);
                if (!LOG.matcher(block).find() || !withoutLogs(block).isEmpty() || withoutLogs(oldBlock).isEmpty()) {
                    continue;
                }
                int oldStart = pair.before().line(pair.was().bodyStart() + old[0]);
                int oldEnd = pair.before().line(pair.was().bodyStart() + old[1]);
                if (!file.anyRemoved(oldStart, oldEnd)) {
                    continue;
                }
                int line = pair.after().line(pair.now().bodyStart() + m.start());
                out.add(finding(file, pair.now().name(), m.group(1).strip(), m.group(2), withoutLogs(oldBlock), line,
                        pair.after().line(pair.now().bodyStart() + close)));
            }
        }
        return out;
    }

    private static String raw(String[] lines, int number) {
        return number >= 1 && number <= lines.length && lines[number - 1].length() <= 2_000 ? lines[number - 1] : "";
    }

    /** {@code return Err(anyhow!("Heartbeat timed out"))} or {@code bail!("..")}: the error's message (group 1). */
    private static final Pattern ERROR_EXIT = Pattern.compile("^\\s*(?:return\\s+Err\\s*\\(|(?:[\\w:]*::)?bail\\s*!\\s*\\()"
            + "[^\"]{0,80}\"([^\"\\\\]{8,120})\"");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"\\\\]{8,120})\"");
    /** Leaves the loop or the fn without an error. */
    private static final Pattern QUIET_EXIT = Pattern.compile("^\\s*(?:break|continue)\\b|^\\s*return\\s+Ok\\s*\\(");

    /**
     * {@code return Err(anyhow!("Heartbeat timed out"))} removed and, in its place, a log line with the same message
     * followed by {@code break}/{@code continue}/{@code return Ok(..)} (rathole feb8c2db reversed: a control
     * channel's heartbeat timeout logged a warning and left its loop, so the fn returned {@code Ok} and the retry
     * that restarts a failed channel never ran). The message was the failure; now only the log has it.
     */
    private static java.util.Optional<Finding> errorReturnLogged(ChangedFile file, ItemOutline.FnPair pair) {
        List<PanickingTwinAdded.Line> removed = PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed);
        List<PanickingTwinAdded.Line> added = PanickingTwinAdded.lines(pair.after(), pair.now(), file::added);
        if (removed.isEmpty() || added.isEmpty() || file.oldText() == null || file.newText() == null) {
            return java.util.Optional.empty();
        }
        // The outline's lines have string contents masked; the message is compared in the source lines.
        String[] oldLines = file.oldText().split("\n", -1);
        String[] newLines = file.newText().split("\n", -1);
        // the added log lines by the string literals they hold, found once (not once per removed exit)
        java.util.Map<String, List<Integer>> logged = new HashMap<>();
        for (int i = 0; i < added.size(); i++) {
            String text = raw(newLines, added.get(i).number());
            if (text.indexOf('"') >= 0 && LOG.matcher(text).find()) {
                Matcher lit = LITERAL.matcher(text);
                for (int n = 0; n < 4 && lit.find(); n++) {
                    logged.computeIfAbsent(lit.group(1), k -> new ArrayList<>()).add(i);
                }
            }
        }
        if (logged.isEmpty()) {
            return java.util.Optional.empty();
        }
        for (PanickingTwinAdded.Line r : removed) {
            Matcher exit = ERROR_EXIT.matcher(raw(oldLines, r.number()));
            if (!exit.find()) {
                continue;
            }
            String message = exit.group(1);
            for (int i : logged.getOrDefault(message, List.of())) {
                PanickingTwinAdded.Line a = added.get(i);
                for (int j = i + 1; j < added.size() && added.get(j).number() <= a.last() + 2; j++) {
                    if (QUIET_EXIT.matcher(added.get(j).text()).find()) {
                        return java.util.Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), added.get(j).number())
                                .object(pair.now().name()).object(message)
                                .title("`" + pair.now().name() + "` logs \"" + RuleSupport.shorten(message)
                                        + "\" and goes on where it returned the error")
                                .explanation("Before the change `" + pair.now().name() + "` returned an error with the "
                                        + "message \"" + message + "\" (line " + r.number() + " of the old file); now "
                                        + "it logs that message and leaves with `" + added.get(j).text().strip()
                                        + "`, so its caller sees no failure: a retry, a restart or a cleanup that "
                                        + "runs on the error does not run.")
                                .check("Return the error as before, unless the caller is meant not to know (then say why "
                                        + "in a comment).")
                                .build());
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** The {@code Err(p) => {} arms of a body by squeezed pattern, in order: their braces' offsets. */
    private static Map<String, List<int[]>> arms(String body) {
        Map<String, List<int[]>> out = new HashMap<>();
        Matcher m = ERR_ARM.matcher(body);
        int n = 0;
        while (m.find() && n++ < MAX_ARMS) {
            int open = m.end() - 1;
            int close = RuleSupport.closing(body, open, '{', '}');
            String key = key(m);
            if (close > open && key != null) {
                out.computeIfAbsent(key, k -> new ArrayList<>()).add(new int[] {open, close});
            }
        }
        return out;
    }

    /** An arm's pattern, or an {@code if let}'s pattern and scrutinee; null for a {@code let .. else} block. */
    private static String key(Matcher m) {
        if (m.group(2) == null) {
            return RuleSupport.squeezed(m.group(1));
        }
        String scrutinee = RuleSupport.squeezed(m.group(2));
        return scrutinee.endsWith("else") ? null : RuleSupport.squeezed(m.group(1)) + " = " + scrutinee;
    }

    /** A block's text with its log macro calls taken out, squeezed; empty when it only logs. */
    private static String withoutLogs(String block) {
        StringBuilder rest = new StringBuilder();
        Matcher log = LOG.matcher(block);
        int at = 0;
        int n = 0;
        while (log.find(at) && n++ < MAX_ARMS) {
            rest.append(block, at, log.start());
            char open = block.charAt(log.end() - 1);
            int end = RuleSupport.closing(block, log.end() - 1, open, open == '(' ? ')' : open == '[' ? ']' : '}');
            at = Math.min(block.length(), end < log.end() ? block.length() : end + 1);
        }
        rest.append(block, Math.min(at, block.length()), block.length());
        return RuleSupport.squeezed(rest.toString()).replace(";", "");
    }

    private static Finding finding(ChangedFile file, String fn, String pattern, String scrutinee, String deleted,
                                   int line, int end) {
        String what = scrutinee == null ? "The `Err(" + RuleSupport.shorten(pattern) + ")` arm"
                : "The `if let Err(" + RuleSupport.shorten(pattern) + ") = " + RuleSupport.shorten(scrutinee.strip())
                        + "` block";
        return FindingBuilder.lines(INFO, file, Side.NEW, line, end)
                .object(fn).object("Err(" + pattern + ")")
                .title(what + " in `" + fn + "` now only logs")
                .explanation("Before the change this " + (scrutinee == null ? "arm" : "block") + " also did `" + RuleSupport.shorten(deleted) + "`; now it only "
                        + "writes a log line. Whatever waited on that (a state set to an error, a flag, a message, "
                        + "a returned error) no longer learns that the operation failed: it carries on, or waits for "
                        + "a success that never comes.")
                .check("Keep what the arm did besides logging, or show where the failure is now reported.")
                .build();
    }
}
