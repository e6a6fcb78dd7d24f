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
 * ER6: {@code w.write(buf)?;} or {@code r.read(&mut buf)?;} as a statement. {@code write} may write fewer bytes
 * than it was given and {@code read} may fill fewer than the buffer holds; both say how many in the value the
 * statement throws away, so only the error is checked and a short write or read passes as complete. On a socket
 * under load that is a truncated frame (tungstenite d2e36021 is the reverse of its fix: a WebSocket header written
 * with {@code write}). The compiler is silent because the {@code Result} was used; clippy's
 * {@code unused_io_amount} is the same check.
 */
public final class IoCountDiscarded implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER6", RiskArea.ERRORS, Severity.MEDIUM, "I/O byte count ignored",
            "A statement the change adds or edits in non-test code that calls `.write(..)`, `.read(..)`, "
                    + "`.write_vectored(..)` or `.read_vectored(..)` with an argument (also followed by `.await`) and "
                    + "ends in `?`, `.unwrap()` or `.expect(..)`: the number of bytes written or read is thrown away.",
            "It reads the statement's text, not types: a `write` of a type of the crate's own that always writes "
                    + "everything is reported too, and a count stored and then ignored is not seen.",
            "unused_io_amount");

    private static final Pattern CALL = Pattern.compile(
            "\\.\\s*(write|read|write_vectored|read_vectored)\\s*\\((?!\\s*\\))");
    private static final Pattern DISCARDED = Pattern.compile(
            "^\\s*(?:\\.\\s*await\\s*)?(?:\\?|\\.\\s*unwrap\\s*\\(\\s*\\)|\\.\\s*expect\\s*\\([^;{}]{0,300}\\))\\s*;");
    /** The receiver in front of the call: a path, field chain or call chain, nothing that starts an expression. */
    private static final Pattern RECEIVER = Pattern.compile("[\\w.:()&*\\[\\]\\s]{1,200}$");
    private static final int MAX_PER_FN = 128;
    /** A statement that hands the value on ({@code return w.write(b)?;}) uses the count. */
    private static final Pattern KEYWORD = Pattern.compile("(?:return|break|let|if|match|while|else|yield)\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        List<ItemOutline.Item> fns = ItemOutline.changedFns(file);
        if (fns.isEmpty()) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : fns) {
            if (after.inTest(fn)) {
                continue;
            }
            String body = after.body(fn);
            Matcher m = CALL.matcher(body);
            int n = 0;
            while (m.find() && n++ < MAX_PER_FN) {
                int line = after.line(fn.bodyStart() + m.start());
                if (!file.added(line) || !statementStart(body, m.start())) {
                    continue;
                }
                int close = RuleSupport.closing(body, m.end() - 1, '(', ')');
                if (close >= body.length() || !DISCARDED.matcher(body.substring(close + 1, Math.min(body.length(), close + 400))).lookingAt()) {
                    continue;
                }
                String method = m.group(1);
                String shown = RuleSupport.shorten(file.newText().substring(fn.bodyStart() + start(body, m.start()),
                        fn.bodyStart() + close + 1).replaceAll("\\s+", " ").strip());
                boolean write = method.startsWith("write");
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn.name()).object(method + " count ignored")
                        .title("`" + shown + "` ignores how many bytes were " + (write ? "written" : "read"))
                        .explanation("`" + method + "` may " + (write ? "write fewer bytes than it was given" : "fill "
                                + "fewer bytes than the buffer holds") + " and returns how many; this statement keeps "
                                + "only the error. A short " + (write ? "write" : "read") + " (a socket or pipe under "
                                + "load, a signal, a non-blocking stream) then passes as complete: "
                                + (write ? "the peer gets a truncated frame." : "the rest of the buffer is stale data."))
                        .check(write ? "Use `write_all` (or loop on the count) unless a partial write is handled."
                                : "Use `read_exact` (or loop on the count) unless a short read is handled.")
                        .build());
            }
        }
        return out;
    }

    /** Whether the receiver chain in front of the call starts a statement (not a let, an argument or a condition). */
    private static boolean statementStart(String body, int call) {
        int from = start(body, call);
        int i = from - 1;
        while (i >= 0 && Character.isWhitespace(body.charAt(i))) {
            i--;
        }
        return from < call && !KEYWORD.matcher(body.substring(from, call)).lookingAt()
                && (i < 0 || body.charAt(i) == ';' || body.charAt(i) == '{' || body.charAt(i) == '}');
    }

    private static int start(String body, int call) {
        Matcher r = RECEIVER.matcher(body.substring(Math.max(0, call - 200), call));
        if (!r.find()) {
            return call;
        }
        int from = Math.max(0, call - 200) + r.start();
        // The receiver ends at the statement boundary: skip back over balanced parentheses, stop at ; { } = ,
        int i = call - 1;
        int depth = 0;
        while (i >= from) {
            char c = body.charAt(i);
            if (c == ')' || c == ']') {
                depth++;
            } else if (c == '(' || c == '[') {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            i--;
        }
        int s = i + 1;
        while (s < call && Character.isWhitespace(body.charAt(s))) {
            s++;
        }
        return s;
    }
}
