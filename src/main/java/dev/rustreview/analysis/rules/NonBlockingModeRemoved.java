package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * AL12: a socket or descriptor handed to an async runtime left in blocking mode. A reactor (epoll, kqueue, a
 * polling driver) expects every fd it drives to be non-blocking; a blocking {@code read} on one parks the runtime
 * thread, and every task on it hangs until the peer sends (compio 1341f7253 reversed: {@code from_std} stopped
 * calling {@code set_nonblocking(true)}). The deletion is one line in a constructor that otherwise stays.
 */
public final class NonBlockingModeRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL12", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "non-blocking mode removed",
            "In a non-test fn that stays, in a file with async code (`async`, `Poll`, `Future`, `AsyncFd`, `PollFd`), "
                    + "the change deletes the step that makes a descriptor non-blocking (`set_nonblocking(true)`, a helper's `set_nonblocking(&mut fd, true)`, "
                    + "`O_NONBLOCK`, `SOCK_NONBLOCK`, `FIONBIO`) and the fn has fewer of them after it: the runtime may "
                    + "now drive a blocking socket, and one read parks its thread.",
            "It reads one fn: non-blocking mode set by the caller, by a helper, or at creation "
                    + "(`Socket::new(.., Type::STREAM.nonblocking())`) reads as removed, and whether the fd really "
                    + "reaches the runtime is not checked.");

    private static final Pattern NONBLOCKING = Pattern.compile(
            "\\bset_nonblocking\\s*\\((?:[^;()]|\\([^;()]*\\)){0,80}?\\btrue\\s*\\)|\\bO_NONBLOCK\\b|\\bSOCK_NONBLOCK\\b|\\bFIONBIO\\b");
    private static final Pattern ASYNC = Pattern.compile("\\basync\\b|\\bPoll\\s*<|\\bFuture\\b|\\bAsyncFd\\b|\\bPollFd\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !NONBLOCKING.matcher(file.oldText()).find()
                || file.newText() == null || !ASYNC.matcher(file.newText()).find()) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            int from = pair.before().line(pair.was().bodyStart());
            int to = pair.before().endLine(pair.was());
            if (RuleSupport.count(NONBLOCKING, pair.newBody()) >= RuleSupport.count(NONBLOCKING, pair.oldBody())) {
                continue;
            }
            String removed = removedLine(file, from, to);
            if (removed != null) {
                int line = WakeupPathRemoved.firstAdded(file, pair.after(), pair.now());
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(pair.now().key()).object("non-blocking mode removed")
                        .title("`" + fn + "` no longer puts the descriptor in non-blocking mode")
                        .explanation("The change deletes `" + RuleSupport.shorten(removed) + "` from `" + fn + "`. A "
                                + "runtime's reactor drives every socket it is given as non-blocking: a read on a "
                                + "blocking one waits for the peer inside the runtime thread, so every task scheduled "
                                + "there hangs with it.")
                        .check("Check that every path into the runtime still sets non-blocking mode (here, in the "
                                + "caller, or at creation); if none does, keep the call.")
                        .build());
            }
        }
        return out;
    }

    private static String removedLine(ChangedFile file, int from, int to) {
        for (Hunk hunk : file.change().hunks()) {
            for (DiffLine l : hunk.lines()) {
                if (l.isRemoved() && l.oldLine() >= from && l.oldLine() <= to && NONBLOCKING.matcher(l.text()).find()) {
                    return l.text().strip();
                }
            }
        }
        return null;
    }
}
