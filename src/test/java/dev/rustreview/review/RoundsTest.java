package dev.rustreview.review;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.git.GitRepository;
import dev.rustreview.model.Category;
import dev.rustreview.model.Side;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance check of rounds: the agent's rebased second round on the bundled sample. */
class RoundsTest {

    @TempDir
    static Path tmp;
    static SampleReviews sample;
    static Review review;
    static ReviewSession second;
    static Annotation onMutex;
    static Annotation onPostgres;
    /** executor.rs's unit {@code fn write_manifest}: the agent rewrote it in round 2 (guard dropped before await). */
    static final String EXECUTOR_V1 = "h65649ff7";
    static final String EXECUTOR_V2 = "h9df1eda7";
    /** postgres.rs's unit {@code struct PostgresService}, untouched by the rebase. */
    static final String POSTGRES = "h32022578";

    @BeforeAll
    static void reviewTwoRounds() {
        sample = SampleReviews.build(tmp);
        ReviewStore store = ReviewStore.inGitDir(tmp.resolve("gitdir"), SampleReviews.CLOCK);
        Review r = new Review("agent-backup-executor", sample.repo.toString(), "agent/backup-executor", "main");
        ReviewSession first = ReviewSession.open(r, new HunkIndex(sample.v1), "Ann", SampleReviews.CLOCK);
        for (Category c : Category.values()) {
            first.decideCategory(c, DecisionState.ACCEPTED, null, true);
        }
        first.decide(POSTGRES, DecisionState.REJECTED, "pool size must come from config");
        first.acknowledge("AL1-1c0f2aeb", "guard is dropped on line 52; fine");
        onMutex = first.annotateLines("src/backup/executor.rs", Side.NEW, 225, 226, AnnotationKind.ISSUE,
                "the guard lives across the await", null);
        onPostgres = first.annotateLines("src/services/postgres.rs", Side.NEW, 10, 10, AnnotationKind.QUESTION,
                "why 20?", null);
        store.save(r);

        Review reopened = store.load(r.id()).orElseThrow();
        Clock later = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        second = ReviewSession.open(reopened, new HunkIndex(sample.v2), "Ann", later);
        store.save(reopened);
        review = store.load(r.id()).orElseThrow();
    }

    @Test
    void movingToTheRebasedHeadStartsRoundTwoAndReopeningTheSameHeadDoesNot() {
        assertThat(second.startedNewRound()).isTrue();
        assertThat(review.rounds()).extracting(Round::number).containsExactly(1, 2);
        assertThat(ReviewSession.open(review, new HunkIndex(sample.v2), "Ann", SampleReviews.CLOCK).startedNewRound())
                .isFalse();
    }

    @Test
    void goingBackToTheFirstRoundsHeadStartsNoRoundAndSaysWhichRoundItShows() {
        Review copy = ReviewStore.inGitDir(tmp.resolve("gitdir"), SampleReviews.CLOCK).load(review.id()).orElseThrow();
        int decisions = copy.decisions().size();
        int outdated = copy.outdatedDecisions().size();
        ReviewSession back = ReviewSession.open(copy, new HunkIndex(sample.v1), "Ann", SampleReviews.CLOCK);
        assertThat(back.startedNewRound()).isFalse();
        assertThat(copy.rounds()).extracting(Round::number).containsExactly(1, 2);
        assertThat(copy.currentRound()).isEqualTo(2);
        assertThat(back.earlierRoundShown()).hasValueSatisfying(r -> assertThat(r.number()).isEqualTo(1));
        // Nothing carried over a second time: the decisions and outdated ones are as round 2 left them.
        assertThat(copy.decisions()).hasSize(decisions);
        assertThat(copy.outdatedDecisions()).hasSize(outdated);
        assertThat(second.earlierRoundShown()).isEmpty();
    }

    @Test
    void unchangedHunksKeepTheirDecisionsAndAnnotations() {
        assertThat(review.state(POSTGRES)).isEqualTo(DecisionState.REJECTED);
        assertThat(review.state("h868d2148")).as("service_member.rs struct Model").isEqualTo(DecisionState.ACCEPTED);
        assertThat(review.state("h13470c53")).as("README hunk moved lines only").isEqualTo(DecisionState.ACCEPTED);
        Annotation q = review.annotation(onPostgres.id()).orElseThrow();
        assertThat(q.outdated()).isFalse();
        assertThat(q.anchor().hunkId()).isEqualTo(POSTGRES);
        assertThat(review.acknowledgements()).containsKey("AL1-1c0f2aeb");
    }

