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
 * Two more shapes of PN5 (a handled case that now panics), both about a length that input controls; kept apart
 * from {@link PanickingTwinAdded} so that class stays readable:
 *
 * <ul>
 *   <li>a clamp to a collection's length removed ({@code let count = min(max, queue.len());}) while the fn still
 *   takes a range of the collection with the value ({@code queue.drain(0..count)}): a count above the length now
 *   panics (parity-db c8bed2be reversed: another thread shortened the cleanup queue between the caller's read of
 *   its length and the drain);</li>
 *   <li>an overflow-safe comparison by subtraction ({@code size < header || size - header < length}) rewritten as a
 *   sum ({@code size < length + header}): a length near {@code usize::MAX} from a peer overflows the addition,
 *   which panics in debug builds and, wrapped in release, passes the check (tungstenite c0cde689 reversed, a
 *   security fix).</li>
 * </ul>
 */
final class LengthBoundShapes {

    private LengthBoundShapes() {
    }

    private static final String OPERAND = "[A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*(?:\\s*\\(\\s*\\))?)*";
    private static final Pattern MIN_CALL = Pattern.compile("(?<![\\w.])(?:(?:std|core)\\s*::\\s*)?(?:cmp\\s*::\\s*)?"
            + "min\\s*\\(\\s*(" + OPERAND + ")\\s*,\\s*(" + OPERAND + ")\\s*\\)");
    private static final Pattern MIN_METHOD = Pattern.compile("(?<![\\w.])(" + OPERAND + ")\\s*\\.\\s*min\\s*\\(\\s*("
            + OPERAND + ")\\s*\\)");
    private static final Pattern LENGTH = Pattern.compile("\\.\\s*(?:len|remaining|capacity)\\s*\\(\\s*\\)$");
    private static final Pattern LET = Pattern.compile("\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*(?::\\s*\\w+\\s*)?=\\s*$");

