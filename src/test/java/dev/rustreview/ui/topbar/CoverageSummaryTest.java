package dev.rustreview.ui.topbar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.Severity;
import dev.rustreview.review.Coverage.Count;
import dev.rustreview.review.Coverage;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageSummaryTest {

    static Coverage coverage(int decided, int total, Map<Severity, Count> findings, int openIssues, boolean ready) {
        return new Coverage(decided, total, decided, 0, 0, findings, openIssues, openIssues, 0, ready,
                Map.of(), Map.of(), Map.of());
    }

    static Map<Severity, Count> findings(int highDone, int highTotal) {
        Map<Severity, Count> m = new EnumMap<>(Severity.class);
        m.put(Severity.HIGH, new Count(highDone, highTotal));
        m.put(Severity.MEDIUM, new Count(0, 5));
        return m;
    }

    @Test
    void textCountsHunksAndOpenHighFindings() {
        CoverageSummary s = CoverageSummary.of(coverage(12, 40, findings(1, 3), 0, false));
        assertThat(s.text()).isEqualTo("12 / 40 units · 2 open");
        assertThat(s.fraction()).isEqualTo(0.3);
        assertThat(s.ready()).isFalse();
        assertThat(s.blockers()).containsExactly("28 units not decided", "2 high findings not acknowledged");
    }

    @Test
    void blockersNameUndecidedHunksUnacknowledgedFindingsAndOpenIssuesInWords() {
        Map<Severity, Count> f = findings(2, 3);
        f.put(Severity.CRITICAL, new Count(0, 1));
        CoverageSummary s = CoverageSummary.of(coverage(37, 40, f, 1, false));
        assertThat(s.blockers()).containsExactly("3 units not decided", "1 critical finding not acknowledged",
                "1 high finding not acknowledged", "1 open issue");
        assertThat(s.text()).isEqualTo("37 / 40 units · 2 open · 1 issue");
        assertThat(s.tooltip()).startsWith("Not ready:").contains("• 3 units not decided").contains("• 1 open issue");
    }

    @Test
    void readyReviewHasNoBlockersAndAFullBar() {
        CoverageSummary s = CoverageSummary.of(coverage(40, 40, findings(3, 3), 0, true));
        assertThat(s.ready()).isTrue();
        assertThat(s.blockers()).isEmpty();
        assertThat(s.fraction()).isEqualTo(1.0);
        assertThat(s.text()).isEqualTo("40 / 40 units");
        assertThat(s.tooltip()).startsWith("Ready");
    }

    @Test
    void aFinishedReviewWithRejectionsOrOpenIssuesSaysChangesRequested() {
        // Every unit decided, the high finding acknowledged, one unit rejected with an issue left for the agent.
        Coverage finished = new Coverage(24, 24, 23, 1, 0, findings(1, 1), 1, 1, 0, false, Map.of(), Map.of(), Map.of());
        CoverageSummary s = CoverageSummary.of(finished);
        assertThat(s.changesRequested()).isTrue();
        assertThat(s.badge()).isEqualTo("Changes requested");
        assertThat(s.tooltip()).contains("1 unit rejected, 1 open issue").contains("Ctrl+E");
        // Rejections without issues leave the model "ready" (nothing blocks), but the outcome is still changes.
        Coverage rejectedOnly = new Coverage(24, 24, 23, 1, 0, findings(1, 1), 0, 0, 0, true, Map.of(), Map.of(), Map.of());
        assertThat(CoverageSummary.of(rejectedOnly).badge()).isEqualTo("Changes requested");
        // Not finished: an undecided unit or an unacknowledged high finding keeps it "Not ready".
        Coverage undecided = new Coverage(23, 24, 22, 1, 0, findings(1, 1), 1, 1, 0, false, Map.of(), Map.of(), Map.of());
        assertThat(CoverageSummary.of(undecided).badge()).isEqualTo("Not ready");
        Coverage openHigh = new Coverage(24, 24, 23, 1, 0, findings(0, 1), 1, 1, 0, false, Map.of(), Map.of(), Map.of());
        assertThat(CoverageSummary.of(openHigh).badge()).isEqualTo("Not ready");
        assertThat(CoverageSummary.of(coverage(40, 40, findings(3, 3), 0, true)).badge()).isEqualTo("Ready");
    }

    @Test
    void singularsAndAnEmptyBranch() {
        CoverageSummary one = CoverageSummary.of(coverage(0, 1, findings(0, 1), 2, false));
        assertThat(one.blockers()).containsExactly("1 unit not decided", "1 high finding not acknowledged", "2 open issues");
        assertThat(one.text()).isEqualTo("0 / 1 units · 1 open · 2 issues");
        CoverageSummary empty = CoverageSummary.of(coverage(0, 0, Map.of(), 0, true));
        assertThat(empty.fraction()).isEqualTo(1.0);
        assertThat(empty.ready()).isTrue();
    }

    @Test
    void noCoverageIsNotReady() {
        CoverageSummary s = CoverageSummary.of(null);
        assertThat(s.ready()).isFalse();
        assertThat(s.fraction()).isZero();
    }
}
