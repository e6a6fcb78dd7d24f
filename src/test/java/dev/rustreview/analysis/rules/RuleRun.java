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

    static List<Tuple> shape(List<Finding> findings) {
        return findings.stream().map(f -> new Tuple(f.ruleId(), f.severity(), f.side(), f.startLine(), f.endLine()))
                .toList();
    }
}
