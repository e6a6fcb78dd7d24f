package dev.rustreview.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustreview.io.Json;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.Category;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Marks that follow the agent's rounds on the bundled sample: units unchanged since the last round, and per-file
 * "viewed" marks that stay on files the agent left alone and are cleared on files it changed.
 */
class RoundMarksTest {

    static final String EXECUTOR = "src/backup/executor.rs";
    static final String BACKUP_MOD = "src/backup/mod.rs";
    static final String POSTGRES = "src/services/postgres.rs";
    static final Clock LATER = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path tmp;
    static SampleReviews sample;
    static ReviewStore store;
    static HunkIndex v1;
    static HunkIndex v2;
    static Review second;
    static ReviewSession secondSession;

    @BeforeAll
    static void reviewTwoRounds() {
        sample = SampleReviews.build(tmp);
        v1 = new HunkIndex(sample.v1);
        v2 = new HunkIndex(sample.v2);
        store = ReviewStore.inGitDir(tmp.resolve("gitdir"), SampleReviews.CLOCK);
        Review r = new Review("agent-backup-executor", sample.repo.toString(), "agent/backup-executor", "main");
        ReviewSession first = ReviewSession.open(r, v1, "Ann", SampleReviews.CLOCK);
        first.decideCategory(Category.values()[0], DecisionState.ACCEPTED, null, true);
        first.setViewed(EXECUTOR, true);
        first.setViewed(BACKUP_MOD, true);
        first.setViewed(POSTGRES, true);
        assertThat(first.unchangedUnits()).as("nothing is unchanged in round 1").isEmpty();
        store.save(r);
        Review reopened = store.load(r.id()).orElseThrow();
        assertThat(reopened.viewedFiles()).containsOnlyKeys(EXECUTOR, BACKUP_MOD, POSTGRES);
        secondSession = ReviewSession.open(reopened, v2, "Ann", LATER);
        store.save(reopened);
        second = store.load(r.id()).orElseThrow();
    }

    private static List<String> ids(HunkIndex index, String path) {
        return index.entries().stream().filter(e -> e.path().equals(path)).map(HunkIndex.Entry::id).toList();
    }

    private static String idOf(HunkIndex index, String item) {
        return index.entries().stream().filter(e -> e.path().equals(EXECUTOR) && item.equals(e.hunk().item()))
                .map(HunkIndex.Entry::id).findFirst().orElseThrow();
    }

    @Test
    void eachRoundKeepsTheIdsOfItsUnitsInTheFile() {
        assertThat(second.unitsOf(1)).hasValue(v1.entries().stream().map(HunkIndex.Entry::id).toList());
        assertThat(second.unitsOf(2)).hasValue(v2.entries().stream().map(HunkIndex.Entry::id).toList());
    }

    @Test
    void untouchedUnitsAreUnchangedSinceRoundOneAndTheRewrittenOnesAreNot() {
        Map<String, Integer> unchanged = UnchangedUnits.of(second, v2);
        assertThat(unchanged).containsKeys(ids(v2, POSTGRES).toArray(String[]::new));
        assertThat(unchanged.values()).containsOnly(1);
        String manifest = idOf(v2, "impl BackupExecutor \u203a fn write_manifest");
        assertThat(unchanged).doesNotContainKeys(manifest, idOf(v2, "mod tests"));
        assertThat(unchanged).containsKey(idOf(v2, "impl BackupExecutor \u203a fn upload_part"));
        // Decided or not, every unit with an id the first round had is unchanged; no other is.
        List<String> roundOne = second.unitsOf(1).orElseThrow();
        v2.entries().forEach(e -> assertThat(unchanged.containsKey(e.id())).as(e.path() + " " + e.hunk().item())
                .isEqualTo(roundOne.contains(e.id())));
        assertThat(unchanged.size()).isLessThan(v2.entries().size());
    }

    @Test
    void viewedMarksStayOnUntouchedFilesAndAreResetOnFilesTheAgentChanged() {
        assertThat(second.viewedFiles()).containsOnlyKeys(POSTGRES);
        ViewedFile kept = second.viewedFiles().get(POSTGRES);
        assertThat(kept.round()).isEqualTo(1);
        assertThat(kept.author()).isEqualTo("Ann");
    }

    @Test
    void aFileCanBeMarkedAndUnmarkedOnlyWhenTheRoundChangesIt() {
        Review r = new Review("viewed-toggle", sample.repo.toString(), "agent/backup-executor", "main");
        ReviewSession s = ReviewSession.open(r, v1, "Ann", SampleReviews.CLOCK);
        s.setViewed(EXECUTOR, true);
        assertThat(r.viewedFiles()).containsKey(EXECUTOR);
        s.setViewed(EXECUTOR, false);
        assertThat(r.viewedFiles()).isEmpty();
        assertThatThrownBy(() -> s.setViewed("src/nowhere.rs", true)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'src/nowhere.rs' is not changed in the current round");
    }

    @Test
    void aReviewFileWithoutUnitIdsOrViewedMarksStillOpensAndFallsBackOnDecisions() throws Exception {
        // As written by the previous version: format 2 without the rounds' "units" and without "viewedFiles".
        Review r = new Review("older-file", sample.repo.toString(), "agent/backup-executor", "main");
        ReviewSession first = ReviewSession.open(r, v1, "Ann", SampleReviews.CLOCK);
        String postgres = ids(v1, POSTGRES).get(0);
        first.decide(postgres, DecisionState.ACCEPTED, null);
        store.save(r);
        Path file = store.file("older-file");
        ObjectNode json = (ObjectNode) Json.mapper().readTree(Files.readString(file));
        json.remove("viewedFiles");
        ((ArrayNode) json.get("rounds")).forEach(n -> ((ObjectNode) n).remove("units"));
        Files.writeString(file, Json.mapper().writeValueAsString(json));

        Review old = store.load("older-file").orElseThrow();
        assertThat(old.unitsOf(1)).isEmpty();
        assertThat(old.viewedFiles()).isEmpty();
        ReviewSession again = ReviewSession.open(old, v2, "Ann", LATER);
        assertThat(again.startedNewRound()).isTrue();
        // Round 1's units are unknown: only the unit decided in round 1 with the same id is known unchanged.
        assertThat(again.unchangedUnits()).containsOnlyKeys(postgres);
        assertThat(old.unitsOf(2)).isPresent();
    }
}