    /** A clamp of a value to a length ({@code min(count, queue.len())}) on a removed line. */
    static void clampRemoved(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                             List<Finding> out) {
        String newBody = pair.newBody();
        if (!newBody.contains("..") && !newBody.contains("split")) {
            return;
        }
        for (PanickingTwinAdded.Line r : removed) {
            for (Pattern p : List.of(MIN_CALL, MIN_METHOD)) {
                Matcher m = p.matcher(r.text());
                while (m.find()) {
                    String a = m.group(1).replaceAll("\\s+", "");
                    String b = m.group(2).replaceAll("\\s+", "");
                    boolean lengthA = LENGTH.matcher(a).find();
                    if (lengthA == LENGTH.matcher(b).find()) {
                        continue; // neither or both are lengths: not a clamp to a length
                    }
                    String value = lengthA ? b : a;
                    String length = lengthA ? a : b;
                    Set<String> names = new LinkedHashSet<>();
                    if (value.matches("[a-z_]\\w*")) {
                        names.add(value);
                    }
                    Matcher let = LET.matcher(r.text().substring(0, m.start()));
                    if (let.find()) {
                        names.add(let.group(1));
                    }
                    if (names.isEmpty() || stillBounded(newBody, names) || clampsTo(newBody, length)) {
                        continue;
                    }
                    int[] use = rangeUse(pair, names);
                    if (use == null) {
                        continue;
                    }
                    String name = newBody.substring(use[1], use[2]);
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, use[0], use[0])
                            .object("`" + fn + "`").object("clamp removed: " + name)
                            .title("`" + name + "` is no longer clamped to `" + length + "` before it bounds a range in `"
                                    + fn + "`")
                            .explanation("Before the change `" + fn + "` limited the value with `" + RuleSupport.shorten(
                                    m.group().replaceAll("\\s+", " ")) + "`; now `" + name + "` bounds a range "
                                    + "(`drain`, slicing, `split_at`) unclamped. A value above the length panics with "
                                    + "an out-of-range error: a caller's count, or a length read before another thread "
                                    + "or task shortened the collection.")
                            .check("Check that `" + name + "` can never exceed the collection's length at this line, "
                                    + "in particular when the length was read under a lock taken anew here; if it can, "
                                    + "keep the `min`.")
                            .build());
                    return;
                }
            }
        }
    }

    /** Whether the new body still clamps something to the same length ({@code min(src.len(), max)}, a new bound). */
    private static boolean clampsTo(String body, String length) {
        for (String line : body.split("\n")) {
            if (line.length() > PanickingTwinAdded.MAX_LINE) {
                continue; // the operand pattern's repeated group would overflow the stack on a huge line
            }
            for (Pattern p : List.of(MIN_CALL, MIN_METHOD)) {
                Matcher m = p.matcher(line);
                while (m.find()) {
                    if (m.group(1).replaceAll("\\s+", "").equals(length) || m.group(2).replaceAll("\\s+", "").equals(length)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether the new body still clamps or compares one of the names with a length. */
    private static boolean stillBounded(String body, Set<String> names) {
        for (String name : names) {
            String n = Pattern.quote(name);
            if (Pattern.compile("(?<![\\w.])" + n + "\\s*\\.\\s*min\\s*\\(|\\bmin\\s*\\([^()]{0,120}(?<![\\w.])" + n
                    + "(?![\\w(])|(?<![\\w.])" + n + "\\s*[<>]=?\\s*[\\w.]*\\.\\s*(?:len|remaining|capacity)\\s*\\(|"
                    + "\\.\\s*(?:len|remaining|capacity)\\s*\\(\\s*\\)\\s*[<>]=?\\s*" + n + "(?![\\w.(])").matcher(body).find()) {
                return true;
            }
        }
        return false;
    }

    /** {line, start, end of the name} of the first range the new body bounds with one of the names, or null. */
    private static int[] rangeUse(ItemOutline.FnPair pair, Set<String> names) {
        String body = pair.newBody();
        for (String name : names) {
            String n = Pattern.quote(name);
            Matcher use = Pattern.compile("\\.\\s*(?:drain|split_at|split_at_mut|split_off|split_to|copy_within)\\s*\\("
                    + "\\s*(?:[\\w.]*\\s*\\.\\.=?\\s*)?(" + n + ")(?![\\w.(])|\\[\\s*[\\w.]*\\s*\\.\\.=?\\s*(" + n
                    + ")\\s*\\]|\\[\\s*(" + n + ")\\s*\\.\\.\\s*\\]").matcher(body);
            if (use.find()) {
                int group = use.group(1) != null ? 1 : use.group(2) != null ? 2 : 3;
                int line = pair.after().line(pair.now().bodyStart() + use.start(group));
                return new int[] {line, use.start(group), use.end(group)};
            }
        }
        return null;
    }

    private static final Pattern SUM_RIGHT = Pattern.compile("(?<![\\w.])(" + OPERAND + ")\\s*((?<![-=<>])[<>]=?(?![<>=]))\\s*(" + OPERAND
            + ")\\s*\\+\\s*(" + OPERAND + ")(?![\\w.(]|\\s*[-+*/])");
    private static final Pattern SUM_LEFT = Pattern.compile("(?<![\\w.])(?<![-+*/)\\]]\\s{0,4})(" + OPERAND
            + ")\\s*\\+\\s*(" + OPERAND + ")\\s*((?<![-=<>])[<>]=?(?![<>=]))\\s*(" + OPERAND + ")(?![\\w.(])");
    private static final Pattern SUBTRACTION = Pattern.compile("(?<![\\w.)\\]])(" + OPERAND + ")\\s*-(?![=>])\\s*("
            + OPERAND + ")(?![\\w.(])");

    /** {@code data[1..][..data.len()]}: group 1 the sliced path, group 2 the offset. */
    private static final Pattern OFFSET_SLICE_BY_LEN = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*)"
            + "{0,6})\\s*\\[\\s*([A-Za-z_]\\w*|[1-9]\\d*)\\s*\\.\\.\\s*\\]\\s*\\[\\s*\\.\\.\\s*(=?)\\s*([A-Za-z_][\\w.\\s]{0,120}?)"
            + "\\s*\\.\\s*len\\s*\\(\\s*\\)\\s*\\]");

    /**
     * A slice of {@code x[k..]} bounded by the length of {@code x} itself: {@code x[k..]} is {@code k} shorter, so
     * the second slice runs past its end whenever {@code k > 0} (esp-hal 2356deb9 reversed: a received frame was
     * decoded from {@code raw.data[1..][..raw.data.len()]}, which always panics).
     */
    static void offsetSliceOverrun(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> added,
                                   List<Finding> out) {
        for (PanickingTwinAdded.Line a : added) {
            Matcher m = OFFSET_SLICE_BY_LEN.matcher(a.text());
            while (m.find()) {
                String x = RuleSupport.squeezed(m.group(1));
                if (!x.equals(RuleSupport.squeezed(m.group(4))) || m.group(2).equals("0")) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                        .object("`" + fn + "`").object("offset slice by len: " + x)
                        .title("`" + x + "[" + m.group(2) + "..][.." + m.group(3) + x + ".len()]` runs past the end in `"
                                + fn + "`")
                        .explanation("`" + x + "[" + m.group(2) + "..]` is `" + m.group(2) + "` elements shorter than `"
                                + x + "`, so bounding it by `" + x + ".len()` reaches past its end: the slice panics "
                                + "whenever `" + m.group(2) + "` is above zero.")
                        .check("Bound the inner slice by `" + x + ".len() - " + m.group(2) + "` (or slice `" + x + "["
                                + m.group(2) + "..]` alone).")
                        .build());
                return;
            }
        }
    }

    /** {@code packet.check_len()?}: a validation call whose error is passed on. */
    private static final Pattern VALIDATION = Pattern.compile("\\.\\s*(check_len|check_\\w*len\\w*|validate\\w*|check_bounds"
            + "|check_size)\\s*\\(\\s*\\)\\s*\\?");

    /**
     * A checked constructor ({@code new_checked}, any fn whose name ends in {@code _checked}) that no longer calls its
     * length validation: the unchecked accessors the parsed value offers then index past a short buffer. smoltcp
     * 798876d3 reversed: RPL options' {@code new_checked} rejected only an empty buffer, and a two-byte option
     * panicked in {@code Repr::parse}.
     */
    static void checkedConstructorUnchecked(ChangedFile file, ItemOutline.FnPair pair, List<Finding> out) {
        String fn = pair.now().name();
        if (!fn.endsWith("_checked") && !fn.equals("checked")) {
            return;
        }
        Matcher was = VALIDATION.matcher(pair.oldBody());
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (was.find()) {
            String call = was.group(1);
            if (!seen.add(call) || seen.size() > 16 || !pair.removedAt(file, was.start())
                    || Pattern.compile("\\b" + call + "\\s*\\(").matcher(pair.newBody()).find()) {
                continue;
            }
            int line = pair.after().headerLine(pair.now());
            out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, line, line)
                    .object("`" + fn + "`").object("validation removed: " + call)
                    .title("`" + fn + "` no longer calls `" + call + "()`")
                    .explanation("Before the change `" + fn + "` passed on the error of `" + call + "()`; now it "
                            + "returns the value without that check. Callers trust a value from a checked "
                            + "constructor and read it with unchecked accessors: a buffer shorter than the fields "
                            + "they read (a truncated packet, a peer's option) now panics with an index out of "
                            + "bounds instead of being rejected.")
                    .check("Keep the call to `" + call + "()` in `" + fn + "`, or show that what it checked is "
                            + "checked here another way.")
                    .build());
            return;
        }
    }

    private static final String TERM = "(?:[A-Za-z_]\\w*|\\d+)";
    /** {@code w >= 24 + BUTTON_SPACE}: the bounded name, the operator, the sum of terms. */
    private static final Pattern LOWER_BOUND = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)\\s*(>=|>)\\s*(" + TERM
            + "(?:\\s*\\+\\s*" + TERM + ")*)(?![\\w.(+\\-*/])");

    /**
     * A lower bound that lost a term while the subtraction it protects still subtracts it: {@code w >= 24 +
     * BUTTON_SPACE} became {@code w >= 24} before {@code w - 24 - BUTTON_SPACE}, so a width between the two
     * underflows (client-toolkit 6ecab9f5 reversed: narrow windows panicked finding the title-bar button).
     */
    static void boundTermDropped(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                 List<PanickingTwinAdded.Line> added, List<Finding> out) {
        for (PanickingTwinAdded.Line r : removed) {
            Matcher was = LOWER_BOUND.matcher(r.text());
            while (was.find()) {
                java.util.Set<String> oldTerms = terms(was.group(3));
                if (oldTerms.size() < 2) {
                    continue;
                }
                for (PanickingTwinAdded.Line a : added) {
                    Matcher now = LOWER_BOUND.matcher(a.text());
                    while (now.find()) {
                        java.util.Set<String> newTerms = terms(now.group(3));
                        if (!now.group(1).equals(was.group(1)) || !now.group(2).equals(was.group(2))
                                || !oldTerms.containsAll(newTerms) || newTerms.size() >= oldTerms.size()) {
                            continue;
                        }
                        java.util.Set<String> dropped = new java.util.LinkedHashSet<>(oldTerms);
                        dropped.removeAll(newTerms);
                        String term = dropped.iterator().next();
                        if (!Pattern.compile("(?<![\\w.])" + Pattern.quote(was.group(1)) + "\\s*-[^;{}]{0,120}?(?<![\\w.])"
                                + Pattern.quote(term) + "(?![\\w(])").matcher(pair.newBody()).find()) {
                            continue;
                        }
                        String fn = pair.now().name();
                        String shownWas = was.group(1) + " " + was.group(2) + " " + RuleSupport.squeezed(was.group(3))
                                .replace("+", " + ");
                        String shownNow = now.group(1) + " " + now.group(2) + " " + RuleSupport.squeezed(now.group(3))
                                .replace("+", " + ");
                        out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                                .object("`" + fn + "`").object("bound term dropped: " + term)
                                .title("`" + shownNow + "` was `" + shownWas + "` in `" + fn + "`")
                                .explanation("The check no longer counts `" + term + "`, but `" + fn + "` still "
                                        + "subtracts it from `" + was.group(1) + "`: a value between the two bounds passes "
                                        + "the check and the subtraction underflows (a panic in debug builds, a huge "
                                        + "value in release).")
                                .check("Keep `" + term + "` in the bound, or use `checked_sub`/`saturating_sub`.")
                                .build());
                        return;
                    }
                }
            }
        }
    }

    private static java.util.Set<String> terms(String sum) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String t : sum.split("\\+")) {
            out.add(t.strip());
        }
        return out;
    }

    /** A comparison with a sum on an added line, where a removed line compared by subtraction on the same values. */
    static void sumComparison(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                              List<PanickingTwinAdded.Line> added, List<Finding> out) {
        for (PanickingTwinAdded.Line a : added) {
            if (!a.text().contains("+")) {
                continue;
            }
            for (boolean right : new boolean[] {true, false}) {
                Matcher m = (right ? SUM_RIGHT : SUM_LEFT).matcher(a.text());
                while (m.find()) {
                    String total = right ? m.group(1) : m.group(4);
                    String x = right ? m.group(3) : m.group(1);
                    String y = right ? m.group(4) : m.group(2);
                    String safe = safeForm(removed, total, x, y);
                    if (safe == null || subtracts(pair.newBody(), total, x, y)) {
                        continue;
                    }
                    String shown = RuleSupport.shorten(m.group().replaceAll("\\s+", " ").strip());
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                            .object("`" + fn + "`").object("sum compared: " + shown)
                            .title("`" + shown + "` in `" + fn + "` adds where the check subtracted (`" + safe + "`)")
                            .explanation("Before the change `" + fn + "` compared by subtracting (`" + safe + "`), "
                                    + "which cannot overflow once the smaller side is checked; the sum `" + x + " + "
                                    + y + "` can. When either value comes from input (a length field a peer sends) a "
                                    + "value near the type's maximum overflows: a panic in debug builds, and in "
                                    + "release a wrapped sum that passes the check, after which the fn reads or "
                                    + "allocates with the huge length.")
                            .check("Keep the subtraction form, or use `" + x.replaceAll("\\s+", "") + ".checked_add("
                                    + y.replaceAll("\\s+", "") + ")` and treat `None` as too long.")
                            .build());
                    return;
                }
            }
        }
    }

    /** A comparison whose right side subtracts a name: {@code a <= limit - n}; the name is group 1. */
    private static final Pattern DIFFERENCE_COMPARED = Pattern.compile("(?<![-=<>])(?:<=?|>=?)(?![<>=])[^;]{0,200}?"
            + "(?<![-=<>])-(?![=>])\\s*(" + OPERAND + ")(?![\\w.(\\[])");

    /**
     * The mirror of {@link #sumComparison}: {@code ordinal + n <= days} rewritten as {@code ordinal <= days - n}.
     * The subtraction underflows when {@code n} is larger than the bound, a panic in debug builds and, wrapped in
     * release, a huge bound that passes the check (time 2595e1cf reversed: {@code DateIter::nth} with {@code n} past
     * the year's end took the unchecked same-year path).
     */
    static void differenceComparison(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                     List<PanickingTwinAdded.Line> added, List<Finding> out) {
        String oldBody = pair.oldBody().replaceAll("\\s+", "");
        for (PanickingTwinAdded.Line a : added) {
            Matcher m = DIFFERENCE_COMPARED.matcher(a.text());
            while (m.find()) {
                String n = m.group(1).replaceAll("\\s+", "");
                Pattern summed = Pattern.compile("\\+\\s*" + Pattern.quote(n) + "(?![\\w.(\\[])[^;]{0,200}?(?<![-=<>])(?:<=?|>=?)(?![<>=])");
                boolean wasSum = removed.stream().anyMatch(r -> summed.matcher(r.text()).find());
                if (!wasSum || oldBody.contains("-" + n)) {
                    continue; // not a sum before, or the old fn already subtracted it
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                        .object("`" + fn + "`").object("difference compared: - " + n)
                        .title("`- " + n + "` in a comparison of `" + fn + "` replaces adding `" + n + "` on the other side")
                        .explanation("Before the change `" + fn + "` added `" + n + "` to the smaller side of the "
                                + "comparison; now it subtracts `" + n + "` from the bound. An unsigned subtraction "
                                + "underflows when `" + n + "` is larger than the bound: a panic in debug builds, and in "
                                + "release a wrapped, huge bound that lets the check pass, so the code it guards runs "
                                + "with a value it was meant to exclude.")
                        .check("Keep the sum on the other side (checked if it can overflow), or compare `" + n
                                + "` with the bound first.")
                        .build());
                return;
            }
        }
    }

    /** An allocation sized by its argument: {@code with_capacity(..)}, {@code reserve(..)}, {@code reserve_exact(..)}. */
    private static final Pattern ALLOCATION = Pattern.compile("\\b(with_capacity|reserve|reserve_exact)\\s*\\((.{1,200})");
    private static final Pattern MIN = Pattern.compile("\\bmin\\s*\\(|\\.\\s*min\\s*\\(");

    /**
     * An allocation whose size lost its clamp: {@code with_capacity(1 + min(DEFAULT_LIMIT, limit))} became
     * {@code with_capacity(1 + limit)}. A size taken from configuration or input (a cardinality limit of
     * {@code usize::MAX}) now overflows the addition or the allocator ("capacity overflow"), a panic, or reserves
     * gigabytes up front (opentelemetry-rust 2b63b75e reversed).
     */
    static void allocationClampRemoved(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                       List<PanickingTwinAdded.Line> added, List<Finding> out) {
        // the statements span lines (`with_capacity(` on one, its argument on the next): read the removed and the
        // added lines of the fn each as one text
        String was = String.join(" ", removed.stream().map(PanickingTwinAdded.Line::text).toList());
        Matcher old = ALLOCATION.matcher(was);
        while (old.find()) {
            String oldArgs = old.group(2);
            if (!MIN.matcher(oldArgs).find()) {
                continue;
            }
            Set<String> oldNames = PanickingTwinAdded.keys(oldArgs);
            for (PanickingTwinAdded.Line a : added) {
                Matcher now = ALLOCATION.matcher(a.text());
                while (now.find()) {
                    String newArgs = now.group(2);
                    if (!now.group(1).equals(old.group(1)) || MIN.matcher(newArgs).find()
                            || !PanickingTwinAdded.overlaps(PanickingTwinAdded.keys(newArgs), oldNames)) {
                        continue;
                    }
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                            .object("`" + fn + "`").object("allocation clamp removed: " + now.group(1))
                            .title("`" + now.group(1) + "` in `" + fn + "` is no longer clamped with `min`")
                            .explanation("Before the change `" + fn + "` sized the allocation with a `min(..)`, so "
                                    + "however large the value from configuration or input, the reservation stayed "
                                    + "bounded. Now the value goes in as it is: a huge one (`usize::MAX` as a limit) "
                                    + "overflows the size arithmetic or the allocator (\"capacity overflow\"), a "
                                    + "panic, or reserves far more memory than will be used.")
                            .check("Keep the clamp (`min(DEFAULT, value)`), or grow the collection on demand.")
                            .build());
                    return;
                }
            }
        }
    }

    /** The removed subtraction of one summand from the total ({@code size - header_length}), or null. */
    private static String safeForm(List<PanickingTwinAdded.Line> removed, String total, String x, String y) {
        Set<String> t = PanickingTwinAdded.keys(total);
        Set<String> summands = new LinkedHashSet<>(PanickingTwinAdded.keys(x));
        summands.addAll(PanickingTwinAdded.keys(y));
        for (PanickingTwinAdded.Line r : removed) {
            Matcher sub = SUBTRACTION.matcher(r.text());
            while (sub.find()) {
                if (PanickingTwinAdded.overlaps(PanickingTwinAdded.keys(sub.group(1)), t)
                        && PanickingTwinAdded.overlaps(PanickingTwinAdded.keys(sub.group(2)), summands)) {
                    return sub.group(1).replaceAll("\\s+", "") + " - " + sub.group(2).replaceAll("\\s+", "");
                }
            }
        }
        return null;
    }

    private static boolean subtracts(String body, String total, String x, String y) {
        Set<String> t = PanickingTwinAdded.keys(total);
        Set<String> summands = new LinkedHashSet<>(PanickingTwinAdded.keys(x));
        summands.addAll(PanickingTwinAdded.keys(y));
        for (String line : body.split("\n")) {
            if (line.length() > PanickingTwinAdded.MAX_LINE) {
                continue;
            }
            Matcher sub = SUBTRACTION.matcher(line);
            while (sub.find()) {
                if (PanickingTwinAdded.overlaps(PanickingTwinAdded.keys(sub.group(1)), t)
                        && PanickingTwinAdded.overlaps(PanickingTwinAdded.keys(sub.group(2)), summands)) {
                    return true;
                }
            }
        }
        return false;
    }
}
