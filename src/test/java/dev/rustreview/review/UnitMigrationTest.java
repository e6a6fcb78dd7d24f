package dev.rustreview.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.Side;
import dev.rustreview.testing.AnalysedSample;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A review file written by the hunk-level version (format 1, generated with that build's CLI on the sample and
 * kept as a test resource) opens on units without losing a decision, an annotation or an acknowledgement.
 */
class UnitMigrationTest {

    static final String ID = "agent-backup-executor";

    @TempDir
    static Path tmp;
    static AnalysedSample sample;
    static ReviewStore store;
    static Review review;
    static ReviewSession session;

    @BeforeAll
    static void openTheOldFile() throws Exception {
        sample = AnalysedSample.firstRound(tmp);
        store = ReviewStore.inGitDir(tmp.resolve("gitdir"), SampleReviews.CLOCK);
        Files.createDirectories(store.file(ID).getParent());
        try (InputStream in = UnitMigrationTest.class.getResourceAsStream("hunk-level-review-v1.json")) {
            Files.copy(in, store.file(ID));
        }
        review = store.load(ID).orElseThrow();
        session = ReviewSession.open(review, new HunkIndex(sample.v1()), "Ann", SampleReviews.CLOCK);
    }

    private static Map<DecisionState, Long> statesIn(String path) {
        return session.index().entries().stream().filter(e -> e.path().equals(path))
                .collect(Collectors.groupingBy(e -> review.state(e.id()), Collectors.counting()));
    }

    private static long unitsIn(String path) {
        return session.index().entries().stream().filter(e -> e.path().equals(path)).count();
    }

    @Test
    void everyUnitCutFromADecidedHunkCarriesItsDecisionAndReason() {
        assertThat(session.startedNewRound()).isFalse();
        assertThat(unitsIn("src/backup/executor.rs")).isGreaterThanOrEqualTo(8);
        assertThat(statesIn("src/backup/executor.rs")).containsOnlyKeys(DecisionState.ACCEPTED);
        assertThat(statesIn("src/services/postgres.rs")).containsOnlyKeys(DecisionState.REJECTED);
        assertThat(statesIn("src/checksum.rs")).containsOnlyKeys(DecisionState.REJECTED);
        session.index().entries().stream().filter(e -> e.path().equals("src/services/postgres.rs"))
                .forEach(e -> assertThat(review.decisions().get(e.id()).reason())
                        .isEqualTo("pool size must come from config"));
        // The Cargo.toml hunk was never cut (not Rust): its id and decision are as written.
        assertThat(review.state("hc11a655b")).isEqualTo(DecisionState.ACCEPTED);
        // src/backup/mod.rs: the hunk marked for discussion became three units, its other hunks stay undecided.
        assertThat(statesIn("src/backup/mod.rs")).containsEntry(DecisionState.DISCUSS, 3L);
        long decided = unitsIn("src/backup/executor.rs") + unitsIn("src/services/postgres.rs")
                + unitsIn("src/checksum.rs") + 3 + 1;
        assertThat(review.decisions()).hasSize((int) decided);
        assertThat(review.decisions().keySet()).allSatisfy(id -> assertThat(session.index().entry(id)).isPresent());
    }

    @Test
    void annotationsMoveToTheUnitHoldingTheirLinesAndAcknowledgementsStay() {
        Annotation onGuard = review.annotations().stream().filter(a -> a.text().contains("guard")).findFirst()
                .orElseThrow();
        assertThat(onGuard.anchor().side()).isEqualTo(Side.NEW);
        assertThat(session.index().entry(onGuard.anchor().hunkId()).orElseThrow().hunk().item())
                .isEqualTo("impl BackupExecutor \u203a fn write_manifest");
        assertThat(onGuard.outdated()).isFalse();
        assertThat(review.acknowledgements()).containsKey("AL1-693a37");
    }

    @Test
    void theMigratedReviewIsSavedAsFormatTwoAndReadsBackTheSame() throws Exception {
        Map<String, DecisionState> before = review.decisions().values().stream()
                .collect(Collectors.toMap(Decision::hunkId, Decision::state));
        store.save(review);
        assertThat(Files.readString(store.file(ID))).contains("\"formatVersion\" : 2");
        Review again = store.load(ID).orElseThrow();
        ReviewSession.open(again, new HunkIndex(sample.v1()), "Ann", SampleReviews.CLOCK);
        assertThat(again.decisions().values().stream().collect(Collectors.toMap(Decision::hunkId, Decision::state)))
                .isEqualTo(before);
        assertThat(again.annotations()).hasSize(2);
        assertThat(List.copyOf(again.rounds())).hasSize(1);
    }
}
