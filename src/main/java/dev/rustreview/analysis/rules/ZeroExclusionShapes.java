package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PN5 shape: a zero value that a fn excluded now flows on. A line that read a count through
 * {@code .filter(|&n| n > 0)} (or {@code != 0}, {@code >= 1}) or clamped it with {@code .max(1)} is replaced by
 * the same line without it. Zero is the value configuration and parsing let through most often (an environment
 * variable set to 0, a builder given 0), and code written for counts of at least one then underflows
 * ({@code n - 1}), divides by it or builds an empty worker range. tracing adbd8a41 reversed: {@code max_log_files(0)}
 * reached {@code max_files - 1} and panicked; smol 2ac167b6 reversed: {@code SMOL_THREADS=0} started no threads.
 */
final class ZeroExclusionShapes {

    private static final String NAME = "[A-Za-z_]\\w*";
    /** The exclusion: a closure testing its argument against zero, or a clamp to one. */
    private static final Pattern EXCLUSION = Pattern.compile("\\.\\s*filter\\s*\\(\\s*\\|\\s*(?:&\\s*)?(" + NAME
            + ")\\s*\\|\\s*\\*?\\s*\\1\\s*(?:>\\s*0|!=\\s*0|>=\\s*1)\\s*\\)|\\.\\s*max\\s*\\(\\s*1\\s*\\)");
    /** A turbofish that the exclusion needed to type its closure and the line without it does not. */
    private static final Pattern TURBOFISH = Pattern.compile("::\\s*<[\\w\\s,:]{1,40}>");

    private ZeroExclusionShapes() {
    }

    static void zeroLetThrough(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                               List<PanickingTwinAdded.Line> added, List<Finding> out) {
        if (EXCLUSION.matcher(pair.newBody()).find()) {
            return; // the fn still excludes zero somewhere: the check moved, it did not go
        }
        java.util.Map<String, PanickingTwinAdded.Line> byText = null; // the added lines as compared, read once
        java.util.Map<Integer, PanickingTwinAdded.Line> removedAt = null;
        int divisorsLooked = 0;
        for (PanickingTwinAdded.Line r : removed) {
            Matcher m = EXCLUSION.matcher(r.text());
            if (!m.find()) {
                continue;
            }
            String exclusion = m.group().replaceAll("\\s+", " ").strip();
            String without = plain(r.text().substring(0, m.start()) + r.text().substring(m.end()));
            if (without.isBlank()) {
                continue;
            }
            if (byText == null) {
                byText = new java.util.HashMap<>();
                for (PanickingTwinAdded.Line a : added) {
                    byText.putIfAbsent(plain(a.text()), a);
                }
                removedAt = new java.util.HashMap<>();
                for (PanickingTwinAdded.Line x : removed) {
                    removedAt.put(x.number(), x);
                }
            }
            PanickingTwinAdded.Line match = byText.get(without);
            // A statement the old side wrapped after its `=` (nom 931bcf01: `let max =` then the division on the
            // next line) and the new side writes on one line.
            PanickingTwinAdded.Line head = removedAt.get(r.number() - 1);
            if (match == null && head != null && head.text().strip().endsWith("=")) {
                match = byText.get(plain(head.text()) + without);
            }
            if (match == null && divisorsLooked++ < 16) {
                match = dividesByUnclamped(r.text(), added);
            }
            for (PanickingTwinAdded.Line a : match == null ? List.<PanickingTwinAdded.Line>of() : List.of(match)) {
                // A fn nested in another is read with both: the line is reported once, for the innermost fn.
                out.removeIf(f -> f.startLine() == a.number() && f.title().endsWith(exclusion + "` removed"));
                String fn = pair.now().name();
                String line = RuleSupport.shorten(a.text().strip());
                out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.last())
                        .object("`" + fn + "`").object("zero let through: " + exclusion)
                        .title("`" + fn + "` no longer excludes zero: `" + exclusion + "` removed")
                        .explanation("Before the change this line of `" + fn + "` kept a zero out with `" + exclusion
                                + "`; now `" + line + "` lets it through. A zero from configuration or input (an "
                                + "environment variable set to 0, a builder given 0) reaches code written for at "
                                + "least one: `n - 1` underflows (a panic in debug builds), a division by it panics, "
                                + "and a pool or worker range of zero never runs anything.")
                        .check("Follow the value to where it is used: if 0 can reach a subtraction, a division or a "
                                + "count of workers, keep the exclusion or handle 0 there.")
                        .build());
                break;
            }
        }
    }

    /** A divisor clamped to one: {@code / cookie.len().max(1)}, {@code / (n.max(1))}. */
    private static final Pattern CLAMPED_DIVISOR = Pattern.compile("/\\s*\\(?\\s*((?:self\\s*\\.\\s*)?" + NAME
            + "(?:\\s*\\.\\s*" + NAME + "){0,3}(?:\\s*\\(\\s*\\))?)\\s*\\.\\s*max\\s*\\(\\s*1\\s*\\)");

    /**
     * An added line that divides by the divisor the removed line clamped, the statement rewrapped so the lines do not
     * compare: ntpd-rs 10a103b4 reversed, {@code (len - 300) / (cookie.len().max(1))} became {@code (len - 300) /
     * cookie.len()} spread over four lines, and a zero-length cookie from the server divided by zero.
     */
    private static PanickingTwinAdded.Line dividesByUnclamped(String removedLine, List<PanickingTwinAdded.Line> added) {
        Matcher m = CLAMPED_DIVISOR.matcher(removedLine);
        if (!m.find()) {
            return null;
        }
        String divisor = m.group(1).replaceAll("\\s+", "");
        Pattern divides = Pattern.compile("/\\s*\\(?\\s*" + Pattern.quote(divisor).replace(".", "\\E\\s*\\.\\s*\\Q")
                .replace("()", "\\E\\s*\\(\\s*\\)\\Q") + "(?![\\w(])(?!\\s*\\.\\s*max\\b)");
        for (PanickingTwinAdded.Line a : added) {
            if (divides.matcher(a.text()).find()) {
                return a;
            }
        }
        return null;
    }

    /** The line as compared: without turbofish, spaces and a trailing comma or semicolon. */
    private static String plain(String text) {
        String squeezed = RuleSupport.squeezed(TURBOFISH.matcher(text).replaceAll(""));
        return squeezed.replaceAll("[,;]$", "");
    }
}
