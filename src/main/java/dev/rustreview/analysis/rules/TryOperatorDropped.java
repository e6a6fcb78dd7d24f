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
 * ER42: the {@code ?} taken off a statement whose value nobody reads: {@code let _hashes = create_hashes(..)
 * .map_err(..)?;} became {@code let _hashes = create_hashes(..).map_err(..);}, and the error it built is now
 * dropped with the unused binding (arroyo 49554117 reversed). A binding whose name starts with {@code _} (or
 * {@code let _ =}) silences {@code unused_must_use}, so nothing warns; a bare statement at least gets the
 * compiler's warning, and is reported too.
 */
public final class TryOperatorDropped implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER42", RiskArea.ERRORS, Severity.MEDIUM, "`?` removed, error dropped",
            "In a non-test fn that stays, a line the change removes ends a statement with `?;` and a line it adds is "
                    + "the same line without the `?`, where the statement binds nothing that is read (`let _ =`, "
                    + "`let _name =`) or is a bare call: the `Result` is built and dropped.",
            "It compares the line that ends the statement: a `?` moved to a later use of a named binding, or an error "
                    + "the fn meant to ignore, is not told apart (a named binding is not reported).");

    private static final Pattern UNREAD = Pattern.compile("^let\\s+_\\w*\\s*(?::[^=]{1,80})?=(?!=)");
    private static final Pattern ASSIGNED = Pattern.compile("^(?:let\\b|[\\w.\\[\\]*]+\\s*(?:[-+*/|&^%]|<<|>>)?=(?!=))");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("?;")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (out.size() >= 8) {
                break;
            }
            List<PanickingTwinAdded.Line> removed = PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed);
            List<PanickingTwinAdded.Line> added = PanickingTwinAdded.lines(pair.after(), pair.now(), file::added);
            // the added lines by their squeezed text, read once: a fn of 10,000 `?;` lines compared each with every
            // added line took minutes
            java.util.Map<String, PanickingTwinAdded.Line> byText = null;
            int looked = 0;
            for (PanickingTwinAdded.Line r : removed) {
                String was = r.text().replaceAll("\\s+", "");
                if (!was.endsWith("?;") || was.length() < 3) {
                    continue;
                }
                if (byText == null) {
                    byText = new java.util.HashMap<>();
                    for (PanickingTwinAdded.Line a : added) {
                        byText.putIfAbsent(a.text().replaceAll("\\s+", ""), a);
                    }
                }
                String without = was.substring(0, was.length() - 2) + ";";
                PanickingTwinAdded.Line a = byText.get(without);
                if (a != null && looked++ < 32) {
                    String statement = statement(pair.after().masked(), pair.after().offset(a.number()),
                            pair.now().bodyStart()).strip();
                    boolean unread = UNREAD.matcher(statement).find();
                    if (!unread && ASSIGNED.matcher(statement).find() || statement.startsWith("return")
                            || returnsNothingToTry(file.newText(), statement)) {
                        continue;
                    }
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                            .object(fn).object("? dropped " + without)
                            .title("`" + fn + "` no longer propagates the error of `" + RuleSupport.shorten(
                                    statement.replaceAll("\\s+", " ")) + "`")
                            .explanation("Before the change the statement ended in `?`, so its error returned from `"
                                    + fn + "`. The change takes the `?` off and " + (unread ? "binds the `Result` to a "
                                    + "name that is never read, which also silences the `unused_must_use` warning"
                                    : "leaves the `Result` unused (the compiler warns, the build goes on)")
                                    + ": the error is built and dropped, and the fn goes on as if the call had worked.")
                            .check("Put the `?` back, or handle the error where it is dropped (log it and say why the "
                                    + "fn can go on).")
                            .build());
                    break;
                }
            }
        }
        return out;
    }

    private static final Pattern LAST_CALL = Pattern.compile("(\\w+)\\s*\\([^()]*(?:\\([^()]*\\)[^()]*)*\\)\\s*(?:\\.\\s*await\\s*)?$");

    /**
     * Whether the statement's last call is a fn the file defines without a fallible return type: the change made
     * the callee infallible and took the `?` off with it (miniz_oxide's `put_fast`), nothing is dropped.
     */
    private static boolean returnsNothingToTry(String text, String statement) {
        Matcher call = LAST_CALL.matcher(statement.strip());
        if (!call.find()) {
            return false;
        }
        Matcher def = Pattern.compile("\\bfn\\s+" + Pattern.quote(call.group(1)) + "\\s*(?:<[^{;]{0,200}?>)?\\s*\\([^{;]{0,400}?\\)"
                + "\\s*(->\\s*[^{;]{1,200})?\\s*(?:where[^{;]{0,300})?\\{").matcher(text);
        boolean any = false;
        while (def.find()) {
            String returned = def.group(1) == null ? "" : def.group(1);
            if (returned.contains("Result") || returned.contains("Option") || returned.contains("Poll")) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** The statement ending at the first {@code ;} after {@code offset}, back to the previous {@code ;}, {@code {} or {@code }} at its depth. */
    private static String statement(String masked, int offset, int floor) {
        int depth = 0;
        int end = masked.indexOf(';', offset);
        // from the statement's own `;`: the line that ends it may close brackets opened lines before
        for (int i = (end < 0 ? offset : end) - 1; i >= floor; i--) {
            char c = masked.charAt(i);
            if (c == ')' || c == ']' || c == '}') {
                if (depth == 0 && c == '}') {
                    return masked.substring(i + 1, end < 0 ? masked.length() : end);
                }
                depth++;
            } else if (c == '(' || c == '[' || c == '{') {
                if (depth == 0) {
                    return masked.substring(i + 1, end < 0 ? masked.length() : end);
                }
                depth--;
            } else if (c == ';' && depth == 0) {
                return masked.substring(i + 1, end < 0 ? masked.length() : end);
            }
        }
        return masked.substring(floor, end < 0 ? masked.length() : end);
    }
}
