package dev.rustreview.review;

import dev.rustreview.model.ChangeAnalysis;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Builds the bundled sample and analyses its two agent rounds once per test class. */
final class SampleReviews {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    final Path repo;
    final ChangeAnalysis v1;
    final ChangeAnalysis v2;

    private SampleReviews(Path repo, ChangeAnalysis v1, ChangeAnalysis v2) {
        this.repo = repo;
        this.v1 = v1;
        this.v2 = v2;
    }

    static SampleReviews build(Path tmp) {
        var sample = dev.rustreview.testing.AnalysedSample.build(tmp);
        return new SampleReviews(sample.repo(), sample.v1(), sample.v2());
    }
}
