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
            "clean-up skipped on a path",
            "In a non-test fn that stays, the change deletes a clean-up call statement (`x.release()`, `unregister`, "
                    + "`deregister`, `remove`, `unlock`, `disconnect`, `decrement`, `unsubscribe`, `cleanup`, `close`, "
                    + "`finish`, `free`, `abort`, `cancel`) that was followed within three lines by a `return` the "
                    + "change keeps, while the same call (same receiver and arguments) is still in the fn and no "
                    + "added line makes it; or deletes such a call and adds it back only inside one more condition "
                    + "(never an `else`), with no copy left where it was.",
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
        String[] newLines = null;
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (out.size() >= 8) {
                break;
            }
            oldLines = oldLines != null ? oldLines : file.oldText().split("\n", -1);
            int from = pair.before().line(pair.was().bodyStart());
            int to = Math.min(oldLines.length, pair.before().line(pair.was().bodyEnd()));
            String newBody = null;
            String addedText = null;
            int looked = 0;
            for (int line = from; line <= to && looked < 16; line++) {
                if (!file.removed(line) || oldLines[line - 1].length() > 300) {
                    continue;
                }
                Matcher call = CLEANUP.matcher(oldLines[line - 1]);
                if (!call.matches() || !returnKeptAfter(file, oldLines, line, to)) {
                    continue;
                }
                looked++;
                String squeezed = call.group(1).replaceAll("\\s+", "");
                newBody = newBody != null ? newBody : squeezeLines(pair.newBody());
                if (!newBody.contains(squeezed + ";") && !newBody.contains(squeezed + "\n")) {
                    continue; // the fn no longer cleans up anywhere: a different change
                }
                newLines = newLines != null ? newLines : file.newText().split("\n", -1);
                addedText = addedText != null ? addedText : addedLines(file, pair, newLines);
                if (addedText.contains(squeezed)) {
                    continue; // moved, not dropped
                }
                out.add(finding(file, pair, line, call.group(1).strip()));
                break;
            }
            if (out.isEmpty() || !out.get(out.size() - 1).objects().contains(pair.now().name())) {
                newLines = newLines != null ? newLines : file.newText().split("\n", -1);
                movedUnderCondition(file, pair, oldLines, newLines, from, to, out);
            }
        }
        return out;
    }

    /**
     * The clean-up taken from where it ran into a block under a further condition: pgcat 037d232f reversed moved
     * {@code if result.is_err() { client.stats.disconnect(); }} inside {@code if !client.is_admin() { .. }}, so an
     * admin client that failed was never marked disconnected in the shared stats. Each added copy of the call runs
     * under every condition the removed one did plus one more, never an {@code else} of it.
     */
    private static void movedUnderCondition(ChangedFile file, ItemOutline.FnPair pair, String[] oldLines,
                                            String[] newLines, int from, int to, List<Finding> out) {
        Unguarded.Blocks oldBlocks = null;
        Unguarded.Blocks newBlocks = null;
        int looked = 0;
        for (int line = from; line <= to && looked < 16; line++) {
            if (!file.removed(line) || oldLines[line - 1].length() > 300) {
                continue;
            }
            Matcher call = CLEANUP.matcher(oldLines[line - 1]);
            if (!call.matches()) {
                continue;
            }
            looked++;
            String squeezed = call.group(1).replaceAll("\\s+", "");
            if (oldBlocks == null) {
                oldBlocks = new Unguarded.Blocks(pair.before().masked(), pair.was().bodyStart(), pair.was().bodyEnd());
                newBlocks = new Unguarded.Blocks(pair.after().masked(), pair.now().bodyStart(), pair.now().bodyEnd());
            }
            List<String> before = normalized(oldBlocks.conditions(pair.before().offset(line)));
            int nFrom = pair.after().line(pair.now().bodyStart());
            int nTo = Math.min(newLines.length, pair.after().line(pair.now().bodyEnd()));
            String extra = null;
            for (int n = nFrom; n <= nTo; n++) {
                if (!file.added(n) || !newLines[n - 1].replaceAll("\\s+", "").equals(squeezed + ";")) {
                    continue;
                }
                List<String> now = normalized(newBlocks.conditions(pair.after().offset(n)));
                List<String> more = new ArrayList<>(now);
                if (!now.containsAll(before)) {
                    extra = null;
                    break;
                }
                more.removeAll(before);
                if (more.size() != 1 || more.get(0).startsWith("else")) {
                    extra = null;
                    break;
                }
                if (extra != null && !extra.equals(more.get(0))) {
                    extra = null;
                    break;
                }
                extra = more.get(0);
            }
            if (extra == null || stillOutside(newLines, nFrom, nTo, squeezed, file) || bindsReceiver(extra, squeezed)) {
                continue;
            }
            String fn = pair.now().name();
            String shown = call.group(1).strip();
            out.add(FindingBuilder.lines(INFO, file, Side.OLD, line, line)
                    .object(fn).object("clean-up narrowed " + squeezed)
                    .title("`" + RuleSupport.shorten(shown) + "` in `" + fn + "` now runs only under `"
                            + RuleSupport.shorten(extra) + "`")
                    .explanation("Before the change `" + shown + "` (old line " + line + ") ran on every path that "
                            + "reached it; the change moves it into the block of `" + extra + "`, so when that does not "
                            + "hold the clean-up is skipped: what it released or recorded (a slot, a count, an entry in "
                            + "shared state) stays as it was for those calls.")
                    .check("Keep the call outside `" + RuleSupport.shorten(extra) + "`, unless the paths it now skips "
                            + "really have nothing to clean up.")
                    .build());
            return;
        }
    }

    /**
     * Whether the new condition binds the call's receiver ({@code if let Some(inner) = self.inner.as_ref()} around
     * {@code inner.close()}): without it there is nothing to clean up (tokio's oneshot {@code close}).
     */
    private static boolean bindsReceiver(String condition, String squeezedCall) {
        int dot = squeezedCall.indexOf('.');
        String root = dot < 0 ? squeezedCall : squeezedCall.substring(0, dot);
        return Pattern.compile("\\blet\\s+[\\w:]+\\s*\\(\\s*(?:ref\\s+)?(?:mut\\s+)?" + Pattern.quote(root) + "\\s*\\)")
                .matcher(condition).find();
    }

    /** Whether an unchanged line of the new fn still makes the call (a copy left where it was). */
    private static boolean stillOutside(String[] newLines, int from, int to, String squeezed, ChangedFile file) {
        for (int n = from; n <= to; n++) {
            if (!file.added(n) && newLines[n - 1].replaceAll("\\s+", "").equals(squeezed + ";")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> normalized(List<String> conditions) {
        List<String> out = new ArrayList<>();
        for (String c : conditions) {
            out.add(c.replaceAll("\\s+", " ").strip());
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

    /** The squeezed text of the lines the change adds to the new fn, one a line. */
    private static String addedLines(ChangedFile file, ItemOutline.FnPair pair, String[] newLines) {
        StringBuilder sb = new StringBuilder();
        int from = pair.after().line(pair.now().bodyStart());
        int to = Math.min(newLines.length, pair.after().line(pair.now().bodyEnd()));
        for (int n = from; n <= to; n++) {
            if (file.added(n)) {
                sb.append(newLines[n - 1].replaceAll("\\s+", "")).append('\n');
            }
        }
        return sb.toString();
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
