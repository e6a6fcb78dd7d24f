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
 * ER22: a read error reported as the end of the stream. A {@code read}/{@code poll_read} that answers an error with
 * {@code Ok(0)} tells its caller the peer closed cleanly: a reset connection or a failed transport looks like a
 * finished message, and the caller acts on a truncated one. rust-libp2p bde3252e reversed: the QUIC stream turned
 * every read error into EOF.
 */
public final class ErrorReadAsEnd implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER22", RiskArea.ERRORS, Severity.MEDIUM, "read error reported as end of stream",
            "In a non-test fn named `read*`/`poll_read*`, the change adds a branch taken on an error (`if r.is_err() {`, "
                    + "`if let Err(..) = ..`, `Err(..) =>`) that returns `Ok(0)` (also `Poll::Ready(Ok(0))`): the "
                    + "caller reads the error as a clean end of stream.",
            "It reads the branch's first statement: an error turned into EOF through a helper, or only for one kind "
                    + "that does mean the end (`ErrorKind::UnexpectedEof` tested by name is left alone), is not seen.");

    private static final Pattern READ_FN = Pattern.compile("(?:poll_)?read\\w*");
    private static final Pattern ERROR_BRANCH = Pattern.compile("(?s)(?:\\bif\\s+[\\w.()]{1,80}\\.\\s*is_err\\s*\\(\\s*\\)\\s*\\{"
            + "|\\bif\\s+let\\s+Err\\s*\\([^)]{0,40}\\)\\s*=[^{;]{1,120}\\{|\\bErr\\s*\\(\\s*_?\\w*\\s*\\)\\s*=>\\s*\\{?)"
            + "\\s*(?:return\\s+)?(?:Poll\\s*::\\s*)?(?:Ready\\s*\\(\\s*)?Ok\\s*\\(\\s*0\\s*\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("Ok(0)")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        String masked = after.masked();
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            if (!READ_FN.matcher(fn.name()).matches()) {
                continue;
            }
            Matcher m = ERROR_BRANCH.matcher(masked).region(fn.bodyStart(), fn.bodyEnd());
            while (m.find()) {
                int line = after.line(m.end() - 1);
                if (!file.added(line) || masked.substring(m.start(), m.end()).contains("UnexpectedEof")) {
                    continue;
                }
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn.name()).object("error as Ok(0)")
                        .title("`" + fn.name() + "` answers a read error with `Ok(0)`, the end of the stream")
                        .explanation("`Ok(0)` from a read means the other side closed cleanly. Returned for an error, "
                                + "it hides a reset connection or a failed transport: the caller stops reading and "
                                + "treats what it has (possibly half a message) as complete, and the error is lost.")
                        .check("Return the error (`Poll::Ready(Err(e))`), or turn only the kinds that do mean the "
                                + "end into `Ok(0)` and say which.")
                        .build());
                break;
            }
        }
        return out;
    }
}
