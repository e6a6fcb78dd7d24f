package dev.rustreview.ui.exporting;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.git.BundledSample;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.review.BranchAnalysis;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.settings.AppDirs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

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
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", tmp.toString()), "Linux", tmp);
        Path sample = BundledSample.ensureBuilt(dirs.samples());
        try (GitRepository git = GitRepository.open(sample)) {
            var branch = git.branchDiff(BundledSample.BASE, BundledSample.HEAD, DiffOptions.DEFAULT);
            ChangeAnalysis analysis = new BranchAnalysis(dirs, ChangeAnalyzer.Options.defaults())
                    .analyze(git, branch, DiffOptions.DEFAULT, ChangeAnalyzer.Listener.NONE, () -> false);
            return new SampleReview(sample, analysis);
        }
    }

    ReviewSession session() {
        Review review = new Review("r", repo.toString(), BundledSample.HEAD, BundledSample.BASE);
        return ReviewSession.open(review, new HunkIndex(analysis), "Tester <tester@example.com>", CLOCK);
    }
}
