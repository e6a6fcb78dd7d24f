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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AL38: a non-blocking send made a send the task awaits. {@code tx.try_send(m)} never waits; {@code tx.send(m).await}
 * waits for room in a bounded channel. In a loop that also feeds whoever drains the channel (a session loop, an
 * event loop whose consumer is the user's code), a consumer that stops reading now stops the loop, and a consumer
 * that waits on the loop deadlocks with it. russh 8717093d reversed: the session loop awaited a
 * {@code WindowAdjusted} send into the per-channel queue and hung when the user did not drain the channel.
 */
public final class TrySendMadeAwaited implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL38", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM, "non-blocking send made awaited",
            "In a non-test fn that stays, the change removes `x.try_send(m)` and adds `x.send(m)` followed by "
                    + "`.await` (the same receiver and message, whitespace aside).",
            "It does not know the channel's capacity or who drains it: a channel that is unbounded in practice, or "
                    + "a consumer that always keeps up, is reported too.");

    private static final Pattern TRY_SEND = Pattern.compile("((?:[A-Za-z_]\\w*\\s*(?:\\.|::)\\s*){0,4}[A-Za-z_]\\w*)"
            + "\\s*\\.\\s*try_send\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("try_send")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = pair.oldBody();
            Set<String> sends = new HashSet<>();
            Matcher m = TRY_SEND.matcher(was);
            while (m.find() && sends.size() < 16) {
                if (!pair.removedAt(file, m.start())) {
                    continue;
                }
                int open = m.end() - 1;
                int close = RuleSupport.closing(was, open, '(', ')');
                if (close < was.length()) {
                    sends.add(RuleSupport.squeezed(m.group(1)) + ".send" + RuleSupport.squeezed(was.substring(open, close + 1)));
                }
            }
            if (sends.isEmpty()) {
                continue;
            }
            String now = pair.newBody();
            Matcher send = Pattern.compile("((?:[A-Za-z_]\\w*\\s*(?:\\.|::)\\s*){0,4}[A-Za-z_]\\w*)\\s*\\.\\s*send\\s*\\(").matcher(now);
            int looked = 0;
            while (send.find() && looked++ < 64) {
                int open = send.end() - 1;
                int close = RuleSupport.closing(now, open, '(', ')');
                if (close >= now.length()) {
                    continue;
                }
                String text = RuleSupport.squeezed(send.group(1)) + ".send" + RuleSupport.squeezed(now.substring(open, close + 1));
                int line = pair.after().line(pair.now().bodyStart() + send.start());
                if (!sends.contains(text) || !file.added(line) && !file.added(pair.after().line(pair.now().bodyStart() + close))
                        || !Pattern.compile("^\\s*\\.\\s*await\\b").matcher(now.substring(close + 1, Math.min(now.length(), close + 40))).find()) {
                    continue;
                }
                String fn = pair.now().name();
                String recv = RuleSupport.squeezed(send.group(1));
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn).object(recv)
                        .title("`" + recv + ".send(..).await` replaces `try_send` in `" + fn + "`: the task now waits for room")
                        .explanation("Before the change `" + fn + "` sent with `try_send`, which never waits. Now it "
                                + "awaits `send`, which waits while a bounded channel is full. If whoever drains `" + recv
                                + "` reads slowly or not at all (the user's code, a task that is itself waiting on this "
                                + "one), this task stops there, and so does everything else it drives (a session loop "
                                + "that also answers the peer): a stall or a deadlock instead of a dropped message.")
                        .check("Keep `try_send` where a full channel may drop the message, or show that the receiver "
                                + "always drains without waiting on this task (an unbounded channel, a dedicated reader).")
                        .build());
                break;
            }
        }
        return out;
    }
}
