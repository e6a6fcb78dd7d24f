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

    /** {@code (micros / 1000) as u32}: a computation whose result is cast to a 32-bit or narrower type. */
    private static final Pattern CAST_RESULT = Pattern.compile("\\(([^()]*(?:\\([^()]*\\)[^()]*)*)\\)\\s*as\\s+"
            + "([iu](?:8|16|32))\\b");
    /** {@code secs as u32 * 1000}: a value cast to that type and then multiplied by a literal. */
    private static final Pattern CAST_THEN_MULTIPLIED = Pattern.compile("(?<![\\w.])(" + OPERAND + ")\\s+as\\s+"
            + "([iu](?:8|16|32))\\s*\\*\\s*([1-9][\\d_]*)\\b");

    private CastArithmeticShapes() {
    }

    /**
     * A computation cast to a narrow type after it was done ({@code (self.as_micros() / 1000) as u32}, which wraps on
     * purpose) replaced by a cast and then a multiplication in that type ({@code self.tp.tv_sec as u32 * 1000}), which
     * overflows: smithay 7b46d1dd reversed panicked in debug builds after about 50 days of uptime.
     */
    static void multipliedAfterCast(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                    List<PanickingTwinAdded.Line> added, List<Finding> out) {
        for (PanickingTwinAdded.Line r : removed) {
            Matcher m = CAST_RESULT.matcher(r.text());
            while (m.find()) {
                if (!m.group(1).matches(".*[-+*/%].*")) {
                    continue;
                }
                String narrow = m.group(2);
                for (PanickingTwinAdded.Line a : added) {
                    Matcher n = CAST_THEN_MULTIPLIED.matcher(a.text());
                    if (!n.find() || !n.group(2).equals(narrow) || n.group(3).replace("_", "").equals("1")) {
                        continue;
                    }
                    String fn = pair.now().name();
                    String was = "(" + RuleSupport.shorten(m.group(1).strip()) + ") as " + narrow;
                    String now = RuleSupport.squeezed(n.group(1)) + " as " + narrow + " * " + n.group(3);
                    out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                            .object("`" + fn + "`").object(was + " -> " + now)
                            .title("`" + now + "` replaces `" + was + "` in `" + fn + "`")
                            .explanation("Before the change `" + fn + "` computed in the source type and cast the "
                                    + "result to `" + narrow + "`; now it casts `" + RuleSupport.squeezed(n.group(1))
                                    + "` to `" + narrow + "` first and multiplies there. Any value above `" + narrow
                                    + "::MAX / " + n.group(3) + "` overflows (a panic in debug builds, a wrong value in "
                                    + "release): a clock, a counter or a size reaches it in time.")
                            .check("Multiply in the wider type and cast the result (`(x * " + n.group(3) + ") as "
                                    + narrow + "`), or use `checked_mul`/`wrapping_mul` and say which is meant.")
                            .build());
                    return;
                }
            }
        }
    }

    /** {@code input_len as u64 * 110}: a value widened to 64 bits or more, then multiplied by a literal. */
    private static final Pattern WIDENED_PRODUCT = Pattern.compile("(?<![\\w.])(" + OPERAND + ")\\s+as\\s+"
            + "([iu](?:64|128))\\s*\\*\\s*([1-9][\\d_]*)\\b");

    /**
     * A multiplication that was done in a 64-bit type ({@code (input_len as u64 * 110 / 100) as usize}) done in the
     * operand's own type after the change ({@code input_len * 110 / 100}): lz4_flex 2991a09b reversed overflowed
     * {@code usize} on 32-bit targets (wasm32) for inputs over about 39 MB.
     */
    static void wideningDropped(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                List<PanickingTwinAdded.Line> added, List<Finding> out) {
        for (PanickingTwinAdded.Line r : removed) {
            Matcher m = WIDENED_PRODUCT.matcher(r.text());
            while (m.find()) {
                String operand = RuleSupport.squeezed(m.group(1));
                String factor = m.group(3);
                Pattern plain = Pattern.compile("(?<![\\w.])" + Pattern.quote(operand).replace(".", "\\E\\s*\\.\\s*\\Q")
                        + "\\s*\\*\\s*" + Pattern.quote(factor) + "\\b");
                for (PanickingTwinAdded.Line a : added) {
                    if (!plain.matcher(a.text()).find() || WIDENED_PRODUCT.matcher(a.text()).find()) {
                        continue;
                    }
                    String fn = pair.now().name();
                    String was = operand + " as " + m.group(2) + " * " + factor;
                    String now = operand + " * " + factor;
                    out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                            .object("`" + fn + "`").object(was + " -> " + now)
                            .title("`" + now + "` replaces `" + was + "` in `" + fn + "`")
                            .explanation("Before the change `" + fn + "` multiplied in `" + m.group(2) + "`, which "
                                    + "holds the product; now it multiplies in `" + operand + "`'s own type. A "
                                    + "`usize` is 32 bits on wasm32 and other 32-bit targets, where any value above "
                                    + "`u32::MAX / " + factor + "` overflows (a panic in debug builds, a wrong, small "
                                    + "value in release).")
                            .check("Keep the widening (`" + was + "`), or use `checked_mul` and decide what a too "
                                    + "large input should do.")
                            .build());
                    return;
                }
            }
        }
    }

    private static final String VALUE = OPERAND + "(?:\\s*\\(\\s*\\))?";
    /** {@code now() as i64 - self.born_time as i64}: a difference taken after both sides were cast to one signed type. */
    private static final Pattern SIGNED_DIFFERENCE = Pattern.compile("(?<![\\w.])(" + VALUE + ")\\s+as\\s+(i(?:8|16|32|64|128|size))"
            + "\\s*-\\s*(" + VALUE + ")\\s+as\\s+\\2\\b");

    /**
     * A difference taken in a signed type ({@code get_current_millis() as i64 - self.born_time as i64 > 500}) taken
     * in the operands' own unsigned type after the change ({@code get_current_millis() - self.born_time > 500}): a
     * subtrahend larger than the minuend (a timestamp from a peer's clock) now underflows, a panic in debug builds and
     * a huge value in release. rocketmq-rust 73b94ce8 reversed.
     */
    static void signedCastDropped(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                  List<PanickingTwinAdded.Line> added, List<Finding> out) {
        int looked = 0;
        for (PanickingTwinAdded.Line r : removed) {
            Matcher m = SIGNED_DIFFERENCE.matcher(r.text());
            while (m.find() && looked++ < 16) {
                String left = RuleSupport.squeezed(m.group(1));
                String right = RuleSupport.squeezed(m.group(3));
                Pattern plain = Pattern.compile("(?<![\\w.])" + spaced(left) + "\\s*-\\s*" + spaced(right)
                        + "(?![\\w.(]|\\s+as\\b)");
                for (PanickingTwinAdded.Line a : added) {
                    if (!plain.matcher(a.text()).find() || PanickingTwinAdded.reported(out, a.number())) {
                        continue;
                    }
                    String fn = pair.now().name();
                    String was = left + " as " + m.group(2) + " - " + right + " as " + m.group(2);
                    String now = left + " - " + right;
                    out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                            .object("`" + fn + "`").object(was + " -> " + now)
                            .title("`" + now + "` replaces `" + was + "` in `" + fn + "`")
                            .explanation("Before the change `" + fn + "` subtracted in `" + m.group(2) + "`, where `"
                                    + right + "` larger than `" + left + "` gives a negative number; now it subtracts in "
                                    + "the operands' own type. If that type is unsigned, such a pair (a timestamp from "
                                    + "another clock, a size from a peer) underflows: a panic in debug builds, a huge "
                                    + "value in release.")
                            .check("Keep the signed difference, or use `checked_sub`/`saturating_sub` and decide what "
                                    + "a negative difference should mean.")
                            .build());
                    return;
                }
            }
        }
    }

    /** {@code text} as a pattern that allows whitespace around its dots and inside its empty parentheses. */
    private static String spaced(String text) {
        return Pattern.quote(text).replace(".", "\\E\\s*\\.\\s*\\Q").replace("()", "\\E\\s*\\(\\s*\\)\\Q");
    }
    /** {@code min(x, c_uint::MAX as usize) as c_uint} or {@code x.min(u32::MAX as usize) as u32}. */
    private static final Pattern CLAMPED_CAST = Pattern.compile("(?:(?:Ord|std\\s*::\\s*cmp|cmp)\\s*::\\s*)?\\bmin\\s*\\(\\s*("
            + VALUE + ")\\s*,\\s*[\\w:]+::MAX(?:\\s+as\\s+\\w+)?\\s*\\)\\s*as\\s+(\\w+)|(?<![\\w.])(" + VALUE
            + ")\\s*\\.\\s*min\\s*\\(\\s*[\\w:]+::MAX(?:\\s+as\\s+\\w+)?\\s*\\)\\s*as\\s+(\\w+)");

    /**
     * A length clamped to a narrow type's maximum before the cast ({@code Ord::min(input.len(), c_uint::MAX as usize)
     * as c_uint}) cast without the clamp ({@code input.len() as _}): zlib-rs 8faf52a0 reversed handed C a length of
     * 4 GiB + 12 truncated to 12.
     */
    static void clampBeforeCastRemoved(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                       List<PanickingTwinAdded.Line> added, List<Finding> out) {
        int looked = 0;
        for (PanickingTwinAdded.Line r : removed) {
            Matcher m = CLAMPED_CAST.matcher(r.text());
            if (!m.find() || looked++ >= 16) {
                continue;
            }
            String value = RuleSupport.squeezed(m.group(1) != null ? m.group(1) : m.group(3));
            String narrow = m.group(1) != null ? m.group(2) : m.group(4);
            Pattern bare = Pattern.compile("(?<![\\w.])" + Pattern.quote(value).replace(".", "\\E\\s*\\.\\s*\\Q")
                    .replace("()", "\\E\\s*\\(\\s*\\)\\Q") + "\\s+as\\s+(_|" + Pattern.quote(narrow) + ")\\b");
            for (PanickingTwinAdded.Line a : added) {
                Matcher n = bare.matcher(a.text());
                if (!n.find() || CLAMPED_CAST.matcher(a.text()).find()) {
                    continue;
                }
                String fn = pair.now().name();
                String now = value + " as " + n.group(1);
                out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                        .object("`" + fn + "`").object("clamp before cast removed: " + now)
                        .title("`" + now + "` in `" + fn + "` no longer clamps `" + value + "` to `" + narrow + "::MAX`")
                        .explanation("Before the change `" + fn + "` limited `" + value + "` to the largest `" + narrow
                                + "` before casting; now the cast drops the high bits of a larger value: a length of "
                                + "4 GiB and 12 bytes becomes 12, and the code that reads it believes it.")
                        .check("Keep the clamp (`min(" + value + ", " + narrow + "::MAX as usize)`), or use `"
                                + narrow + "::try_from(..)` and decide what a too large value should do.")
                        .build());
                return;
            }
        }
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
