package dev.rustreview.review;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.git.BundledSample;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.settings.AppDirs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

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
        Path sample = BundledSample.buildInto(tmp.resolve("sample"));
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", tmp.toString()), "Linux", tmp);
        BranchAnalysis analysis = new BranchAnalysis(dirs, ChangeAnalyzer.Options.defaults());
        try (GitRepository git = GitRepository.open(sample)) {
            var first = git.branchDiff("main", BundledSample.HEAD, DiffOptions.DEFAULT);
            var second = git.branchDiff("main", BundledSample.HEAD_V2, DiffOptions.DEFAULT);
            return new SampleReviews(sample,
                    analysis.analyze(git, first, DiffOptions.DEFAULT, ChangeAnalyzer.Listener.NONE, () -> false),
                    analysis.analyze(git, second, DiffOptions.DEFAULT, ChangeAnalyzer.Listener.NONE, () -> false));
        }
    }
}
