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
 * ER31: a {@code match call(..) { .. Err(e) => .. e .. }} that did something with the error replaced by
 * {@code call(..).ok()}: the failure becomes a {@code None} that reads like "absent". pixi 490338d2 reversed treated
 * an unparsable {@code requires-pixi} specifier as satisfied instead of reporting it.
 */
public final class ErrorMatchReplacedByOk implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER31", RiskArea.ERRORS, Severity.MEDIUM, "matched error replaced by `.ok()`",
            "In a non-test fn that stays, the change removes `match f(..) {` whose `Err(e) =>` arm used `e` (returned "
                    + "it, wrapped it, reported it) and adds `f(..).ok()` (also `.ok()?`) for the same callee, or "
                    + "`let Ok(v) = <the same scrutinee> else { .. }`: the error the arm handled is now a `None` or a "
                    + "skipped turn.",
            "It pairs the two by the callee's path (a `let .. else` by the whole scrutinee's text) in one fn; an "
                    + "error the arm only ignored (`Err(_)`) is not reported, and a `None` the callers treat as a "
                    + "failure is not told apart.");

    /** {@code match VersionSpec::from_str(spec_str, ..) {}: the callee path. */
    private static final Pattern MATCHED_CALL = Pattern.compile(
            "\\bmatch\\s+((?:[A-Za-z_]\\w*\\s*(?:::|\\.)\\s*){0,6}[A-Za-z_]\\w*)\\s*(?:::\\s*<[^;{}]{0,80}>\\s*)?\\([^;{}]{0,200}\\)\\s*\\{");
    /** {@code match provider.call(tx).await {}: the whole scrutinee, for a {@code let Ok(..) = .. else} of it. */
    private static final Pattern MATCHED_EXPR = Pattern.compile("\\bmatch\\s+([^;{}]{1,200}?)\\s*\\{");
    /** {@code let Ok(result) = provider.call(tx).await else {}: the scrutinee. */
    private static final Pattern LET_OK_ELSE = Pattern.compile(
            "\\blet\\s+Ok\\s*\\([^;={}]{0,80}\\)\\s*=\\s*([^;{}]{1,200}?)\\s+else\\s*\\{");
    private static final Pattern ERR_ARM = Pattern.compile("\\bErr\\s*\\(\\s*([a-z_]\\w*)\\s*\\)\\s*=>");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = pair.oldBody();
            String now = pair.newBody();
            if (!was.contains("Err") || !now.contains(".ok") && !now.contains("Ok")) {
                continue;
            }
            Finding letElse = letElse(file, pair);
            if (letElse != null) {
                out.add(letElse);
                continue;
            }
            Matcher m = MATCHED_CALL.matcher(was);
            while (m.find()) {
                if (!pair.removedAt(file, m.start())
                        || !errorUsed(was, m.end() - 1)) {
                    continue;
                }
                String callee = m.group(1).replaceAll("\\s+", "");
                Matcher ok = Pattern.compile("(?<![\\w.:])" + RuleSupport.spacedPath(callee).replace("::", "\\E\\s*::\\s*\\Q")
                        + "\\s*(?:::\\s*<[^;{}]{0,80}>\\s*)?\\([^;{}]{0,200}?\\)\\s*\\.\\s*ok\\s*\\(\\s*\\)").matcher(now);
                Finding f = null;
                while (ok.find() && f == null) {
                    int line = pair.after().line(pair.now().bodyStart() + ok.start());
                    if (file.added(line)) {
                        f = finding(file, pair.now().name(), callee, line);
                    }
                }
                if (f != null) {
                    out.add(f);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * A removed {@code match X {} whose {@code Err(e)} arm used {@code e}, where an added line binds
     * {@code let Ok(..) = X else {} on the same scrutinee (alloy 5e322dea reversed: every failed call was skipped
     * and the search reported "not found" when the RPC was down).
     */
    private static Finding letElse(ChangedFile file, ItemOutline.FnPair pair) {
        String was = pair.oldBody();
        String now = pair.newBody();
        Matcher let = LET_OK_ELSE.matcher(now);
        while (let.find()) {
            int line = pair.after().line(pair.now().bodyStart() + let.start());
            if (!file.added(line)) {
                continue;
            }
            String scrutinee = compact(let.group(1));
            Matcher m = MATCHED_EXPR.matcher(was);
            while (m.find()) {
                if (compact(m.group(1)).equals(scrutinee)
                        && pair.removedAt(file, m.start())
                        && errorUsed(was, m.end() - 1)) {
                    String shown = scrutinee.length() > 60 ? scrutinee.substring(0, 57) + "..." : scrutinee;
                    return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                            .object(pair.now().name()).object(scrutinee + " error -> else")
                            .title("`let Ok(..) = " + shown + " else` drops the error `" + pair.now().name()
                                    + "` used to handle")
                            .explanation("Before the change `" + pair.now().name() + "` matched `" + shown
                                    + "` and did something with the error (returned it, kept it, reported it); now "
                                    + "`let Ok(..) = .. else` takes the `else` branch for every failure without "
                                    + "seeing it, so a failure (a connection down, bad input) looks the same as a "
                                    + "result that was simply not there.")
                            .check("Keep the error: match it, or record it before skipping and report it when "
                                    + "nothing succeeded.")
                            .build();
                }
            }
        }
        return null;
    }

    private static String compact(String s) {
        return s.replaceAll("\\s+", "");
    }

    /** Whether the match block opening at {@code open} has an {@code Err(e) =>} arm that names {@code e} again. */
    private static boolean errorUsed(String body, int open) {
        int close = RuleSupport.closing(body, open, '{', '}');
        String block = body.substring(open, Math.max(open, close));
        Matcher arm = ERR_ARM.matcher(block);
        while (arm.find()) {
            String name = arm.group(1);
            String rest = block.substring(arm.end(), Math.min(block.length(), arm.end() + 400));
            if (Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "(?!\\w)").matcher(rest).find()) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(ChangedFile file, String fn, String callee, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(callee + " error -> None")
                .title("`" + callee + "(..).ok()` drops the error `" + fn + "` used to handle")
                .explanation("Before the change `" + fn + "` matched the result of `" + callee + "` and did something "
                        + "with the error (returned it, wrapped it, reported it); now `.ok()` turns it into `None`, "
                        + "which the code after it treats like a value that is simply absent. Bad input that was "
                        + "reported is now silently accepted or skipped.")
                .check("Keep the error: propagate it with `?` or `map_err`, or report it before falling back.")
                .build();
    }
}
