package dev.rustreview.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.Category;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewSessionTest {

    @TempDir
    static Path tmp;
    static SampleReviews sample;
    /** executor.rs's unit {@code impl BackupExecutor › fn write_manifest}, where the AL1 critical is. */
    static final String EXECUTOR_HUNK = "h65649ff7";

    @BeforeAll
    static void build() {
        sample = SampleReviews.build(tmp);
    }

    private static ReviewSession fresh() {
        Review review = new Review("r", sample.repo.toString(), "agent/backup-executor", "main");
        return ReviewSession.open(review, new HunkIndex(sample.v1), "Ann <ann@example.com>", SampleReviews.CLOCK);
    }

    @Test
    void theFirstOpeningStartsRoundOneWithNothingDecided() {
        ReviewSession s = fresh();
        assertThat(s.startedNewRound()).isTrue();
        assertThat(s.review().rounds()).singleElement().extracting(Round::number).isEqualTo(1);
        Coverage c = s.coverage();
        assertThat(c.hunksDecided()).isZero();
        assertThat(c.hunksTotal()).isEqualTo(s.index().entries().size());
        assertThat(c.ready()).isFalse();
    }

    @Test
    void anAcknowledgementSavedUnderAFormerIdReattachesToTheCurrentId() {
        Finding f = sample.v1.findings().stream().filter(x -> !x.formerIds().isEmpty()).findFirst().orElseThrow();
        String former = f.formerIds().get(0);
        Review review = new Review("r", sample.repo.toString(), "agent/backup-executor", "main");
        review.putAck(new Acknowledgement(former, Acknowledgement.Kind.CHECKED, "looked at it", "Ann",
                java.time.Instant.EPOCH, 1));
        ReviewSession s = ReviewSession.open(review, new HunkIndex(sample.v1), "Ann <ann@example.com>",
                SampleReviews.CLOCK);
        assertThat(s.review().acknowledgements().get(f.id())).extracting(Acknowledgement::note, Acknowledgement::round)
                .containsExactly("looked at it", 1);
        assertThat(s.review().acknowledgements()).containsKey(former);
        Review untouched = new Review("r", sample.repo.toString(), "agent/backup-executor", "main");
        untouched.putAck(new Acknowledgement("CC1-000000", Acknowledgement.Kind.CHECKED, "", "Ann",
                java.time.Instant.EPOCH, 1));
        ReviewSession.open(untouched, new HunkIndex(sample.v1), "Ann <ann@example.com>", SampleReviews.CLOCK);
        assertThat(untouched.acknowledgements()).containsOnlyKeys("CC1-000000");
    }

    @Test
    void aFindingNamedByAFormerIdIsAcknowledgedUnderItsCurrentId() {
        // An id copied from an export made before ids carried the flagged names still names its finding.
        Finding f = sample.v1.findings().stream().filter(x -> !x.formerIds().isEmpty()).findFirst().orElseThrow();
        ReviewSession s = fresh();
        s.acknowledge(f.formerIds().get(0), "checked");
        assertThat(s.review().acknowledgements()).containsOnlyKeys(f.id());
        assertThatThrownBy(() -> s.acknowledge("CC1-000000", "")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no finding 'CC1-000000'");
    }

    @Test
    void bulkAcceptSkipsHighRiskHunksUnlessConfirmed() {
        ReviewSession s = fresh();
        var result = s.decideFile("src/backup/executor.rs", DecisionState.ACCEPTED, null, false);
        // Units: the risky functions wait for a confirmed decision, the harmless ones are accepted.
        assertThat(result.skippedHighRisk()).contains(EXECUTOR_HUNK);
        assertThat(result.decided()).isNotEmpty().doesNotContain(EXECUTOR_HUNK);
        assertThat(result.decided().size() + result.skippedHighRisk().size())
                .isEqualTo(s.index().entries().stream().filter(e -> e.path().equals("src/backup/executor.rs")).count());
        assertThat(s.review().state(EXECUTOR_HUNK)).isEqualTo(DecisionState.UNREVIEWED);
        assertThat(s.decideFile("src/backup/executor.rs", DecisionState.ACCEPTED, null, true).decided())
                .contains(EXECUTOR_HUNK);
        assertThat(s.review().state(EXECUTOR_HUNK)).isEqualTo(DecisionState.ACCEPTED);
        assertThat(s.review().decisions().get(EXECUTOR_HUNK).round()).isEqualTo(1);
    }

    @Test
    void readyNeedsEveryHunkDecidedEveryHighRiskAcknowledgedAndNoOpenIssue() {
        ReviewSession s = fresh();
        for (Category c : Category.values()) {
            s.decideCategory(c, DecisionState.ACCEPTED, null, true);
        }
        assertThat(s.coverage().hunksDecided()).isEqualTo(s.coverage().hunksTotal());
        assertThat(s.coverage().ready()).isFalse();
        for (Finding f : sample.v1.findings()) {
            if (f.severity().atLeast(Severity.HIGH)) {
                s.acknowledge(f.id(), "checked");
            }
        }
        assertThat(s.coverage().ready()).isTrue();
        Annotation issue = s.annotateLines("src/services/postgres.rs", Side.NEW, 10, 12, AnnotationKind.ISSUE,
                "why **20**?", null);
        assertThat(issue.anchor().hunkId()).isEqualTo("h32022578"); // postgres.rs, struct PostgresService
        assertThat(issue.anchor().lines()).hasSize(3);
        assertThat(s.coverage().ready()).isFalse();
        s.reply(issue.id(), "fine");
        s.resolve(issue.id(), true);
        assertThat(s.coverage().ready()).isTrue();
        long executorUnits = s.index().entries().stream().filter(e -> e.path().equals("src/backup/executor.rs")).count();
        assertThat(executorUnits).isGreaterThanOrEqualTo(8);
        assertThat(s.coverage().byFile().get("src/backup/executor.rs"))
                .isEqualTo(new Coverage.Count((int) executorUnits, (int) executorUnits));
        assertThat(s.coverage().byCommit()).isNotEmpty();
    }

    @Test
    void rejectionsAndDismissalsNeedAReasonAndUnknownIdsAreOneLineErrors() {
        ReviewSession s = fresh();
        assertThatThrownBy(() -> s.decide(EXECUTOR_HUNK, DecisionState.REJECTED, null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--reason");
        assertThatThrownBy(() -> s.decide("hnope", DecisionState.ACCEPTED, null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("hnope");
        assertThatThrownBy(() -> s.dismiss("AL1-1c0f2aeb", " ")).isInstanceOf(BadInputException.class);
        s.dismiss("AL1-1c0f2aeb", "the guard is dropped before the await");
        assertThat(s.review().acknowledgements().get("AL1-1c0f2aeb").kind()).isEqualTo(Acknowledgement.Kind.DISMISSED);
    }
}
