package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PN5 shape kept out of {@link PanickingTwinAdded} so that class stays readable: arithmetic that was done in a
 * wider integer type and then cast ({@code (x as i32 + 1) as u16}) now done after the cast, in the narrow type
 * ({@code x as u16 + 1}). The wide form cannot overflow and the final cast wraps on purpose; the narrow form
 * overflows at the top of the narrow type, and a negative {@code x} cast to an unsigned type is already at the top
 * ({@code -1 as u16} is 65535). crossterm 56ee252f is the reverse of its fix: a console size of -1 panicked.
 */
final class CastArithmeticShapes {

    private static final String INT = "[iu](?:8|16|32|64|128|size)";
    private static final String OPERAND = "[A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*){0,12}";
    /** {@code (x as i32 + 1) as u16}: operand, wide type, operator, right operand, narrow type. */
    private static final Pattern WIDE = Pattern.compile("\\(\\s*(" + OPERAND + ")\\s+as\\s+(" + INT + ")\\s*([-+*])\\s*"
            + "(\\w+)\\s*\\)\\s*as\\s+(" + INT + ")\\b");

    private CastArithmeticShapes() {
    }

    static void arithmeticAfterCast(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                    List<PanickingTwinAdded.Line> added, List<Finding> out) {
        for (PanickingTwinAdded.Line r : removed) {
            Matcher m = WIDE.matcher(r.text());
            while (m.find()) {
                String operand = RuleSupport.squeezed(m.group(1));
                String wide = m.group(2);
                String narrow = m.group(5);
                if (wide.equals(narrow)) {
                    continue;
                }
                Pattern narrowed = Pattern.compile("(?<![\\w.])" + RuleSupport.spacedPath(operand)
                        + "\\s+as\\s+" + narrow + "\\s*" + Pattern.quote(m.group(3)) + "\\s*" + Pattern.quote(m.group(4))
                        + "(?![\\w.])");
                for (PanickingTwinAdded.Line a : added) {
                    if (!narrowed.matcher(a.text()).find()) {
                        continue;
                    }
                    String fn = pair.now().name();
                    String now = operand + " as " + narrow + " " + m.group(3) + " " + m.group(4);
                    String was = "(" + operand + " as " + wide + " " + m.group(3) + " " + m.group(4) + ") as " + narrow;
                    out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                            .object("`" + fn + "`").object(was + " -> " + now)
                            .title("`" + now + "` replaces `" + was + "` in `" + fn + "`")
                            .explanation("Before the change `" + fn + "` did the `" + m.group(3) + " " + m.group(4)
                                    + "` in `" + wide + "` and then cast the result to `" + narrow + "`; now it casts "
                                    + "first and does the arithmetic in `" + narrow + "`. A value at the top of `" + narrow
                                    + "` overflows there (a panic in debug builds, a wrap in release), and a negative "
                                    + "`" + operand + "` cast to an unsigned type is already at the top (`-1 as u16` is "
                                    + "65535): the case the wide form handled now panics.")
                            .check("Keep the arithmetic in `" + wide + "` before the cast, or use `checked_`/"
                                    + "`saturating_` arithmetic on the `" + narrow + "` value.")
                            .build());
                    break;
                }
            }
        }
    }
}
