package dev.rustreview.ui.exporting;

import dev.rustreview.git.BundledSample;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The bundled sample built in a temp folder and analysed once, and fresh review sessions on it. */
final class SampleReview {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    final Path repo;
    final ChangeAnalysis analysis;

    private SampleReview(Path repo, ChangeAnalysis analysis) {
        this.repo = repo;
        this.analysis = analysis;
    }

    static SampleReview build(Path tmp) {
        var sample = dev.rustreview.testing.AnalysedSample.firstRound(tmp);
        return new SampleReview(sample.repo(), sample.v1());
    }

    ReviewSession session() {
        Review review = new Review("r", repo.toString(), BundledSample.HEAD, BundledSample.BASE);
        return ReviewSession.open(review, new HunkIndex(analysis), "Tester <tester@example.com>", CLOCK);
    }
}
