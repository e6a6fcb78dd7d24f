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
 * AL45: a cancellation token's {@code child_token()} replaced by {@code clone()}. A child is cancelled with its
 * parent but cancelling it leaves the parent alone; a clone is the same token, so whoever cancels what it was
 * handed now cancels everything that shares it. clash-rs 5f783e37 reversed: the API server restarted on a config
 * reload got {@code reload_token.clone()}, and the next reload, cancelling the old server, cancelled the new one.
 */
public final class ChildTokenMadeClone implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL45", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "child cancellation token replaced by a clone",
            "In a non-test fn that stays, the change removes a line holding `x.child_token()` and adds the same line "
                    + "with `x.clone()` in its place.",
            "It pairs the two lines by their text: a token cloned on another line, or a scope that should indeed be "
                    + "shared, is not told apart.");

    private static final Pattern CHILD = Pattern.compile("(?<![\\w.])((?:self\\s*\\.\\s*)?[a-z_]\\w{0,40}(?:\\s*\\.\\s*[a-z_]\\w{0,40}){0,3})"
            + "\\s*\\.\\s*child_token\\s*\\(\\s*\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || file.isTestPath() || !file.oldText().contains("child_token")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            List<PanickingTwinAdded.Line> added = PanickingTwinAdded.lines(pair.after(), pair.now(), file::added);
            int looked = 0;
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                Matcher m = CHILD.matcher(r.text());
                if (!m.find() || looked++ >= 16) {
                    continue;
                }
                String receiver = m.group(1).replaceAll("\\s+", "");
                String cloned = squeezed(r.text().substring(0, m.start()) + receiver + ".clone()" + r.text().substring(m.end()));
                for (PanickingTwinAdded.Line a : added) {
                    if (!squeezed(a.text()).equals(cloned)) {
                        continue;
                    }
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                            .object(fn).object(receiver + ".child_token() -> clone")
                            .title("`" + receiver + ".clone()` replaces `" + receiver + ".child_token()` in `" + fn + "`")
                            .explanation("A child token is cancelled with `" + receiver + "` but cancelling the child "
                                    + "leaves `" + receiver + "` alone. A clone is the same token: whoever receives it "
                                    + "and cancels it (to stop what it was given) now cancels `" + receiver + "` and every "
                                    + "other holder, and a cancellation meant for an old holder reaches the new one.")
                            .check("Keep `child_token()` unless the receiver must be able to cancel everything that "
                                    + "shares the token.")
                            .build());
                    break;
                }
            }
        }
        return out;
    }

    private static String squeezed(String text) {
        return text.replaceAll("\\s+", "");
    }
}
