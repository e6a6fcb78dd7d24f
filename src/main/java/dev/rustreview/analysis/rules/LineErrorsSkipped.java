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
 * ER28: {@code reader.lines()} with its errors filtered out ({@code .filter_map(Result::ok)}, {@code .flatten()},
 * {@code .filter_map(|l| l.ok())}). {@code BufRead::lines} yields {@code Err} and carries on, and a reader that fails
 * on every read (a directory opened as a file, a dead device) fails forever: the iterator never ends, and the loop
 * that consumes it spins. starship 006fbf0dd reversed: an AWS credentials path that was a directory hung the prompt.
 * str's {@code lines()} yields no {@code Result}, so these adapters do not compile on it: the shape alone tells them
 * apart.
 */
public final class LineErrorsSkipped implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER28", RiskArea.ERRORS, Severity.MEDIUM, "`lines()` errors skipped",
            "A line the change adds in a non-test fn follows `.lines()` with `.filter_map(Result::ok)`, "
                    + "`.filter_map(|l| l.ok())`, `.flatten()` or `.flat_map(Result::ok)`: every read error is skipped, "
                    + "and a reader that keeps failing makes the iterator endless.",
            "It reads the chain as written: lines bound to a variable and filtered later, or a custom line iterator, "
                    + "are not seen.",
            "lines_filter_map_ok");

    private static final Pattern SKIPPED = Pattern.compile("\\.\\s*lines\\s*\\(\\s*\\)\\s*\\.\\s*(?:"
            + "(filter_map|flat_map)\\s*\\(\\s*(?:Result\\s*::\\s*ok|\\|\\s*\\w{1,40}\\s*\\|\\s*\\w{1,40}\\s*\\.\\s*ok\\s*\\(\\s*\\))\\s*\\)"
            + "|(flatten)\\s*\\(\\s*\\))");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || !file.isRust() || file.isTestPath() || !text.contains("lines()")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            Matcher m = SKIPPED.matcher(after.body(fn));
            while (m.find()) {
                int first = after.line(fn.bodyStart() + m.start());
                int last = after.line(fn.bodyStart() + m.end() - 1);
                if (!file.anyAdded(first, last)) {
                    continue;
                }
                String adapter = m.group(1) != null ? m.group(1) : m.group(2);
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, first, last)
                        .object(fn.name()).object(adapter)
                        .title("`lines()` read errors skipped with `" + adapter + "` in `" + fn.name() + "`")
                        .explanation("`BufRead::lines` yields an `Err` for a failed read and keeps going; `" + adapter
                                + "` drops each one. A reader that fails every time (the path is a directory, the "
                                + "device or pipe is gone) then yields errors forever, and this iterator never ends: "
                                + "the code that consumes it spins instead of reporting the failure.")
                        .check("Stop at the first error (`.map_while(Result::ok)`, or collect into a "
                                + "`Result<Vec<_>, _>` and use `?`), or read the whole input first.")
                        .build());
            }
        }
        return out;
    }
}
