package dev.rustreview.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.model.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Muted rules: the reviewer's choices over the team's list, stored in the review file and in .rust-review.json. */
class RuleMutesTest {

    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theReviewersChoiceWinsOverTheTeamsListAndShownUndoesATeamMute() {
        Map<String, RuleMute> local = Map.of(
                "PN2", new RuleMute("PN2", RuleMute.Scope.REVIEW, "Ann", T),
                "SS1", new RuleMute("SS1", RuleMute.Scope.SHOWN, "Ann", T),
                "ER1", new RuleMute("ER1", RuleMute.Scope.REPOSITORY, "Ann", T));
        RuleMutes m = RuleMutes.of(local, Set.of("SS1", "CC7"));
        assertThat(m.muted("PN2")).isTrue();
        assertThat(m.muted("ER1")).isTrue();
        assertThat(m.muted("CC7")).isTrue();
        assertThat(m.muted("SS1")).as("shown locally although the team mutes it").isFalse();
        assertThat(m.muted("AL1")).isFalse();
        assertThat(m.rules()).containsExactly("CC7", "ER1", "PN2");
        assertThat(m.why("PN2")).contains("muted for this review");
        assertThat(m.why("ER1")).contains("muted for the repository");
        assertThat(m.why("CC7")).contains("muted by the repository's .rust-review.json");
        assertThat(m.why("SS1")).isEmpty();
    }

    @Test
    void mutesAreSavedInTheReviewFileAndReadBack() {
        Review r = ReviewStoreTest.sampleReview("m1");
        r.putMute(new RuleMute("PN2", RuleMute.Scope.REVIEW, "Ann", T));
        r.putMute(new RuleMute("SS1", RuleMute.Scope.SHOWN, "Ann", T));
        ReviewStore store = new ReviewStore(dir, SampleReviews.CLOCK);
        store.save(r);
        Review back = store.load("m1").orElseThrow();
        assertThat(back.mutes()).isEqualTo(r.mutes());
        assertThat(ReviewCodec.toDto(back, 1)).isEqualTo(ReviewCodec.toDto(r, 1));
    }

    @Test
    void aFileWrittenBeforeMutesExistedOpensWithNone() throws Exception {
        Review r = ReviewStoreTest.sampleReview("m2");
        ReviewStore store = new ReviewStore(dir, SampleReviews.CLOCK);
        store.save(r);
        Path file = dir.resolve("m2.json");
        String text = Files.readString(file).replaceAll(",\\s*\"mutes\" : \\[ \\]", "");
        assertThat(text).doesNotContain("mutes");
        Files.writeString(file, text);
        assertThat(store.load("m2").orElseThrow().mutes()).isEmpty();
    }

