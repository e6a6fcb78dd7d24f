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
 * PN27: {@code x[..x.len() - 1]} or {@code x[x.len() - 1]} with nothing in the fn before it that tells {@code x} is
 * not empty: on an empty value {@code len() - 1} underflows and the code panics. opendal 4fc03962 reversed: upyun's
 * {@code create_dir} cut the trailing slash of a path that is empty for the service's root.
 */
public final class LastElementUnchecked implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN27", RiskArea.PANICS, Severity.MEDIUM,
            "last element taken without an emptiness check",
            "A line the change adds in a non-test fn indexes or slices `x` by `x.len() - 1` (`&x[..x.len() - 1]`, "
                    + "`x[x.len() - 1]`), and nothing in the fn before it names `x` with `is_empty`, `ends_with`, "
                    + "`starts_with`, `last`, `pop`, `strip_suffix` or a comparison of `x.len()`.",
            "It reads the fn, not its callers: a caller that never passes an empty value, or a check in a helper, "
                    + "is not seen.",
            "indexing_slicing", "arithmetic_side_effects");

    private static final Pattern CUT = Pattern.compile(
            "(?<![\\w.])((?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}[A-Za-z_]\\w*)\\s*\\[\\s*(?:\\.\\.\\s*)?((?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}[A-Za-z_]\\w*)"
                    + "\\s*\\.\\s*len\\s*\\(\\s*\\)\\s*-\\s*1\\s*\\]");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (ItemOutline.AddedMatch at : ItemOutline.addedMatches(file, CUT)) {
            ItemOutline.Item fn = at.fn();
            MatchResult cut = at.match();
            String x = cut.group(1).replaceAll("\\s+", "");
            if (reported.contains(fn.key()) || !x.equals(cut.group(2).replaceAll("\\s+", ""))
                    || checked(at.body().substring(0, cut.start()), x)) {
                continue;
            }
            reported.add(fn.key());
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, at.line(), at.line())
                    .object(fn.name()).object(x)
                    .title("`" + x + ".len() - 1` with no emptiness check in `" + fn.name() + "`")
                    .explanation("Nothing in `" + fn.name() + "` before this line tells `" + x + "` has an "
                            + "element: when it is empty, `" + x + ".len() - 1` underflows (a panic in debug "
                            + "builds, `usize::MAX` in release) and the index or slice panics.")
                    .check("Use `strip_suffix`/`trim_end_matches`, `split_last()` or `last()`, or return early "
                            + "when `" + x + "` is empty.")
                    .build());
        }
        return out;
    }

    /** Whether {@code before} names {@code x} in a way that tells it is not empty (or reads it safely). */
    private static boolean checked(String before, String x) {
        String name = RuleSupport.spacedPath(x);
        return Pattern.compile("(?<![\\w.])" + name + "\\s*\\.\\s*(?:is_empty|ends_with|starts_with|last|pop|"
                        + "strip_suffix|split_last|first)\\s*\\(|(?<![\\w.])" + name + "\\s*\\.\\s*len\\s*\\(\\s*\\)\\s*"
                        + "(?:[<>]=?|[=!]=)|(?:[<>]=?|[=!]=)\\s*" + name + "\\s*\\.\\s*len\\s*\\(")
                .matcher(before).find();
    }
}
