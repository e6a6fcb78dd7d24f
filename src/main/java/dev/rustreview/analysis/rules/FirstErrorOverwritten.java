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
 * ER39: the first error kept no more. {@code if last_error.is_none() { last_error = Some(error); }} became the bare
 * assignment: when one response carries several errors, the caller gets the last (usually a generic "statement
 * terminated") instead of the first, which named the cause. tiberius 30fdd491 reversed.
 */
public final class FirstErrorOverwritten implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER39", RiskArea.ERRORS, Severity.MEDIUM, "first error overwritten by later ones",
            "In a non-test fn that stays, the change removes `if e.is_none() {` (`e` a name or field that says "
                    + "error: `err`, `error`, `last_error`, `first_err`) and adds `e = Some(..)` where no condition of the fn "
                    + "tests `e.is_none()` any more.",
            "It reads one fn's text: keeping the last error on purpose (the most recent state matters) is not told "
                    + "apart.");

    private static final Pattern SET_ONCE = Pattern.compile("\\bif\\s+((?:self\\s*\\.\\s*)?[A-Za-z_]*(?i:err)\\w*)\\s*\\.\\s*"
            + "is_none\\s*\\(\\s*\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("is_none")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (out.size() >= 8) {
                break;
            }
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                Matcher once = SET_ONCE.matcher(r.text());
                if (!once.find()) {
                    continue;
                }
                String target = once.group(1).replaceAll("\\s+", "");
                String q = Pattern.quote(target).replace(".", "\\E\\s*\\.\\s*\\Q");
                if (Pattern.compile("(?<![\\w.])" + q + "\\s*\\.\\s*is_none\\s*\\(").matcher(pair.newBody()).find()) {
                    continue; // still set once somewhere in the fn
                }
                Pattern assign = Pattern.compile("(?<![\\w.])" + q + "\\s*=\\s*Some\\s*\\(");
                PanickingTwinAdded.Line set = PanickingTwinAdded.lines(pair.after(), pair.now(), file::added).stream()
                        .filter(a -> assign.matcher(a.text()).find()).findFirst().orElse(null);
                if (set == null) {
                    continue;
                }
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, set.number(), set.number())
                        .object(pair.now().name()).object(target + " overwritten")
                        .title("`" + target + "` in `" + pair.now().name() + "` now keeps the last error, not the first")
                        .explanation("Before the change `" + pair.now().name() + "` stored an error in `" + target
                                + "` only while it was empty, so the first error stayed. Now every error overwrites "
                                + "it: when several arrive (a server sends the cause, then a generic failure; one task "
                                + "fails and the others are cancelled because of it), the caller sees the last one, which "
                                + "rarely names the cause.")
                        .check("Keep the first error (`if " + target + ".is_none()`, `get_or_insert`), unless the "
                                + "latest is the one the caller needs.")
                        .build());
                break;
            }
        }
        return out;
    }
}
