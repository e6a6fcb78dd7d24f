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
 * ER44: in a clean-up fn, a step whose failure was handled (logged, ignored) made to return its error with
 * {@code ?}, while later steps of the same clean-up follow it: when the first step fails, the rest never runs and
 * what they release leaks. ockam a5400323 reversed: {@code InletSessionReplacer::close} returned on a failed
 * {@code connection.close(..)} and never stopped the inlet worker.
 */
public final class CleanupStopsAtFirstError implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER44", RiskArea.ERRORS, Severity.MEDIUM,
            "clean-up stops at its first error",
            "In a non-test fn named for clean-up (`close`, `shutdown`, `cleanup`, `stop`, `teardown`, `dispose`, "
                    + "`release`, `terminate`, `disconnect` and their `_*` forms), the change adds `step?;` where it "
                    + "removes a line that handled the same call's result without `?` (`let result = step;`, "
                    + "`let _ = step;`, `if let Err(e) = step`), and a later line of the fn still runs another clean-up "
                    + "call (`stop*`, `close*`, `shutdown*`, `remove*`, `abort*`, `cancel*`, `take()`, `release*`, "
                    + "`unregister*`, `delete*`, `kill*`).",
            "It matches the call by its text: a step whose failure really must stop the clean-up reads the same, and "
                    + "a clean-up fn with another name is not read.");

    private static final Pattern CLEANUP_FN = Pattern.compile("(?i)^(?:async_)?(?:close|shutdown|shut_down|clean_?up|stop|"
            + "teardown|tear_down|dispose|release|terminate|disconnect|destroy)(?:_\\w+)?$");
    private static final Pattern TRIED = Pattern.compile("^\\s*(.+?)\\s*\\?\\s*;\\s*$");
    private static final Pattern HANDLED = Pattern.compile("^\\s*(?:let\\s+(?:mut\\s+)?\\w+\\s*(?::[^=]{1,60})?=\\s*(.+?)\\s*;"
            + "|if\\s+let\\s+Err\\s*\\([^)]*\\)\\s*=\\s*(.+?)\\s*\\{|(.+?)\\s*\\.\\s*(?:ok|unwrap_or_default)\\s*\\(\\s*\\)\\s*;)\\s*$");
    private static final Pattern LATER_STEP = Pattern.compile("\\.\\s*(?:stop|close|shutdown|remove|abort|cancel|release|"
            + "unregister|delete|kill)\\w*\\s*\\(|\\.\\s*take\\s*\\(\\s*\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String fn = pair.now().name();
            if (!CLEANUP_FN.matcher(fn).matches()) {
                continue;
            }
            List<String> handled = new ArrayList<>();
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                Matcher h = HANDLED.matcher(r.text());
                if (h.matches()) {
                    String call = h.group(1) != null ? h.group(1) : h.group(2) != null ? h.group(2) : h.group(3);
                    if (call.contains("(")) {
                        handled.add(RuleSupport.squeezed(call));
                    }
                }
            }
            if (handled.isEmpty()) {
                continue;
            }
            ItemOutline after = pair.after();
            int last = after.endLine(pair.now());
            for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(after, pair.now(), file::added)) {
                Matcher t = TRIED.matcher(a.text());
                if (!t.matches() || !handled.contains(RuleSupport.squeezed(t.group(1)))) {
                    continue;
                }
                String later = laterStep(after, a.last() + 1, last);
                if (later == null) {
                    continue;
                }
                String step = RuleSupport.shorten(t.group(1).strip());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.last())
                        .object(fn).object(RuleSupport.squeezed(t.group(1)))
                        .title("`" + fn + "` now stops at a failed `" + step + "` before `"
                                + RuleSupport.shorten(later) + "`")
                        .explanation("Before the change `" + fn + "` handled a failure of `" + step + "` and went on "
                                + "with the rest of the clean-up. Now `?` returns that error at once, so the later "
                                + "steps (`" + RuleSupport.shorten(later) + "`) never run when it fails: what they would "
                                + "stop or release (a worker, a listener, a registration) is left behind.")
                        .check("Run every clean-up step and report the first error at the end, or keep logging this "
                                + "step's failure and carry on.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** The first line from {@code from} to {@code to} that runs another clean-up step, stripped, or null. */
    private static String laterStep(ItemOutline outline, int from, int to) {
        for (int line = from; line <= to; line++) {
            String text = outline.masked().substring(outline.offset(line),
                    Math.max(outline.offset(line), outline.offset(line + 1) - 1));
            if (LATER_STEP.matcher(text).find()) {
                return text.strip();
            }
        }
        return null;
    }
}
