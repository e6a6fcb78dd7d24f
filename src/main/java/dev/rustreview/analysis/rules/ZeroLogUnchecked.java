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
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * PN28: {@code x.ilog10()}, {@code ilog2()} or {@code ilog(b)} with nothing in the fn before it that keeps {@code x}
 * away from zero: the integer logarithms panic on 0. gitbutler 0fad1dc2 reversed: {@code num_digits(0)} panicked on a
 * line count of zero.
 */
public final class ZeroLogUnchecked implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN28", RiskArea.PANICS, Severity.MEDIUM,
            "integer logarithm of a value that can be zero",
            "A line the change adds in a non-test fn calls `x.ilog10()`, `x.ilog2()` or `x.ilog(b)` on a name or "
                    + "field path, and nothing in the fn before it compares `x` with 0 or 1, clamps it (`max(1)`), "
                    + "declares it `NonZero*`, or binds it to a value that cannot be zero (`.next_power_of_two()`, "
                    + "`| MASK`, `+ 1`).",
            "It reads the fn, not its callers: a caller that never passes zero is not seen.",
            "arithmetic_side_effects");

    private static final Pattern LOG = Pattern.compile(
            "(?<![\\w.])((?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}[A-Za-z_]\\w*)\\s*\\.\\s*(ilog10|ilog2|ilog)\\s*\\(");

    /**
     * A value that cannot be zero by how it is built: a power of two, an OR with a non-zero mask, a {@code max} with
     * a positive bound, a {@code + 1} (tokio's timer wheel: {@code elapsed ^ when | SLOT_MASK}; its histogram:
     * {@code requested.next_power_of_two()}).
     */
    private static final String NON_ZERO = "[^;]{0,200}?(?:\\.\\s*next_power_of_two\\s*\\(\\s*\\)|\\|\\s*(?:[A-Z][A-Z0-9_]*|[1-9]\\d*)\\b"
            + "|\\.\\s*max\\s*\\(\\s*[1-9]|\\+\\s*1\\b)[^;]{0,200}?;";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (ItemOutline.AddedMatch at : ItemOutline.addedMatches(file, LOG)) {
            ItemOutline.Item fn = at.fn();
            MatchResult log = at.match();
            String x = log.group(1).replaceAll("\\s+", "");
            if (reported.contains(fn.key()) || kept(fn.header() + at.body().substring(0, log.start()), x)) {
                continue;
            }
            reported.add(fn.key());
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, at.line(), at.line())
                    .object(fn.name()).object(x)
                    .title("`" + x + "." + log.group(2) + "()` panics when `" + x + "` is 0 in `" + fn.name() + "`")
                    .explanation("The integer logarithms panic on zero (\"argument of integer logarithm must be "
                            + "positive\"), and nothing in `" + fn.name() + "` before this line keeps `" + x
                            + "` above it: a count, a length or a line number of 0 reaches the call.")
                    .check("Handle zero first (`if " + x + " == 0 { .. }`), or use `checked_" + log.group(2)
                            + "` and decide what zero means.")
                    .build());
        }
        return out;
    }

    private static boolean kept(String before, String x) {
        String name = RuleSupport.spacedPath(x);
        if (Pattern.compile("\\blet\\s+(?:mut\\s+)?" + name + "\\s*(?::[^=;]{1,60})?=" + NON_ZERO).matcher(before).find()) {
            return true;
        }
        return Pattern.compile("(?<![\\w.])" + name + "\\s*(?:[=!]=|>=?|<=?)\\s*[01]\\b|\\b[01]\\s*(?:[=!]=|<=?|>=?)\\s*"
                        + name + "(?![\\w.])|(?<![\\w.])" + name + "\\s*\\.\\s*max\\s*\\(|(?<![\\w.])" + name
                        + "\\s*:\\s*(?:std::num::|core::num::)?NonZero")
                .matcher(before).find();
    }
}
