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
 * ER2: a {@code match} on a {@code Result} whose {@code Err(e)} arm builds the same {@code Ok(..)} as its {@code
 * Ok(v)} arm, with the error's value in place of the success's. The caller can no longer tell failure from
 * success, and unlike a swallowed error (ER1) nothing looks dropped: the value is passed on. spin-rs's {@code
 * Once} wrapped {@code compare_exchange} this way, so every racing thread "won" the CAS and ran the initialiser
 * (02d9ee8f, issue #117).
 *
 * <p>Arms are read one line each ({@code Ok(v) => expr,}); an arm written over several lines is not compared. A
 * {@code match} on a compare-and-swap is CC21 ({@link LostRaceReportedWon}): there the failure is a lost race, and
 * the outcome two threads that both believe they own what only one may.
 */
public final class FailureAsSuccess implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER2", RiskArea.ERRORS, Severity.MEDIUM, "failure reported as success",
            "A `match` whose `Err(e) => Ok(..)` arm builds the same value as its `Ok(v) => Ok(..)` arm with `e` in "
                    + "place of `v` (a `compare_exchange` wrapper returning `Ok` for a lost race), when the change "
                    + "touches either arm.",
            "It compares one-line arms as text: an arm over several lines, or a failure turned into success "
                    + "through a helper, is not seen.");

    private static final Pattern ARM = Pattern.compile("(?m)^[ \\t]*(Ok|Err)\\s*\\(\\s*([a-z_]\\w*)\\s*\\)\\s*=>\\s*"
            + "(Ok\\s*\\(.{1,300}?)\\s*,?\\s*$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /** A compare-and-swap in the {@code match} scrutinee: its {@code Err} is a lost race. */
    private static final Pattern CAS = Pattern.compile("\\b(compare_exchange(_weak)?|compare_and_swap|fetch_update)\\s*\\(");

    @Override
    public List<Finding> check(ChangedFile file) {
        return findings(file, INFO, false);
    }

    /** The arms that turn failure into success, of a {@code match} on a compare-and-swap ({@code cas}) or not. */
    static List<Finding> findings(ChangedFile file, RuleInfo info, boolean cas) {
        List<Finding> out = new ArrayList<>();
        ItemOutline outline = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            String body = outline.body(fn);
            Matcher arm = ARM.matcher(body);
            String okExpr = null;
            int okAt = -1;
            while (arm.find()) {
                String expr = unbound(arm.group(3), arm.group(2));
                if (arm.group(1).equals("Ok")) {
                    okExpr = expr;
                    okAt = arm.start(1);
                    continue;
                }
                int errLine = outline.line(fn.bodyStart() + arm.start(1));
                boolean adjacent = okAt >= 0 && body.substring(okAt, arm.start(1)).chars().filter(c -> c == '\n').count() <= 3;
                if (okExpr != null && adjacent && okExpr.equals(expr)
                        && (file.added(errLine) || file.added(outline.line(fn.bodyStart() + okAt)))
                        && onCas(body, okAt) == cas) {
                    out.add(finding(info, file, fn.name(), arm.group(2), arm.group(3).strip(), errLine, cas));
                }
                okExpr = null;
                okAt = -1;
            }
        }
        return out;
    }

    /** Whether the {@code match} whose arm starts at {@code armAt} is on a compare-and-swap. */
    private static boolean onCas(String body, int armAt) {
        int match = body.lastIndexOf("match ", armAt);
        if (match < 0) {
            return false;
        }
        int open = body.indexOf('{', match);
        return open > 0 && open < armAt && CAS.matcher(body.substring(match, open)).find();
    }

    /** The arm's expression with its binding renamed and whitespace removed, to compare two arms. */
    private static String unbound(String expr, String binding) {
        return expr.replaceAll("\\b" + Pattern.quote(binding) + "\\b", "\u0000").replaceAll("\\s+", "");
    }

    private static Finding finding(RuleInfo info, ChangedFile file, String fn, String binding, String expr, int line,
                                   boolean cas) {
        return FindingBuilder.lines(info, file, Side.NEW, line, line)
                .object(fn).object("Err(" + binding + ") => Ok")
                .title(cas ? "A lost compare-and-swap is reported as won in `" + fn + "`"
                        : "`Err(" + binding + ")` becomes `" + RuleSupport.shorten(expr) + "` in `" + fn + "`, like the `Ok` arm")
                .explanation("In `" + fn + "` the `Err(" + binding + ")` arm (line " + line + ") returns the same `Ok(..)` "
                        + "as the `Ok` arm, with the error's value in place of the success's. Callers now see success "
                        + "when the operation failed: " + (cas ? "the `match` is on a compare-and-swap, so a thread that "
                        + "lost the race reads as its winner, and every racing thread goes on to do what only one may "
                        + "(run an initialiser, take ownership, free a slot)." : "a failed parse or lookup reads as a "
                        + "real value."))
                .check("Return `Err(..)` from the `Err` arm (or a value the caller can tell apart), unless every "
                        + "caller really treats both outcomes the same; then return the value without a `Result`.")
                .build();
    }
}
