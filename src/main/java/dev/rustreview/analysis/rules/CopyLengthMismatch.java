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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PN13: {@code copy_from_slice} (and {@code clone_from_slice}) between slices whose lengths differ. The method panics
 * unless both sides have the same length, and the ranges that cut them are written separately, so an off-by-start
 * range type-checks and passes tests that start at zero: async-std d60e7cc reversed, {@code buf[..n]} filled from
 * {@code cache[start..n]} (n - start bytes); grpc-rs d0808608c reversed, the source's {@code [..amt]} dropped so a
 * whole slice was copied into {@code buf[..amt]}.
 */
public final class CopyLengthMismatch implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN13", RiskArea.PANICS, Severity.MEDIUM,
            "copy between slices of different lengths",
            "In a non-test fn, a line the change adds calls `dst[r1].copy_from_slice(&src[r2])` (or "
                    + "`clone_from_slice`) where the two ranges' lengths, read as text (`..n` is `n`, `a..a + n` is "
                    + "`n`, `a..b` is `b - a`, number ranges computed), differ; or the change drops the range from the "
                    + "source (`&src[..n]` to `src`) while the destination keeps its range, drops the range of known "
                    + "length from the destination (`dst[..16]` to `dst`) while the source stays, or drops the cut of an "
                    + "open destination to the source's length (`dst[a..][..src.len()]` to `dst[a..]`): the call "
                    + "panics whenever the lengths are not equal.",
            "It compares lengths by their text: `a..b` against `..b - a` written another way (`c..d` with `d - c` "
                    + "equal) is reported; a range open at the end (`a..`) or an unsliced side is not compared.",
            "indexing_slicing");

    /** {@code dst[r1].copy_from_slice(&src[r2])}, or with an unsliced source (group 5 absent). */
    private static final Pattern COPY = Pattern.compile("([A-Za-z_][\\w.]{0,80})\\s*\\[([^\\[\\]]{1,120})\\]\\s*\\.\\s*"
            + "(copy|clone)_from_slice\\s*\\(\\s*&?\\s*(?:mut\\s+)?([A-Za-z_][\\w.]{0,80})\\s*(?:\\[([^\\[\\]]{1,120})\\])?\\s*\\)");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");
    /** {@code dst[r][..src.len()].copy_from_slice(..)}: the destination cut to the source's length. */
    private static final Pattern CLAMPED = Pattern.compile("([A-Za-z_][\\w.]{0,80})\\s*\\[([^\\[\\]]{1,120})\\]\\s*"
            + "\\[\\s*\\.\\.\\s*[A-Za-z_][\\w.]{0,80}\\s*\\.\\s*len\\s*\\(\\s*\\)\\s*\\]\\s*\\.\\s*(copy|clone)_from_slice\\s*\\(");
    /** {@code dst.copy_from_slice(&src[r])}: a destination with no range of its own (the source's range optional). */
    private static final Pattern WHOLE = Pattern.compile("(?<![\\w.\\])])([A-Za-z_][\\w.]{0,80}?)\\s*\\.\\s*"
            + "(copy|clone)_from_slice\\s*\\(\\s*&?\\s*(?:mut\\s+)?([A-Za-z_][\\w.]{0,80})\\s*(?:\\[([^\\[\\]]{1,120})\\])?\\s*\\)");
    /** {@code dst[r].copy_from_slice(..)} with any source. */
    private static final Pattern UNCLAMPED = Pattern.compile("([A-Za-z_][\\w.]{0,80})\\s*\\[([^\\[\\]]{1,120})\\]\\s*"
            + "\\.\\s*(copy|clone)_from_slice\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            for (PanickingTwinAdded.Line line : PanickingTwinAdded.lines(after, fn, file::added)) {
                Matcher m = COPY.matcher(line.text());
                while (m.find()) {
                    String dst = length(m.group(2));
                    String src = m.group(5) == null ? null : length(m.group(5));
                    if (dst != null && src != null && !dst.equals(src)) {
                        out.add(finding(file, line.number(), m, "`" + m.group(1) + "[" + RuleSupport.squeezed(m.group(2)) + "]` has "
                                + "length `" + dst + "` and `" + m.group(4) + "[" + RuleSupport.squeezed(m.group(5)) + "]` has length `"
                                + src + "`"));
                    }
                }
            }
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            sourceRangeDropped(file, pair, out);
            destinationClampDropped(file, pair, out);
            destinationRangeDropped(file, pair, out);
        }
        return out;
    }

    /** {@code buf[..amt].copy_from_slice(&bytes[..amt])} became {@code buf[..amt].copy_from_slice(bytes)}. */
    private static void sourceRangeDropped(ChangedFile file, ItemOutline.FnPair pair, List<Finding> out) {
        List<String> sliced = new ArrayList<>();
        for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
            Matcher m = COPY.matcher(r.text());
            while (m.find()) {
                if (m.group(5) != null) {
                    sliced.add(copyKey(m));
                }
            }
        }
        if (sliced.isEmpty()) {
            return;
        }
        for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(pair.after(), pair.now(), file::added)) {
            Matcher m = COPY.matcher(a.text());
            while (m.find()) {
                if (m.group(5) == null && sliced.contains(copyKey(m))) {
                    out.add(finding(file, a.number(), m, "the change copies all of `" + m.group(4) + "` where it copied "
                            + "a range of it, into `" + m.group(1) + "[" + RuleSupport.squeezed(m.group(2)) + "]`, which keeps its range"));
                    return;
                }
            }
        }
    }

    /**
     * {@code slots[start..][..src.len()].copy_from_slice(src)} became {@code slots[start..].copy_from_slice(src)}: the
     * destination, open at the end, was cut to the source's length and no longer is (regex 4733e28ba reversed: a
     * caller may pass more slots than the regex has, and the copy panicked).
     */
    private static void destinationClampDropped(ChangedFile file, ItemOutline.FnPair pair, List<Finding> out) {
        List<String> clamped = new ArrayList<>();
        for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
            Matcher m = CLAMPED.matcher(r.text());
            while (m.find()) {
                clamped.add(m.group(1) + "[" + RuleSupport.squeezed(m.group(2)) + "]");
            }
        }
        if (clamped.isEmpty()) {
            return;
        }
        for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(pair.after(), pair.now(), file::added)) {
            Matcher m = UNCLAMPED.matcher(a.text());
            while (m.find()) {
                String dst = m.group(1) + "[" + RuleSupport.squeezed(m.group(2)) + "]";
                if (clamped.contains(dst) && length(m.group(2)) == null) {
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                            .object(m.group(1)).object(m.group(3) + "_from_slice")
                            .title("`" + m.group(3) + "_from_slice` into `" + dst + "` no longer cut to the source's length")
                            .explanation("Before the change the copy went into `" + dst + "[..src.len()]`; now it goes "
                                    + "into `" + dst + "`, which is open at the end. `" + m.group(3) + "_from_slice` "
                                    + "panics unless both slices have the same length, so every destination longer than "
                                    + "the source (a caller that passes a bigger buffer) now panics.")
                            .check("Keep cutting the destination to the source's length, or copy `min(dst.len(), "
                                    + "src.len())` elements.")
                            .build());
                    return;
                }
            }
        }
    }

    /**
     * {@code cookie_out[..16].copy_from_slice(&cookie)} became {@code cookie_out.copy_from_slice(&cookie)}: the
     * destination lost a range of known length and the source stayed, so the copy now needs the whole destination to
     * be as long as the source (boringtun 2a42e9ba reversed: a 16-byte cookie copied into a 32-byte buffer panicked on
     * every cookie reply).
     */
    private static void destinationRangeDropped(ChangedFile file, ItemOutline.FnPair pair, List<Finding> out) {
        java.util.Map<String, String> ranged = new java.util.HashMap<>();
        for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
            Matcher m = COPY.matcher(r.text());
            while (m.find()) {
                if (length(m.group(2)) != null) {
                    ranged.put(m.group(1) + "<-" + source(m.group(4), m.group(5)), RuleSupport.squeezed(m.group(2)));
                }
            }
        }
        if (ranged.isEmpty()) {
            return;
        }
        for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(pair.after(), pair.now(), file::added)) {
            Matcher m = WHOLE.matcher(a.text());
            while (m.find()) {
                String range = ranged.get(m.group(1) + "<-" + source(m.group(3), m.group(4)));
                if (range != null) {
                    String method = m.group(2) + "_from_slice";
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                            .object(m.group(1)).object(method)
                            .title("`" + method + "` into all of `" + m.group(1) + "` where it filled `"
                                    + m.group(1) + "[" + range + "]`")
                            .explanation("Before the change the copy went into `" + m.group(1) + "[" + range
                                    + "]`, " + length(range) + " elements; now it goes into the whole of `"
                                    + m.group(1) + "` from the same source. `" + method + "` panics unless both "
                                    + "slices have the same length, so unless `" + m.group(1) + "` is exactly as long "
                                    + "as the source, every call now panics.")
                            .check("Keep the destination's range (`" + m.group(1) + "[" + range + "]`), or copy `min("
                                    + m.group(1) + ".len(), src.len())` elements.")
                            .build());
                    return;
                }
            }
        }
    }

    private static String source(String name, String range) {
        return range == null ? name : name + "[" + RuleSupport.squeezed(range) + "]";
    }

    /** The destination with its range and the source's name: one copy on both sides of the change. */
    private static String copyKey(Matcher m) {
        return m.group(1) + "[" + RuleSupport.squeezed(m.group(2)) + "]<-" + m.group(4);
    }

    /** A range's length as text, or null when it cannot be read ({@code a..}, an index, a named range). */
    static String length(String range) {
        String r = RuleSupport.squeezed(range);
        boolean inclusive = r.contains("..=");
        int at = r.indexOf(inclusive ? "..=" : "..");
        if (at < 0) {
            return null;
        }
        String start = unwrapped(r.substring(0, at));
        String end = unwrapped(r.substring(at + (inclusive ? 3 : 2)));
        if (end.isEmpty() || end.contains("..")) {
            return null;
        }
        String length;
        if (start.isEmpty() || start.equals("0")) {
            length = end;
        } else if (end.startsWith(start + "+")) {
            length = unwrapped(end.substring(start.length() + 1));
        } else if (NUMBER.matcher(start).matches() && NUMBER.matcher(end).matches()) {
            length = String.valueOf(Integer.parseInt(end) - Integer.parseInt(start));
        } else {
            length = end + "-" + start;
        }
        if (inclusive) {
            length = NUMBER.matcher(length).matches() ? String.valueOf(Integer.parseInt(length) + 1) : length + "+1";
        }
        return length;
    }

    private static String unwrapped(String s) {
        String out = s;
        while (out.length() > 1 && out.startsWith("(") && out.endsWith(")")) {
            out = out.substring(1, out.length() - 1);
        }
        return out;
    }


    private static Finding finding(ChangedFile file, int line, Matcher m, String why) {
        String method = m.group(3) + "_from_slice";
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(m.group(1)).object(method)
                .title("`" + method + "` into `" + m.group(1) + "` from a slice of another length")
                .explanation("`" + method + "` panics unless both slices have the same length; " + why + ". The "
                        + "lengths agree only for some inputs (a range that starts at zero, a source of exactly that "
                        + "length), which are often the ones small tests use.")
                .check("Cut the source with the same length as the destination (`&src[start..start + n]` for "
                        + "`dst[..n]`), or copy `min(dst.len(), src.len())` bytes.")
                .build();
    }
}
