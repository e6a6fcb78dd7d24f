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
 * CC20: a poll fn returns {@code Poll::Pending} and never touches its {@code Context}. Returning Pending promises
 * the executor that something will wake the task; a fn that neither registers {@code cx.waker()} nor passes
 * {@code cx} to an inner poll has arranged for nothing to, so the task sleeps until some unrelated event polls it
 * again, or forever. tokio-tungstenite a5e5600e reversed: {@code Sink::poll_ready(self, _cx)} answered Pending
 * while a send was blocked, and a task waiting to send hung.
 */
public final class PendingWithoutContext implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC20", RiskArea.CONCURRENCY, Severity.MEDIUM, "Pending without the context",
            "A non-test fn with a `&mut Context` parameter returns a `Poll::Pending` the change adds, and its body "
                    + "never uses that parameter (named `_cx`/`_`, or not mentioned): no waker was registered and no "
                    + "inner poll was handed the context, so nothing wakes the task. A type whose name says it never "
                    + "completes (`Pending`, `Never`) returning only `Poll::Pending` is not reported.",
            "It cannot see a waker registered through another path for the same task (a context stored in a "
                    + "field by an earlier poll, a thread-local the executor sets).");

    private static final Pattern CONTEXT_PARAM = Pattern.compile("([A-Za-z_]\\w*)\\s*:\\s*&\\s*mut\\s+"
            + "(?:[\\w]+\\s*::\\s*)*Context\\s*<");
    private static final Pattern PENDING = Pattern.compile("\\bPoll\\s*::\\s*Pending\\b");
    private static final Pattern NEVER_TYPE = Pattern.compile("(?i)\\bimpl\\b[^{]*\\bfor\\s+\\w*(?:pending|never|forever)\\w*");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            Matcher param = CONTEXT_PARAM.matcher(ItemOutline.plain(fn.header()));
            if (!param.find()) {
                continue;
            }
            String cx = param.group(1);
            String body = after.body(fn);
            if (!body.contains("Pending") || used(cx, body) || neverCompletes(after, fn, body)) {
                continue;
            }
            for (PanickingTwinAdded.Line line : PanickingTwinAdded.lines(after, fn, file::added)) {
                if (line.text().length() <= PanickingTwinAdded.MAX_LINE && PENDING.matcher(line.text()).find()) {
                    out.add(finding(file, fn.name(), cx, line.number()));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean used(String cx, String body) {
        return !cx.startsWith("_") && Pattern.compile("\\b" + cx + "\\b").matcher(body).find();
    }

    /** {@code impl Future for Pending<T> { fn poll(..) { Poll::Pending } }}: a future made never to finish. */
    private static boolean neverCompletes(ItemOutline outline, ItemOutline.Item fn, String body) {
        if (!PENDING.matcher(body.strip()).matches()) {
            return false;
        }
        for (ItemOutline.Item item : outline.items()) {
            if (item.kind() == ItemOutline.Kind.IMPL && item.bodyStart() <= fn.start() && fn.start() < item.bodyEnd()) {
                return NEVER_TYPE.matcher(ItemOutline.plain(item.header())).find();
            }
        }
        return false;
    }

    private static Finding finding(ChangedFile file, String fn, String cx, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object("Pending without " + cx)
                .title("`" + fn + "` returns `Poll::Pending` without using `" + cx + "`")
                .explanation("`" + fn + "` returns `Poll::Pending` here, but its body never uses `" + cx + "`: it "
                        + "neither stores `" + cx + ".waker()` nor passes `" + cx + "` to an inner poll that would. "
                        + "Pending tells the executor \"I will be woken\"; with no waker registered the task is "
                        + "polled again only by chance (another event on the same task), and otherwise never: a "
                        + "sender waiting in `poll_ready` hangs.")
                .check("Register the waker before returning Pending (store `" + cx + ".waker().clone()` where the "
                        + "event that unblocks it wakes it, or poll the inner I/O with `" + cx + "` so it "
                        + "registers), or drive the blocked work from here as the fix did.")
                .build();
    }
}