    @Test
    void theTeamsFileIsParsedStrictlyAndBadEntriesAreOneLine() {
        assertThat(SharedMutes.parse("{\"provenance\": {}, \"mutedRules\": [\"PN2\", \"clippy::unwrap_used\"]}"))
                .containsExactly("PN2", "clippy::unwrap_used");
        assertThat(SharedMutes.parse("{\"provenance\": {}}")).isEmpty();
        assertThatThrownBy(() -> SharedMutes.parse("{\"mutedRules\": \"PN2\"}")).isInstanceOf(BadInputException.class)
                .hasMessage(".rust-review.json: \"mutedRules\" must be a list of rule ids, like [\"PN2\"]");
        assertThatThrownBy(() -> SharedMutes.parse("{\"mutedRules\": [\"<script>\"]}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is not a rule id");
        assertThatThrownBy(() -> SharedMutes.parse("{")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(".rust-review.json: is not valid JSON");
    }

    @Test
    void writingTheTeamsFileKeepsItsOtherSettingsAndRemovesOnUnmute() throws Exception {
        Path file = dir.resolve(".rust-review.json");
        Files.writeString(file, "{\"provenance\": {\"agents\": [{\"tool\": \"Bot\", \"author\": \"bot@x\"}]},"
                + " \"mutedRules\": [\"CC7\"]}");
        assertThat(SharedMutes.write(dir, "PN2", true)).isEqualTo(file);
        String text = Files.readString(file);
        assertThat(SharedMutes.parse(text)).containsExactly("CC7", "PN2");
        assertThat(text).contains("\"tool\" : \"Bot\"");
        SharedMutes.write(dir, "CC7", false);
        assertThat(SharedMutes.parse(Files.readString(file))).containsExactly("PN2");
        try (var names = Files.list(dir)) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly(".rust-review.json");
        }
    }

    @Test
    void aMissingTeamFileIsCreatedAndABrokenOrLinkedOneIsLeftAlone() throws Exception {
        Path fresh = Files.createDirectories(dir.resolve("fresh"));
        SharedMutes.write(fresh, "PN1", true);
        assertThat(SharedMutes.parse(Files.readString(fresh.resolve(".rust-review.json")))).containsExactly("PN1");

        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve(".rust-review.json"), "{ not json");
        assertThatThrownBy(() -> SharedMutes.write(broken, "PN1", true)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not valid JSON").hasMessageEndingWith("fix it, then mute again");
        assertThat(Files.readString(broken.resolve(".rust-review.json"))).isEqualTo("{ not json");

        Path linked = Files.createDirectories(dir.resolve("linked"));
        Path outside = Files.writeString(dir.resolve("outside.json"), "{}");
        Files.createSymbolicLink(linked.resolve(".rust-review.json"), outside);
        assertThatThrownBy(() -> SharedMutes.write(linked, "PN1", true)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a regular file");
        assertThat(Files.readString(outside)).isEqualTo("{}");
    }

    @Test
    void theTeamsListIsReadAtTheBaseNeverAtTheAgentsHeadAndABrokenOneIsAWarning() {
        var base = new dev.rustreview.model.Revision("main", "refs/heads/main", "b1");
        var head = new dev.rustreview.model.Revision("agent/x", "refs/heads/agent/x", "h1");
        var cs = new dev.rustreview.model.ChangeSet("/repo", base, head, "m1", "m1", "h1", List.of(), List.of());
        Map<String, String> files = Map.of("b1", "{\"mutedRules\": [\"PN2\"]}", "h1", "{\"mutedRules\": [\"AL1\"]}");
        dev.rustreview.model.SourceReader sources = new dev.rustreview.model.SourceReader() {
            @Override
            public java.util.Optional<String> blob(String blobId) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<String> fileAt(String commitId, String path) {
                return path.equals(".rust-review.json") ? java.util.Optional.ofNullable(files.get(commitId))
                        : java.util.Optional.empty();
            }
        };
        List<String> warnings = new java.util.ArrayList<>();
        assertThat(SharedMutes.atBase(sources, cs, warnings)).as("the agent's branch cannot mute AL1 on itself")
                .containsExactly("PN2");
        assertThat(warnings).isEmpty();
        Map<String, String> broken = Map.of("b1", "{\"mutedRules\": 3}");
        dev.rustreview.model.SourceReader bad = new dev.rustreview.model.SourceReader() {
            @Override
            public java.util.Optional<String> blob(String blobId) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<String> fileAt(String commitId, String path) {
                return java.util.Optional.ofNullable(broken.get(commitId));
            }
        };
        assertThat(SharedMutes.atBase(bad, cs, warnings)).isEmpty();
        assertThat(warnings).containsExactly(".rust-review.json: \"mutedRules\" must be a list of rule ids, like "
                + "[\"PN2\"] (at the base; its muted rules were ignored)");
    }

    @Test
    void howToShareNamesTheKeyAndTheRules() {
        assertThat(SharedMutes.howToShare(List.of("PN2"))).isEqualTo("no work tree to write .rust-review.json into: "
                + "to share this with the team, add \"mutedRules\": [\"PN2\"] to .rust-review.json at the repository "
                + "root on the base branch and commit it");
    }
}
