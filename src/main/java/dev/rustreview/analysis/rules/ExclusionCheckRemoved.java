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
 * CC17: inside the code of a lock, semaphore or other exclusion primitive, the change drops one of the checks
 * under which access is granted. Two shapes: an {@code if} that grants (its block writes state) keeps its block
 * but loses a conjunct ({@code if self.readers == 0 && self.writers == 0} becomes {@code if self.readers == 0}:
 * glommio 16950f4e), or a {@code match} loses an arm that refused ({@code Some(Locked::Write(_)) => return false})
 * while a wildcard arm that grants takes its place (loom 16e5e9a0). Both let a second writer in while one holds
 * the lock. The compiler and most tests see nothing: a single-threaded test never meets the state the check was for.
 *
 * <p>It looks only where the fn, its impl or its file is named for exclusion (lock, mutex, semaphore, permit,
 * acquire, latch, barrier, reader/writer), because everywhere else a dropped condition is ordinary logic.
 */
public final class ExclusionCheckRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC17", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "exclusion check removed from a lock's acquisition",
            "In a non-test fn whose name, impl or file is about exclusion (`lock`, `mutex`, `rwlock`, `semaphore`, "
                    + "`permit`, `acquire`, `latch`, `barrier`, `reader`/`writer`): an `if` whose block writes state "
                    + "keeps that block but loses a conjunct of its condition (`self.readers == 0 && self.writers == 0` "
                    + "to `self.readers == 0`), or a `match` loses an arm that refused (`=> return false`, `return "
                    + "Err(..)`, `return None`, `Poll::Pending`) while a new `_ =>` arm takes its place.",
            "It compares conditions as text: a check moved into a helper or rewritten with other names reads as "
                    + "removed, and a check dropped because an earlier one now covers it is reported too.");

    private static final Pattern EXCLUSION = Pattern.compile(
            "(?i)lock|mutex|semaphore|permit|acquire|latch|barrier|reader|writer|exclusive");
    private static final Pattern IF = Pattern.compile("(?<![\\w.])if\\s+(?!let\\b)");
    /** An assignment or compound assignment (not a comparison) inside the granting block. */
    private static final Pattern WRITE = Pattern.compile("(?:\\+=|-=|\\|=|&=|\\^=|(?<![=!<>+\\-*/%&|^])=(?![=>]))");
    private static final Pattern REFUSING_ARM = Pattern.compile(
            "(?m)^[ \\t]*([^\\n]*?)\\s*=>\\s*(?:\\{\\s*)?(?:return\\s+(?:false|None|Err\\b|Ok\\s*\\(\\s*false\\s*\\))"
                    + "|(?:return\\s+)?Poll\\s*::\\s*Pending)");
    private static final Pattern WILDCARD_ARM = Pattern.compile("(?m)^[ \\t]*_\\s*=>");
    /** Conditions and arms read per fn: a real fn has a handful, a fuzzed one thousands. */
    private static final int MAX_PER_FN = 256;

    /** An {@code if} of a fn body: where it starts, its conjuncts, and its block's text with spaces removed. */
    private record Branch(int offset, List<String> conjuncts, String block) {
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        boolean fileNamed = EXCLUSION.matcher(file.path().substring(file.path().lastIndexOf('/') + 1)).find();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (!fileNamed && !EXCLUSION.matcher(pair.now().key()).find()) {
                continue;
            }
            if (!conjunctDropped(file, pair, out)) {
                refusingArmDropped(file, pair, out);
            }
        }
        return out;
    }

    private static boolean conjunctDropped(ChangedFile file, ItemOutline.FnPair pair, List<Finding> out) {
        List<Branch> now = branches(pair.newBody());
        for (Branch was : branches(pair.oldBody())) {
            if (was.conjuncts().size() < 2 || !WRITE.matcher(was.block()).find()
                    || !pair.removedAt(file, was.offset())) {
                continue;
            }
            for (Branch is : now) {
                if (!is.block().equals(was.block()) || is.conjuncts().size() >= was.conjuncts().size()
                        || !was.conjuncts().containsAll(is.conjuncts())) {
                    continue;
                }
                int line = pair.after().line(pair.now().bodyStart() + is.offset());
                if (!file.added(line)) {
                    continue;
                }
                Set<String> dropped = new LinkedHashSet<>(was.conjuncts());
                dropped.removeAll(is.conjuncts());
                String check = String.join(" && ", dropped);
                out.add(finding(file, pair, line, "check `" + check + "`",
                        "Exclusion check removed from `" + pair.now().name() + "`: `" + check + "`",
                        "In `" + pair.now().name() + "` the `if` that grants access (its block changes state) no longer "
                                + "checks `" + check + "` (line " + line + "): it now enters when only `"
                                + String.join(" && ", is.conjuncts()) + "` holds."));
                return true;
            }
        }
        return false;
    }

    private static void refusingArmDropped(ChangedFile file, ItemOutline.FnPair pair, List<Finding> out) {
        String oldBody = pair.oldBody();
        String newBody = pair.newBody();
        if (RuleSupport.count(WILDCARD_ARM, newBody) <= RuleSupport.count(WILDCARD_ARM, oldBody)) {
            return;
        }
        Set<String> kept = refusals(newBody);
        Matcher arm = REFUSING_ARM.matcher(oldBody);
        int n = 0;
        while (arm.find() && n++ < MAX_PER_FN) {
            String pattern = arm.group(1).replaceAll("\\s+", "");
            if (pattern.isEmpty() || pattern.equals("_") || kept.contains(pattern)
                    || !pair.removedAt(file, arm.start(1))) {
                continue;
            }
            int line = addedWildcard(file, pair);
            if (line < 0) {
                return;
            }
            String shown = arm.group(1).strip();
            out.add(finding(file, pair, line, "arm `" + shown + "`",
                    "Exclusion check removed from `" + pair.now().name() + "`: the arm refusing `" + shown + "` is gone",
                    "In `" + pair.now().name() + "` the change deletes the `match` arm that refused `" + shown
                            + "` and adds a `_ =>` arm (line " + line + "), so that state is now handled by the arm "
                            + "that grants."));
            return;
        }
    }

    private static Set<String> refusals(String body) {
        Set<String> out = new LinkedHashSet<>();
        Matcher arm = REFUSING_ARM.matcher(body);
        int n = 0;
        while (arm.find() && n++ < MAX_PER_FN) {
            out.add(arm.group(1).replaceAll("\\s+", ""));
        }
        return out;
    }

    /** The line of the first added {@code _ =>} arm of the new fn, or -1. */
    private static int addedWildcard(ChangedFile file, ItemOutline.FnPair pair) {
        Matcher w = WILDCARD_ARM.matcher(pair.newBody());
        int n = 0;
        while (w.find() && n++ < MAX_PER_FN) {
            int line = pair.after().line(pair.now().bodyStart() + w.end() - 1);
            if (file.added(line)) {
                return line;
            }
        }
        return -1;
    }

    /** The {@code if} branches of a body with their conditions split at top-level {@code &&}. */
    private static List<Branch> branches(String body) {
        List<Branch> out = new ArrayList<>();
        Matcher m = IF.matcher(body);
        int n = 0;
        while (m.find() && n++ < MAX_PER_FN) {
            int open = GuardClauses.conditionEnd(body, m.end());
            if (open < 0) {
                continue;
            }
            int close = RuleSupport.closing(body, open, '{', '}');
            if (close - open > CleanupBranches.MAX_BLOCK) {
                continue; // not one granting step (and copying each nested one would be quadratic)
            }
            out.add(new Branch(m.start(), conjuncts(body.substring(m.end(), open)),
                    body.substring(open + 1, Math.min(close, body.length())).replaceAll("\\s+", "")));
        }
        return out;
    }

    private static List<String> conjuncts(String condition) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < condition.length(); i++) {
            char c = condition.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (depth == 0 && c == '|' && i + 1 < condition.length() && condition.charAt(i + 1) == '|') {
                return List.of(normal(condition)); // a disjunction is one check, not a list
            } else if (depth == 0 && c == '&' && i + 1 < condition.length() && condition.charAt(i + 1) == '&') {
                out.add(normal(condition.substring(start, i)));
                start = i + 2;
                i++;
            }
        }
        out.add(normal(condition.substring(start)));
        out.removeIf(String::isEmpty);
        return out;
    }

    /** A check as compared and shown: runs of white space (rustfmt's line breaks included) as one space. */
    private static String normal(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static Finding finding(ChangedFile file, ItemOutline.FnPair pair, int line, String what, String title,
                                   String explanation) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .severity(Severity.MEDIUM)
                .object(pair.now().name()).object("exclusion " + what)
                .title(title)
                .explanation(explanation + " If another holder can be in that state (a writer holding the lock, "
                        + "a permit already taken), a second one is let in: two writers at once, which no "
                        + "single-threaded test reaches.")
                .check("Say which state the removed check excluded and why it can no longer occur here; if it can, "
                        + "keep the check (and add a test that takes the lock while it is held).")
                .build();
    }
}
