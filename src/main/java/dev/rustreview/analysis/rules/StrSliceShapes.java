package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PN5 shape: a prefix or suffix test on a string ({@code name.strip_prefix("#1/")}, {@code starts_with}) replaced
 * by a byte-range slice of the same string compared with a literal ({@code &name[0..3] == "#1/"}). Slicing a
 * {@code str} panics when the offset falls inside a multi-byte character, whatever length check comes first:
 * goblin 761ffd8b reversed panicked on an archive member named with an emoji.
 */
final class StrSliceShapes {

    private static final Pattern AFFIX = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*){0,4})\\s*\\.\\s*"
            + "(strip_prefix|starts_with|strip_suffix|ends_with)\\s*\\(");
    /** A range index: {@code [0..3]}, {@code [..n]}, {@code [len - 3..]}. */
    private static final String RANGE = "\\[[^\\]\\[;]{0,60}\\.\\.[^\\]\\[;]{0,60}\\]";
    /** A string literal, not a byte string: slicing {@code [u8]} has no character boundaries to split. */
    private static final String LITERAL = "(?<![bc\\w])\"[^\"]*\"";

    private StrSliceShapes() {
    }

    static void affixToByteSlice(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                 List<PanickingTwinAdded.Line> added, List<Finding> out) {
        for (PanickingTwinAdded.Line r : removed) {
            Matcher m = AFFIX.matcher(r.text());
            while (m.find()) {
                String name = Pattern.quote(m.group(1)).replace(".", "\\s*\\.\\s*");
                Pattern sliced = Pattern.compile("&?\\s*(?<![\\w.])" + name + "\\s*" + RANGE + "\\s*[!=]=\\s*" + LITERAL
                        + "|" + LITERAL + "\\s*[!=]=\\s*&?\\s*(?<![\\w.])" + name + "\\s*" + RANGE);
                for (PanickingTwinAdded.Line a : added) {
                    if (a.text().length() > PanickingTwinAdded.MAX_LINE || !sliced.matcher(a.text()).find()) {
                        continue;
                    }
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.last())
                            .object("`" + fn + "`").object(m.group(2) + " -> byte slice")
                            .title("A byte slice of `" + m.group(1) + "` replaces `." + m.group(2) + "(..)` in `" + fn
                                    + "`")
                            .explanation("Before the change `" + fn + "` tested `" + m.group(1) + "` with `."
                                    + m.group(2) + "(..)`, which never panics; the byte range slice that replaces it "
                                    + "panics when its end falls inside a multi-byte character (a name with an "
                                    + "accent or an emoji), even after a length check, since `len()` counts bytes.")
                            .check("Keep `." + m.group(2) + "(..)`, or compare bytes (`" + m.group(1)
                                    + ".as_bytes()[..n] == *b\"..\"`) or use `.get(..n)`.")
                            .build());
                    return;
                }
            }
        }
    }
}
