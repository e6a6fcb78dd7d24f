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
 * SS15: the cleanup of a field removed from the path that closes. {@code Closed => { self.notify.clear(); .. }} lost
 * its {@code clear()} while other code of the file still fills {@code self.notify}: what was registered for the
 * closed session stays (timers keep firing, entries pile up for every reconnect). tentacle 8cd0f03a reversed.
 */
public final class CloseCleanupRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS15", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "cleanup removed from a close path",
            "In a non-test fn that stays, the change deletes `self.F.clear()` (or `remove`, `retain`, `drain`, "
                    + "`take`, `truncate`) from a fn named for closing (`close`, `shutdown`, `disconnect`, `teardown`, "
                    + "`stop`, `terminate`, `cleanup`) or from a `match` arm whose pattern names it (`Closed`, "
                    + "`Disconnected`, `Shutdown`, `Stop`, `Eof`, ..), while the new file still fills `self.F` (`insert`, "
                    + "`push`, `push_back`, `entry`, `extend`), the new fn empties `self.F` nowhere, and no line the change "
                    + "adds to the fn calls anything named for cleaning (`clear`, `remove`, `reset`, `clean`, `close`).",
            "It reads one file's text: cleanup moved to another file, or a field that is dropped with its owner right "
                    + "after the close, is not told apart.");

    private static final Pattern CLEANUP = Pattern.compile("(?<![\\w.])self\\s*\\.\\s*([A-Za-z_]\\w*)\\s*\\.\\s*"
            + "(clear|remove|retain|drain|take|truncate)\\s*\\(");
    private static final Pattern CLOSE_FN = Pattern.compile("(?i)close|shutdown|disconnect|teardown|^stop|_stop|"
            + "terminate|cleanup");
    private static final Pattern CLOSE_ARM = Pattern.compile("\\b(?:Clos(?:e|ed|ing)|Disconnect\\w*|Shutdown\\w*|"
            + "Stop(?:ped)?|Terminat\\w*|Eof|Hangup|Finished)\\b");
    private static final Pattern CLEANING = Pattern.compile("(?i)clear|remove|reset|clean|close|drain|retain|truncate");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        java.util.Map<String, Boolean> filled = new java.util.HashMap<>(); // per field: the file is read once for each
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (out.size() >= 8) {
                break;
            }
            List<PanickingTwinAdded.Line> removed = PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed);
            if (removed.stream().noneMatch(r -> CLEANUP.matcher(r.text()).find())) {
                continue;
            }
            if (PanickingTwinAdded.lines(pair.after(), pair.now(), file::added).stream()
                    .anyMatch(a -> CLEANING.matcher(a.text()).find())) {
                continue; // the cleanup moved into a helper the fn now calls, or was rewritten
            }
            boolean closingFn = CLOSE_FN.matcher(pair.now().name()).find();
            Unguarded.Blocks blocks = closingFn ? null
                    : new Unguarded.Blocks(pair.before().masked(), pair.was().bodyStart(), pair.was().bodyEnd());
            for (PanickingTwinAdded.Line r : removed) {
                Matcher m = CLEANUP.matcher(r.text());
                if (!m.find()) {
                    continue;
                }
                String field = m.group(1);
                String arm = closingFn ? null : closeArm(blocks.conditions(pair.before().offset(r.number())));
                if (!closingFn && arm == null || emptiedIn(pair.newBody(), field, m.group(2)) || filled.size() >= 32
                        && !filled.containsKey(field) || !filled.computeIfAbsent(field, f -> filled(file, f))) {
                    continue;
                }
                String where = closingFn ? "`" + pair.now().name() + "`" : "the `" + arm + "` arm of `"
                        + pair.now().name() + "`";
                int line = anchor(pair, arm);
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(pair.now().name()).object("self." + field + " cleanup")
                        .title("`self." + field + "." + m.group(2) + "(..)` removed from " + where)
                        .explanation("Before the change " + where + " emptied `self." + field + "` when it closed. "
                                + "The change removes that, and the file still adds to `self." + field + "`: what was "
                                + "registered for the closed session or stream now stays (a timer keeps firing, a "
                                + "handler keeps being called, entries pile up with every reconnect), and a later "
                                + "session may find the old one's entries.")
                        .check("Keep the cleanup on the close path, or show where `self." + field + "` is emptied for a "
                                + "closed session now.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** The pattern of the innermost enclosing match arm that names closing, or null. */
    private static String closeArm(List<String> conditions) {
        for (int i = conditions.size() - 1; i >= 0; i--) {
            String c = conditions.get(i);
            int arrow = c.indexOf("=>");
            if (arrow > 0 && CLOSE_ARM.matcher(c.substring(0, arrow)).find()) {
                return RuleSupport.shorten(c.substring(0, arrow).strip());
            }
        }
        return null;
    }

    /** Whether the new body still makes the same call on the field ({@code self.F.clear()}) or assigns the field. */
    private static boolean emptiedIn(String body, String field, String method) {
        return Pattern.compile("(?<![\\w.])self\\s*\\.\\s*" + Pattern.quote(field) + "\\s*(?:\\.\\s*"
                + Pattern.quote(method) + "\\s*\\(|=(?!=))").matcher(body).find();
    }

    private static boolean filled(ChangedFile file, String field) {
        return Pattern.compile("(?<![\\w.])self\\s*\\.\\s*" + Pattern.quote(field) + "\\s*\\.\\s*(?:insert|push|push_back"
                + "|push_front|entry|extend)\\s*\\(").matcher(ItemOutline.after(file).masked()).find();
    }

    /** The new side's line of the arm (its pattern's first line in the new fn), else the fn's first line. */
    private static int anchor(ItemOutline.FnPair pair, String arm) {
        if (arm != null) {
            int at = pair.newBody().indexOf(arm);
            if (at >= 0) {
                return pair.after().line(pair.now().bodyStart() + at);
            }
        }
        return pair.after().line(pair.now().bodyStart());
    }
}
