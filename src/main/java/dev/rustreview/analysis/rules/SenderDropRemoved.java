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
 * CC40: the explicit {@code drop(tx)} of a channel's sender removed before the fn waits. A receiver sees the end of
 * the channel only when every sender is gone; a sender the fn still owns lives until the fn returns, so a reader
 * that runs until the end (a task, a thread) and the fn that waits for that reader wait for each other. Rocket
 * c3ee34e2 reversed: the local client's body reader was awaited while the fn held the sender, and hung.
 */
public final class SenderDropRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC40", RiskArea.CONCURRENCY, Severity.MEDIUM, "sender kept alive while waiting",
            "In a non-test fn that stays and binds `let (tx, rx) = ..channel(..)` (also `unbounded_channel`, "
                    + "`bounded`, `unbounded`, `sync_channel`), the change deletes `drop(tx);`, no `drop(tx)` is "
                    + "left, and after the fn's last use of `tx` it waits (`.await`, `.join()`).",
            "It reads one fn's text: a sender that is moved away (into a task, a struct) before the wait, or a "
                    + "wait that does not depend on the receiver, is reported too.");

    private static final Pattern CHANNEL = Pattern.compile(
            "\\blet\\s+\\(\\s*(?:mut\\s+)?([a-z_]\\w*)\\s*,\\s*(?:mut\\s+)?[a-z_]\\w*\\s*\\)\\s*(?::[^=;]{0,120})?=\\s*"
                    + "[^;]{0,80}?\\b(?:channel|unbounded_channel|bounded|unbounded|sync_channel)\\s*(?:::\\s*<[^;]{0,80}?>\\s*)?\\(");
    /** Channels looked at per fn: each is a scan of the body, and real fns make one or two. */
    private static final int MAX_CHANNELS = 8;
    private static final Pattern WAIT = Pattern.compile("\\.\\s*(?:await\\b|join\\s*\\()");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = pair.oldBody();
            String now = pair.newBody();
            if (!was.contains("drop") || !now.contains("channel") && !now.contains("bounded")) {
                continue;
            }
            Matcher channel = CHANNEL.matcher(now);
            int channels = 0;
            while (channel.find() && channels++ < MAX_CHANNELS) {
                String tx = channel.group(1);
                Pattern dropped = Pattern.compile("\\bdrop\\s*\\(\\s*" + tx + "\\s*\\)\\s*;");
                if (dropped.matcher(now).find() || !removed(file, pair, dropped)) {
                    continue;
                }
                Matcher use = Pattern.compile("(?<![\\w.])" + tx + "(?!\\w)").matcher(now);
                int last = channel.end();
                while (use.find()) {
                    last = use.end();
                }
                int lineEnd = now.indexOf('\n', last);
                Matcher wait = WAIT.matcher(now);
                if (lineEnd >= 0 && wait.find(lineEnd)) {
                    int line = pair.after().line(pair.now().bodyStart() + wait.start());
                    out.add(finding(file, pair.now().name(), tx, line));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean removed(ChangedFile file, ItemOutline.FnPair pair, Pattern dropped) {
        Matcher m = dropped.matcher(pair.oldBody());
        while (m.find()) {
            if (pair.removedAt(file, m.start())) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(ChangedFile file, String fn, String tx, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(tx)
                .title("`" + fn + "` waits here while it still owns the sender `" + tx + "`")
                .explanation("The change deletes `drop(" + tx + ");`, so `" + tx + "` now lives until `" + fn
                        + "` returns. A receiver learns that the channel ended only when every sender is gone: a "
                        + "reader that runs until then (a task, a thread) never finishes, and this wait for it never "
                        + "returns.")
                .check("Drop the sender before waiting (`drop(" + tx + ");`), or scope it in a block that ends "
                        + "before the wait.")
                .build();
    }
}
