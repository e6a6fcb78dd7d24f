package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Three PN5 shapes of an overflow a fn had ruled out and no longer does, each from a fix of set w reversed:
 * an exit on a zero length removed while the fn still subtracts from it (zip2 97c33a6c: an empty extra field made
 * {@code bytes_to_read -= 1} underflow); {@code .abs()} moved from a widened value to a narrow signed cast
 * (image-png bbd47bbd: {@code (x as i8).abs()} panics for 0x80); a clamp on an exponent or shift removed
 * (quiche 6e492c67: {@code 2_u32.pow(self.pto_count)} after enough probe timeouts).
 */
final class OverflowShapes {

    private static final String PATH = "[A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*)*";
    private static final Pattern ZERO_EXIT = Pattern.compile("^\\s*(" + PATH + ")\\s*(?:==\\s*0\\b|<\\s*1\\b)\\s*$");
    private static final Pattern NARROW_ABS = Pattern.compile(
            // a parenthesised cast, not the argument list of `i16::from(x as i8)`
            "(?<![\\w>])\\(\\s*([^()]{1,80}?)\\s+as\\s+(i8|i16|i32|i64|isize)\\s*\\)\\s*\\.\\s*abs\\s*\\(\\s*\\)");
    private static final Pattern CLAMPED =
            Pattern.compile("(?<![\\w.])(" + PATH + ")\\s*\\.\\s*min\\s*\\(\\s*[\\w:]{1,40}\\s*\\)");

    private OverflowShapes() {
    }

