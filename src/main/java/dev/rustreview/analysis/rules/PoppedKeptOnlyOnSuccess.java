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
 * ER41: an entry popped from a queue or pool held in {@code self} and pushed back only after a {@code ?}: on the
 * error path it is gone for good. zmq.rs 99a16d765 reversed: a REQ socket popped the next peer from its round-robin
 * queue, awaited {@code send(..).await?}, and pushed the peer back only after that; one failed send dropped the peer
 * from the rotation for the socket's whole life. A connection taken from a pool and returned after a fallible query
 * is the same leak.
 */
public final class PoppedKeptOnlyOnSuccess implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER41", RiskArea.ERRORS, Severity.MEDIUM,
            "popped entry returned only on success",
            "In a non-test fn the change touches: `let x = self.q.pop()` (also `pop_front`, `pop_back`, the value "
                    + "taken from a `match`/`if let` on it), then a `?` on a later line, then `self.q.push(x)` (also "
                    + "`push_back`, `push_front`) on the same receiver; no push of `x` before the `?`; the push's line "
                    + "or the `?`'s is added.",
            "It reads the fn's text: an entry given back by a guard's `Drop`, or an error path that does not matter "
                    + "because the whole queue is dropped with it, is not told apart.");

    private static final Pattern POP = Pattern.compile("(?<![\\w.])let\\s+(?:mut\\s+)?([a-z_]\\w{0,40})\\s*=\\s*"
            + "(?:match\\s+|if\\s+let\\s+[^=]{1,80}=\\s*)?(self\\s*\\.\\s*(?:[a-z_]\\w*\\s*\\.\\s*){0,3}[a-z_]\\w*)\\s*\\.\\s*"
            + "pop(?:_front|_back)?\\s*\\(\\s*\\)");
    private static final Pattern TRY = Pattern.compile("\\?\\s*[;.)]");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("pop") || !file.newText().contains("push")) {
            return out;
        }
        ItemOutline after = null;
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            if (out.size() >= 8) {
                break;
            }
            after = after != null ? after : ItemOutline.after(file);
            String body = after.body(fn);
            if (body.length() > 200_000 || !body.contains("pop")) {
                continue;
            }
            Matcher pop = POP.matcher(body);
            int looked = 0;
            while (pop.find() && looked++ < 16) {
                String name = pop.group(1);
                String queue = pop.group(2).replaceAll("\\s+", "");
                Matcher push = Pattern.compile("(?<![\\w.])" + Pattern.quote(queue).replace(".", "\\E\\s*\\.\\s*\\Q")
                        + "\\s*\\.\\s*push(?:_back|_front)?\\s*\\(\\s*" + Pattern.quote(name) + "\\b").matcher(body);
                push.region(pop.end(), body.length());
                if (!push.find()) {
                    continue;
                }
                // from the end of the pop's statement: `pop().ok_or(..)?` exits before anything was taken
                int bound = body.indexOf(';', pop.end());
                if (bound < 0 || bound > push.start()) {
                    continue;
                }
                Matcher tried = TRY.matcher(body).region(bound, push.start());
                if (!tried.find()) {
                    continue;
                }
                int popLine = after.line(fn.bodyStart() + pop.start());
                int tryLine = after.line(fn.bodyStart() + tried.start());
                int pushLine = after.line(fn.bodyStart() + push.start());
                if (!file.added(pushLine) && !file.added(tryLine)) {
                    continue;
                }
                out.add(finding(file, fn, name, queue, popLine, tryLine, pushLine));
                break;
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, ItemOutline.Item fn, String name, String queue, int popLine,
                                   int tryLine, int pushLine) {
        return FindingBuilder.lines(INFO, file, Side.NEW, pushLine, pushLine)
                .object(fn.name()).object(queue + " " + name)
                .title("`" + name + "` goes back into `" + queue + "` only if the `?` on line " + tryLine
                        + " succeeds")
                .explanation("`" + fn.name() + "` pops `" + name + "` from `" + queue + "` on line " + popLine
                        + " and pushes it back on line " + pushLine + ", after the `?` on line " + tryLine + ". When "
                        + "that returns the error, `" + name + "` is dropped instead: the queue (a rotation of peers, a "
                        + "pool of connections) loses an entry for good, and after enough errors it is empty.")
                .check("Push it back before the fallible step (or clone it for the step), or give it back in the error "
                        + "path too, e.g. with a guard whose `Drop` returns it.")
                .build();
    }
}
