package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import java.util.List;
import org.assertj.core.groups.Tuple;

/** Runs one rule on a snippet diff; findings are compared as (rule, severity, side, start, end) tuples. */
final class RuleRun {

    private RuleRun() {
    }

    static List<Finding> on(RiskRule rule, String path, String diff) {
        return rule.check(Snippet.of(path, diff));
    }

    /** A new src/lib.rs holding {@code source}. */
    static List<Finding> added(RiskRule rule, String source) {
        return rule.check(Snippet.added(source));
    }

    /**
     * The snippet diff from {@code before} to {@code after}: the common first and last lines as context, the lines
     * between removed and added (one hunk, enough for a test that changes one region).
     */
    static String diff(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        StringBuilder out = new StringBuilder();
        a.subList(0, head).forEach(l -> out.append("  ").append(l).append('\n'));
        a.subList(head, a.size() - tail).forEach(l -> out.append("- ").append(l).append('\n'));
        b.subList(head, b.size() - tail).forEach(l -> out.append("+ ").append(l).append('\n'));
        a.subList(a.size() - tail, a.size()).forEach(l -> out.append("  ").append(l).append('\n'));
        return out.toString();
    }

    static List<Tuple> shape(List<Finding> findings) {
        return findings.stream().map(f -> new Tuple(f.ruleId(), f.severity(), f.side(), f.startLine(), f.endLine()))
                .toList();
    }
}
