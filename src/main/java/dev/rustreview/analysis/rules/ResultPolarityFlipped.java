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

/**
 * ER26: the change replaces a line by the same line with {@code is_ok()} and {@code is_err()} swapped, so the code
 * now tests the opposite outcome of the same call. sentry-rust 16baf61c reversed: {@code flush} returned
 * {@code receiver.recv_timeout(timeout).is_err()}, {@code true} exactly when the flush timed out. A swap made on
 * purpose is as short as one made by mistake, and neither the compiler nor a test of the happy path tells them
 * apart; the reviewer has to say which outcome the callers expect.
 */
public final class ResultPolarityFlipped implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER26", RiskArea.ERRORS, Severity.MEDIUM, "success check inverted",
            "In a non-test fn, a line the change adds is a line it removes with `.is_ok()` and `.is_err()` swapped "
                    + "and nothing else changed (whitespace aside), so it now tests the opposite outcome of the same "
                    + "call. An equivalent rewrite (`!x.is_ok()` to `x.is_err()`) is not a swap and is not reported.",
            "It compares line texts: a swap split over several lines or made together with other edits to the "
                    + "line is not seen, and it cannot tell an intended inversion (the fn's meaning changed too) from "
                    + "a mistaken one.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || file.newText() == null
                || !file.newText().contains(".is_ok()") && !file.newText().contains(".is_err()")) {
            return out;
        }
        Set<String> removed = new HashSet<>(AddedLines.removedNormal(file));
        for (AddedLines.Line line : AddedLines.of(file)) {
            String now = line.text().replaceAll("\\s+", "");
            if (!now.contains(".is_ok()") && !now.contains(".is_err()")) {
                continue;
            }
            String before = swapped(now);
            // Both texts removed and one added back is a line kept while its twin went, not a swap.
            if (removed.contains(before) && !removed.contains(now)) {
                out.add(finding(file, line, now.contains(".is_err()") ? "is_err" : "is_ok"));
            }
        }
        return out;
    }

    /** The line with every {@code .is_ok()} and {@code .is_err()} exchanged. */
    private static String swapped(String line) {
        return line.replace(".is_ok()", ".\u0000()").replace(".is_err()", ".is_ok()").replace(".\u0000()", ".is_err()");
    }

    private static Finding finding(ChangedFile file, AddedLines.Line line, String now) {
        String was = now.equals("is_err") ? "is_ok" : "is_err";
        String fn = line.fn().name();
        return FindingBuilder.lines(INFO, file, Side.NEW, line.number(), line.number())
                .object(fn).object(line.text().strip())
                .title("`" + fn + "` now tests `." + now + "()` where it tested `." + was + "()`")
                .explanation("Line " + line.number() + " is the line it replaces with `." + was + "()` turned into `."
                        + now + "()`: the same call, the opposite outcome. Every success is now treated as a failure "
                        + "and every failure as a success (sentry-rust's `flush` returned `true` exactly when the "
                        + "flush timed out).")
                .check("Confirm which outcome the callers of `" + fn + "` expect (its doc comment, the name of what it "
                        + "returns); an intended inversion usually changes that name or comment too.")
                .build();
    }
}
