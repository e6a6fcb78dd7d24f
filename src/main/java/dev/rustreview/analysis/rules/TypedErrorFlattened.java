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
 * ER12: an error that was passed on as it is now flattened into a message. The change deletes a match arm that
 * handed one error variant through unchanged ({@code HandshakeError::Failure(e) => e}), and the fn builds its error
 * from the error's text ({@code io::Error::new(ErrorKind::Other, e.to_string())}): callers that matched on the typed
 * error (the HTTP status of a rejected upgrade) get an opaque error with a string. tokio-tungstenite 96a23102
 * reversed.
 */
public final class TypedErrorFlattened implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("ER12", RiskArea.ERRORS, Severity.MEDIUM,
            "typed error flattened to a message",
            "In a non-test fn that stays, the change deletes a match arm that passed an error through unchanged "
                    + "(`Variant(e) => e`, `Variant(e) => Err(e)`, `Variant(e) => return Err(e)`) while the fn, after "
                    + "the change, builds an error from an error's text (`io::Error::new(kind, e.to_string())`, "
                    + "`Error::other(format!(\"{e}\"))`): the variant callers could match on now reaches them as a "
                    + "message.",
            "It reads one fn: it cannot see whether any caller matches on the variant, nor a conversion that keeps the "
                    + "source (`#[from]`, `source()`) elsewhere.");

    /** {@code Variant(e) => e,} and its {@code Err(e)} forms: the binding is group 1. */
    private static final Pattern PASS_THROUGH = Pattern.compile(
            "^\\s*[A-Za-z_][\\w:]{0,120}\\(\\s*([a-z_]\\w*)\\s*\\)\\s*=>\\s*(?:return\\s+)?(?:Err\\s*\\(\\s*)?\\1\\s*\\)?\\s*,?\\s*$");
    /** An error built from an error's text. */
    private static final Pattern FLATTENED = Pattern.compile("Error\\s*::\\s*(?:new|other|custom|msg)\\s*\\([^;]{0,200}?"
            + "(?:\\.\\s*to_string\\s*\\(\\s*\\)|format!\\s*\\()");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Matcher flat = FLATTENED.matcher(pair.newBody());
            if (!flat.find()) {
                continue;
            }
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                Matcher arm = PASS_THROUGH.matcher(r.text());
                if (!arm.matches()
                        || RuleSupport.squeezed(pair.newBody()).contains(RuleSupport.squeezed(r.text()).replaceAll(",$", ""))) {
                    continue;
                }
                int line = pair.after().line(pair.now().bodyStart() + flat.start());
                String shown = r.text().strip();
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object("`" + fn + "`").object("pass-through removed: " + RuleSupport.squeezed(shown))
                        .title("`" + fn + "` no longer passes `" + shown.replaceAll(",$", "") + "` through; the error "
                                + "becomes a message")
                        .explanation("Before the change `" + fn + "` handed that error variant to its caller unchanged; "
                                + "now every error takes the path that builds a new one from its text (line " + line
                                + "). A caller that matched on the variant (a status code, a retryable kind) sees an "
                                + "opaque error with a string, and `source()` no longer leads to the original.")
                        .check("Check whether callers match on the variant or its fields; if they can, keep passing it "
                                + "through.")
                        .build());
                break;
            }
        }
        return out;
    }
}
