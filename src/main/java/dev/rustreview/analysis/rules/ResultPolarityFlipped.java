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
                    + "call (an equivalent rewrite, `!x.is_ok()` to `x.is_err()`, is not a swap and is not reported); "
                    + "or with one negation `!` added or removed and nothing else changed, where that line or the three "
                    + "after it test an error or failure (`err`, `ERR`, `fail`); a guard clause turned around (`if !x "
                    + "{ handle }` to `if x { return ..; }` with the handling after it) is the same test and is not "
                    + "reported.",
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
        if (file.oldText() == null || file.newText() == null) {
            return out;
        }
        Set<Integer> toggled = new HashSet<>();
        String[] newLines = file.newText().split("\n", -1);
        for (AddedLines.Line line : NegationToggles.in(file, l -> testsFailure(newLines, l.number()), 8)) {
            out.add(negated(file, line));
            toggled.add(line.number());
        }
        Set<String> removed = new HashSet<>(AddedLines.removedNormal(file));
        for (AddedLines.Line line : AddedLines.of(file)) {
            String now = line.text().replaceAll("\\s+", "");
            if (toggled.contains(line.number())) {
                continue;
            }
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

    private static final Pattern FAILURE = Pattern.compile("(?i)err|fail");

    /** Whether the line or the three after it (a condition over several lines) test an error or a failure. */
    private static boolean testsFailure(String[] lines, int number) {
        for (int i = number - 1; i < Math.min(lines.length, number + 3); i++) {
            if (i >= 0 && lines[i].length() <= 400 && FAILURE.matcher(lines[i]).find()) {
                return true;
            }
        }
        return false;
    }

    private static Finding negated(ChangedFile file, AddedLines.Line line) {
        String fn = line.fn().name();
        return FindingBuilder.lines(INFO, file, Side.NEW, line.number(), line.number())
                .object(fn).object(line.text().strip())
                .title("`" + fn + "` now tests the opposite of an error check: a `!` added or removed")
                .explanation("Line " + line.number() + " is the line it replaces with one negation added or taken away, "
                        + "and what it tests is an error or a failure (`POLLERR`, `err`, `failed`). The branch that "
                        + "handled the failure now runs on success and the other way round (fuser 1a7842ef reversed: "
                        + "`is_mounted` reported a dead FUSE connection as mounted, and teardown unmounted whatever "
                        + "was mounted at that path).")
                .check("Confirm which outcome the code after this test expects; an intended inversion usually "
                        + "changes the names or comments around it too.")
                .build();
    }
}
