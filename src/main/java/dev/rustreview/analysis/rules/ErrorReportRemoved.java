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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ER3: the change deletes the statement that handed a caught error on ({@code error_sink.sink(e)},
 * {@code self.forward_error(e)}, {@code warn!("..", e)}) and the fn uses that error less after it: the failure is
 * still caught, and now nobody hears of it. A pool that drops a connection it found broken, or retries a connect
 * that failed, without passing the error on leaves its callers with a timeout and no cause (bb8 41e5ec1f and
 * e4fc1844). The compiler is content ({@code Err(_)} is fine Rust) and so is every test that only checks the
 * retry happened.
 */
public final class ErrorReportRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER3", RiskArea.ERRORS, Severity.MEDIUM, "caught error no longer reported",
            "In a non-test fn that stays and still matches `Err(..)`, the change deletes a statement that passed an "
                    + "error bound by `Err(e)` to a call or macro (`sink(e)`, `forward_error(e)`, `warn!(\"{}\", e)`, "
                    + "`tx.send(Err(e))`), not a `return`, and the fn names that error fewer times after the change.",
            "It does not know whether the error is reported elsewhere (a caller that logs, a metric), nor whether the "
                    + "call that went was only a debug print.");

    /** {@code Err(e)} as a pattern (an arm, {@code if let}, {@code let}), not as a value being built. */
    private static final Pattern ERR_BINDING = Pattern.compile(
            "\\bErr\\s*\\(\\s*(?:ref\\s+)?(?:mut\\s+)?([a-z]\\w*)\\s*\\)\\s*(?:=>|=(?!=)|\\||if\\b)");
    private static final Pattern STILL_MATCHES = Pattern.compile("\\bErr\\s*\\(");
    private static final int MAX_BINDINGS = 16;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String oldBody = pair.oldBody();
            String newBody = pair.newBody();
            if (!STILL_MATCHES.matcher(newBody).find()) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            Matcher b = ERR_BINDING.matcher(oldBody);
            while (b.find() && names.size() < MAX_BINDINGS) {
                if (!b.group(1).equals("self")) {
                    names.add(b.group(1)); // `Err(self)` hands the value back; it binds nothing
                }
            }
            for (String name : names) {
                Pattern word = Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "(?![\\w(!])");
                Pattern inline = Pattern.compile("\\{" + Pattern.quote(name) + "[:}]");
                if (uses(word, inline, newBody, raw(file.newText(), pair.now()))
                        >= uses(word, inline, oldBody, raw(file.oldText(), pair.was()))) {
                    continue;
                }
                int line = reportingLineRemoved(file, pair, word);
                if (line < 0) {
                    continue;
                }
                // shown from the source, not the outline: the outline blanks a log line's message
                String statement = file.oldText().lines().skip(line - 1).findFirst().orElse("").strip();
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.OLD, line, line)
                        .severity(Severity.MEDIUM)
                        .object(fn).object("error report removed " + name)
                        .title("`" + fn + "` no longer passes on the error `" + name + "`")
                        .explanation("The change deletes `" + RuleSupport.shorten(statement) + "` (old line " + line
                                + "), which handed the caught error `" + name + "` on, and `" + fn + "` uses `" + name
                                + "` less after the change. The failure is still caught, and now nobody is told: the "
                                + "caller sees a retry, a dropped value or a timeout with no cause.")
                        .check("Check that the error still reaches someone (a log, an error sink, the waiting caller); "
                                + "if not, keep passing it on.")
                        .build());
                break;
            }
        }
        return out;
    }

    /**
     * How often a fn names the error: in its code, and inside its format strings ({@code "{e:?}"}), which the
     * outline blanks with every literal (a log line rewritten to inline arguments is not a removal).
     */
    private static int uses(Pattern word, Pattern inline, String maskedBody, String rawBody) {
        return RuleSupport.count(word, maskedBody) + RuleSupport.count(inline, rawBody);
    }

    private static String raw(String text, ItemOutline.Item fn) {
        return text == null || fn.bodyEnd() > text.length() ? "" : text.substring(fn.bodyStart(), fn.bodyEnd());
    }


    /** The offset of the {@code (} left open before {@code at} within a few lines, or -1. */
    private static int unclosedParen(String body, int at) {
        int depth = 0;
        for (int i = at - 1; i >= Math.max(0, at - 600); i--) {
            char c = body.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && depth-- == 0) {
                return i;
            } else if ((c == ';' || c == '{' || c == '}') && depth == 0) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * The old line of a removed statement that passes the error to a call or macro (not a {@code return}, not the
     * {@code Err(e)} pattern itself), or -1.
     */
    private static int reportingLineRemoved(ChangedFile file, ItemOutline.FnPair pair, Pattern word) {
        String oldBody = pair.oldBody();
        Matcher use = word.matcher(oldBody);
        int n = 0;
        while (use.find() && n++ < 256) {
            int at = use.start();
            int line = pair.before().line(pair.was().bodyStart() + at);
            if (!file.removed(line)) {
                continue;
            }
            int start = oldBody.lastIndexOf('\n', at) + 1;
            int end = oldBody.indexOf('\n', at);
            String text = oldBody.substring(start, end < 0 ? oldBody.length() : end);
            int open = text.lastIndexOf('(', at - start);
            if (open < 0) {
                // an argument on a line of its own: the call opens on an earlier line (application-services
                // a34ae94b reversed deleted a five-line `report_error!(.., e)`)
                int call = unclosedParen(oldBody, at);
                int callLine = call < 0 ? -1 : pair.before().line(pair.was().bodyStart() + call);
                if (callLine < 0) {
                    continue;
                }
                line = callLine;
                start = oldBody.lastIndexOf('\n', call) + 1;
                end = oldBody.indexOf('\n', call);
                text = oldBody.substring(start, end < 0 ? oldBody.length() : end);
                open = call - start;
            }
            char before = open > 0 ? text.charAt(open - 1) : ' ';
            boolean argument = Character.isLetterOrDigit(before) || before == '_' || before == '!';
            String statement = text.strip();
            // not a return or the arm's own pattern, not a value computed from the error (`let x = f(e)`), which
            // is a conversion, not a report
            if (argument && !statement.startsWith("return") && !statement.startsWith("Err") && !text.contains("=>")
                    && !(statement.contains("let ") && !statement.startsWith("let _ ")) && !text.contains("?")
                    && !RuleSupport.squeezed(pair.newBody()).contains(RuleSupport.squeezed(statement.replaceAll("[;,]$", "")))) {
                return line; // (a statement still in the fn, moved into a one-line arm, is not a removal)
            }
        }
        return -1;
    }
}
