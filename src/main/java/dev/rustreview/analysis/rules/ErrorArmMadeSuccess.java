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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ER11: a {@code match} arm that returned {@code Err(..)} returns {@code Ok(..)} after the change, for the same
 * pattern. The case is now reported as success: callers that stopped, retried or reported on the error carry on
 * as if the input were fine. It reads lines, not fns, so it also sees the arms of a {@code macro_rules!} template:
 * quick-xml 3b5d5b14 is the reverse of its fix, where {@code Ok(None) => Err(Error::Syntax(SyntaxError::UnclosedTag))}
 * became {@code Ok(None) => Ok(Event::Eof)} and an unclosed {@code <} ended the document without an error.
 * Making an error arm succeed is also how a failing test is made to pass without fixing anything.
 */
public final class ErrorArmMadeSuccess implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER11", RiskArea.ERRORS, Severity.MEDIUM, "error arm now returns Ok",
            "Outside test code, the change removes a match arm `P => Err(..)` (or `P => return Err(..)`) and adds "
                    + "an arm `P => Ok(..)` with the same pattern `P`, and the file has no `P => Err(..)` arm left "
                    + "and had no `P => Ok(..)` arm before.",
            "It pairs arms by their pattern's text across the file: a pattern used by two matches is read as one, "
                    + "and an error moved into a block arm (`P => { .. Err(..) }`) or a helper is not seen.");

    private static final Pattern ARM = Pattern.compile("^\\s*(?:\\|\\s*)?([^=;{}]{1,160}?)\\s*=>\\s*(?:return\\s+)?"
            + "(Err|Ok)\\s*\\(");
    private static final int MAX_LINE = 400;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.oldText() == null || file.newText() == null || file.isTestPath()) {
            return out;
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        Map<String, String> oldErr = new HashMap<>();
        Set<String> oldOk = new HashSet<>();
        Set<String> newErr = new HashSet<>();
        arms(before, file.oldText(), file::removed, (pattern, kind, line, text) -> {
            if (kind.equals("Err")) {
                oldErr.putIfAbsent(pattern, text);
            }
        });
        arms(before, file.oldText(), n -> true, (pattern, kind, line, text) -> {
            if (kind.equals("Ok")) {
                oldOk.add(pattern);
            }
        });
        arms(after, file.newText(), n -> true, (pattern, kind, line, text) -> {
            if (kind.equals("Err")) {
                newErr.add(pattern);
            }
        });
        Set<String> reported = new HashSet<>();
        arms(after, file.newText(), file::added, (pattern, kind, line, text) -> {
            String was = oldErr.get(pattern);
            if (!kind.equals("Ok") || was == null || oldOk.contains(pattern) || newErr.contains(pattern)
                    || inTest(after, line) || !reported.add(pattern)) {
                return;
            }
            String shown = RuleSupport.shorten(text.strip());
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(pattern)
                    .title("The arm `" + RuleSupport.shorten(pattern) + " =>` now returns `Ok` where it returned `Err`")
                    .explanation("Before the change this arm reported an error (`" + RuleSupport.shorten(was.strip())
                            + "`); now the same case succeeds (`" + shown + "`). Callers that stopped, retried or "
                            + "reported on that error carry on as if all went well: malformed input is accepted, a "
                            + "failed operation counts as done.")
                    .check("Confirm the case really is a success (the format's spec, a test that says so); otherwise "
                            + "keep the error. Turning an error arm into `Ok` is also how a failing test passes "
                            + "without a fix.")
                    .build());
        });
        return out;
    }

    private interface ArmSink {
        void arm(String pattern, String kind, int line, String text);
    }

    /**
     * Every arm line that {@code changed} accepts: its pattern (squeezed, read from the masked text so a `=>` in a
     * string or comment is no arm), Ok or Err, line, and the line as written.
     */
    private static void arms(ItemOutline outline, String source, java.util.function.IntPredicate changed,
                             ArmSink sink) {
        String[] lines = outline.masked().split("\n", -1);
        String[] written = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i];
            if (text.length() > MAX_LINE || !changed.test(i + 1) || !text.contains("=>")) {
                continue;
            }
            Matcher m = ARM.matcher(text);
            if (m.find()) {
                sink.arm(RuleSupport.squeezed(m.group(1)), m.group(2), i + 1,
                        written.length == lines.length ? written[i] : text);
            }
        }
    }

    /** Whether the line is inside a test fn or test module. */
    private static boolean inTest(ItemOutline outline, int line) {
        for (ItemOutline.Item item : outline.items()) {
            if ((item.kind() == ItemOutline.Kind.FN || item.kind() == ItemOutline.Kind.MOD) && outline.inTest(item)
                    && outline.line(item.start()) <= line && line <= outline.endLine(item)) {
                return true;
            }
        }
        return false;
    }
}
