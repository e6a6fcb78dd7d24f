package dev.rustreview.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.Category;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.Side;
import dev.rustreview.review.Acknowledgement;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.AnnotationKind;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.ui.navigator.HunkEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspector's review data for one hunk, on a real review of the analysed bundled sample, without a scene. */
class HunkReviewTest {

    @TempDir
    static Path shared;
    static InspectorSample.Rounds rounds;
    static ChangeAnalysis analysis;
    static List<HunkEntry> entries;

    @TempDir
    Path store;
    InspectorSample sample;

    @BeforeAll
    static void analyse() {
        rounds = InspectorSample.analyseSample(shared);
        analysis = rounds.v1();
        entries = HunkEntry.of(analysis);
    }

    @BeforeEach
    void open() {
        sample = new InspectorSample(analysis, store);
    }

    private static HunkEntry withFindings() {
        return entries.stream().filter(e -> e.analysis() != null && !e.findings().isEmpty()).findFirst().orElseThrow();
    }

    /** Another hunk of the same file when there is one, else any other categorised hunk. */
    private static HunkEntry other(HunkEntry e) {
        return entries.stream().filter(x -> x != e && x.analysis() != null)
                .sorted((a, b) -> Boolean.compare(!a.ref().path().equals(e.ref().path()), !b.ref().path().equals(e.ref().path())))
                .findFirst().orElseThrow();
    }

    @Test
    void aFreshHunkIsUnreviewedWithItsFindingsUnanswered() {
        HunkEntry e = withFindings();
        HunkReview r = HunkReview.of(sample.review, e);
        assertThat(r.hunkId()).isEqualTo(e.analysis().id());
        assertThat(r.reviewOpen()).isTrue();
        assertThat(r.state()).isEqualTo(DecisionState.UNREVIEWED);
        assertThat(r.stateLabel()).isEqualTo("Unreviewed");
        assertThat(r.decision()).isNull();
        assertThat(r.changedSince()).isEmpty();
        assertThat(r.findings()).hasSize(e.findings().size()).noneMatch(HunkReview.FindingStatus::answered);
        assertThat(r.nextUnanswered()).get().extracting(f -> f.finding().id()).isEqualTo(e.findings().get(0).id());
        assertThat(r.annotations()).isEmpty();
    }

    @Test
    void decideSetsTheStateWithWhoAndWhen() {
        HunkEntry e = withFindings();
        assertThat(sample.review.decide(e.analysis().id(), DecisionState.ACCEPTED, null)).isTrue();
        HunkReview r = HunkReview.of(sample.review, e);
        assertThat(r.state()).isEqualTo(DecisionState.ACCEPTED);
        assertThat(r.decision().author()).startsWith("Tester");
        assertThat(r.decisionByline(InspectorSample.CLOCK.instant().plusSeconds(3 * 3600), ZoneOffset.UTC))
                .isEqualTo("by Tester \u00b7 2026-11-22 10:00 (3 h ago)");
        assertThat(HunkReview.of(sample.review, other(e)).state()).isEqualTo(DecisionState.UNREVIEWED);

        assertThat(sample.review.decide(e.analysis().id(), DecisionState.DISCUSS, null)).isTrue();
        assertThat(HunkReview.of(sample.review, e).stateLabel()).isEqualTo("Needs discussion");
        assertThat(sample.review.decide(e.analysis().id(), DecisionState.UNREVIEWED, null)).isTrue();
        assertThat(HunkReview.of(sample.review, e).decision()).isNull();
        assertThat(sample.errors).isEmpty();
    }

    @Test
    void rejectWithoutAReasonIsRefusedWithOneLineAndChangesNothing() {
        HunkEntry e = withFindings();
        int version = sample.review.versionProperty().get();
        assertThat(sample.review.decide(e.analysis().id(), DecisionState.REJECTED, "  ")).isFalse();
        assertThat(sample.errors).singleElement().asString().contains("reason").doesNotContain("\n");
        assertThat(HunkReview.of(sample.review, e).state()).isEqualTo(DecisionState.UNREVIEWED);
        assertThat(sample.review.versionProperty().get()).isEqualTo(version);

        assertThat(sample.review.decide(e.analysis().id(), DecisionState.REJECTED, "holds the lock across .await")).isTrue();
        HunkReview r = HunkReview.of(sample.review, e);
        assertThat(r.state()).isEqualTo(DecisionState.REJECTED);
        assertThat(r.decision().reason()).isEqualTo("holds the lock across .await");
    }

