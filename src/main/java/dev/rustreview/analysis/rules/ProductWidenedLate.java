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
 * PN31: a product widened after it is computed where the old code widened its factors. {@code (a * b).into()}
 * multiplies in the factors' own type and only then converts: the widening says the result needs the bigger type,
 * but the overflow (a panic in debug builds, a wrapped value in release) has already happened. ratatui 2fb0b8a7
 * reversed: {@code (viewport.top() * area.width).into()} overflowed {@code u16} for a tall, wide terminal.
 */
public final class ProductWidenedLate implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN31", RiskArea.PANICS, Severity.MEDIUM, "product widened after it overflows",
            "A line the change adds in a non-test fn widens a product as a whole (`(a * b).into()`, `(a * b) as u64`, "
                    + "`u64::from(a * b)`, also `usize`, `u128`, `i64`, `i128`), and a line it removes from the same fn "
                    + "named both factors with a conversion of its own (`(a as usize) * (b as usize)`, "
                    + "`u64::from(a) * u64::from(b)`).",
            "It compares the factors' text and cannot see their types: factors that were already of the wide type, "
                    + "or are bounded small, are reported too.");

    /** {@code (..).into()}, {@code (..) as u64}: the widened parenthesis opens at the match's start. */
    private static final Pattern WIDENED_GROUP = Pattern.compile("\\((?=[^;]{0,200}\\)\\s*(?:\\.\\s*into\\s*\\(\\s*\\)|as\\s+(?:u64|usize|u128|i64|i128)\\b))");
    /** {@code u64::from(..)}: the parenthesis opens at the match's end - 1. */
    private static final Pattern FROM_CALL = Pattern.compile("\\b(?:u64|usize|u128|i64|i128)\\s*::\\s*(?:from|try_from)\\s*\\(");
    private static final Pattern CONVERSION = Pattern.compile("\\bas\\s+\\w+|::\\s*(?:try_)?from\\s*\\(|\\.\\s*(?:try_)?into\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String now = pair.newBody();
            if (!now.contains("*")) {
                continue;
            }
            for (int open : opens(now)) {
                int line = pair.after().line(pair.now().bodyStart() + open);
                int close = closeWithin(now, open);
                if (!file.added(line) || close < 0) {
                    continue;
                }
                List<String> factors = factors(now.substring(open + 1, close));
                if (factors.size() == 2 && factors.stream().noneMatch(f -> f.matches("\\d+")) && widenedBefore(file, pair, factors)) {
                    String product = factors.get(0) + " * " + factors.get(1);
                    out.add(finding(file, pair.now().name(), product, line));
                    break;
                }
            }
        }
        return out;
    }

    private static List<Integer> opens(String body) {
        List<Integer> out = new ArrayList<>();
        Matcher g = WIDENED_GROUP.matcher(body);
        while (g.find()) {
            int close = closeWithin(body, g.start());
            if (close < 0) {
                continue;
            }
            String after = body.substring(Math.min(body.length(), close + 1), Math.min(body.length(), close + 24));
            if (after.matches("(?s)\\s*(?:\\.\\s*into\\s*\\(\\s*\\)|as\\s+(?:u64|usize|u128|i64|i128)\\b).*")) {
                out.add(g.start());
            }
        }
        Matcher f = FROM_CALL.matcher(body);
        while (f.find()) {
            out.add(f.end() - 1);
        }
        out.sort(null);
        return out;
    }

    /** The longest product read, open to close: a widened product of real code fits in a line. */
    private static final int MAX_GROUP = 200;

    /**
     * The parenthesis closing the one at {@code open} when it is at most {@link #MAX_GROUP} characters on, else -1.
     * Bounded, because every parenthesis of a body is a candidate: scanning to the end from each made a 200 kB
     * line of nested parentheses take minutes.
     */
    private static int closeWithin(String body, int open) {
        int depth = 0;
        for (int i = open; i < body.length() && i <= open + MAX_GROUP; i++) {
            char c = body.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The top-level factors of {@code a * b}, without whitespace; one element when there is no top-level {@code *}. */
    private static List<String> factors(String expr) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
            if (depth == 0 && (c == '+' || c == '-' || c == '/' || c == '%' || c == '<' || c == '>' || c == '&' || c == '|')) {
                return List.of(expr);
            }
            if (depth == 0 && c == '*' && i > from) {
                out.add(RuleSupport.squeezed(expr.substring(from, i)));
                from = i + 1;
            }
        }
        out.add(RuleSupport.squeezed(expr.substring(from)));
        return out;
    }

    /** Whether a removed line of the old fn names both factors, a {@code *} and a conversion. */
    private static boolean widenedBefore(ChangedFile file, ItemOutline.FnPair pair, List<String> factors) {
        String[] lines = pair.oldBody().split("\n", -1);
        int first = pair.before().line(pair.was().bodyStart());
        for (int i = 0; i < lines.length; i++) {
            String squeezed = RuleSupport.squeezed(lines[i]);
            if (file.removed(first + i) && squeezed.contains("*") && CONVERSION.matcher(lines[i]).find()
                    && factors.stream().allMatch(squeezed::contains)
                    && !squeezed.contains(factors.get(0) + "*" + factors.get(1))) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(ChangedFile file, String fn, String product, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(product)
                .title("`" + RuleSupport.shorten(product) + "` is multiplied before it is widened")
                .explanation("Before the change `" + fn + "` converted each factor and multiplied in the wider type. "
                        + "Now `" + RuleSupport.shorten(product) + "` is computed in the factors' own type and only "
                        + "the result is widened: a product that needs the wider type overflows first (a panic in "
                        + "debug builds, a wrapped, too-small value in release).")
                .check("Widen the factors before multiplying (`(a as usize) * (b as usize)`, `u64::from(a) * "
                        + "u64::from(b)`), or use `checked_mul` and handle `None`.")
                .build();
    }
}
