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
 * PN24: inside {@code if x.len() > N { .. }} a slice of {@code x} ends at a literal past what the check proves
 * ({@code [..M]} with M above N + 1). tantivy 6dfa2df0 reversed: {@code OwnedBytes}'s {@code Debug} took
 * {@code [..10]} whenever the length was over 8, so a 9-byte value panicked when printed.
 */
public final class SliceBeyondCheckedLength implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN24", RiskArea.PANICS, Severity.MEDIUM,
            "slice longer than the length check",
            "In a non-test fn, inside the block of `if x.len() > N` (or `>= N`, N a literal), a slice `[..M]`, "
                    + "`[..=M]` or `[a..M]` of a value named like `x` ends past the length the condition proves, when "
                    + "the change adds the `if` line or the slice's line.",
            "It compares integer literals only: a bound held in a constant, or an `else` branch that slices, is "
                    + "not read.",
            "indexing_slicing");

    private static final Pattern CHECK = Pattern.compile(
            "\\bif\\s+([A-Za-z_][\\w.]{0,80}?)\\s*\\.\\s*len\\s*\\(\\s*\\)\\s*(>=|>)\\s*(\\d{1,9})\\s*\\{");
    private static final Pattern SLICE = Pattern.compile(
            "(?<![\\w])([A-Za-z_][\\w.()]{0,80}?)\\s*\\[\\s*(?:\\d{1,9})?\\s*\\.\\.(=?)\\s*(\\d{1,9})\\s*\\]");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        ItemOutline after = null;
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            after = after == null ? ItemOutline.after(file) : after;
            String body = after.body(fn);
            Matcher check = CHECK.matcher(body);
            while (check.find()) {
                long proven = Long.parseLong(check.group(3)) + (check.group(2).equals(">") ? 1 : 0);
                int open = check.end() - 1;
                int close = RuleSupport.closing(body, open, '{', '}');
                String owner = root(check.group(1));
                Matcher slice = SLICE.matcher(body.substring(open, close));
                while (slice.find()) {
                    long end = Long.parseLong(slice.group(3)) + (slice.group(2).isEmpty() ? 0 : 1);
                    int ifLine = after.line(fn.bodyStart() + check.start());
                    int line = after.line(fn.bodyStart() + open + slice.start());
                    if (end > proven && owner.equals(root(slice.group(1)))
                            && (file.added(ifLine) || file.added(line))) {
                        out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                                .object(fn.name())
                                .title("slice to " + end + " under a check that proves only " + proven + " in `"
                                        + fn.name() + "`")
                                .explanation("The condition `" + check.group(1) + ".len() " + check.group(2) + " "
                                        + check.group(3) + "` lets a length of " + proven + " into this block, and "
                                        + "the slice reads up to " + end + ": a value of a length in between panics "
                                        + "with \"range end index out of range\".")
                                .check("Make the condition and the slice agree (`len() > " + (end - 1) + "`), or "
                                        + "slice to `len().min(" + end + ")`.")
                                .build());
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The first name of a path or method chain: {@code self} for {@code self.as_slice()}. */
    private static String root(String expr) {
        int i = 0;
        while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_')) {
            i++;
        }
        return expr.substring(0, i);
    }
}
