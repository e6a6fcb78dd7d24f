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
 * SS22: a clean-up call deleted from just before an early {@code return} while the fn keeps the same call on its
 * other path. pgcat 61db13f6 reversed: the client's query loop called {@code self.release()} at the end of each
 * transaction, and the early {@code return Ok(())} after {@code DISCARD ALL} lost its own {@code self.release()};
 * every client leaving that way left its entry in the shared client-to-server map, a leak that grew with each
 * connection. The normal path still releasing is what makes the removal a gap, not a refactor that moved the
 * clean-up into a guard.
 */
public final class CleanupSkippedBeforeReturn implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS22", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "clean-up skipped on an early return",
            "In a non-test fn that stays, the change deletes a clean-up call statement (`x.release()`, `unregister`, "
                    + "`deregister`, `remove`, `unlock`, `disconnect`, `decrement`, `unsubscribe`, `cleanup`, `close`, "
                    + "`finish`, `free`, `abort`, `cancel`) that was followed within three lines by a `return` the "
                    + "change keeps, while the same call (same receiver and arguments) is still in the fn and no "
                    + "added line makes it.",
            "It reads the fn's text: a clean-up moved into a `Drop` guard, or into the fn that is now returned to, "
                    + "is reported too; a clean-up missing from a path that never had one is not seen.");

    private static final Pattern CLEANUP = Pattern.compile("^\\s*((?:self|[a-z_]\\w{0,40})(?:\\s*\\.\\s*[a-z_]\\w{0,40}){0,3}"
            + "\\s*\\.\\s*(?:release|unregister|deregister|remove|unlock|disconnect|decrement|dec|unsubscribe|cleanup"
            + "|clean_up|close|finish|free|abort|cancel)\\w{0,20}\\s*\\([^;(){}]{0,120}\\))\\s*;?\\s*$");
    private static final Pattern RETURN = Pattern.compile("^\\s*return\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || file.newText() == null) {
            return out;
        }
        String[] oldLines = null;
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (out.size() >= 8) {
                break;
            }
            oldLines = oldLines != null ? oldLines : file.oldText().split("\n", -1);
            int from = pair.before().line(pair.was().bodyStart());
            int to = Math.min(oldLines.length, pair.before().line(pair.was().bodyEnd()));
            String newBody = null;
            for (int line = from; line <= to; line++) {
                if (!file.removed(line) || oldLines[line - 1].length() > 300) {
                    continue;
                }
                Matcher call = CLEANUP.matcher(oldLines[line - 1]);
                if (!call.matches() || !returnKeptAfter(file, oldLines, line, to)) {
                    continue;
                }
                String squeezed = call.group(1).replaceAll("\\s+", "");
                newBody = newBody != null ? newBody : squeezeLines(pair.newBody());
                if (!newBody.contains(squeezed + ";") && !newBody.contains(squeezed + "\n")) {
                    continue; // the fn no longer cleans up anywhere: a different change
                }
                if (addedAnywhere(file, pair, squeezed)) {
                    continue; // moved, not dropped
                }
                out.add(finding(file, pair, line, call.group(1).strip()));
                break;
            }
        }
        return out;
    }

    /** Whether a {@code return} the change keeps comes within three lines after {@code line} (blank lines aside). */
    private static boolean returnKeptAfter(ChangedFile file, String[] oldLines, int line, int to) {
        int seen = 0;
        for (int n = line + 1; n <= to && seen < 3; n++) {
            String text = oldLines[n - 1];
            if (text.isBlank() || file.removed(n) && CLEANUP.matcher(text).matches()) {
                continue;
            }
            seen++;
            if (RETURN.matcher(text).find()) {
                return !file.removed(n);
            }
        }
        return false;
    }

    private static String squeezeLines(String body) {
        StringBuilder sb = new StringBuilder();
        for (String l : body.split("\n", -1)) {
            sb.append(l.replaceAll("\\s+", "")).append('\n');
        }
        return sb.toString();
    }

    private static boolean addedAnywhere(ChangedFile file, ItemOutline.FnPair pair, String squeezed) {
        String[] newLines = file.newText().split("\n", -1);
        int from = pair.after().line(pair.now().bodyStart());
        int to = Math.min(newLines.length, pair.after().line(pair.now().bodyEnd()));
        for (int n = from; n <= to; n++) {
            if (file.added(n) && newLines[n - 1].replaceAll("\\s+", "").contains(squeezed)) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(ChangedFile file, ItemOutline.FnPair pair, int line, String call) {
        String fn = pair.now().name();
        return FindingBuilder.lines(INFO, file, Side.OLD, line, line)
                .object(fn).object("clean-up skipped " + call.replaceAll("\\s+", ""))
                .title("`" + fn + "` no longer calls `" + RuleSupport.shorten(call) + "` before its early return")
                .explanation("The change deletes `" + call + "` (old line " + line + ") from just before a `return` "
                        + "it keeps, while `" + fn + "` still makes the same call on its other path. Leaving through "
                        + "that return now skips the clean-up: what it released (an entry in a shared map, a slot, a "
                        + "count, a registration) stays taken, and it builds up with every call that leaves that way.")
                .check("Keep the call before the return, or move the clean-up into a guard whose `Drop` runs on every "
                        + "path.")
                .build();
    }
}
