package dev.rustreview.review;

import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Computes a review's {@link Coverage} against the hunks and findings of the current round. */
final class CoverageCalculator {

    private CoverageCalculator() {
    }

    static Coverage compute(Review review, HunkIndex index) {
        int decided = 0, accepted = 0, rejected = 0, discuss = 0;
        Map<String, Coverage.Count> byCategory = new TreeMap<>();
        Map<String, Coverage.Count> byFile = new TreeMap<>();
        Map<String, Coverage.Count> byCommit = new TreeMap<>();
        for (HunkIndex.Entry e : index.entries()) {
            DecisionState state = review.state(e.id());
            boolean done = state != DecisionState.UNREVIEWED;
            decided += done ? 1 : 0;
            accepted += state == DecisionState.ACCEPTED ? 1 : 0;
            rejected += state == DecisionState.REJECTED ? 1 : 0;
            discuss += state == DecisionState.DISCUSS ? 1 : 0;
            byCategory.merge(e.analysis().category().id(), new Coverage.Count(0, 0).plus(done), CoverageCalculator::sum);
            byFile.merge(e.path(), new Coverage.Count(0, 0).plus(done), CoverageCalculator::sum);
            for (String commit : e.commitIds()) {
                byCommit.merge(commit, new Coverage.Count(0, 0).plus(done), CoverageCalculator::sum);
            }
        }
        Map<Severity, Coverage.Count> findings = new EnumMap<>(Severity.class);
        boolean risksAcknowledged = true;
        int problems = 0;
        for (Finding f : index.analysis().findings()) {
            Acknowledgement ack = review.acknowledgements().get(f.id());
            boolean acked = ack != null;
            // A finding the reviewer marked as a problem is answered, and is an issue raised with the agent.
            problems += acked && ack.kind() == Acknowledgement.Kind.PROBLEM ? 1 : 0;
            findings.merge(f.severity(), new Coverage.Count(0, 0).plus(acked), CoverageCalculator::sum);
            if (!acked && f.severity().atLeast(Severity.HIGH)) {
                risksAcknowledged = false;
            }
        }
        int open = 0, openIssues = problems, outdated = 0;
        for (Annotation a : review.annotations()) {
            open += a.open() ? 1 : 0;
            openIssues += a.open() && a.kind() == AnnotationKind.ISSUE ? 1 : 0;
            outdated += a.outdated() ? 1 : 0;
        }
        int total = index.entries().size();
        boolean ready = decided == total && risksAcknowledged && openIssues == 0;
        return new Coverage(decided, total, accepted, rejected, discuss, findings, open, openIssues, outdated, ready,
                byCategory, byFile, byCommit);
    }

    private static Coverage.Count sum(Coverage.Count a, Coverage.Count b) {
        return new Coverage.Count(a.done() + b.done(), a.total() + b.total());
    }
}
