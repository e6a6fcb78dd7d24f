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
import java.util.regex.Pattern;

/**
 * AL39: a readiness poll ({@code Sink::poll_ready}, {@code Service::poll_ready}) that could say "not yet" made to
 * always say ready. The caller then sends or calls without waiting: a {@code Sink} queues without limit (no
 * backpressure), and a {@code Service} wrapper calls its inner service without having driven the inner
 * {@code poll_ready}, which the trait forbids. async-tungstenite dcefd9b8 reversed: {@code WebSocketStream::poll_ready}
 * kept answering ready after a send hit {@code WouldBlock}.
 */
public final class ReadinessAlwaysReady implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL39", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "readiness poll made always ready",
            "In a non-test `poll_ready` (or `poll_reserve`, `poll_write_ready`, `poll_send_ready`) that stays, the "
                    + "old body could return `Poll::Pending` (by name, through `ready!(..)` or by returning an inner "
                    + "`poll_*` call's result) and the new body is only `Poll::Ready(Ok(()))`.",
            "It reads the fn's own body: readiness now decided elsewhere (a bounded queue the send itself waits on) is "
                    + "not seen.");

    private static final Pattern NAME = Pattern.compile("poll_(?:ready|reserve|write_ready|send_ready)");
    private static final Pattern COULD_WAIT = Pattern.compile("\\bPending\\b|\\bready!\\s*\\(|\\.\\s*poll_\\w+\\s*\\(");
    private static final Pattern ALWAYS_READY = Pattern.compile(
            "\\{?\\s*(?:(?:std|core)\\s*::\\s*task\\s*::\\s*)?(?:Poll\\s*::\\s*)?Ready\\s*\\(\\s*Ok\\s*\\(\\s*\\(\\s*\\)\\s*\\)\\s*\\)\\s*\\}?\\s*");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String name = pair.now().name();
            if (!NAME.matcher(name).matches() || !COULD_WAIT.matcher(pair.oldBody()).find()
                    || !ALWAYS_READY.matcher(pair.newBody()).matches()) {
                continue;
            }
            int line = pair.after().line(pair.now().bodyStart());
            for (int l = line; l <= pair.after().endLine(pair.now()); l++) {
                if (file.added(l)) {
                    line = l;
                    break;
                }
            }
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(name).object("always ready")
                    .title("`" + name + "` now always returns `Poll::Ready(Ok(()))`")
                    .explanation("Before the change `" + name + "` could answer `Poll::Pending` and so make its "
                            + "caller wait. Now it is ready whatever the state: a caller that follows the contract "
                            + "sends (or calls) at once, every time. For a `Sink` that means no backpressure: messages "
                            + "queue without limit behind a slow peer or a socket that returned `WouldBlock`. For a "
                            + "`Service` wrapper it means the inner service is called without its own `poll_ready` "
                            + "having returned ready, which the `Service` contract forbids.")
                    .check("Keep a way to return `Poll::Pending` (a flag set when a send would block, the inner "
                            + "`poll_ready`), or show that the send path bounds and waits by itself.")
                    .build());
        }
        return out;
    }
}
