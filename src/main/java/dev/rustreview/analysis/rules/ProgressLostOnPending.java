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
 * AL17: a poll fn stops reporting the progress it made before an inner poll went Pending. A {@code poll_read}
 * that already copied bytes into the caller's buffer must return {@code Ready(Ok(n))} even when the next inner
 * poll is Pending: returning Pending tells the caller nothing was written, and the bytes are lost or sent twice.
 * async-h1 a561f4cb reversed replaced such a {@code Poll::Pending => if self.bytes_read > 0 { return
 * Poll::Ready(Ok(self.bytes_read)); }} arm with {@code ready!(self.chunked.encode(..))}, and chunked responses
 * stalled.
 */
public final class ProgressLostOnPending implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL17", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "progress dropped on Pending",
            "In a non-test fn that stays and takes a `Context` or returns `Poll`, the change deletes a "
                    + "`Poll::Pending =>` arm that could still return `Ready(..)` (progress made earlier in the same "
                    + "poll), and polls the same call through `ready!(..)` instead, which returns `Pending` whatever "
                    + "was done before it.",
            "It matches the inner call by its method name; whether anything was in fact done before the call in "
                    + "every path is not checked.");

    private static final Pattern POLL_FN =
            Pattern.compile("Context\\s*<|->\\s*(?:std::task::|core::task::|task::)?Poll\\b");
    private static final Pattern PENDING_ARM = Pattern.compile("(?:Poll\\s*::\\s*)?\\bPending\\s*=>\\s*");
    private static final Pattern READY = Pattern.compile("\\bReady\\s*\\(");
    private static final Pattern MATCH = Pattern.compile("\\bmatch\\s+");
    private static final Pattern LAST_CALL = Pattern.compile("(?:\\.|::)\\s*(\\w+)\\s*\\((?!.*(?:\\.|::)\\s*\\w+\\s*\\()");
    private static final Pattern READY_MACRO = Pattern.compile("\\bready!\\s*\\(");
    /** Characters of an arm or scrutinee read at most: real ones are a few lines. */
    private static final int MAX_TEXT = 2_000;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("Pending") || file.newText() == null
                || !file.newText().contains("ready!")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (!POLL_FN.matcher(ItemOutline.plain(pair.was().header())).find()) {
                continue;
            }
            String old = pair.oldBody();
            Matcher arm = PENDING_ARM.matcher(old);
            while (arm.find()) {
                int line = pair.before().line(pair.was().bodyStart() + arm.start());
                String method = file.removed(line) && reportsProgress(old, arm.end())
                        ? scrutineeMethod(old, arm.start()) : null;
                if (method != null) {
                    int at = readyOver(file, pair, method);
                    if (at > 0) {
                        out.add(finding(file, pair.now().name(), method, at));
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** Whether the arm's body (a block, or an expression up to its comma) can return {@code Ready(..)}. */
    private static boolean reportsProgress(String body, int from) {
        int end = Math.min(body.length(), from + MAX_TEXT);
        if (from < body.length() && body.charAt(from) == '{') {
            end = from + RuleSupport.closing(body.substring(from, end), 0, '{', '}');
        } else {
            int comma = body.indexOf(',', from);
            end = comma < 0 ? end : Math.min(end, comma);
        }
        return READY.matcher(body.substring(from, end)).find();
    }

    /** The method polled by the {@code match} the arm belongs to: the last call of its scrutinee. */
    private static String scrutineeMethod(String body, int arm) {
        int start = Math.max(0, arm - MAX_TEXT);
        Matcher m = MATCH.matcher(body).region(start, arm);
        int last = -1;
        while (m.find()) {
            last = m.end();
        }
        if (last < 0) {
            return null;
        }
        int open = body.indexOf('{', last);
        if (open < 0 || open > arm) {
            return null;
        }
        Matcher call = LAST_CALL.matcher(body.substring(last, open));
        return call.find() ? call.group(1) : null;
    }

    /** The new-side line of an added {@code ready!(..)} around a call of {@code method}, or 0. */
    private static int readyOver(ChangedFile file, ItemOutline.FnPair pair, String method) {
        Pattern same = Pattern.compile("(?:\\.|::)\\s*" + Pattern.quote(method) + "\\s*\\(");
        for (PanickingTwinAdded.Line line : PanickingTwinAdded.lines(pair.after(), pair.now(), file::added)) {
            Matcher r = READY_MACRO.matcher(line.text());
            if (line.text().length() <= PanickingTwinAdded.MAX_LINE && r.find()
                    && same.matcher(line.text()).region(r.end(), line.text().length()).find()) {
                return line.number();
            }
        }
        return 0;
    }

    private static Finding finding(ChangedFile file, String fn, String method, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(method).object("ready!")
                .title("`" + fn + "` returns Pending from `" + method + "` even after making progress")
                .explanation("Before the change, when `" + method + "` was Pending, `" + fn + "` could still "
                        + "return `Ready(..)` for what this poll had already done (bytes copied into the caller's "
                        + "buffer, items taken). `ready!(..)` returns `Pending` whatever came before it, so that "
                        + "progress is reported as nothing: a reader's bytes are lost or resent, and a caller that "
                        + "waits for a wakeup the inner source will not send stalls.")
                .check("Keep the Pending arm that returns what was already done (`if n > 0 { return "
                        + "Poll::Ready(Ok(n)); }`), or make sure nothing is done before this poll in the same call.")
                .build();
    }
}
