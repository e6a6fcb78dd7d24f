package dev.rustreview.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewStoreTest {

    @TempDir
    Path dir;

    static Review sampleReview(String id) {
        Review r = new Review(id, "/repo", "agent/x", "main");
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        r.addRound(new Round(1, "agent/x", "c1", "b1", "m1", t, 3, 5, 2));
        r.putDecision(new Decision("h1", DecisionState.REJECTED, "no", "Ann <a@x>", t, 1, "fp", "src/a.rs",
                List.of("fn a")));
        r.addOutdated(new OutdatedDecision(new Decision("h0", DecisionState.ACCEPTED, null, "Ann", t, 1, "fp0",
                "src/a.rs", List.of()), "h2", 2));
        r.markChanged("h2", 1);
        r.putAck(new Acknowledgement("AL1-123456", Acknowledgement.Kind.CHECKED, "fine", "Ann", t, 1));
        r.putAnnotation(new Annotation("a1", new Anchor(Anchor.Scope.LINES, "src/a.rs", Side.NEW, 3, 4,
                List.of("let x = 1;", "drop(x);"), "h1"), AnnotationKind.SUGGESTION, "use `y`", "let y = 1;", "Ann", t, t,
                List.of(new Reply("Bob", t, "ok")), false, 1, 0));
        return r;
    }

    private ReviewStore store() {
        return new ReviewStore(dir, SampleReviews.CLOCK);
    }

    @Test
    void aSavedReviewReadsBackTheSameAndKeepsThePreviousVersionAsBackup() throws Exception {
        Review r = sampleReview("r1");
        store().save(r);
        assertThat(r.revision()).isEqualTo(1);
        r.putAck(new Acknowledgement("X-1", Acknowledgement.Kind.DISMISSED, "fp", "Ann", Instant.EPOCH, 1));
        store().save(r);
        Review back = store().load("r1").orElseThrow();
        assertThat(back.revision()).isEqualTo(2);
        assertThat(ReviewCodec.toDto(back, 2)).isEqualTo(ReviewCodec.toDto(r, 2));
        assertThat(Files.readString(dir.resolve("r1.json.bak"))).contains("\"revision\" : 1");
        assertThat(Files.readString(dir.resolve("r1.json"))).contains("\"formatVersion\" : 2");
    }

    @Test
    void aChangeMadeWhileASnapshotIsWrittenStaysPendingAndIsWrittenNext() throws Exception {
        Review r = sampleReview("r1");
        ReviewStore.Snapshot first = store().snapshot(r).orElseThrow();
        // The window keeps working while a worker writes the snapshot.
        r.putAck(new Acknowledgement("X-9", Acknowledgement.Kind.CHECKED, null, "Ann", Instant.EPOCH, 1));
        long revision = store().write(first);
        ReviewStore.saved(r, first, revision);
        assertThat(r.revision()).isEqualTo(1);
        assertThat(r.pendingChanges()).isEqualTo(1);
        assertThat(store().load("r1").orElseThrow().acknowledgements()).doesNotContainKey("X-9");
        store().save(r);
        assertThat(store().load("r1").orElseThrow().acknowledgements()).containsKey("X-9");
        assertThat(store().snapshot(r)).isEmpty();
    }

    @Test
    void savingWithoutChangesWritesNothing() throws Exception {
        Review r = sampleReview("r1");
        store().save(r);
        long modified = Files.getLastModifiedTime(dir.resolve("r1.json")).toMillis();
        store().save(r);
        assertThat(r.revision()).isEqualTo(1);
        assertThat(Files.getLastModifiedTime(dir.resolve("r1.json")).toMillis()).isEqualTo(modified);
    }

    @Test
    void corruptTruncatedAndNewerFilesAreMovedAsideNeverOverwritten() throws Exception {
        Review r = sampleReview("r1");
        store().save(r);
        r.putAck(new Acknowledgement("X-1", Acknowledgement.Kind.CHECKED, null, "Ann", Instant.EPOCH, 1));
        store().save(r);
        String good = Files.readString(dir.resolve("r1.json"));
        for (String bad : List.of(good.substring(0, good.length() / 2), "{not json",
                good.replace("\"formatVersion\" : 2", "\"formatVersion\" : 7"))) {
            Files.writeString(dir.resolve("r1.json"), bad);
            assertThatThrownBy(() -> store().load("r1")).isInstanceOf(ReviewFileException.class)
                    .hasMessageNotContaining("\n").hasMessageContaining("moved it to r1.json.corrupt-")
                    .hasMessageContaining("backup")
                    .satisfies(e -> assertThat(Files.readString(((ReviewFileException) e).movedTo())).isEqualTo(bad));
            assertThat(dir.resolve("r1.json")).doesNotExist();
            Review backup = store().loadBackup("r1");
            assertThat(backup.revision()).isZero();
            store().save(backup);
            assertThat(store().load("r1")).isPresent();
        }
        try (Stream<Path> files = Files.list(dir)) {
            // Each unreadable file, and next to it a copy of the backup it had.
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".corrupt-")))
                    .hasSize(6).filteredOn(n -> n.endsWith(".bak")).hasSize(3);
        }
        assertThatThrownBy(() -> store().load("../x")).isInstanceOf(BadInputException.class);
    }

    @Test
    void aFreshReviewAfterAnUnreadableFileNeverRotatesTheLastGoodBackupAway() throws Exception {
        Review r = sampleReview("r1");
        store().save(r);
        r.putAck(new Acknowledgement("X-1", Acknowledgement.Kind.CHECKED, null, "Ann", Instant.EPOCH, 1));
        store().save(r);
        String lastGoodBackup = Files.readString(dir.resolve("r1.json.bak"));
        Files.writeString(dir.resolve("r1.json"), "{trunc");
        Path aside = ((ReviewFileException) org.assertj.core.api.Assertions.catchThrowable(() -> store().load("r1")))
                .movedTo();
        Review fresh = new Review("r1", "/repo", "agent/x", "main");
        store().save(fresh);
        fresh.touch();
        store().save(fresh); // r1.json.bak is now the fresh review's first save
        assertThat(Files.readString(dir.resolve("r1.json.bak"))).isNotEqualTo(lastGoodBackup);
        assertThat(Files.readString(aside.resolveSibling(aside.getFileName() + ".bak"))).isEqualTo(lastGoodBackup);
    }

    @Test
    void openingTheBackupOverAReadableFileMakesTheBackupCurrentOnSave() {
        Review r = sampleReview("r1");
        store().save(r);
        r.putAck(new Acknowledgement("LATER", Acknowledgement.Kind.CHECKED, null, "Ann", Instant.EPOCH, 1));
        store().save(r);
        Review backup = store().loadBackup("r1");
        assertThat(backup.acknowledgements()).doesNotContainKey("LATER");
        store().save(backup);
        assertThat(store().load("r1").orElseThrow().acknowledgements()).doesNotContainKey("LATER");
        assertThat(store().loadBackup("r1").acknowledgements()).containsKey("LATER");
    }

    @Test
    void newerFormatMessageSaysToUpdate() throws Exception {
        store().save(sampleReview("r1"));
        Path f = dir.resolve("r1.json");
        Files.writeString(f, Files.readString(f).replace("\"formatVersion\" : 2", "\"formatVersion\" : 3"));
        assertThatThrownBy(() -> store().load("r1")).hasMessageContaining("newer Rust Review");
    }

    @Test
    void theSecondOfTwoConcurrentWritersIsToldToReloadAndLosesNothing() {
        store().save(sampleReview("r1"));
        Review window = store().load("r1").orElseThrow();
        Review cli = store().load("r1").orElseThrow();
        cli.putAck(new Acknowledgement("CLI-1", Acknowledgement.Kind.CHECKED, null, "cli", Instant.EPOCH, 1));
        store().save(cli);
        window.putAck(new Acknowledgement("WIN-1", Acknowledgement.Kind.CHECKED, null, "win", Instant.EPOCH, 1));
        assertThatThrownBy(() -> store().save(window)).isInstanceOf(ConcurrentReviewChangeException.class)
                .hasMessageContaining("changed by another process").hasMessageContaining("reload");
        Review reloaded = store().load("r1").orElseThrow();
        assertThat(reloaded.acknowledgements()).containsKey("CLI-1");
        reloaded.putAck(new Acknowledgement("WIN-1", Acknowledgement.Kind.CHECKED, null, "win", Instant.EPOCH, 1));
        store().save(reloaded);
        assertThat(store().load("r1").orElseThrow().acknowledgements()).containsKeys("CLI-1", "WIN-1");
    }

    @Test
    void anImportReadBeforeAnotherSaveIsRefusedAndWritesNothing() {
        store().save(sampleReview("r1"));
        Review importer = store().load("r1").orElseThrow();
        Review other = store().load("r1").orElseThrow();
        other.putAck(new Acknowledgement("OTHER-1", Acknowledgement.Kind.CHECKED, null, "x", Instant.EPOCH, 1));
        store().save(other);
        Review incoming = sampleReview("r1");
        incoming.putAck(new Acknowledgement("IMPORTED-1", Acknowledgement.Kind.CHECKED, null, "y", Instant.EPOCH, 1));
        assertThatThrownBy(() -> store().replaceWith(ReviewCodec.toDto(incoming, 1), importer.revision()))
                .isInstanceOf(ConcurrentReviewChangeException.class).hasMessageContaining("run the import again");
        assertThat(store().load("r1").orElseThrow().acknowledgements()).containsKey("OTHER-1").doesNotContainKey("IMPORTED-1");

        Review current = store().load("r1").orElseThrow();
        store().replaceWith(ReviewCodec.toDto(incoming, 1), current.revision());
        Review imported = store().load("r1").orElseThrow();
        assertThat(imported.acknowledgements()).containsKey("IMPORTED-1");
        assertThat(imported.revision()).isGreaterThan(current.revision());
    }

    @Test
    void concurrentThreadsNeverLoseAnAcknowledgement() throws Exception {
        store().save(sampleReview("r1"));
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int n = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10; i++) {
                    while (true) {
                        Review r = store().load("r1").orElseThrow();
                        r.putAck(new Acknowledgement("T" + n + "-" + i, Acknowledgement.Kind.CHECKED, null, "t",
                                Instant.EPOCH, 1));
                        try {
                            store().save(r);
                            break;
                        } catch (ConcurrentReviewChangeException retry) {
                            // reload and redo, as the message says
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(store().load("r1").orElseThrow().acknowledgements()).hasSize(41);
    }
}
