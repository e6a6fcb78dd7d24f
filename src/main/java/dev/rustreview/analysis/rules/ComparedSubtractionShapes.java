package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PN5 shape: a subtraction the code right around it proves negative. In the arm {@code Ordering::Less =>} of
 * {@code match head.cmp(&tail)}, or inside {@code if head < tail}, the expression {@code head - tail} is below zero
 * by construction; for the unsigned indices and lengths such code handles, that is a panic in debug builds and a
 * value near {@code usize::MAX} in release. The operands are simply the wrong way round, and a test that never
 * reaches that arm passes. thingbuf caab6b23 reversed: {@code Core::len} computed {@code head_idx - tail_idx} in the
 * {@code Less} arm of {@code head_idx.cmp(&tail_idx)}.
 */
final class ComparedSubtractionShapes {

    private static final String PATH = "(?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}[A-Za-z_]\\w*";
    /** The arm of a {@code cmp} match the subtraction sits in: {@code Ordering::Less =>}, {@code Greater =>}. */
    private static final Pattern ARM = Pattern.compile("(?<![\\w])(?:(?:cmp\\s*::\\s*)?Ordering\\s*::\\s*)?(Less|Greater)"
            + "\\s*=>");
    private static final Pattern CMP_MATCH = Pattern.compile("\\bmatch\\s+(" + PATH + ")\\s*\\.\\s*cmp\\s*\\(\\s*&?\\s*("
            + PATH + ")\\s*\\)\\s*\\{");
    private static final Pattern IF_HEADER = Pattern.compile("^(?:\\}\\s*)?(?:else\\s+)?(?:if|while)\\s+(.*)$",
            Pattern.DOTALL);
    private static final Pattern NEGATION = Pattern.compile("!(?!=)");

    private ComparedSubtractionShapes() {
    }

    static void subtractionAgainstComparison(ChangedFile file, ItemOutline.FnPair pair,
                                             List<PanickingTwinAdded.Line> added, List<Finding> out) {
        Unguarded.Blocks blocks = null;
        String masked = pair.after().masked();
        for (PanickingTwinAdded.Line a : added) {
            Matcher sub = SubtrahendShapes.SUB.matcher(a.text());
            while (sub.find()) {
                String left = RuleSupport.squeezed(sub.group(1));
                String right = RuleSupport.squeezed(sub.group(2));
                int offset = pair.after().offset(a.number());
                String proof = armProof(masked, pair, a.text().substring(0, sub.start()), offset, left, right);
                if (proof == null) {
                    if (blocks == null) {
                        blocks = new Unguarded.Blocks(masked, pair.now().bodyStart(), pair.now().bodyEnd());
                    }
                    proof = conditionProof(blocks.conditions(offset), left, right);
                }
                if (proof != null) {
                    out.add(finding(file, pair, a.number(), left, right, proof));
                    return;
                }
            }
        }
    }

    /** The {@code match a.cmp(&b)} whose {@code Less}/{@code Greater} arm on this line makes {@code left < right}. */
    private static String armProof(String masked, ItemOutline.FnPair pair, String before, int offset, String left,
                                   String right) {
        Matcher arm = ARM.matcher(before);
        String which = null;
        while (arm.find()) {
            which = arm.group(1);
        }
        if (which == null) {
            return null;
        }
        Matcher m = CMP_MATCH.matcher(masked).region(pair.now().bodyStart(), Math.min(offset, pair.now().bodyEnd()));
        String a = null;
        String b = null;
        while (m.find()) {
            int close = RuleSupport.closing(masked, m.end() - 1, '{', '}');
            if (close > offset) { // the innermost cmp match still open at the line
                a = RuleSupport.squeezed(m.group(1));
                b = RuleSupport.squeezed(m.group(2));
            }
        }
        if (a == null) {
            return null;
        }
        boolean lessProved = which.equals("Less") ? left.equals(a) && right.equals(b) : left.equals(b) && right.equals(a);
        return lessProved ? "the `" + which + "` arm of `match " + a + ".cmp(&" + b + ")`" : null;
    }

    /** An enclosing {@code if}/{@code while} whose condition has {@code left < right} as a conjunct. */
    private static String conditionProof(List<String> conditions, String left, String right) {
        for (String c : conditions) {
            Matcher header = IF_HEADER.matcher(c.strip());
            if (!header.matches() || header.group(1).contains("||") || NEGATION.matcher(header.group(1)).find()) {
                continue; // a disjunction or a negation proves nothing about one conjunct
            }
            for (String conjunct : header.group(1).split("&&")) {
                String s = RuleSupport.squeezed(conjunct);
                if (s.equals(left + "<" + right) || s.equals(left + "<=" + right) || s.equals(right + ">" + left)
                        || s.equals(right + ">=" + left)) {
                    return "`" + c.strip().replaceAll("\\s+", " ") + "`";
                }
            }
        }
        return null;
    }

    private static Finding finding(ChangedFile file, ItemOutline.FnPair pair, int line, String left, String right,
                                   String proof) {
        String fn = pair.now().name();
        return FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, line, line)
                .object("`" + fn + "`").object("subtraction against its comparison: " + left + " - " + right)
                .title("`" + left + " - " + right + "` in `" + fn + "` runs only where `" + left + "` is the smaller")
                .explanation("The change computes `" + left + " - " + right + "` inside " + RuleSupport.shorten(proof)
                        + ", which holds only when `" + left + "` is at most `" + right + "`. The difference is "
                        + "negative there by construction: for unsigned indices and lengths, a panic in debug builds "
                        + "and a value near the type's maximum in release. The operands are most likely the wrong "
                        + "way round.")
                .check("Check the order of the operands (`" + right + " - " + left + "`?) and add a test that "
                        + "reaches this branch.")
                .build();
    }
}
