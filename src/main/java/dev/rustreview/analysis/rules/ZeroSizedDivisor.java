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
 * PN8: a line the change adds divides by {@code size_of::<T>()} for a generic {@code T} (or hands it to
 * {@code chunks}/{@code chunks_exact}/{@code step_by}), and nothing in the fn or its impl looks at the zero-sized
 * case. A zero-sized type is a legal {@code T}, so the fn panics with a division by zero (or a zero chunk size)
 * for it: bytemuck 005ee325 is the reverse of its fix, where {@code try_cast_slice_box::<A, ()>} panicked instead
 * of returning an error. A concrete type is never zero-sized by surprise, so it is left alone.
 */
public final class ZeroSizedDivisor implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN8", RiskArea.PANICS, Severity.MEDIUM, "division by a size that can be zero",
            "A line the change adds in a non-test fn divides (`/`, `%`, `div_ceil`) by `size_of::<T>()` where `T` is a "
                    + "generic parameter of the fn or its impl (also through a `let` that holds the size), or passes it "
                    + "to `chunks`/`chunks_exact`/`step_by`, and neither the fn nor its impl compares that size with "
                    + "zero: a zero-sized `T` divides by zero.",
            "It does not read trait bounds: a bound that rules out zero-sized types (a trait only sized types "
                    + "implement) is not seen, and a check made by the caller reads as missing.",
            "arithmetic_side_effects");

    private static final String SIZE_OF = "(?:(?:core|std)\\s*::\\s*)?(?:mem\\s*::\\s*)?size_of\\s*::\\s*<\\s*([A-Za-z_]\\w*)\\s*>\\s*\\(\\s*\\)";
    private static final Pattern SIZE = Pattern.compile("(?<![\\w:])" + SIZE_OF);
    private static final Pattern LET_SIZE = Pattern.compile("\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*(?::\\s*usize\\s*)?=\\s*"
            + SIZE_OF + "\\s*;");
    private static final Pattern GENERICS_OWNER = Pattern.compile("\\b(?:fn\\s+\\w+|impl|trait\\s+\\w+|struct\\s+\\w+)\\s*<");
    private static final int MAX_PER_FN = 16;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        List<ItemOutline.Item> fns = ItemOutline.changedFns(file);
        if (fns.isEmpty()) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : fns) {
            String body = after.body(fn);
            if (!body.contains("size_of")) {
                continue;
            }
            Set<String> generics = generics(after, fn);
            if (generics.isEmpty()) {
                continue;
            }
            int n = 0;
            for (Site site : sites(body, generics)) {
                int line = after.line(fn.bodyStart() + site.at());
                if (!file.added(line) || zeroCaseHandled(after, fn, site.type())) {
                    continue;
                }
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn.name()).object("size_of::<" + site.type() + ">() as " + site.use())
                        .title("`" + fn.name() + "` " + site.use() + " `size_of::<" + site.type() + ">()`, zero for a "
                                + "zero-sized `" + site.type() + "`")
                        .explanation("`" + site.type() + "` is a generic parameter, and a zero-sized type (`()`, an "
                                + "empty struct, `PhantomData`) is a legal argument for it. Then `size_of::<"
                                + site.type() + ">()` is 0 and this " + (site.use().startsWith("divides")
                                ? "division panics (`attempt to divide by zero`)" : "call panics (a zero chunk or step size)")
                                + "; nothing in `" + fn.name() + "` or its impl looks at the zero-sized case first.")
                        .check("Handle `size_of::<" + site.type() + ">() == 0` before this line (return an error, or "
                                + "the length the zero-sized case needs), or rule zero-sized types out with a `const` "
                                + "assertion.")
                        .build());
                if (++n >= MAX_PER_FN) {
                    break;
                }
            }
        }
        return out;
    }

    /** Where a body uses the size of a generic type as a divisor: offset, the type, how. */
    private record Site(int at, String type, String use) {
    }

    private static List<Site> sites(String body, Set<String> generics) {
        List<Site> out = new ArrayList<>();
        List<String[]> divisors = new ArrayList<>(); // {regex of the divisor, type}
        for (String type : generics) {
            divisors.add(new String[] {"(?<![\\w:])" + SIZE_OF.replace("([A-Za-z_]\\w*)", Pattern.quote(type)), type});
        }
        Matcher let = LET_SIZE.matcher(body);
        while (let.find()) {
            if (generics.contains(let.group(2))) {
                divisors.add(new String[] {"(?<![\\w.])" + Pattern.quote(let.group(1)) + "(?![\\w(])", let.group(2)});
            }
        }
        for (String[] d : divisors) {
            Matcher div = Pattern.compile("(?<![/%])[/%](?![/=*])\\s*(?:\\(\\s*)?" + d[0]).matcher(body);
            while (div.find()) {
                out.add(new Site(div.start(), d[1], "divides by"));
            }
            Matcher call = Pattern.compile("\\.\\s*(div_ceil|chunks|chunks_exact|chunks_mut|chunks_exact_mut|step_by)"
                    + "\\s*\\(\\s*" + d[0] + "\\s*\\)").matcher(body);
            while (call.find()) {
                out.add(new Site(call.start(), d[1], call.group(1).equals("div_ceil") ? "divides by"
                        : "passes to `" + call.group(1) + "`"));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Site::at));
        return out;
    }

    /**
     * The generic type parameters in scope of a fn: its own and those of every item around it (an impl, a trait),
     * without lifetimes and const parameters.
     */
    private static Set<String> generics(ItemOutline outline, ItemOutline.Item fn) {
        Set<String> out = new LinkedHashSet<>();
        for (ItemOutline.Item item : outline.items()) {
            boolean encloses = item.start() <= fn.start() && item.bodyEnd() >= fn.bodyEnd();
            if (encloses && (item == fn || item.kind() != ItemOutline.Kind.FN)) {
                params(ItemOutline.plain(item.header()), out);
            }
        }
        return out;
    }

    private static void params(String header, Set<String> out) {
        Matcher owner = GENERICS_OWNER.matcher(header);
        if (!owner.find()) {
            return;
        }
        int open = owner.end() - 1;
        int close = ItemOutline.skipAngles(header, open);
        if (close <= open) {
            return;
        }
        int depth = 0;
        int from = open + 1;
        for (int i = open + 1; i < close - 1 && i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '<' || c == '(' || c == '[') {
                depth++;
            } else if (c == '>' && header.charAt(i - 1) != '-' || c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                param(header.substring(from, i), out);
                from = i + 1;
            }
        }
        param(header.substring(from, Math.max(from, Math.min(close - 1, header.length()))), out);
    }

    private static void param(String text, Set<String> out) {
        Matcher m = Pattern.compile("^\\s*([A-Z]\\w*)\\b").matcher(text);
        if (m.find()) {
            out.add(m.group(1));
        }
    }

    /** Whether the fn or an item around it compares the type's size with zero (or asks whether it is zero-sized). */
    private static boolean zeroCaseHandled(ItemOutline outline, ItemOutline.Item fn, String type) {
        // `x % size_of::<T>() != 0` compares the remainder, not the size: an operator in front rules the size out.
        Pattern zero = Pattern.compile("(?<![%/*+-]\\s{0,4})" + SIZE_OF.replace("([A-Za-z_]\\w*)", Pattern.quote(type))
                + "\\s*(?:[=!]=|>|<=?)\\s*0\\b|\\b0\\s*(?:[=!]=|<|>=?)\\s*" + SIZE_OF.replace("([A-Za-z_]\\w*)",
                Pattern.quote(type)) + "|\\b" + Pattern.quote(type) + "\\s*::\\s*IS_ZST\\b|\\bis_zst\\b|\\bIS_ZST\\b");
        String masked = outline.masked();
        for (ItemOutline.Item item : outline.items()) {
            boolean encloses = item.start() <= fn.start() && item.bodyEnd() >= fn.bodyEnd();
            if (encloses && zero.matcher(masked.substring(item.bodyStart(), item.bodyEnd())).find()) {
                return true;
            }
        }
        // A size held in a let and compared there: `let size = size_of::<T>(); if size == 0 { .. }`.
        String body = outline.body(fn);
        Matcher let = LET_SIZE.matcher(body);
        while (let.find()) {
            if (let.group(2).equals(type) && Pattern.compile("(?<![\\w.])(?<![%/*+-]\\s{0,4})" + Pattern.quote(let.group(1))
                    + "\\s*(?:[=!]=|>)\\s*0\\b").matcher(body).find()) {
                return true;
            }
        }
        return false;
    }
}
