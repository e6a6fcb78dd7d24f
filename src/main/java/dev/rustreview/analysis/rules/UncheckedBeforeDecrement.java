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
 * US19: an exclusive end index ({@code self.end}) passed to an unchecked access before it is decremented, where the
 * fn decremented it first. The end is one past the last element, so the access reads out of bounds: undefined
 * behaviour, with no panic to catch it in release builds. arrow-rs 3b617965 reversed: {@code RowsIter::next_back}
 * called {@code rows.row_unchecked(self.end)} and only then {@code self.end -= 1}.
 */
public final class UncheckedBeforeDecrement implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US19", RiskArea.UNSAFE, Severity.HIGH, "unchecked access before the decrement",
            "In a non-test fn that stays, a call to an `*_unchecked(..)` method takes `self.f` as an argument "
                    + "(`self.rows.row_unchecked(self.end)`) and a later `self.f -= 1;` follows in the fn, where the old "
                    + "fn decremented `self.f` before that call.",
            "It reads the order of two statements as text: an index that is inclusive (decremented after use "
                    + "on purpose) is reported too.");

    private static final Pattern UNCHECKED = Pattern.compile("\\b\\w*_unchecked(?:_mut)?\\s*\\(\\s*self\\s*\\.\\s*(\\w+)\\s*\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("_unchecked")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String masked = pair.after().masked();
            Matcher use = UNCHECKED.matcher(masked).region(pair.now().bodyStart(), pair.now().bodyEnd());
            while (use.find()) {
                String field = use.group(1);
                Pattern decrement = Pattern.compile("(?<![\\w.])self\\s*\\.\\s*" + field + "\\s*-=\\s*1\\s*;");
                Matcher after = decrement.matcher(masked).region(use.end(), pair.now().bodyEnd());
                if (!after.find() || decrement.matcher(masked).region(pair.now().bodyStart(), use.start()).find()) {
                    continue;
                }
                if (!decrementedFirst(pair, field, decrement)) {
                    continue;
                }
                // The old fn decremented first, so the change moved one of the two lines: no added-line check needed.
                int line = pair.after().line(use.start());
                int decLine = pair.after().line(after.start());
                out.add(finding(file, pair.now().name(), field, masked.substring(use.start(), use.end()), line, decLine));
                break;
            }
        }
        return out;
    }

    /** Whether the old fn decremented the field before its first unchecked use of it. */
    private static boolean decrementedFirst(ItemOutline.FnPair pair, String field, Pattern decrement) {
        String old = pair.oldBody();
        Matcher use = UNCHECKED.matcher(old);
        while (use.find()) {
            if (use.group(1).equals(field)) {
                return decrement.matcher(old).region(0, use.start()).find();
            }
        }
        return false;
    }

    private static Finding finding(ChangedFile file, String fn, String field, String call, int line, int decLine) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, decLine)
                .object(fn).object("self." + field).object("unchecked before decrement")
                .title("`" + fn + "` reads `self." + field + "` unchecked before decrementing it")
                .explanation("Before the change `" + fn + "` ran `self." + field + " -= 1` first and then `"
                        + RuleSupport.shorten(call) + "`. Now the unchecked call on line " + line + " comes first and "
                        + "the decrement follows on line " + decLine + ". If `self." + field + "` is an exclusive end "
                        + "(one past the last element), the call reads past the end with no bounds check: undefined "
                        + "behaviour, and every element is off by one.")
                .check("Decrement `self." + field + "` before the unchecked access, or show that it is inclusive "
                        + "and update the `// Safety` comment to say so.")
                .build();
    }
}
