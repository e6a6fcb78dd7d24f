package dev.rustreview.export;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import dev.rustreview.review.AnnotationKind;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The bundled sample analysed once, and a review on it with one of everything an export shows. */
final class ExportFixture {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    /** executor.rs's unit {@code fn write_manifest} (the AL1 critical). */
    static final String EXECUTOR_HUNK = "h65649ff7";
    /** postgres.rs's unit {@code struct PostgresService} (lines 10-17). */
    static final String POSTGRES_HUNK = "h32022578";

    final Path repo;
    final ChangeAnalysis v1;

    private ExportFixture(Path repo, ChangeAnalysis v1) {
        this.repo = repo;
        this.v1 = v1;
    }

    static ExportFixture build(Path tmp) {
        var sample = dev.rustreview.testing.AnalysedSample.firstRound(tmp);
        return new ExportFixture(sample.repo(), sample.v1());
    }

    ReviewSession fresh(String author) {
        Review review = new Review("r", repo.toString(), "agent/backup-executor", "main");
        return ReviewSession.open(review, new HunkIndex(v1), author, CLOCK);
    }

    /**
     * Rejects the executor hunk, accepts the postgres one, opens an issue and a suggestion there, acknowledges
     * every high or critical finding but the first (checked) and the second (dismissed).
     */
    ReviewSession reviewed() {
        ReviewSession s = fresh("Ann <ann@example.com>");
        s.decide(EXECUTOR_HUNK, DecisionState.REJECTED, "holds the lock across `.await`");
        s.decide(POSTGRES_HUNK, DecisionState.ACCEPTED, null);
        s.annotateLines("src/services/postgres.rs", Side.NEW, 10, 12, AnnotationKind.ISSUE, "why **20**?", null);
        s.annotateLines("src/services/postgres.rs", Side.NEW, 11, 11, AnnotationKind.SUGGESTION,
                "use a constant", "const POOL: u32 = 20;");
        s.annotateReview(AnnotationKind.NOTE, "looks mostly fine");
        var risky = v1.findings().stream().filter(f -> f.severity().atLeast(Severity.HIGH)).toList();
        s.acknowledge(risky.get(0).id(), "checked by hand");
        s.dismiss(risky.get(1).id(), "false positive: test code");
        return s;
    }

    Finding highFinding(int i) {
        return v1.findings().stream().filter(f -> f.severity().atLeast(Severity.HIGH)).toList().get(i);
    }
}
