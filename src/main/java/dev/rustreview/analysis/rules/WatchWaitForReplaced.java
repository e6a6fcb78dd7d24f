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
 * AL32: a watch receiver's {@code wait_for(pred)} replaced by a wait on {@code changed()} with nothing reading the
 * current value first. {@code wait_for} checks the value the channel holds now; {@code changed()} resolves only on
 * a value sent after the last one this receiver saw, so a state reached before the wait is never seen. neon d857f63e
 * reversed: a tenant already Active before the subscription kept its background tasks waiting.
 */
public final class WatchWaitForReplaced implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL32", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "watch `wait_for` replaced by `changed()`",
            "In a non-test fn that stays, the change removes `rx.wait_for(..)` and adds `rx.changed()` on the same "
                    + "receiver, and nothing in the fn reads `rx.borrow()`/`borrow_and_update()` before that "
                    + "`changed()`: the value the channel already holds is never checked.",
            "It pairs the two calls by the receiver's text within one fn; a check of the current value through a "
                    + "helper is not seen.");

    private static final String RECEIVER = "((?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}[A-Za-z_]\\w*)";
    private static final Pattern WAIT_FOR = Pattern.compile("(?<![\\w.])" + RECEIVER + "\\s*\\.\\s*wait_for\\s*\\(");
    private static final Pattern CHANGED = Pattern.compile("(?<![\\w.])" + RECEIVER + "\\s*\\.\\s*changed\\s*\\(\\s*\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = pair.oldBody();
            if (!was.contains("wait_for")) {
                continue;
            }
            Matcher old = WAIT_FOR.matcher(was);
            while (old.find()) {
                String rx = old.group(1).replaceAll("\\s+", "");
                if (!pair.removedAt(file, old.start())) {
                    continue;
                }
                Finding f = changedFirst(file, pair, rx);
                if (f != null) {
                    out.add(f);
                    break;
                }
            }
        }
        return out;
    }

    private static Finding changedFirst(ChangedFile file, ItemOutline.FnPair pair, String rx) {
        String now = pair.newBody();
        Matcher m = CHANGED.matcher(now);
        while (m.find()) {
            if (!m.group(1).replaceAll("\\s+", "").equals(rx)) {
                continue;
            }
            int line = pair.after().line(pair.now().bodyStart() + m.start());
            boolean readBefore = Pattern.compile("(?<![\\w.])" + RuleSupport.spacedPath(rx)
                    + "\\s*\\.\\s*(?:borrow|borrow_and_update|wait_for|has_changed|mark_changed)\\s*\\(")
                    .matcher(now.substring(0, m.start())).find();
            if (!file.added(line) || readBefore) {
                return null;
            }
            String fn = pair.now().name();
            return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(fn).object(rx)
                    .title("`" + rx + ".changed()` replaces `" + rx + ".wait_for(..)` in `" + fn + "`")
                    .explanation("`wait_for` looks at the value `" + rx + "` holds now and returns at once when it "
                            + "already matches; `changed()` waits for a value sent after the last one this receiver "
                            + "saw. Nothing in `" + fn + "` reads the current value before it, so a state reached "
                            + "before this point (a service already up, a tenant already active) is never seen and the "
                            + "wait lasts until the next, unrelated change.")
                    .check("Keep `wait_for(..)`, or check `" + rx + ".borrow_and_update()` before the first "
                            + "`changed().await`.")
                    .build();
        }
        return null;
    }
}
