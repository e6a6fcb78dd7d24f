package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PN5 shape: a division taken out of the {@code if} that kept its divisor from zero. {@code if count > 0 { total
 * / count } else { 0 }} becomes {@code total / count}; the count starts at zero (stats before the first event, a
 * reset), and integer division by zero panics in every build. ractor 9593f4ae reversed: the factory's stats
 * {@code Display} divided timings by ping and job counters that are zero until the first ping or job.
 */
final class DivisorShapes {

    private static final String PATH = "(?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}[A-Za-z_]\\w*";
    /** {@code / d}, {@code /= d}, {@code % d}, optionally {@code as T}; not a call or field access after it. */
    private static final Pattern DIVIDES = Pattern.compile("(?<![/*])[/%]=?\\s*(" + PATH + ")(?:\\s+as\\s+\\w+)?(?![\\w.(\\[])");

    private DivisorShapes() {
    }

    static void unguardedDivision(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                  List<PanickingTwinAdded.Line> added, List<Finding> out) {
        if (removed.stream().noneMatch(r -> DIVIDES.matcher(r.text()).find())) {
            return;
        }
        Unguarded.Blocks oldBlocks = new Unguarded.Blocks(pair.before().masked(), pair.was().bodyStart(),
                pair.was().bodyEnd());
        for (PanickingTwinAdded.Line r : removed) {
            Matcher was = DIVIDES.matcher(r.text());
            while (was.find()) {
                String divisor = RuleSupport.squeezed(was.group(1));
                String guard = nonZero(oldBlocks.conditions(pair.before().offset(r.number())), divisor);
                if (guard == null || nonZeroAnywhere(pair.newBody(), divisor)) {
                    continue; // never guarded, or the new fn still compares it with zero somewhere
                }
                for (PanickingTwinAdded.Line a : added) {
                    Matcher now = DIVIDES.matcher(a.text());
                    while (now.find()) {
                        // No condition of the new fn compares the divisor with zero (checked above), this one neither.
                        if (RuleSupport.squeezed(now.group(1)).equals(divisor)) {
                            out.add(finding(file, pair, a.number(), divisor, guard));
                            return;
                        }
                    }
                }
            }
        }
    }

    /** A removed test that {@code v} is zero ({@code if v == 0}, {@code 0 == v}): the start of a fallback. */
    private static final Pattern ZERO_TEST = Pattern.compile("\\bif\\s+(" + PATH + ")\\s*==\\s*0\\b|\\bif\\s+0\\s*==\\s*("
            + PATH + ")(?![\\w.(])");

    /**
     * A zero fallback removed while the value becomes a divisor: {@code let batch = if size == 0 { DEFAULT } else { size
     * };} deleted and {@code div_round_up(blob_size, size)} written with the raw value (nydus 900a35f6 reversed: a
     * configured batch size of 0 divided by zero). The divisor is read after {@code /} or {@code %}, as the second
     * argument of a fn named {@code div*} or as the argument of {@code .div_ceil}, {@code .div_euclid},
     * {@code .rem_euclid}; the new fn must compare the value with zero nowhere.
     */
    static void zeroFallbackRemoved(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                    List<PanickingTwinAdded.Line> added, List<Finding> out) {
        for (PanickingTwinAdded.Line r : removed) {
            Matcher zero = ZERO_TEST.matcher(r.text());
            if (!zero.find()) {
                continue;
            }
            String value = RuleSupport.squeezed(zero.group(1) != null ? zero.group(1) : zero.group(2));
            if (nonZeroAnywhere(pair.newBody(), value)) {
                continue;
            }
            String v = Pattern.quote(value).replace(".", "\\E\\s*\\.\\s*\\Q");
            Pattern divisor = Pattern.compile("(?<![/*])[/%]=?\\s*" + v + "(?![\\w.(\\[])|\\bdiv\\w*\\s*\\((?:[^(),]|\\([^()]{0,40}\\)){1,80},\\s*"
                    + v + "\\s*\\)|\\.\\s*(?:div_ceil|div_euclid|rem_euclid|div_floor)\\s*\\(\\s*" + v + "\\s*\\)");
            for (PanickingTwinAdded.Line a : added) {
                if (divisor.matcher(a.text()).find()) {
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                            .object("`" + fn + "`").object("zero fallback removed: " + value)
                            .title("`" + fn + "` divides by `" + value + "`, whose zero fallback the change removed")
                            .explanation("Before the change `" + fn + "` replaced a zero `" + value + "` (`if " + value
                                    + " == 0`) before using it. The change removes that and line " + a.number()
                                    + " divides by `" + value + "` itself, which `" + fn + "` no longer compares with "
                                    + "zero anywhere: a zero from configuration or from the peer now panics, in release "
                                    + "builds too.")
                            .check("Keep the fallback (or reject zero where the value is read), or use `checked_div`.")
                            .build());
                    return;
                }
            }
        }
    }

    /** The first condition that keeps {@code value} from zero ({@code v > 0}, {@code v != 0}, {@code 0 < v}). */
    private static String nonZero(List<String> conditions, String value) {
        for (String c : conditions) {
            if (!c.startsWith("else of") && compares(c, value, false)) {
                return c.replaceAll("\\s+", " ").strip();
            }
        }
        return null;
    }

    /** Any comparison of {@code value} with zero in the fn, an early {@code if v == 0 { return }} included. */
    private static boolean nonZeroAnywhere(String body, String value) {
        return compares(body, value, true);
    }

    private static boolean compares(String text, String value, boolean equality) {
        String v = value.replace(".", "\\s*\\.\\s*");
        String ops = equality ? "(?:>|!=|==)" : "(?:>|!=)";
        String flipped = equality ? "(?:<|!=|==)" : "(?:<|!=)";
        return Pattern.compile("(?<![\\w.])" + v + "(?:\\s+as\\s+\\w+)?\\s*" + ops + "\\s*0\\b|\\b0\\s*" + flipped
                + "\\s*" + v + "(?![\\w(])|(?<![\\w.])" + v + "\\s*>=\\s*1\\b").matcher(text).find();
    }

    private static Finding finding(ChangedFile file, ItemOutline.FnPair pair, int line, String divisor, String guard) {
        String fn = pair.now().name();
        return FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, line, line)
                .object("`" + fn + "`").object("division unguarded: " + divisor)
                .title("`" + fn + "` divides by `" + divisor + "` outside the `" + RuleSupport.shorten(guard)
                        + "` that kept it from zero")
                .explanation("Before the change the division by `" + divisor + "` ran only under `" + guard
                        + "`. The change takes it out of that condition and `" + fn + "` no longer compares `"
                        + divisor + "` with zero anywhere: when it is zero (a counter before its first event, a "
                        + "value after a reset), integer division panics, in release builds too.")
                .check("Keep the division under a check that `" + divisor + "` is not zero, or use `checked_div` "
                        + "and decide what an empty count shows.")
                .build();
    }
}