    /** {@code if len == 0 { return Err(..) }} gone while the fn keeps {@code len - ..} or a copy of it decremented. */
    static void zeroExitRemoved(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                List<Finding> out) {
        for (int i = 0; i < removed.size(); i++) {
            String guarded = PanickingTwinAdded.exitCondition(removed, i);
            Matcher z = ZERO_EXIT.matcher(guarded == null ? "" : guarded);
            if (!z.matches()) {
                continue;
            }
            String name = z.group(1).replaceAll("\\s+", "");
            String quoted = RuleSupport.spacedPath(name);
            String body = pair.newBody();
            if (Pattern.compile("(?<![\\w.])" + quoted + "\\s*(?:[=!]=\\s*0\\b|>\\s*0\\b|>=\\s*1\\b|<\\s*1\\b)")
                    .matcher(body).find()) {
                continue; // still compared with zero: the check moved
            }
            Set<String> names = new LinkedHashSet<>(List.of(quoted));
            Matcher copy = Pattern.compile("\\blet\\s+(?:mut\\s+)?(\\w+)\\s*(?::\\s*\\w+\\s*)?=\\s*(?<![\\w.])" + quoted
                    + "\\s*(?:as\\s+\\w+\\s*)?;").matcher(body);
            while (copy.find()) {
                names.add(copy.group(1));
            }
            Pattern minus = Pattern.compile("(?<![\\w.])(" + String.join("|", names) + ")\\s*(?:-=|-(?![=>]))");
            String[] lines = body.split("\n", -1);
            int first = pair.after().line(pair.now().bodyStart());
            for (int n = 0; n < lines.length; n++) {
                Matcher m = lines[n].length() > PanickingTwinAdded.MAX_LINE ? null : minus.matcher(lines[n]);
                if (m == null || !m.find()) {
                    continue;
                }
                String fn = pair.now().name();
                String shown = RuleSupport.shorten(lines[n].strip());
                out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, first + n, first + n)
                        .object("`" + fn + "`").object("zero exit removed: " + name)
                        .title("`" + shown + "` in `" + fn + "` lost its exit on `" + name + "` being zero")
                        .explanation("Before the change `" + fn + "` left early when `" + guarded.strip() + "`. The "
                                + "change removes that exit and nothing else in the fn compares `" + name + "` with "
                                + "zero, so this subtraction underflows for a zero length (an empty field in a file, "
                                + "a peer's empty frame): a panic in debug builds, a huge count in release that the "
                                + "reads after it trust.")
                        .check("Check that `" + name + "` cannot be zero here for any input; if it can, keep the "
                                + "exit or use `checked_sub`.")
                        .build());
                return;
            }
        }
    }

    /** {@code (x as i8).abs()} added where the fn widened the same cast before ({@code i16::from(x as i8).abs()}). */
    static void narrowAbs(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                          List<PanickingTwinAdded.Line> added, List<Finding> out) {
        boolean hadAbs = removed.stream().anyMatch(r -> r.text().contains("abs"));
        if (!hadAbs || NARROW_ABS.matcher(pair.oldBody()).find()) {
            return;
        }
        for (PanickingTwinAdded.Line a : added) {
            Matcher m = a.text().length() > PanickingTwinAdded.MAX_LINE ? null : NARROW_ABS.matcher(a.text());
            if (m == null || !m.find()) {
                continue;
            }
            String type = m.group(2);
            String cast = Pattern.quote(m.group(1).strip()) + "\\s+as\\s+" + type;
            if (!Pattern.compile("::\\s*from\\s*\\(\\s*" + cast + "\\s*\\)|" + cast + "\\s+as\\s+i")
                    .matcher(pair.oldBody()).find()) {
                continue; // the same cast was not widened before: not this twin
            }
            String fn = pair.now().name();
            out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.last())
                    .object("`" + fn + "`").object("abs of a cast to " + type)
                    .title("`(" + m.group(1).strip() + " as " + type + ").abs()` in `" + fn + "` overflows for `"
                            + type + "::MIN`")
                    .explanation("The cast can produce `" + type + "::MIN` (for `as i8`, the byte 0x80), whose absolute "
                            + "value does not fit in `" + type + "`: `.abs()` panics in debug builds and returns the "
                            + "negative value in release. Before the change `" + fn + "` took the absolute value of a "
                            + "wider value.")
                    .check("Widen before `.abs()` (`i16::from(x as i8).abs()`), or use `.unsigned_abs()`.")
                    .build());
            return;
        }
    }

    /** {@code x.pow(n.min(20))} (or a shift by it) written as {@code x.pow(n)}: the clamp on the exponent went. */
    static void exponentClampRemoved(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                     List<PanickingTwinAdded.Line> added, List<Finding> out) {
        // Only added lines that raise or shift can hold the bare exponent; each clamped name is tried once (4,000
        // removed clamps against 4,000 added lines took 13 s when every one re-read all the added lines).
        List<PanickingTwinAdded.Line> powers = added.stream()
                .filter(a -> a.text().contains("pow") || a.text().contains("<<")).toList();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (PanickingTwinAdded.Line r : removed) {
            Matcher c = CLAMPED.matcher(r.text());
            while (c.find() && !powers.isEmpty()) {
                String exponentName = c.group(1).replaceAll("\\s+", "");
                if (!seen.add(exponentName) || seen.size() > 32) {
                    continue;
                }
                String quoted = RuleSupport.spacedPath(exponentName);
                Pattern bare = Pattern.compile("(?:\\bpow\\s*\\(\\s*|<<\\s*)" + quoted
                        + "\\s*(?!\\s*\\.\\s*min\\b)[)\\s;,]");
                for (PanickingTwinAdded.Line a : powers) {
                    if (a.text().length() > PanickingTwinAdded.MAX_LINE || !bare.matcher(a.text()).find()) {
                        continue;
                    }
                    String fn = pair.now().name();
                    String exponent = c.group(1).replaceAll("\\s+", "");
                    out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.last())
                            .object("`" + fn + "`").object("clamp removed: " + exponent)
                            .title("`" + exponent + "` is no longer clamped before it is used as an exponent in `"
                                    + fn + "`")
                            .explanation("Before the change `" + fn + "` capped `" + exponent + "` with `.min(..)` "
                                    + "before raising to it or shifting by it. Unclamped, a count that keeps growing "
                                    + "(retries, timeouts, a peer's value) makes `pow` or the multiplication after it "
                                    + "overflow: a panic in debug builds (and for `Duration`, always), a wrapped "
                                    + "value in release.")
                            .check("Keep the cap on `" + exponent + "`, or use `checked_pow`/`saturating_pow`.")
                            .build());
                    return;
                }
            }
        }
    }

    /** A comparison with a bit width: {@code align < 64}, {@code n >= u32::BITS}, {@code 32 <= shift}. */
    private static final Pattern WIDTH_TEST = Pattern.compile("(?:[<>]=?)\\s*(?:8|16|32|64|128|(?:[iu](?:8|16|32|64|128|size)\\s*::\\s*)?BITS)\\b"
            + "|\\b(?:8|16|32|64|128)\\s*[<>]=?(?![<>])");
    /** A shift by something other than a literal: {@code 1 << self.section.align(endian)}. */
    private static final Pattern SHIFT_BY = Pattern.compile("(?:<<|>>)(?!=)\\s*(?!\\d)[A-Za-z_(*]");
    private static final Pattern SAFE_SHIFT = Pattern.compile("\\b(?:checked|wrapping|overflowing)_sh[lr]\\b");

    /**
     * A width check before a shift removed: the old fn compared the amount with a bit width ({@code if align < 64
     * { 1 << align } else { 0 }}), the new fn shifts by a non-literal amount and compares nothing with a width nor
     * uses {@code checked_shl}. object de85e931 reversed: a Mach-O section's alignment, a value from the file,
     * shifted {@code 1} by up to 255 bits (a panic in debug builds, a wrong alignment in release).
     */
    static void shiftWidthCheckRemoved(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                       List<PanickingTwinAdded.Line> added, List<Finding> out) {
        if (removed.stream().noneMatch(r -> r.text().length() <= PanickingTwinAdded.MAX_LINE
                && WIDTH_TEST.matcher(r.text()).find())) {
            return;
        }
        String was = pair.oldBody();
        String now = pair.newBody();
        if (!SHIFT_BY.matcher(was).find() && !SAFE_SHIFT.matcher(was).find()
                || WIDTH_TEST.matcher(now).find() || SAFE_SHIFT.matcher(now).find()) {
            return;
        }
        for (PanickingTwinAdded.Line a : added) {
            if (a.text().length() > PanickingTwinAdded.MAX_LINE || !SHIFT_BY.matcher(a.text()).find()) {
                continue;
            }
            String fn = pair.now().name();
            out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                    .object("`" + fn + "`").object("shift width check removed")
                    .title("`" + fn + "` shifts by an amount it no longer compares with the width")
                    .explanation("Before the change `" + fn + "` compared the shift amount with the bit width before "
                            + "shifting. The comparison is gone and the fn still shifts by a computed amount: an amount "
                            + "of the width or more (a value read from a file or a peer) panics in debug builds and "
                            + "shifts by the amount modulo the width in release, a wrong result that nothing reports.")
                    .check("Keep the comparison, or shift with `checked_shl`/`checked_shr` and decide what an "
                            + "out-of-range amount means.")
                    .build());
            return;
        }
    }

    /** {@code d.min(MAX_PARK)} on a removed line: group 1 is the cap. */
    private static final Pattern CAPPED = Pattern.compile("\\.\\s*min\\s*\\(\\s*([A-Z][A-Z0-9_]*|Duration\\s*::\\s*\\w+\\s*\\([^()]{0,40}\\)"
            + "|[a-z_]\\w*(?:\\.\\w+)*)\\s*\\)");
    private static final Pattern DURATION_WORD = Pattern.compile("(?i)duration|delay|timeout|deadline|backoff|millis|secs");
    /** A timer that takes the duration and panics past its horizon (tokio's {@code DelayQueue}), or Instant math. */
    private static final Pattern TIMER_SINK = Pattern.compile("\\.\\s*(?:insert|reset|insert_at|reset_at)\\s*\\("
            + "|(?<![\\w.])(?:sleep|sleep_until|timeout|interval)\\s*\\(|Instant\\s*::\\s*now\\s*\\(\\s*\\)\\s*\\+");

    /**
     * A cap ({@code .min(MAX_PARK)}) removed from a duration that the fn still hands to a timer: restate 693c4c3b
     * reversed: a send delay over about two years reached tokio's {@code DelayQueue}, which panics with "invalid
     * deadline" past its wheel's horizon.
     */
    static void durationCapRemoved(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                   List<PanickingTwinAdded.Line> added, List<Finding> out) {
        String squeezedNew = null; // computed once, and only when a capped duration was removed
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (PanickingTwinAdded.Line r : removed) {
            Matcher c = CAPPED.matcher(r.text());
            while (c.find()) {
                String cap = RuleSupport.squeezed(c.group(1));
                if (!DURATION_WORD.matcher(r.text()).find() || !seen.add(cap) || seen.size() > 16) {
                    continue;
                }
                if (squeezedNew == null) {
                    if (!TIMER_SINK.matcher(pair.newBody()).find()) {
                        return;
                    }
                    squeezedNew = RuleSupport.squeezed(pair.newBody());
                }
                if (squeezedNew.contains(".min(" + cap + ")")) {
                    continue;
                }
                PanickingTwinAdded.Line a = added.stream().filter(l -> DURATION_WORD.matcher(l.text()).find())
                        .findFirst().orElse(null);
                if (a == null) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.last())
                        .object("`" + fn + "`").object("duration cap removed: " + cap)
                        .title("the cap `.min(" + cap + ")` on a duration went from `" + fn + "`")
                        .explanation("Before the change `" + fn + "` capped a duration with `.min(" + cap + ")`; "
                                + "after it nothing caps it, and the fn still hands durations to a timer. tokio's "
                                + "`DelayQueue` panics with \"invalid deadline\" past its wheel's horizon (about two "
                                + "years), and `Instant + d` panics on overflow: a far-future timestamp or a huge "
                                + "configured delay now crashes the task.")
                        .check("Keep the cap on the duration, or show that it cannot exceed what the timer accepts.")
                        .build());
                return;
            }
        }
    }

    /** {@code count.get() * 10 + i}: a decimal accumulation step; group 1 is the accumulated expression. */
    private static final Pattern DIGIT_STEP = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*"
            + "(?:\\s*\\(\\s*\\))?){0,6})\\s*\\*\\s*10\\s*\\+\\s*[\\w.()]{1,40}");
    /** Where digits come from; a byte literal {@code b'0'} is blanked in the masked body, {@code is_ascii_digit()} is not. */
    private static final Pattern DIGIT_SOURCE = Pattern.compile("to_digit\\s*\\(|b'0'|'0'|is_ascii_digit\\s*\\(|is_digit\\s*\\(");
    /** Checked arithmetic, or a comparison with a large bound ({@code count > 100_000_000}, {@code > u32::MAX}). */
    private static final Pattern GUARDED_MATH = Pattern.compile("(?:checked|saturating|overflowing|wrapping)_(?:mul|add)"
            + "|[<>]=?\\s*(?:\\d[\\d_]{3,}|(?:[iu](?:8|16|32|64|128|size)\\s*::\\s*)?MAX\\b)");

    /**
     * A digit appended to a number by {@code n * 10 + d} on a line the change adds, in a fn that reads digits and
     * does no checked arithmetic: enough digits overflow the type (a panic in debug builds, a wrapped count in
     * release). helix 9c479e6d reversed: holding a digit key grew the count modifier past {@code usize}.
     */
    static void digitAccumulationUnchecked(ChangedFile file, ItemOutline.FnPair pair,
                                           List<PanickingTwinAdded.Line> removed, List<PanickingTwinAdded.Line> added,
                                           List<Finding> out) {
        String body = pair.newBody();
        if (!DIGIT_SOURCE.matcher(body).find() || GUARDED_MATH.matcher(body).find()) {
            return;
        }
        java.util.Set<String> was = new java.util.HashSet<>();
        removed.forEach(r -> was.add(RuleSupport.squeezed(r.text())));
        for (PanickingTwinAdded.Line a : added) {
            Matcher m = DIGIT_STEP.matcher(a.text());
            if (!m.find() || was.contains(RuleSupport.squeezed(a.text()))) {
                continue;
            }
            String fn = pair.now().name();
            String n = RuleSupport.squeezed(m.group(1));
            out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.last())
                    .object("`" + fn + "`").object("digit accumulation: " + n)
                    .title("`" + n + " * 10 + ..` accumulates digits unchecked in `" + fn + "`")
                    .explanation("`" + fn + "` reads digits and appends each to `" + n + "` with `* 10 +`, and "
                            + "nothing in the fn compares a value with a large bound or uses checked arithmetic. Enough digits (a held "
                            + "key, a long number in the input) overflow the type: a panic in debug builds, a "
                            + "wrapped value in release.")
                    .check("Use `checked_mul(10)` and `checked_add(d)` and handle the overflow, or cap the value "
                            + "before the next step.")
                    .build());
            return;
        }
    }
}
