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

    /**
     * {@code s.floor_char_boundary(n)}, {@code ceil_char_boundary}, {@code is_char_boundary}: a boundary-aware cut
     * (after a range's {@code ..} too: {@code &s[..s.floor_char_boundary(n)]}).
     */
    private static final Pattern BOUNDARY = Pattern.compile("(?<!\\w)(?<!(?<!\\.)\\.)([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*){0,4})\\s*\\.\\s*"
            + "(floor_char_boundary|ceil_char_boundary|is_char_boundary)\\s*\\(");

    private StrSliceShapes() {
    }

    /**
     * A cut that found a character boundary first ({@code &s[..s.floor_char_boundary(max)]}) replaced by a byte
     * slice of the same string ({@code &s[..max]}): influxdb 92133efb reversed panicked logging a client's header
     * cut inside a multi-byte character.
     */
    static void boundaryToByteSlice(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                    List<PanickingTwinAdded.Line> added, List<Finding> out) {
        for (PanickingTwinAdded.Line r : removed) {
            Matcher m = BOUNDARY.matcher(r.text());
            while (m.find()) {
                String name = Pattern.quote(m.group(1)).replace(".", "\\E\\s*\\.\\s*\\Q");
                Pattern sliced = Pattern.compile("(?<![\\w.])" + name + "\\s*(" + RANGE + ")");
                for (PanickingTwinAdded.Line a : added) {
                    Matcher cut = sliced.matcher(a.text());
                    if (a.text().length() > PanickingTwinAdded.MAX_LINE || !cut.find()
                            || cut.group(1).contains("char_boundary") || a.text().contains("char_boundary")) {
                        continue;
                    }
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.last())
                            .object("`" + fn + "`").object(m.group(2) + " -> byte slice")
                            .title("`" + m.group(1) + cut.group(1).replaceAll("\\s+", "") + "` no longer finds a "
                                    + "character boundary in `" + fn + "`")
                            .explanation("Before the change `" + fn + "` moved the cut to a character boundary with `."
                                    + m.group(2) + "(..)`; the byte slice that replaces it panics when the offset falls "
                                    + "inside a multi-byte character (\"byte index is not a char boundary\"), which "
                                    + "any input with an accent, a CJK character or an emoji can make happen.")
                            .check("Keep `." + m.group(2) + "(..)`, or cut with `char_indices()`/`.get(..n)`.")
                            .build());
                    return;
                }
            }
        }
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
