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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AL40: a timeout check with one negation added or removed. {@code if !info.has_received && info.connected_at +
 * info.timeout <= Instant::now()} lost its {@code !}: peers that never answered are never timed out (each holds its
 * entry and its connection forever) while peers that did answer are disconnected once the deadline passes.
 * tentacle e1017bef reversed. The toggle is found as ER26 finds it on error tests ({@link ResultPolarityFlipped}).
 */
public final class TimeoutCheckInverted implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL40", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM, "timeout check inverted",
            "In a non-test fn, a line the change adds is a line it removes with one negation `!` added or removed and "
                    + "nothing else changed, and the line compares with a deadline or the clock (`Instant::now()`, "
                    + "`.elapsed()`, `deadline`, `timeout`, `expired`).",
            "It compares line texts: an intended inversion (the meaning of the flag changed too) is not told apart.");

    private static final Pattern TIMED = Pattern.compile("(?i)Instant::now\\(\\)|\\.elapsed\\(\\)|deadline|timeout|"
            + "timed_out|expired");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || file.newText() == null) {
            return out;
        }
        for (AddedLines.Line line : NegationToggles.in(file,
                l -> TIMED.matcher(l.text().replaceAll("\\s+", "")).find(), 8)) {
            String fn = line.fn().name();
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line.number(), line.number())
                    .object(fn).object(line.text().strip())
                    .title("`" + fn + "` now tests the opposite condition beside a deadline: a `!` added or removed")
                    .explanation("Line " + line.number() + " is the line it replaces with one negation added or taken "
                            + "away, on a condition that also compares with the clock or a deadline. What times out "
                            + "is now the other set: the entries that should expire (a peer that never answered, a "
                            + "request never completed) stay forever and hold their resources, while the healthy ones "
                            + "are cut off when the deadline passes.")
                    .check("Confirm which entries the timeout must catch; an intended inversion usually renames the "
                            + "flag or changes the comment next to it.")
                    .build());
        }
        return out;
    }
}
