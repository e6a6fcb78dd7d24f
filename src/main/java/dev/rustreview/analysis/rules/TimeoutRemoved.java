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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AL35: a deadline taken off an await. The old fn awaited {@code timeout(d, f(..))}; the new one awaits
 * {@code f(..)} bare. A peer that connects and then says nothing (or a server that accepts and never answers) now
 * holds the task forever, and in a loop that serves one peer at a time, every other peer with it. wstunnel 63936d3a
 * reversed: the SOCKS5 accept loop awaited each client's handshake without a limit.
 */
public final class TimeoutRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL35", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM, "deadline removed from an await",
            "In a non-test fn that stays, the old fn awaited `timeout(d, f(..))` (`tokio::time::timeout`, "
                    + "`async_std::future::timeout`, also `f(..).timeout(d)`), and a line the change adds calls `f(..)` "
                    + "with no timeout around it left in the fn.",
            "It pairs the call by its name within one fn: a deadline moved to the caller, or one the callee sets "
                    + "itself, is not seen.");

    private static final Pattern WRAPPED = Pattern.compile("\\btimeout\\s*\\(\\s*[^,;()]{1,80}(?:\\([^()]{0,40}\\))?\\s*,\\s*"
            + "((?:[A-Za-z_]\\w*\\s*(?:::|\\.)\\s*){0,4}[a-z_]\\w*)\\s*\\(");
    private static final Pattern TRAILING = Pattern.compile(
            "((?:[A-Za-z_]\\w*\\s*(?:::|\\.)\\s*){0,4}[a-z_]\\w*)\\s*\\([^;]{0,200}?\\)\\s*\\.\\s*timeout\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("timeout")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = pair.oldBody();
            if (!was.contains("timeout")) {
                continue;
            }
            Set<String> callees = new LinkedHashSet<>();
            for (Pattern p : List.of(WRAPPED, TRAILING)) {
                Matcher m = p.matcher(was);
                while (m.find() && callees.size() < 16) {
                    callees.add(m.group(1).replaceAll("\\s+", ""));
                }
            }
            String now = pair.newBody();
            boolean reported = false;
            for (String callee : callees) {
                if (reported) {
                    break; // one finding a fn
                }
                String spaced = Pattern.quote(callee).replace("::", "\\E\\s*::\\s*\\Q").replace(".", "\\E\\s*\\.\\s*\\Q");
                if (Pattern.compile("\\btimeout\\s*\\([^;]{0,120}?" + spaced + "\\s*\\(|" + spaced
                        + "\\s*\\([^;]{0,200}?\\)\\s*\\.\\s*timeout\\s*\\(").matcher(now).find()) {
                    continue; // still under a deadline
                }
                Matcher call = Pattern.compile("(?<![\\w.:])" + spaced + "\\s*\\(").matcher(now);
                while (call.find()) {
                    int line = pair.after().line(pair.now().bodyStart() + call.start());
                    if (!file.added(line)) {
                        continue;
                    }
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                            .object(fn).object(callee)
                            .title("`" + callee + "(..)` awaited without the timeout it had in `" + fn + "`")
                            .explanation("Before the change `" + fn + "` awaited `" + callee + "(..)` under a timeout; "
                                    + "now nothing bounds the wait. A peer that connects and then sends nothing, or a "
                                    + "service that never answers, holds this task forever, and a loop that serves one "
                                    + "at a time (an accept loop) stops serving everyone else with it.")
                            .check("Keep the timeout around the await (or move the work into a spawned task per peer), "
                                    + "and test a peer that goes silent.")
                            .build());
                    reported = true;
                    break;
                }
            }
        }
        return out;
    }
}
