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
 * PN18: a recursive fn that stops counting its depth. A decoder or parser that calls itself for nested input bounds
 * the nesting ({@code ctx.limit_reached()?}, {@code depth + 1}, {@code remaining_depth}); the change deletes the last
 * mention of that bound while the fn still calls itself, so input nested deeply enough overflows the stack, which
 * aborts the process (no unwinding, no {@code catch_unwind}). prost 04091d3e reversed: {@code skip_field} recursed into
 * nested groups of an untrusted message with no limit.
 */
public final class RecursionBoundRemoved implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("PN18", RiskArea.PANICS, Severity.MEDIUM,
            "recursion depth no longer bounded",
            "In a non-test fn that stays and still calls itself (`name(..)`, `Self::name(..)`, `self.name(..)`), "
                    + "the change deletes the last mention of a depth bound in it (a name with `depth`, `recursion`, "
                    + "`recurse` or `nesting`, or a `limit_reached()` check): nested input now recurses without "
                    + "limit, and a stack overflow aborts the process.",
            "It reads names: a bound kept under another name (`budget`, `level`) or moved to the caller is not "
                    + "seen as kept, and recursion through a second fn is not followed.");

    private static final Pattern BOUND = Pattern.compile(
            "\\b\\w{0,40}(?:depth|recursion|recurse|nesting)\\w{0,40}\\b|\\blimit_reached\\b", Pattern.CASE_INSENSITIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String name = pair.now().name();
            Pattern self = Pattern.compile("(?<![\\w.:])(?:Self\\s*::\\s*|self\\s*\\.\\s*)?" + Pattern.quote(name)
                    + "\\s*(?:::\\s*<[^<>;{}]{0,80}>\\s*)?\\(");
            String oldCode = pair.was().header() + pair.oldBody();
            String newCode = pair.now().header() + pair.newBody();
            if (!self.matcher(pair.newBody()).find() || BOUND.matcher(newCode).find()) {
                continue;
            }
            Matcher bound = BOUND.matcher(oldCode);
            if (bound.find()) {
                int line = firstRemovalLine(file, pair);
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object("`" + name + "`").object("recursion bound removed: " + bound.group())
                        .title("`" + name + "` still calls itself but no longer bounds its depth (`" + bound.group()
                                + "` gone)")
                        .explanation("Before the change, `" + name + "` limited how deep it recursed (`" + bound.group()
                                + "`); the change deletes that bound while `" + name + "` still calls itself. Input "
                                + "nested deeply enough (a message of groups inside groups, a deeply nested document) "
                                + "now overflows the stack, which aborts the whole process: no `Result`, no unwinding.")
                        .check("Keep a depth counter passed to the recursive call and checked before recursing, or "
                                + "turn the recursion into a loop with an explicit stack.")
                        .build());
            }
        }
        return out;
    }

    /** The new-side line where the fn's first removal happened (its header when the signature changed). */
    private static int firstRemovalLine(ChangedFile file, ItemOutline.FnPair pair) {
        int from = pair.after().headerLine(pair.now());
        int to = pair.after().endLine(pair.now());
        for (int l = from; l <= to; l++) {
            if (file.added(l)) {
                return l;
            }
        }
        return from;
    }
}
