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
 * CC39: a condition variable's wait that ran only when the state it waits for was not there yet now runs
 * unconditionally. A notify sent while the waiter did not hold the mutex (between two loop rounds, before the first
 * wait) is not remembered by a {@code Condvar}: the waiter goes to sleep on a change that already happened and hangs.
 * neon 80e974d0 reversed: the configurator waited for a request that was already pending and never woke.
 */
public final class WaitPredicateRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC39", RiskArea.CONCURRENCY, Severity.HIGH,
            "condvar wait no longer checks its predicate",
            "In a non-test fn that stays, the change removes the `if`/`while` whose body held `cv.wait(guard)` or "
                    + "`cv.wait_timeout(guard, ..)` and adds the same receiver's wait outside any condition: the wait no "
                    + "longer looks at the state first, so a notify that came before it is lost.",
            "It matches the receiver's text and needs the guard argument: a predicate moved into a helper, or a "
                    + "wait on a `Barrier` or a child process (no guard), is not read.");

    /** {@code self.state_changed.wait(state)}: receiver, method; the arguments are checked apart. */
    private static final Pattern WAIT = Pattern.compile(
            "(?<![\\w.])((?:[A-Za-z_]\\w*\\s*\\.\\s*){0,4}[A-Za-z_]\\w*)\\s*\\.\\s*(wait|wait_timeout)\\s*\\(\\s*[A-Za-z_]\\w*\\s*[,)]");
    private static final Pattern CONDITIONAL = Pattern.compile("(?:^|[;{}])\\s*(?:if|while)\\b(?!\\s+let\\b)[^;{}]*$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = pair.oldBody();
            if (!was.contains("wait")) {
                continue;
            }
            Matcher old = WAIT.matcher(was);
            while (old.find()) {
                int open = RuleSupport.enclosingOpen(was, -1, old.start());
                String header = open < 0 ? "" : was.substring(Math.max(0, open - 300), open);
                Matcher cond = CONDITIONAL.matcher(header);
                if (!cond.find()) {
                    continue;
                }
                int condLine = pair.before().line(pair.was().bodyStart() + open - (header.length() - cond.start()));
                int openLine = pair.before().line(pair.was().bodyStart() + open);
                if (!file.removed(openLine) && !file.removed(condLine)) {
                    continue;
                }
                String receiver = old.group(1).replaceAll("\\s+", "");
                Finding f = unconditionalWait(file, pair, receiver, header.substring(cond.start()).strip());
                if (f != null) {
                    out.add(f);
                    break;
                }
            }
        }
        return out;
    }

    /** The receiver's wait on an added line of the new fn with no {@code if}/{@code while} around it, as a finding. */
    private static Finding unconditionalWait(ChangedFile file, ItemOutline.FnPair pair, String receiver, String check) {
        String now = pair.newBody();
        Matcher m = WAIT.matcher(now);
        while (m.find()) {
            int line = pair.after().line(pair.now().bodyStart() + m.start());
            if (!m.group(1).replaceAll("\\s+", "").equals(receiver) || !file.added(line)) {
                continue;
            }
            if (conditional(now, m.start())) {
                continue;
            }
            String condition = RuleSupport.shorten(check.replaceFirst("^[;{}]\\s*", ""));
            String fn = pair.now().name();
            return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(fn).object(receiver)
                    .title("`" + receiver + "." + m.group(2) + "(..)` in `" + fn + "` no longer checks `" + condition
                            + "` first")
                    .explanation("Before the change `" + fn + "` waited on `" + receiver + "` only under `"
                            + condition + "`; now it waits whatever the state is. A `Condvar` does not remember a "
                            + "notify: one sent while this thread did not hold the mutex (before the wait, between two "
                            + "rounds) is gone, and the thread sleeps on a change that already happened.")
                    .check("Check the state under the guard before waiting (`while !ready { guard = cv.wait(guard)? }`)"
                            + " or use `wait_while`.")
                    .build();
        }
        return null;
    }

    /**
     * Whether the block holding {@code at} opens with an {@code if}/{@code while} condition (only the innermost: a
     * wait directly in a {@code loop} or the fn body checks nothing, whatever loop runs around it).
     */
    private static boolean conditional(String body, int at) {
        int open = RuleSupport.enclosingOpen(body, -1, at);
        return open >= 0 && CONDITIONAL.matcher(body.substring(Math.max(0, open - 300), open)).find();
    }
}
