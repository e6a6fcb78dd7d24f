package dev.rustreview.analysis.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.List;

/** Assertions every rule test uses: exactly which finding, at which lines, with which severity. */
final class RuleAssert {

    private RuleAssert() {
    }

    static Finding assertSingle(RiskRule rule, ChangedFile file, String id, Severity severity, int start, int end) {
        List<Finding> findings = rule.check(file);
        assertThat(findings).as("findings of %s", id).hasSize(1);
        return assertFinding(findings.get(0), id, severity, start, end);
    }

    static Finding assertFinding(Finding f, String id, Severity severity, int start, int end) {
        assertThat(f.ruleId()).isEqualTo(id);
        assertThat(f.severity()).as("severity of %s", f.title()).isEqualTo(severity);
        assertThat(f.startLine()).as("start line of %s", f.title()).isEqualTo(start);
        assertThat(f.endLine()).as("end line of %s", f.title()).isEqualTo(end);
        assertThat(f.title()).isNotBlank();
        assertThat(f.explanation()).isNotBlank();
        assertThat(f.checkBeforeAccepting()).isNotBlank();
        assertThat(f.objects()).isNotEmpty();
        return f;
    }

    static void assertNone(RiskRule rule, ChangedFile file) {
        assertThat(rule.check(file)).as("findings of %s", rule.info().id()).isEmpty();
    }
}
