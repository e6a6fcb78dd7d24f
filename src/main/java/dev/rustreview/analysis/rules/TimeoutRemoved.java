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
                    + "`async_std::future::timeout`, also `f(..).timeout(d)`, or `f(..)` called inside a block the "
                    + "timeout wrapped, `timeout(d, async { .. })`), and a line the change adds calls `f(..)` (and, for a "
                    + "call from a block, awaits it) with no timeout around it left in the fn.",
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
            Set<String> inBlock = inTimedBlocks(was);
            callees.addAll(inBlock);
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
                    if (!file.added(line) || inBlock.contains(callee) && !awaitedOnItsLine(now, call.end())) {
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

    /** {@code timeout(d, {} or {@code timeout(d, async move {}: a deadline over a block of steps. */
    private static final Pattern TIMED_BLOCK = Pattern.compile("\\btimeout\\s*\\(\\s*[^,;()]{1,80}(?:\\([^()]{0,40}\\))?\\s*,\\s*"
            + "(?:async\\s+(?:move\\s+)?)?\\{");
    private static final Pattern CALL = Pattern.compile("(?<![\\w.:!])((?:[A-Za-z_]\\w*\\s*(?:::|\\.)\\s*){0,4}[a-z_]\\w*)\\s*\\(");
    private static final Set<String> NOT_CALLS = Set.of("if", "while", "match", "for", "return", "loop", "Some", "Ok", "Err");

    /**
     * The calls made inside a block the old fn ran under a deadline ({@code timeout(T, { let s = connect(..).await?;
     * handshake(s) })}): each of them was bounded (librespot c1ae8608 reversed: the handshake after the connect ran
     * with no limit and a stalled access point hung the client).
     */
    private static Set<String> inTimedBlocks(String was) {
        Set<String> out = new LinkedHashSet<>();
        Matcher block = TIMED_BLOCK.matcher(was);
        int blocks = 0;
        while (block.find() && blocks++ < 8) {
            int open = block.end() - 1;
            int close = Math.min(RuleSupport.closing(was, open, '{', '}'), open + 2000);
            Matcher call = CALL.matcher(was).region(open + 1, Math.min(close, was.length()));
            while (call.find() && out.size() < 16) {
                String name = call.group(1).replaceAll("\\s+", "");
                if (!NOT_CALLS.contains(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /** Whether the call whose arguments open before {@code from} is awaited on its own line. */
    private static boolean awaitedOnItsLine(String body, int from) {
        int end = body.indexOf('\n', from);
        return body.substring(from, end < 0 ? body.length() : end).contains(".await");
    }
}