    @Test
    void acknowledgeAndDismissShowInTheFindingStatus() {
        HunkEntry e = withFindings();
        String first = e.findings().get(0).id();
        assertThat(sample.review.acknowledge(first, "guard dropped before await")).isTrue();
        HunkReview.FindingStatus s = HunkReview.of(sample.review, e).finding(first).orElseThrow();
        assertThat(s.answered()).isTrue();
        assertThat(s.ack().kind()).isEqualTo(Acknowledgement.Kind.CHECKED);
        assertThat(s.statusText()).isEqualTo("checked by Tester: guard dropped before await");
        if (e.findings().size() > 1) {
            assertThat(HunkReview.of(sample.review, e).nextUnanswered()).get()
                    .extracting(f -> f.finding().id()).isNotEqualTo(first);
        } else {
            assertThat(HunkReview.of(sample.review, e).nextUnanswered()).isEmpty();
        }

        assertThat(sample.review.dismiss(first, "")).isFalse();
        assertThat(sample.errors).hasSize(1);
        assertThat(HunkReview.of(sample.review, e).finding(first).orElseThrow().ack().kind())
                .isEqualTo(Acknowledgement.Kind.CHECKED);
        assertThat(sample.review.dismiss(first, "the guard is a std Mutex dropped first")).isTrue();
        assertThat(HunkReview.of(sample.review, e).finding(first).orElseThrow().statusText())
                .isEqualTo("dismissed by Tester: the guard is a std Mutex dropped first");
    }

    @Test
    void anAnnotationOnTheHunksLinesIsListedForThatHunkOnlyAndAFileNoteForEveryHunkOfTheFile() {
        HunkEntry e = withFindings();
        HunkEntry other = other(e);
        Hunk h = e.hunk();
        Side side = h.newCount() > 0 ? Side.NEW : Side.OLD;
        int start = side == Side.NEW ? h.newStart() : h.oldStart();
        int count = side == Side.NEW ? h.newCount() : h.oldCount();
        int end = start + Math.min(2, count - 1);
        Annotation a = sample.review.annotateLines(e.ref().path(), side, start, end, AnnotationKind.ISSUE,
                "**Race** here", null).orElseThrow();
        assertThat(HunkReview.of(sample.review, e).annotations()).containsExactly(a);
        assertThat(HunkReview.of(sample.review, other).annotations()).isEmpty();
        assertThat(HunkReview.linesLabel(a.anchor())).isEqualTo(side.name().toLowerCase()
                + " " + start + (end > start ? "\u2013" + end : ""));

        Annotation note = sample.review.annotateFile(e.ref().path(), AnnotationKind.NOTE, "whole file").orElseThrow();
        assertThat(HunkReview.of(sample.review, e).annotations()).containsExactly(a, note);
        assertThat(HunkReview.linesLabel(note.anchor())).isEqualTo("whole file");
        if (other.ref().path().equals(e.ref().path())) {
            assertThat(HunkReview.of(sample.review, other).annotations()).containsExactly(note);
        }
    }

    @Test
    void aHunkTheAgentChangedSinceRoundOneShowsItAndItsOutdatedDecision() {
        Review r = new Review("rounds", "/repo", "agent", "main");
        ReviewSession first = ReviewSession.open(r, new HunkIndex(rounds.v1()), "Ann <ann@example.com>",
                InspectorSample.CLOCK);
        for (Category c : Category.values()) {
            first.decideCategory(c, DecisionState.ACCEPTED, "looks right", true);
        }
        ReviewSession second = ReviewSession.open(r, new HunkIndex(rounds.v2()), "Ann <ann@example.com>",
                Clock.offset(InspectorSample.CLOCK, Duration.ofHours(2)));
        assertThat(second.startedNewRound()).isTrue();
        InspectorSample later = new InspectorSample(second, store);
        assertThat(r.changedSince()).isNotEmpty();
        String changedId = r.changedSince().keySet().iterator().next();
        HunkEntry changed = HunkEntry.of(rounds.v2()).stream()
                .filter(e -> e.analysis() != null && e.analysis().id().equals(changedId)).findFirst().orElseThrow();

        HunkReview hr = HunkReview.of(later.review, changed);
        assertThat(hr.changedSince()).hasValue(1);
        assertThat(hr.state()).isEqualTo(DecisionState.UNREVIEWED);
        assertThat(hr.outdated()).isNotEmpty().allSatisfy(o -> {
            assertThat(o.nowHunkId()).isEqualTo(changedId);
            assertThat(o.decision().state()).isEqualTo(DecisionState.ACCEPTED);
            assertThat(o.decision().reason()).isEqualTo("looks right");
        });

        assertThat(later.review.decide(changedId, DecisionState.ACCEPTED, null)).isTrue();
        assertThat(HunkReview.of(later.review, changed).changedSince()).as("deciding again clears it").isEmpty();
    }

    @Test
    void authorsAndTimesReadShort() {
        assertThat(HunkReview.who("Ann Example <ann@example.com>")).isEqualTo("Ann Example");
        assertThat(HunkReview.who("ann")).isEqualTo("ann");
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        assertThat(HunkReview.when(t, t.plusSeconds(30), ZoneOffset.UTC)).isEqualTo("2026-11-22 10:00 (just now)");
        assertThat(HunkReview.ago(t, t.plusSeconds(600))).isEqualTo("10 min ago");
        assertThat(HunkReview.ago(t, t.plusSeconds(2 * 86_400))).isEqualTo("2 d ago");
    }
}
