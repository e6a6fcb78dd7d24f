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
 * AL18: a tokio timer or task made outside the runtime it is meant for. {@code tokio::time::timeout(d, fut)} builds
 * its {@code Sleep} at once, and {@code tokio::spawn} schedules at once: both need a runtime context and panic
 * without one ("there is no reactor running"). A fn that is not async and drives futures with
 * {@code runtime.block_on(..)} is, by that very call, outside any runtime, so a timer it builds before handing it to
 * {@code block_on} panics unless the fn entered the runtime first ({@code let _guard = runtime.enter();}). rumqttc
 * 38786428 reversed: {@code Connection::recv_timeout} lost the {@code enter()} and panicked on every call.
 */
public final class TimerOutsideRuntime implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL18", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "tokio timer built outside the runtime",
            "In a non-test fn that is not `async` and calls `.block_on(..)`, in a file that names `tokio`, a call to "
                    + "`timeout`, `timeout_at`, `sleep`, `sleep_until`, `interval`, `interval_at` (bare or through "
                    + "`time::`/`tokio::time::`) or `tokio::spawn` that is neither inside `block_on(..)`'s "
                    + "argument nor in an `async` block, with no `.enter()` earlier in the fn, when the fn did not "
                    + "have that call so placed before the change.",
            "It reads one fn: a caller that enters the runtime before calling it, or a `sleep` that is not "
                    + "tokio's imported under that name, are not told apart.");

    private static final Pattern CALL = Pattern.compile("(?<![\\w.:])((?:tokio\\s*::\\s*)?(?:time\\s*::\\s*)?"
            + "(?:timeout|timeout_at|sleep|sleep_until|interval|interval_at)|tokio\\s*::\\s*spawn)\\s*\\(");
    private static final Pattern BLOCK_ON = Pattern.compile("\\.\\s*block_on\\s*\\(");
    private static final Pattern ENTER = Pattern.compile("\\.\\s*enter\\s*\\(\\s*\\)");
    private static final Pattern ASYNC_FN = Pattern.compile("\\basync\\s+(?:unsafe\\s+)?(?:extern\\s+\"[^\"]*\"\\s+)?fn\\b");
    private static final Pattern ASYNC_BLOCK = Pattern.compile("\\basync\\s*(?:move\\s*)?$");
    private static final Pattern BLOCK_ON_BEFORE = Pattern.compile("block_on\\s*$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("block_on") || !file.newText().contains("tokio")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        ItemOutline before = file.oldText() == null ? null : ItemOutline.before(file);
        // A fn whose change is only a deletion (the `enter()` guard) has no added line: pairs bring those in.
        for (ItemOutline.Item fn : ItemOutline.touchedFns(file)) {
            if (ASYNC_FN.matcher(fn.header()).find()) {
                continue;
            }
            int at = unentered(after.body(fn));
            if (at < 0) {
                continue;
            }
            ItemOutline.Item was = before == null ? null : before.byKey(ItemOutline.Kind.FN).get(fn.key());
            if (was != null && unentered(before.body(was)) >= 0) {
                continue; // the same call stood there before: not this change's doing
            }
            String body = after.body(fn);
            Matcher m = CALL.matcher(body);
            m.find(at);
            int line = after.line(fn.bodyStart() + at);
            out.add(finding(file, fn.name(), RuleSupport.squeezed(m.group(1)), line));
        }
        return out;
    }

    /** Offset in the body of the first timer or spawn made outside the runtime's context, or -1. */
    static int unentered(String body) {
        Matcher blockOn = BLOCK_ON.matcher(body);
        if (!blockOn.find()) {
            return -1;
        }
        Matcher enter = ENTER.matcher(body);
        int entered = enter.find() ? enter.start() : Integer.MAX_VALUE;
        Matcher m = CALL.matcher(body);
        while (m.find() && m.start() < entered) {
            if (!deferred(body, m.start())) {
                return m.start();
            }
        }
        return -1;
    }

    /** Whether {@code at} lies in an {@code async} block or in the argument of {@code block_on(..)}: made later. */
    private static boolean deferred(String body, int at) {
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            char c = body.charAt(i);
            if (c == ')' || c == '}') {
                depth++;
            } else if ((c == '(' || c == '{') && depth-- == 0) {
                depth = 0;
                String head = body.substring(Math.max(0, i - 40), i);
                if (c == '{' && ASYNC_BLOCK.matcher(head).find() || c == '(' && BLOCK_ON_BEFORE.matcher(head).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Finding finding(ChangedFile file, String fn, String call, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(call).object("outside the runtime")
                .title("`" + call + "(..)` in `" + fn + "` runs outside the tokio runtime it later blocks on")
                .explanation("`" + fn + "` is not async and drives futures with `block_on`, so it runs outside any "
                        + "runtime context. `" + call + "(..)` is called there, before the future reaches `block_on`: "
                        + "tokio's timers register with the runtime's time driver when they are created, and "
                        + "`tokio::spawn` needs a runtime to schedule on, so the call panics (\"there is no reactor "
                        + "running, must be called from the context of a Tokio 1.x runtime\") on every call.")
                .check("Enter the runtime first (`let _guard = runtime.enter();`), or build the timer inside the "
                        + "future given to `block_on` (`runtime.block_on(async { timeout(d, fut).await })`).")
                .build();
    }
}