    @Test
    void unitIdsSurviveTheRebaseSoOnlyTheRewrittenUnitsOfTheExecutorReopen() {
        List<HunkIndex.Entry> before = new HunkIndex(sample.v1).entries().stream()
                .filter(e -> e.path().equals("src/backup/executor.rs")).toList();
        List<HunkIndex.Entry> after = second.index().entries().stream()
                .filter(e -> e.path().equals("src/backup/executor.rs")).toList();
        assertThat(after).hasSameSizeAs(before).hasSizeGreaterThanOrEqualTo(8);
        List<String> reopened = after.stream().filter(e -> review.state(e.id()) == DecisionState.UNREVIEWED)
                .map(e -> e.hunk().item()).toList();
        assertThat(reopened).containsExactlyInAnyOrder("impl BackupExecutor \u203a fn write_manifest", "mod tests");
        assertThat(after).filteredOn(e -> !reopened.contains(e.hunk().item()))
                .allSatisfy(e -> assertThat(before).extracting(HunkIndex.Entry::id).contains(e.id()))
                .allSatisfy(e -> assertThat(review.state(e.id())).isEqualTo(DecisionState.ACCEPTED));
    }

    @Test
    void theRewrittenExecutorIsBackToUnreviewedWithItsOldDecisionAndAnnotationOutdated() {
        assertThat(review.state(EXECUTOR_V2)).isEqualTo(DecisionState.UNREVIEWED);
        assertThat(review.changedSince()).containsEntry(EXECUTOR_V2, 1);
        assertThat(review.outdatedDecisions()).anySatisfy(o -> {
            assertThat(o.decision().hunkId()).isEqualTo(EXECUTOR_V1);
            assertThat(o.decision().state()).isEqualTo(DecisionState.ACCEPTED);
            assertThat(o.nowHunkId()).isEqualTo(EXECUTOR_V2);
            assertThat(o.sinceRound()).isEqualTo(2);
        });
        Annotation issue = review.annotation(onMutex.id()).orElseThrow();
        assertThat(issue.outdatedSince()).isEqualTo(2);
        assertThat(issue.text()).isEqualTo("the guard lives across the await");
        assertThat(issue.anchor().hunkId()).isEqualTo(EXECUTOR_V2);
        assertThat(second.coverage().openIssues()).isZero();
        assertThat(second.coverage().outdatedAnnotations()).isEqualTo(1);
    }

    @Test
    void theInterdiffOfTheRewrittenExecutorShowsOnlyTheAgentsFixes() {
        try (GitRepository git = GitRepository.open(sample.repo)) {
            HunkInterdiff diff = HunkInterdiff.of(git, review, new HunkIndex(sample.v2), EXECUTOR_V2);
            assertThat(diff.sinceRound()).isEqualTo(1);
            long changed = diff.lines().stream().filter(l -> l.kind() != ' ').count();
            // Only write_manifest, not the whole 420-line file: the agent's two-line fix and what it moved.
            assertThat(changed).isBetween(1L, 10L);
            assertThat(diff.lines().stream().filter(l -> l.kind() == ' ').count()).isBetween(10L, 30L);
            assertThat(diff.lines()).anySatisfy(l -> assertThat(l.kind() + l.text().strip()).isEqualTo("+drop(state);"));
        }
    }

    @Test
    void sinceLastShowsOnlyTheAgentsChangesNotTheNewerMainCommit() {
        try (GitRepository git = GitRepository.open(sample.repo)) {
            SinceLastReview since = SinceLast.compute(git, review);
            assertThat(since.files()).extracting(SinceLastReview.FileInterdiff::path)
                    .containsExactlyInAnyOrder("src/backup/executor.rs", "src/backup/mod.rs");
            assertThat(since.commits()).extracting(p -> p.newer() == null ? null : p.newer().subject(), SinceLastReview.CommitPair::match)
                    .contains(org.assertj.core.groups.Tuple.tuple("Add PostgresService implementing ExternalService", SinceLastReview.Match.SAME),
                            org.assertj.core.groups.Tuple.tuple("Add BackupExecutor with concurrent part uploads", SinceLastReview.Match.CHANGED),
                            org.assertj.core.groups.Tuple.tuple("Implement Display for S3Source", SinceLastReview.Match.ADDED));
            assertThat(since.commits()).noneMatch(p -> p.newer() != null && p.newer().subject().contains("RedisService"));
            SinceLastReview.FileInterdiff executor = since.files().stream()
                    .filter(f -> f.path().equals("src/backup/executor.rs")).findFirst().orElseThrow();
            List<String> changed = executor.lines().stream().filter(l -> l.kind() != ' ')
                    .map(l -> l.kind() + l.text().strip()).toList();
            assertThat(changed).contains("+drop(state);", "-tokio::time::sleep(Duration::from_millis(50)).await;",
                    "+let seen = collector.await.unwrap();");
            assertThat(changed).hasSizeLessThan(40);
        }
    }
}
