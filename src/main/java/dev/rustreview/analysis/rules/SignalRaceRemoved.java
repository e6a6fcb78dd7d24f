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
 * AL20: an await that no longer races the signal that ends it. {@code select! { b = client.read_body() => .., _ =
 * tx.closed() => None }} stops waiting once the consumer is gone (or a shutdown or cancellation arrives); written
 * back as {@code client.read_body().await}, the task waits for the peer alone, so a peer that never finishes keeps
 * the task, its connection and whatever waits on it alive. pingora 93630eb7 reversed: an h2 upstream that never sent
 * END_STREAM stalled the next h1 request on the connection until the read timeout.
 */
public final class SignalRaceRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL20", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "await no longer raced against its stop signal",
            "In a non-test fn that stays, the change deletes a `select!` branch that waits for a stop signal "
                    + "(`tx.closed()`, `token.cancelled()`, `ctrl_c()`, `shutdown.recv()`/`.changed()`/`.notified()`, "
                    + "`&mut shutdown`), the fn names that signal fewer times than before, and an added line awaits "
                    + "the call of another branch of that `select!` directly (`client.read_body().await`), outside "
                    + "any `select!`: the wait no longer ends when the signal comes.",
            "It matches the branch's call by method name in one fn: a signal checked another way (a timeout around "
                    + "the call, a flag read before it) is not seen.");

    private static final Pattern SELECT = Pattern.compile("\\bselect(?:_biased)?\\s*!\\s*\\{");
    private static final Pattern BRANCH = Pattern.compile("(?m)^[ \\t]*([^=\\n;{}]{1,80}?)\\s*=\\s*([^=\\n;{}][^\\n]{0,200}?)\\s*=>");
    private static final Pattern STOP_WORD = Pattern.compile("(?i)shutdown|cancel|stop|clos|quit|terminat|exit|kill|abort|ctrl_c");
    private static final Pattern SIGNAL = Pattern.compile("(?:.*\\.(?:closed|cancelled)\\(\\)|(?:.*::)?ctrl_c\\(\\)"
            + "|.*\\.(?:recv|changed|notified|wait|cancelled)\\(\\)|&mut[a-z_][\\w.]*|[a-z_][\\w.]*)");
    private static final Pattern TAIL = Pattern.compile("(?:\\.(?:fuse|boxed)\\(\\))+$");
    private static final Pattern CALL_NAME = Pattern.compile("([A-Za-z_]\\w*)\\((?:[^()]|\\([^()]*\\))*\\)$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("select")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Finding f = raceRemoved(file, pair);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    private static Finding raceRemoved(ChangedFile file, ItemOutline.FnPair pair) {
        String old = pair.before().masked();
        String now = pair.after().masked();
        List<int[]> oldSelects = selects(old, pair.was().bodyStart(), pair.was().bodyEnd());
        if (oldSelects.isEmpty()) {
            return null; // most changed fns: nothing raced, nothing to squeeze
        }
        String oldBody = RuleSupport.squeezed(old.substring(pair.was().bodyStart(), pair.was().bodyEnd()));
        String newBody = RuleSupport.squeezed(now.substring(pair.now().bodyStart(), pair.now().bodyEnd()));
        List<int[]> newSelects = selects(now, pair.now().bodyStart(), pair.now().bodyEnd());
        for (int[] select : oldSelects) {
            String signal = null;
            List<String> calls = new ArrayList<>();
            Matcher b = BRANCH.matcher(old).region(select[0], select[1]);
            while (b.find()) {
                String future = bound(old, pair.was().bodyStart(), b.start(),
                        TAIL.matcher(RuleSupport.squeezed(b.group(2))).replaceAll(""));
                if (isSignal(future)) {
                    signal = signal == null ? future : signal;
                } else {
                    Matcher call = CALL_NAME.matcher(future);
                    if (call.find()) {
                        calls.add(call.group(1));
                    }
                }
            }
            if (signal == null || calls.isEmpty() || occurrences(newBody, signal) >= occurrences(oldBody, signal)) {
                continue;
            }
            for (String call : calls) {
                int line = bareAwait(file, pair, now, newSelects, call);
                if (line > 0) {
                    return finding(file, pair.now().name(), call, signal, line);
                }
            }
        }
        return null;
    }

    /**
     * What a branch's future stands for: the expression of the {@code let} that bound it earlier in the fn when it is
     * a plain name ({@code let cancel = cancel_rx.changed();} then {@code c = cancel.fuse() =>}: openraft 369e5d1c),
     * else the future as written.
     */
    private static String bound(String text, int from, int before, String future) {
        if (!future.matches("[a-z_]\\w*")) {
            return future;
        }
        Matcher let = Pattern.compile("\\blet\\s+(?:mut\\s+)?" + future + "\\s*=\\s*([^;]{1,200});").matcher(text).region(from, before);
        String expr = future;
        while (let.find()) {
            expr = TAIL.matcher(RuleSupport.squeezed(let.group(1))).replaceAll("");
        }
        return expr;
    }

    private static boolean isSignal(String future) {
        return SIGNAL.matcher(future).matches() && STOP_WORD.matcher(future).find()
                || future.endsWith(".closed()") || future.endsWith(".cancelled()");
    }

    /** The {@code {..}} body of each {@code select!} in the region, as {open, close} offsets. */
    private static List<int[]> selects(String text, int from, int to) {
        List<int[]> out = new ArrayList<>();
        Matcher m = SELECT.matcher(text).region(from, to);
        while (m.find()) {
            int open = m.end() - 1;
            out.add(new int[] {open, Math.min(to, RuleSupport.closing(text, open, '{', '}'))});
        }
        return out;
    }

    /** The added line of {@code .call(..).await} outside every {@code select!} of the new fn, or -1. */
    private static int bareAwait(ChangedFile file, ItemOutline.FnPair pair, String now, List<int[]> selects, String call) {
        Matcher m = Pattern.compile("(?<![\\w])" + Pattern.quote(call) + "\\s*\\(").matcher(now)
                .region(pair.now().bodyStart(), pair.now().bodyEnd());
        while (m.find()) {
            int close = RuleSupport.closing(now, m.end() - 1, '(', ')');
            Matcher await = Pattern.compile("\\G\\s*\\.\\s*await\\b").matcher(now).region(Math.min(close + 1, now.length()), now.length());
            if (!await.find() || inside(selects, m.start())) {
                continue;
            }
            int callLine = pair.after().line(m.start());
            int awaitLine = pair.after().line(await.end() - 1);
            if (file.anyAdded(callLine, awaitLine)) {
                return callLine;
            }
        }
        return -1;
    }

    private static boolean inside(List<int[]> ranges, int at) {
        return ranges.stream().anyMatch(r -> at > r[0] && at < r[1]);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static Finding finding(ChangedFile file, String fn, String call, String signal, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(call).object("no longer raced against " + signal)
                .title("`" + fn + "` now awaits `" + call + "(..)` without racing `" + signal + "`")
                .explanation("Before the change a `select!` in `" + fn + "` waited for `" + call + "(..)` or `"
                        + signal + "`, whichever came first, so the wait ended when the other side went away or a "
                        + "stop was asked for. Now `" + call + "(..)` is awaited on its own: if it never completes (a "
                        + "peer that stops sending, a stream that never ends), the task, its connection and whatever "
                        + "waits on it stay alive until some timeout, or forever.")
                .check("Keep racing `" + call + "(..)` against `" + signal + "` (a `select!` or a cancellation "
                        + "wrapper), or show the call always completes once the signal's side is gone.")
                .build();
    }
}
