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
 * ER40: an error the fn returned is printed instead, and the fn returns success. gitui d1566861 reversed:
 * {@code bail!("invalid path ..")} in {@code main} became {@code eprintln!("invalid path ..")} and {@code return
 * Ok(())}, so a gitui started outside a repository exits with status 0 and scripts take it for success.
 */
public final class ErrorPrintedAsSuccess implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER40", RiskArea.ERRORS, Severity.MEDIUM, "error printed, success returned",
            "In a non-test fn that stays, the change removes an error exit carrying a message (`bail!(\"..\")`, "
                    + "`return Err(..(\"..\"))`, `Err(anyhow!(\"..\"))`) and adds a print or log line with the same "
                    + "message (`eprintln!`, `println!`, `error!`, `warn!`) followed within three lines by `return "
                    + "Ok(..)` or `Ok(())`.",
            "It matches the message text: an error reworded while it was turned into a print is not seen, and a fn "
                    + "whose callers never needed the error (a best-effort step) is reported too.");

    private static final Pattern ERROR_EXIT = Pattern.compile("\\b(?:bail|anyhow|eyre)\\s*!\\s*\\(\\s*\"([^\"]{8,200})\""
            + "|\\bErr\\s*\\([^\"]{0,80}\"([^\"]{8,200})\"");
    private static final Pattern PRINT = Pattern.compile("\\b(?:e?println|e?print|error|warn|log::error|log::warn|"
            + "tracing::error|tracing::warn)\\s*!\\s*\\([^\"]{0,80}\"([^\"]{8,200})\"");
    private static final Pattern SUCCESS = Pattern.compile("^\\s*(?:return\\s+)?Ok\\s*\\(");
    private static final int MAX_LINE = 400;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || file.newText() == null || !file.newText().contains("Ok")) {
            return out;
        }
        String[] oldLines = null;
        String[] newLines = null;
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (out.size() >= 8) {
                break;
            }
            oldLines = oldLines != null ? oldLines : file.oldText().split("\n", -1);
            newLines = newLines != null ? newLines : file.newText().split("\n", -1);
            Map<String, Integer> exits = new HashMap<>();
            int from = pair.before().line(pair.was().bodyStart());
            int to = Math.min(pair.before().endLine(pair.was()), oldLines.length);
            for (int l = from; l <= to && exits.size() < 16; l++) {
                if (!file.removed(l) || oldLines[l - 1].length() > MAX_LINE) {
                    continue;
                }
                Matcher m = ERROR_EXIT.matcher(oldLines[l - 1]);
                if (m.find()) {
                    exits.putIfAbsent(m.group(1) != null ? m.group(1) : m.group(2), l);
                }
            }
            if (exits.isEmpty()) {
                continue;
            }
            int start = pair.after().line(pair.now().bodyStart());
            int end = Math.min(pair.after().endLine(pair.now()), newLines.length);
            for (int l = start; l <= end; l++) {
                if (!file.added(l) || newLines[l - 1].length() > MAX_LINE) {
                    continue;
                }
                Matcher p = PRINT.matcher(newLines[l - 1]);
                if (!p.find() || !exits.containsKey(p.group(1)) || !successFollows(newLines, l, end)) {
                    continue;
                }
                String fn = pair.now().name();
                String message = RuleSupport.shorten(p.group(1));
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, l, l)
                        .object(fn).object(p.group(1))
                        .title("`" + fn + "` prints \"" + message + "\" and returns `Ok` where it returned the error")
                        .explanation("Before the change `" + fn + "` returned an error with this message (old line "
                                + exits.get(p.group(1)) + "). Now it prints the message and returns success: callers "
                                + "go on as if the step worked, `?` no longer stops them, and a `main` that did this "
                                + "exits with status 0, so scripts and CI take the failure for success.")
                        .check("Keep returning the error (print it where it is handled), or show that every caller "
                                + "is fine with the step silently not happening.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** Whether {@code return Ok(..)} or {@code Ok(..)} follows the print within three lines of the fn. */
    private static boolean successFollows(String[] lines, int print, int end) {
        for (int l = print + 1; l <= Math.min(end, print + 3); l++) {
            if (SUCCESS.matcher(lines[l - 1]).find()) {
                return true;
            }
        }
        return false;
    }
}
