package dev.rustreview.ui.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.Side;
import dev.rustreview.review.AnnotationKind;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.review.ReviewStore;
import dev.rustreview.ui.navigator.Fixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's review commands and their saving, without a scene: timers and the writer thread are driven by hand. */
class ReviewModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final List<Runnable> timers = new ArrayList<>();
    private final List<Runnable> writes = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private ReviewModel model;
    private ReviewStore store;

    @BeforeEach
    void open() {
        store = new ReviewStore(dir, CLOCK);
        model = new ReviewModel(writes::add, Runnable::run, (task, millis) -> timers.add(task), errors::add);
        Review review = new Review("r1", "/repo", "agent/x", "main");
        model.attach(ReviewSession.open(review, new HunkIndex(Fixtures.analysis()), "Tester", CLOCK), store);
    }

    private void runTimers() {
        List<Runnable> due = new ArrayList<>(timers);
        timers.clear();
        due.forEach(Runnable::run);
    }

    private void runWrites() {
        List<Runnable> due = new ArrayList<>(writes);
        writes.clear();
        due.forEach(Runnable::run);
    }

    private Review onDisk() {
        return store.load("r1").orElseThrow();
    }

    @Test
    void aBurstOfDecisionsIsOneSaveAfterTheDelay() {
        runTimers(); // the first round's save
        runWrites();
        int version = model.versionProperty().get();
        assertThat(model.decide("H0", DecisionState.ACCEPTED, null)).isTrue();
        assertThat(model.decide("H1", DecisionState.DISCUSS, null)).isTrue();
        assertThat(model.versionProperty().get()).isEqualTo(version + 2);
        assertThat(timers).hasSize(1);
        assertThat(onDisk().decisions()).isEmpty();
        runTimers();
        runWrites();
        assertThat(onDisk().decisions()).containsOnlyKeys("H0", "H1");
        assertThat(model.coverageProperty().get().hunksDecided()).isEqualTo(2);
        assertThat(errors).isEmpty();
    }

    @Test
    void aChangeWhileAWriteIsRunningIsSavedByTheNextWrite() {
        model.decide("H0", DecisionState.ACCEPTED, null);
        runTimers();
        assertThat(writes).hasSize(1); // in flight
        model.acknowledge("F1", "checked the guard");
        runTimers(); // a save while one runs waits for it
        assertThat(writes).hasSize(1);
        runWrites();
        assertThat(onDisk().acknowledgements()).isEmpty();
        runTimers(); // the finished write scheduled the pending change
        runWrites();
        assertThat(onDisk().acknowledgements()).containsKey("F1");
        assertThat(onDisk().decisions()).containsKey("H0");
    }

    @Test
    void flushWritesEverythingNowEvenWithAWriteInFlight() {
        model.decide("H0", DecisionState.ACCEPTED, null);
        runTimers();
        model.annotateLines("src/lib.rs", Side.NEW, 2, 2, AnnotationKind.ISSUE, "guard held across await", null);
        Thread writer = new Thread(this::runWrites);
        writer.start();
        assertThat(model.flush()).isTrue();
        assertThat(onDisk().decisions()).containsKey("H0");
        assertThat(onDisk().annotations()).extracting(a -> a.text()).containsExactly("guard held across await");
    }

    @Test
    void aBackgroundFlushWritesOnTheWriterAfterTheWriteInFlightAndNeverOnTheCaller() {
        model.decide("H0", DecisionState.ACCEPTED, null);
        runTimers();
        assertThat(writes).hasSize(1); // in flight
        model.annotateLines("src/lib.rs", Side.NEW, 2, 2, AnnotationKind.ISSUE, "guard held across await", null);
        var saved = model.flushInBackground();
        assertThat(saved).isNotDone();
        assertThat(store.load("r1")).isEmpty(); // nothing written by the caller
        runWrites(); // the write in flight ends; the flush queues its own
        assertThat(saved).isNotDone();
        assertThat(onDisk().annotations()).isEmpty();
        runWrites();
        assertThat(saved).isCompletedWithValue(true);
        assertThat(onDisk().decisions()).containsKey("H0");
        assertThat(onDisk().annotations()).extracting(a -> a.text()).containsExactly("guard held across await");
        assertThat(model.flushInBackground()).isCompletedWithValue(true); // nothing left: no write queued
        assertThat(writes).isEmpty();
    }

    @Test
    void detachingClosesTheReviewAtOnceAndWritesItsChangesInTheBackground() {
        runTimers();
        runWrites();
        model.decide("H1", DecisionState.DISCUSS, null);
        var saved = model.detach();
        assertThat(model.isOpen()).isFalse();
        assertThat(onDisk().decisions()).isEmpty();
        runTimers(); // the scheduled save finds no review: the detach's write carries the change
        runWrites();
        assertThat(saved).isCompletedWithValue(true);
        assertThat(onDisk().decisions()).containsKey("H1");
        assertThat(errors).isEmpty();
    }

    @Test
    void aFailedBackgroundFlushCompletesWithFalseAndSaysWhy() {
        runTimers();
        runWrites();
        new ReviewStore(dir, CLOCK).save(touched(store.load("r1").orElseThrow()));
        model.decide("H0", DecisionState.ACCEPTED, null);
        var saved = model.flushInBackground();
        runWrites();
        assertThat(saved).isCompletedWithValue(false);
        assertThat(model.lastSaveError()).contains("changed by another process");
    }

    @Test
    void badInputIsOneLineAndChangesNothing() {
        int version = model.versionProperty().get();
        assertThat(model.decide("H0", DecisionState.REJECTED, " ")).isFalse();
        assertThat(model.dismiss("F1", null)).isFalse();
        assertThat(model.decide("nope", DecisionState.ACCEPTED, null)).isFalse();
        assertThat(errors).hasSize(3).allSatisfy(e -> assertThat(e).doesNotContain("\n").doesNotContain("Exception"));
        assertThat(errors.get(0)).contains("reason");
        assertThat(model.state("H0")).isEqualTo(DecisionState.UNREVIEWED);
        assertThat(model.versionProperty().get()).isEqualTo(version);
    }

    @Test
    void groupAcceptLeavesHighFindingsUntilConfirmed() {
        var first = model.decideAll(List.of("H0", "H1"), DecisionState.ACCEPTED, null, false).orElseThrow();
        assertThat(first.decided()).containsExactly("H1");
        assertThat(first.skippedHighRisk()).containsExactly("H0"); // AL1, high
        assertThat(model.state("H0")).isEqualTo(DecisionState.UNREVIEWED);
        model.decideAll(first.skippedHighRisk(), DecisionState.ACCEPTED, null, true);
        assertThat(model.state("H0")).isEqualTo(DecisionState.ACCEPTED);
    }

    @Test
    void aSaveRefusedBecauseAnotherProcessWroteIsReportedAndKeptPending() throws Exception {
        runTimers();
        runWrites();
        Review other = store.load("r1").orElseThrow();
        new ReviewStore(dir, CLOCK).save(touched(other));
        model.decide("H0", DecisionState.ACCEPTED, null);
        runTimers();
        runWrites();
        assertThat(errors).singleElement().asString().contains("changed by another process");
        assertThat(model.lastSaveError()).contains("not saved");
        assertThat(model.sessionProperty().get().review().pendingChanges()).isPositive();
    }

    private static Review touched(Review r) {
        ReviewSession.open(r, new HunkIndex(Fixtures.analysis()), "Other", CLOCK).acknowledge("F1", "other window");
        return r;
    }

    @Test
    void withoutAReviewCommandsSayWhy() {
        model.attach(null, null);
        assertThat(model.decide("H0", DecisionState.ACCEPTED, null)).isFalse();
        assertThat(errors).singleElement().asString().contains("No review is open");
    }
}
