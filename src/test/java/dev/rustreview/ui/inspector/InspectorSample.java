package dev.rustreview.ui.inspector;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.review.ReviewStore;
import dev.rustreview.ui.review.ReviewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A review model on the analysed bundled sample (or any analysis), saving at once, collecting its error lines. */
final class InspectorSample {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    final List<String> errors = new CopyOnWriteArrayList<>();
    final ReviewModel review = new ReviewModel(Runnable::run, Runnable::run, (task, delay) -> task.run(), errors::add);
    final ReviewSession session;

    InspectorSample(ChangeAnalysis analysis, Path store) {
        this(ReviewSession.open(new Review("r", "/repo", "agent", "main"), new HunkIndex(analysis),
                "Tester <tester@example.com>", CLOCK), store);
    }

    InspectorSample(ReviewSession session, Path store) {
        this.session = session;
        review.attach(session, new ReviewStore(store, CLOCK));
    }

    /** The bundled sample's two agent rounds, analysed. */
    record Rounds(ChangeAnalysis v1, ChangeAnalysis v2) {
    }

    /** Builds the bundled sample repository under {@code tmp} and analyses both of its agent rounds. */
    static Rounds analyseSample(Path tmp) {
        var sample = dev.rustreview.testing.AnalysedSample.build(tmp);
        return new Rounds(sample.v1(), sample.v2());
    }
}
