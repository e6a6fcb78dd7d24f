package dev.rustreview.analysis;

import dev.rustreview.model.ClippyLint;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import java.util.List;

/**
 * What a rule is, for the README table, SARIF rule descriptors and the inspector.
 *
 * @param severity  the rule's base severity (a finding may be graded up or down from it)
 * @param catches   what the syntax shows that triggers it
 * @param cannotSee what a syntactic rule cannot know (so reviewers calibrate their trust)
 */
public record RuleInfo(String id, RiskArea area, Severity severity, String name, String catches, String cannotSee,
                       List<ClippyLint> lints) {

    public RuleInfo {
        lints = List.copyOf(lints);
    }

    /** Convenience for rule classes: lint names become documented links. */
    public static RuleInfo of(String id, RiskArea area, Severity severity, String name, String catches,
                              String cannotSee, String... lintNames) {
        return new RuleInfo(id, area, severity, name, catches, cannotSee,
                java.util.Arrays.stream(lintNames).map(ClippyLint::of).toList());
    }
}
