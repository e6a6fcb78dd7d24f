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
 * ER30: an error branch ({@code Err(e) => { .. }}, {@code if let Err(e) = .. { .. }}) that ends by returning the
 * original error runs a cleanup step with {@code ?} first. When the cleanup fails too, {@code ?} returns the cleanup's
 * error and the original one, the reason the operation failed, is lost. youki 660bc3a0 reversed: a container that
 * failed to start and then failed to clean up reported only the cleanup failure.
 */
public final class OriginalErrorMasked implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER30", RiskArea.ERRORS, Severity.MEDIUM, "cleanup error masks the original",
            "In a non-test fn, a block bound to an error (`Err(e) => {`, `if let Err(e) = .. {`) whose last expression "
                    + "returns that error (`Err(e)`, `return Err(e..)`, `Err(e.into())`) has a statement ending in "
                    + "`?;` before it, on a line the change adds.",
            "It reads the branch as text: a cleanup whose `?` cannot fail in practice, or an error the cleanup "
                    + "wraps with the original as its source, is not told apart.");

    private static final Pattern BRANCH = Pattern.compile("(?:\\bErr\\s*\\(\\s*([a-z_]\\w{0,40})\\s*\\)\\s*=>\\s*"
            + "|\\bif\\s+let\\s+Err\\s*\\(\\s*([a-z_]\\w{0,40})\\s*\\)\\s*=[^{;]{1,200})\\{");
    private static final Pattern TRY = Pattern.compile("\\?\\s*;");
    private static final int MAX_BRANCHES = 64;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || !text.contains("Err")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            String body = after.body(fn);
            Matcher m = BRANCH.matcher(body);
            for (int n = 0; m.find() && n < MAX_BRANCHES; n++) {
                String err = m.group(1) != null ? m.group(1) : m.group(2);
                int open = m.end() - 1;
                int close = RuleSupport.closing(body, open, '{', '}');
                String block = body.substring(open + 1, Math.min(close, body.length()));
                Matcher tail = Pattern.compile("(?:return\\s+)?Err\\s*\\(\\s*" + Pattern.quote(err)
                        + "\\b[^;{}]{0,80}\\)\\s*;?\\s*$").matcher(block);
                if (!tail.find()) {
                    continue;
                }
                Matcher tryAt = TRY.matcher(block); // the tail ends the block: every `?;` is before it
                while (tryAt.find()) {
                    int line = after.line(fn.bodyStart() + open + 1 + tryAt.start());
                    if (!file.added(line)) {
                        continue;
                    }
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                            .object(fn.name()).object(err)
                            .title("A failing cleanup replaces the error `" + err + "` in `" + fn.name() + "`")
                            .explanation("This branch handles the error `" + err + "` and ends by returning it, but "
                                    + "first runs a step with `?` (line " + line + "). If that step fails too, `?` "
                                    + "returns its error instead, and `" + err + "`, the reason the operation "
                                    + "failed, never reaches the caller or the logs.")
                            .check("Run the cleanup without `?` and keep both errors (log the cleanup's, or "
                                    + "return an error that carries both), so the original failure is not lost.")
                            .build());
                    break;
                }
            }
        }
        return out;
    }
}
