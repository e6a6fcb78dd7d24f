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
 * PN26: the change removes what kept an index inside a collection ({@code % xs.len()}, {@code .min(xs.len() - 1)},
 * {@code .clamp(.., xs.len() - 1)}) while the fn still indexes {@code xs[..]}. prodash 205a0ef4 reversed: a progress
 * bar's block index came from a rounded float and could reach past the 8 entries of {@code BLOCK_SECTIONS}. The
 * same for a length comparison: ast-grep 88fdab2d reversed moved {@code source.as_bytes()[len]} out of
 * {@code if source.len() > len && ..}, where {@code len} could equal the length.
 */
public final class IndexReductionRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN26", RiskArea.PANICS, Severity.MEDIUM,
            "index no longer kept inside the collection",
            "In a non-test fn that stays, the change removes `% xs.len()`, `.min(xs.len() - 1)` or "
                    + "`.clamp(.., xs.len() - 1)` from a line, no such bound on `xs` is left in the fn, and the fn "
                    + "still indexes `xs[..]`; or it removes a comparison of `xs.len()` with `i` (`xs.len() > i`, "
                    + "`i < xs.len()`, also as one `&&` operand), the fn no longer compares the two, and a line it adds "
                    + "indexes `xs[i]` (or `xs.as_bytes()[i]`).",
            "It follows the collection by name: a bound moved into a helper, or a length held in a variable, is not "
                    + "followed; and it reads indexes on the lines the change adds (a guard clause deleted in front "
                    + "of an index the change leaves alone, `if i >= v.len() { return .. }` before `v[i]`, is PN11's).",
            "indexing_slicing");

    private static final String NAME = "([A-Za-z_][\\w.]{0,80}?)";
    private static final String LEN = "\\s*\\.\\s*len\\s*\\(\\s*\\)";
    private static final Pattern REDUCTION = Pattern.compile("%\\s*" + NAME + LEN
            + "|\\.\\s*min\\s*\\(\\s*" + NAME + LEN + "\\s*-\\s*1\\s*\\)"
            + "|\\.\\s*clamp\\s*\\([^,()]{1,40},\\s*" + NAME + LEN + "\\s*-\\s*1\\s*\\)");

    private static final String PATH = "([A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*){0,6})";
    /** {@code xs.len() > i} or {@code i < xs.len()}, any of the four orderings; groups 1-2 and 3-4 are xs and i. */
    private static final Pattern LEN_COMPARED = Pattern.compile("(?<![\\w.])" + PATH + LEN + "\\s*[<>]=?\\s*" + PATH
            + "(?![\\w(.])|(?<![\\w.])" + PATH + "\\s*[<>]=?\\s*" + PATH + LEN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Set<String> dropped = new LinkedHashSet<>();
            Matcher was = REDUCTION.matcher(pair.oldBody());
            while (was.find()) {
                dropped.add(name(was)); // the ones still in the new body are taken out below
            }
            Matcher now = REDUCTION.matcher(pair.newBody());
            while (now.find() && !dropped.isEmpty()) {
                dropped.remove(name(now));
            }
            for (String xs : dropped) {
                Matcher index = Pattern.compile("(?<![\\w.])" + Pattern.quote(xs) + "\\s*\\[(?!\\s*\\.\\.)")
                        .matcher(pair.newBody());
                int line = -1;
                while (index.find()) {
                    int at = pair.after().line(pair.now().bodyStart() + index.start());
                    if (line < 0 || file.added(at)) {
                        line = at;
                    }
                    if (file.added(at)) {
                        break;
                    }
                }
                if (line > 0) {
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                            .object(pair.now().name()).object(xs)
                            .title("`" + xs + "[..]` indexed without the bound the change removed in `"
                                    + pair.now().name() + "`")
                            .explanation("Before the change the index into `" + xs + "` was brought inside its "
                                    + "length (`% " + xs + ".len()` or a `min`/`clamp`). Now nothing bounds it in "
                                    + "this fn: a value one past the end (a rounded float, an overflowed counter) "
                                    + "panics with \"index out of bounds\".")
                            .check("Keep the bound, or show where the index is proven below `" + xs + ".len()`; "
                                    + "`get(i)` makes the miss a value to handle.")
                            .build());
                    break;
                }
            }
            lengthCheckRemoved(file, pair, out);
        }
        return out;
    }

    private static void lengthCheckRemoved(ChangedFile file, ItemOutline.FnPair pair, List<Finding> out) {
        List<PanickingTwinAdded.Line> added = PanickingTwinAdded.lines(pair.after(), pair.now(), file::added);
        if (added.isEmpty()) {
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
            Matcher m = LEN_COMPARED.matcher(r.text());
            while (m.find()) {
                String xs = compact(m.group(1) != null ? m.group(1) : m.group(4));
                String i = compact(m.group(1) != null ? m.group(2) : m.group(3));
                if (i.equals(xs) || !seen.add(xs + "[" + i + "]") || seen.size() > 32
                        || compares(pair.newBody(), xs, i)) {
                    continue;
                }
                Pattern index = Pattern.compile("(?<![\\w.])" + spaced(xs) + "(?:\\s*\\.\\s*as_bytes\\s*\\(\\s*\\))?"
                        + "\\s*\\[\\s*" + spaced(i) + "\\s*\\]");
                for (PanickingTwinAdded.Line a : added) {
                    Matcher at = index.matcher(a.text());
                    if (!at.find()) {
                        continue;
                    }
                    String indexed = compact(at.group()); // as written: `self.source.as_bytes()[len]`
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                            .object(fn).object(xs + "[" + i + "]")
                            .title("`" + indexed + "` no longer checked against `" + xs + ".len()` in `" + fn + "`")
                            .explanation("Before the change `" + fn + "` compared `" + i + "` with `" + xs
                                    + ".len()` before it indexed; the change removes that comparison and this line "
                                    + "indexes `" + indexed + "` with nothing in the fn bounding `" + i + "`. When `"
                                    + i + "` reaches the length (a search that found nothing and fell back to "
                                    + "`len()`, input that ends early) it panics with \"index out of bounds\".")
                            .check("Keep the comparison, or show where `" + i + "` is proven below `" + xs
                                    + ".len()`; `get(" + i + ")` makes the miss a value to handle.")
                            .build());
                    break;
                }
            }
        }
    }

    /** Whether {@code body} compares {@code xs.len()} with {@code i} in either order. */
    private static boolean compares(String body, String xs, String i) {
        String len = spaced(xs) + LEN;
        String other = "(?<![\\w.])" + spaced(i) + "(?![\\w(.])";
        return Pattern.compile("(?<![\\w.])" + len + "\\s*[<>]=?\\s*" + other + "|" + other + "\\s*[<>]=?\\s*"
                + "(?<![\\w.])" + len).matcher(body).find();
    }

    private static String compact(String path) {
        return path.replaceAll("\\s+", "");
    }

    /** A dotted path as a pattern that allows whitespace around its dots. */
    private static String spaced(String path) {
        StringBuilder out = new StringBuilder();
        for (String part : path.split("\\.")) {
            out.append(out.isEmpty() ? "" : "\\s*\\.\\s*").append(Pattern.quote(part));
        }
        return out.toString();
    }

    private static String name(Matcher m) {
        for (int g = 1; g <= 3; g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return "";
    }
}
