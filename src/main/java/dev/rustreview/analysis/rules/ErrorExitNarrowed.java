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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ER8: an error no longer ends the fn or the loop. Either an exit condition loses the alternative that tested an
 * error ({@code if res.is_err() || self.elements.is_empty() { return Poll::Ready(res); }} becomes
 * {@code if self.elements.is_empty()}), or a whole guard clause on an error ({@code if r.is_err() { return r; }})
 * is deleted. The fn then goes on after a failure: kanal e248ad18 is the reverse of its fix, where a failed send
 * inside {@code SendManyFuture} was dropped and the loop sent the next elements as if it had worked.
 */
public final class ErrorExitNarrowed implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER8", RiskArea.ERRORS, Severity.MEDIUM, "error no longer stops the fn",
            "In a non-test fn that stays: an `if` whose block ends in `return`/`break`/`continue` loses an `||` "
                    + "alternative that tested an error (`res.is_err()`, `Err(..)`, `!r.is_ok()`) while its other "
                    + "alternatives stay, or a guard clause testing an error is deleted in front of code no other "
                    + "guard rule reports; in both cases the error test is gone from the fn.",
            "It reads conditions as text: an error now handled by `?` on another line, or in a helper the fn calls, "
                    + "reads as dropped.");

    private static final Pattern IF = Pattern.compile("(?<![\\w.])if\\s");
    /** An alternative that tests for an error. */
    static final Pattern ERROR_TEST = Pattern.compile("\\.\\s*is_err\\s*\\(\\s*\\)|\\bErr\\s*\\(|!\\s*[\\w.()]+\\s*\\.\\s*"
            + "is_ok\\s*\\(\\s*\\)|\\.\\s*is_error\\s*\\(|\\bhas_error\\b");
    private static final int MAX_PER_FN = 128;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (!morePropagation(pair)) {
                narrowedExits(file, pair, out);
            }
        }
        for (GuardClauses.Site site : GuardClauses.sites(file)) {
            if (!morePropagation(site.pair())) {
                deletedGuard(file, site, out);
            }
        }
        return out;
    }

    private static final Pattern PROPAGATION = Pattern.compile("\\?(?!\\s*Sized)|\\breturn\\s+Err\\b");

    /** Whether the fn propagates errors more often after the change: the test became a {@code ?}, not dropped. */
    private static boolean morePropagation(ItemOutline.FnPair pair) {
        return count(pair.newBody()) > count(pair.oldBody());
    }

    private static int count(String body) {
        int n = 0;
        Matcher m = PROPAGATION.matcher(body);
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** An exit condition on both sides, its alternatives (spaces removed) and where its {@code if} is. */
    private record Exit(int at, String condition, List<String> alternatives) {
    }

    private static void narrowedExits(ChangedFile file, ItemOutline.FnPair pair, List<Finding> out) {
        String newNormal = pair.newBody().replaceAll("\\s+", "");
        List<Exit> added = null; // the new side's exits, read once a candidate needs them
        for (Exit old : exits(pair.oldBody())) {
            if (old.alternatives().size() < 2 || !pair.removedAt(file, old.at())) {
                continue;
            }
            Set<String> errors = new LinkedHashSet<>();
            for (String alternative : old.alternatives()) {
                if (ERROR_TEST.matcher(alternative).find() && !newNormal.contains(alternative)) {
                    errors.add(alternative);
                }
            }
            if (errors.isEmpty()) {
                continue;
            }
            if (added == null) {
                added = exits(pair.newBody());
            }
            for (Exit now : added) {
                int line = pair.after().line(pair.now().bodyStart() + now.at());
                if (now.alternatives().isEmpty() || !file.added(line)
                        || !old.alternatives().containsAll(now.alternatives())) {
                    continue;
                }
                String fn = pair.now().name();
                String dropped = String.join(" || ", errors);
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn).object("error test dropped: " + dropped)
                        .title("`" + dropped + "` no longer ends `" + fn + "` early")
                        .explanation("Before the change `" + fn + "` left early when `" + RuleSupport.shorten(
                                old.condition()) + "`; the condition lost `" + dropped + "`, and nothing else in the "
                                + "fn tests it. After a failure the fn now goes on as if the call had worked: the "
                                + "next iteration, the next element, a success value built from partial work, "
                                + "and the error is lost.")
                        .check("Check what must happen on an error here; if the caller should see it, keep `"
                                + dropped + "` in the exit condition (or return the error where it happens).")
                        .build());
                break;
            }
        }
    }

    private static void deletedGuard(ChangedFile file, GuardClauses.Site site, List<Finding> out) {
        if (!ERROR_TEST.matcher(site.condition()).find() || site.chain()) {
            return;
        }
        String code = site.pair().newBody().substring(site.newOffset());
        if (GuardClauseRemovedRule.guarded(code, site.pair()) != GuardClauseRemovedRule.Guarded.OTHER) {
            return; // AL10, CC18 or US13 reports this guard by what it protected
        }
        String fn = site.pair().now().name();
        String condition = RuleSupport.shorten(site.condition());
        out.add(FindingBuilder.lines(INFO, file, Side.NEW, site.line(), site.line())
                .object(fn).object("error guard removed: " + condition)
                .title("Guard `if " + condition + "` removed: an error no longer ends `" + fn + "` early")
                .explanation("The change deletes the guard `if " + condition + " { .. }` that left `" + fn + "` on an "
                        + "error, and nothing else in the fn tests it: the code from line " + site.line() + " on now "
                        + "also runs after the failure, with whatever the failed call left behind.")
                .check("Check that the code after the guard is right after a failure; if not, keep the guard or "
                        + "return the error where it happens (`?`).")
                .build());
    }

    /** The {@code if} statements of a body whose block leaves early, with their top-level {@code ||} alternatives. */
    private static List<Exit> exits(String body) {
        List<Exit> out = new ArrayList<>();
        Matcher m = IF.matcher(body);
        int n = 0;
        while (m.find() && n++ < MAX_PER_FN) {
            if (!GuardClauses.statementStart(body, m.start())) {
                continue;
            }
            int open = GuardClauses.conditionEnd(body, m.end());
            if (open < 0) {
                continue;
            }
            int close = RuleSupport.closing(body, open, '{', '}');
            if (close >= body.length() || !GuardClauses.exits(body.substring(open + 1, close))) {
                continue;
            }
            String condition = body.substring(m.end(), open).strip();
            out.add(new Exit(m.start(), condition.replaceAll("\\s+", " "), alternatives(condition)));
        }
        return out;
    }

    /** The top-level {@code ||} alternatives of a condition, spaces removed; none for an {@code if let}. */
    private static List<String> alternatives(String condition) {
        List<String> out = new ArrayList<>();
        if (condition.startsWith("let ")) {
            return out;
        }
        int depth = 0;
        int from = 0;
        for (int i = 0; i < condition.length(); i++) {
            char c = condition.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == '|' && depth == 0 && i + 1 < condition.length() && condition.charAt(i + 1) == '|') {
                out.add(condition.substring(from, i).replaceAll("\\s+", ""));
                from = i + 2;
                i++;
            }
        }
        out.add(condition.substring(from).replaceAll("\\s+", ""));
        return out;
    }
}
