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
 * AL15: a path that frees what blocked callers wait for stops telling them, while its sibling paths still do. The
 * change deletes a statement that ends a block ({@code self.send_blocked = false}, {@code waiting = false}) or
 * announces it ({@code events.push_back(Event::DatagramsUnblocked)}), from a fn that stays, and other fns of the file
 * still have that very statement: the protocol exists, and this path no longer follows it. quinn c09ff210 reversed:
 * datagrams dropped after an MTU reduction freed send-buffer space without announcing it, and callers of
 * {@code send_datagram_wait} waited forever.
 */
public final class UnblockRemoved implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("AL15", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "blocked callers no longer told",
            "In a non-test fn that stays, the change deletes a statement that clears a blocked or waiting flag "
                    + "(`self.send_blocked = false`, `state.waiting = false`) or queues an event that announces it "
                    + "(`events.push_back(Event::DatagramsUnblocked)`, an event named `*Unblocked`, `*Writable`, "
                    + "`*Readable`, `*Available`), and another fn of the file still has the same statement: callers "
                    + "blocked until this path announces free space or readiness are not woken.",
            "It matches statements as text: it cannot tell whether anyone can be blocked when this path runs, nor "
                    + "see the announcement moved into a helper the fn now calls.");

    /** A flag that says someone waits, cleared; or an event that says they may go on, queued. */
    private static final Pattern UNBLOCK = Pattern.compile("(?<![\\w.])(?:[A-Za-z_]\\w*\\s*\\.\\s*){0,6}"
            + "\\w*(?:blocked|waiting|parked|stalled)\\w*\\s*=\\s*false\\s*;"
            + "|\\.\\s*push(?:_back)?\\s*\\(\\s*(?:\\w+\\s*::\\s*){1,3}\\w*(?:Unblocked|Writable|Readable|Available)\\w*"
            + "\\s*\\)\\s*;");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String fileText = null; // the new file's masked text, squeezed once when first needed
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            List<PanickingTwinAdded.Line> removed = PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed);
            String newBody = RuleSupport.squeezed(pair.newBody());
            for (PanickingTwinAdded.Line r : removed) {
                Matcher m = UNBLOCK.matcher(r.text());
                if (!m.find()) {
                    continue;
                }
                String statement = RuleSupport.squeezed(m.group());
                if (newBody.contains(statement)) {
                    continue; // kept on another line of the fn
                }
                fileText = fileText != null ? fileText : RuleSupport.squeezed(ItemOutline.after(file).masked());
                if (!fileText.contains(statement)) {
                    continue; // gone from the file: the protocol itself changed, not this path
                }
                out.add(finding(file, pair, r, m.group().strip()));
                break;
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, ItemOutline.FnPair pair, PanickingTwinAdded.Line r, String statement) {
        String fn = pair.now().name();
        return FindingBuilder.lines(INFO, file, Side.OLD, r.number(), r.number())
                .object("`" + fn + "`").object("unblock removed: " + RuleSupport.squeezed(statement))
                .title("`" + fn + "` no longer runs `" + statement + "`")
                .explanation("The change deletes `" + statement + "` (old line " + r.number() + ") from `" + fn
                        + "`, while other fns of this file still run the same statement when they free what callers "
                        + "wait for. A caller that blocked (a send waiting for buffer space, a reader waiting for "
                        + "data) is released only by that statement; on this path it now waits until some other "
                        + "path happens to run it, or forever.")
                .check("Check whether `" + fn + "` frees space or makes progress that blocked callers wait for; if "
                        + "it can, keep announcing it as the other paths do.")
                .build();
    }
}
