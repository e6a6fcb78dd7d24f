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
 * CC34: the change deletes a {@code Drop} impl, the type stays, and the deleted {@code drop} told other threads or
 * tasks something: it checked {@code thread::panicking()}, stored to an atomic, notified or woke, sent, or called a
 * quit/stop/cancel/close/shutdown method. Those are the exits nobody else sees: a worker that panics or returns early
 * no longer says so, and whoever waits for it waits forever. ripgrep 0d7054d8 reversed: the parallel walker's
 * {@code Worker} lost the {@code Drop} that set the quit flag when a visitor panicked, and the other workers spun in
 * their idle loop.
 */
public final class SignalOnDropRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC34", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "`Drop` that signalled other threads removed",
            "The change deletes a non-test `impl Drop` whose `drop` calls `thread::panicking()`, stores to an atomic "
                    + "(`store`, `fetch_*`, `swap`), notifies or wakes (`notify*`, `wake*`, `unpark`), sends, or calls a "
                    + "method named `quit*`/`stop*`/`cancel*`/`close*`/`shutdown*`/`abort*`, for a type the file still "
                    + "declares, and the crate has no other `drop` for it.",
            "It reads the file the impl was in: a signal that moved into a field's own `Drop` or into every exit of "
                    + "the code that used the value is not told apart.");

    private static final Pattern SIGNAL = Pattern.compile("\\b(panicking)\\s*\\(|\\.\\s*(store|fetch_\\w+|swap|notify\\w*"
            + "|wake\\w*|unpark|send|try_send|(?:quit|stop|cancel|close|shutdown|abort)\\w*)\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (DeletedDrops.Deleted d : DeletedDrops.in(file)) {
            Matcher signal = SIGNAL.matcher(d.body());
            if (!signal.find()) {
                continue;
            }
            String what = signal.group(1) != null ? "checked `thread::panicking()`" : "called `" + signal.group(2) + "`";
            out.add(FindingBuilder.lines(INFO, file, Side.OLD, d.line(), d.line())
                    .object(d.type())
                    .title("`" + d.type() + "` no longer signals when it is dropped")
                    .explanation("The change deletes the `drop` of `" + d.type() + "`, which " + what + ", and the "
                            + "type stays. `Drop` runs on every exit, including a panic and an early return; the "
                            + "threads or tasks that learned from it that this value is gone (to stop waiting, to "
                            + "quit, to take over its work) now only learn it on the exits the remaining code "
                            + "handles, and otherwise wait forever.")
                    .check("Check every way a `" + d.type() + "` can go away (panic, `?`, early return, "
                            + "cancellation) and that each still signals; a `Drop` impl is the usual way to be sure.")
                    .build());
        }
        return out;
    }
}
