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
 * ER16: an error told apart by its message. A branch that tests {@code e.to_string().contains("CertNotValidForName")}
 * depends on the wording of a {@code Display} impl, which no semver promise covers: when a dependency rewords or
 * renames the error, the test stops matching, silently, and the error takes the other path. mysql_async d74888d0
 * reversed: rustls renamed the variant, and the verifier meant to skip domain validation rejected every
 * certificate whose name did not match.
 */
public final class ErrorMatchedByText implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER16", RiskArea.ERRORS, Severity.MEDIUM, "error matched by its message",
            "A line the change adds to a non-test fn tests an error's text: `to_string()` (or `format!(\"{}\", e)`) "
                    + "of a value named like an error (`e`, `err`, `error`, `*_err`, `*_error`, `source`) followed by "
                    + "`.contains(..)`, `.starts_with(..)`, `.ends_with(..)`, `==`/`!=` or `.as_str()` compared with a "
                    + "string literal.",
            "It knows errors by the variable's name: an error bound to another name is not seen, and a value named "
                    + "`err` that is a string is reported.");

    private static final String ERROR_NAME = "(?:e|err|error|source|[a-z]\\w*_(?:err|error)|error_\\w+)";
    private static final Pattern TEXT_TEST = Pattern.compile("(?<![\\w.])(" + ERROR_NAME + ")\\s*\\.\\s*to_string\\s*\\(\\s*\\)"
            + "(?:\\s*\\.\\s*as_str\\s*\\(\\s*\\))?\\s*(?:\\.\\s*(contains|starts_with|ends_with)\\s*\\(\\s*&?\\s*\"|(==|!=)\\s*\")");
    private static final Pattern FORMATTED_TEST = Pattern.compile("\\bformat!\\s*\\(\\s*\"[^\"]*\"\\s*,\\s*(" + ERROR_NAME
            + ")\\s*\\)\\s*\\.\\s*(contains|starts_with|ends_with)\\s*\\(\\s*&?\\s*\"");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("to_string()") && !file.newText().contains("format!")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(after, fn, file::added)) {
                Matcher m = TEXT_TEST.matcher(a.text());
                if (!m.find()) {
                    m = FORMATTED_TEST.matcher(a.text());
                    if (!m.find()) {
                        continue;
                    }
                }
                out.add(finding(file, fn.name(), m.group(1), m.group(2) != null ? m.group(2) : m.group(3), a.number()));
                break; // one per fn: the same classification is usually repeated branch after branch
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, String fn, String error, String test, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(error).object("error text " + test)
                .title("`" + fn + "` tells `" + error + "` apart by its message text")
                .explanation("The change tests the text of `" + error + "` (`" + test + "` on its `to_string()`). "
                        + "An error's `Display` wording is not part of any API: a dependency update that rewords the "
                        + "message or renames the variant it prints makes this test stop matching without a compile "
                        + "error or a warning, and the error silently takes the other branch.")
                .check("Match on the error's type or kind instead (`match " + error + " { Variant(..) => .. }`, "
                        + "`" + error + ".kind()`, `downcast_ref::<T>()`); if only the text is available, add a test "
                        + "that produces the real error so a reworded message fails it.")
                .build();
    }
}
