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
 * AL30: a connection's driver half ({@code let (client, eventloop) = connect(..)}) that the old code kept and drove
 * is now bound to {@code _}: the client queues requests that nothing sends, and the errors the driver would report
 * are never seen. spin ca6b0616 reversed: an MQTT publish reported success while its event loop was dropped unpolled.
 * tokio-postgres documents the same pair: its {@code Connection} must be spawned for the {@code Client} to work.
 */
public final class DriverDiscarded implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL30", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "connection driver discarded",
            "In a non-test fn that stays, the change turns `let (a, NAME) = ..` into `let (a, _) = ..` (or `_NAME`) "
                    + "for the same call, where NAME names a connection's driver half (`eventloop`, `event_loop`, "
                    + "`connection`, `conn`, `driver`, `io`) and the old fn used it.",
            "It knows the driver by its binding's name: a driver bound under another name, or one the change hands "
                    + "to a task elsewhere, is not told apart.",
            "let_underscore_future");

    private static final String DRIVERS = "(?:event_?loop|connection|conn|driver|io)";
    private static final Pattern KEPT = Pattern.compile(
            "\\blet\\s*\\(\\s*(?:mut\\s+)?([a-z_]\\w*)\\s*,\\s*(?:mut\\s+)?(" + DRIVERS + ")\\s*\\)\\s*=\\s*([^;]{1,200}?);");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Matcher was = KEPT.matcher(pair.oldBody());
            while (was.find()) {
                String driver = was.group(2);
                String rest = pair.oldBody().substring(was.end());
                if (!Pattern.compile("(?<![\\w.])" + driver + "\\b").matcher(rest).find()) {
                    continue; // never used before the change either
                }
                String value = Pattern.quote(was.group(3).replaceAll("\\s+", " ").strip()).replace(" ", "\\E\\s+\\Q");
                Matcher now = Pattern.compile("\\blet\\s*\\(\\s*(?:mut\\s+)?" + was.group(1) + "\\s*,\\s*_(?:" + driver
                        + ")?\\s*\\)\\s*=\\s*" + value + "\\s*;").matcher(pair.newBody());
                if (!now.find()) {
                    continue;
                }
                // the old fn bound the driver where the new one has `_`: the new line is the change's
                int line = pair.after().line(pair.now().bodyStart() + now.start());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(pair.now().name()).object(driver)
                        .title("`" + driver + "` is discarded in `" + pair.now().name() + "`; the old code drove it")
                        .explanation("Before the change `" + pair.now().name() + "` kept the `" + driver + "` half "
                                + "of the pair and used it. Bound to `_`, it is dropped at once: a client whose "
                                + "driver (an event loop, a connection future) is not polled queues requests that "
                                + "are never sent, and the connection errors the driver would report are lost while "
                                + "the call reports success.")
                        .check("Keep the driver and poll it (or spawn it, as tokio-postgres asks of its "
                                + "`Connection`), and pass on its error.")
                        .build());
                break;
            }
        }
        return out;
    }
}
