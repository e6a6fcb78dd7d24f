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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PN25: an assertion in non-test code replaced by its negation. agatedb f9e145f7 reversed: a compaction step asserted
 * {@code !tables.insert(id)}, which fails on every fresh id, where it meant {@code tables.insert(id)}. Turning an
 * assertion around is rarely a refactor: one side of it panics on the path the code usually takes.
 */
public final class AssertInverted implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN25", RiskArea.PANICS, Severity.MEDIUM, "assertion inverted",
            "In a non-test fn that stays, the change removes an `assert!(c)` or `debug_assert!(c)` and adds one whose "
                    + "condition is `!c` (or removes `assert!(!c)` and adds `assert!(c)`).",
            "It compares conditions as text without spaces: an inversion written another way (`a == b` to "
                    + "`a != b`, a flipped comparison) is not seen.");

    private static final Pattern ASSERT = Pattern.compile("(?<![\\w])(?:debug_)?assert!\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Set<String> removed = new HashSet<>();
            Matcher was = ASSERT.matcher(pair.oldBody());
            while (was.find()) {
                if (pair.removedAt(file, was.start())) {
                    removed.add(condition(pair.oldBody(), was.end() - 1));
                }
            }
            if (removed.isEmpty()) {
                continue;
            }
            Matcher now = ASSERT.matcher(pair.newBody());
            while (now.find()) {
                int line = pair.after().line(pair.now().bodyStart() + now.start());
                String c = condition(pair.newBody(), now.end() - 1);
                if (!file.added(line) || c.isEmpty() || removed.contains(c)) {
                    continue;
                }
                String flipped = c.startsWith("!") ? unwrap(c.substring(1)) : "!" + c;
                if (removed.contains(flipped) || removed.contains("!(" + c + ")")) {
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                            .object(pair.now().name())
                            .title("assertion turned around in `" + pair.now().name() + "`")
                            .explanation("Before the change this fn asserted `" + flipped + "`; now it asserts `" + c
                                    + "`. One of the two panics on the path the code normally takes (an `insert` "
                                    + "that returns `true` for every new key, a flag that is usually set), so either "
                                    + "the old code never reached this line or the new one will panic here.")
                            .check("Say which of the two holds on the usual path, and add a test that runs it.")
                            .build());
                    break;
                }
            }
        }
        return out;
    }

    /** The first argument of the assertion whose parenthesis opens at {@code open}, without whitespace. */
    private static String condition(String body, int open) {
        int depth = 0;
        int end = Math.min(body.length(), open + 2_000);
        for (int i = open + 1; i < end; i++) {
            char c = body.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth-- == 0) {
                    return body.substring(open + 1, i).replaceAll("\\s+", "");
                }
            } else if (c == ',' && depth == 0) {
                return body.substring(open + 1, i).replaceAll("\\s+", "");
            }
        }
        return "";
    }

    private static String unwrap(String c) {
        return c.startsWith("(") && c.endsWith(")") && RuleSupport.closing(c, 0, '(', ')') == c.length() - 1
                ? c.substring(1, c.length() - 1) : c;
    }
}
