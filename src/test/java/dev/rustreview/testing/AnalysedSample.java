package dev.rustreview.testing;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.git.BundledSample;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.review.BranchAnalysis;
import dev.rustreview.settings.AppDirs;
import java.nio.file.Path;
import java.util.Map;

/**
 * The bundled sample built under a test's temp folder and analysed as the window and CLI do: the agent's first
 * round ({@code v1}, main...agent/backup-executor) and, when asked for, its rebased second round ({@code v2}).
 * One place for every test that needs the real sample, so they cannot drift apart.
 */
public record AnalysedSample(Path repo, ChangeAnalysis v1, ChangeAnalysis v2) {

    /** Both rounds. */
    public static AnalysedSample build(Path tmp) {
        return build(tmp, true);
    }

    /** The first round only (v2 is null): half the work for tests that never move the head. */
    public static AnalysedSample firstRound(Path tmp) {
        return build(tmp, false);
    }

    private static AnalysedSample build(Path tmp, boolean both) {
        Path sample = BundledSample.buildInto(tmp.resolve("sample"));
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", tmp.toString()), "Linux", tmp);
        BranchAnalysis analysis = new BranchAnalysis(dirs, ChangeAnalyzer.Options.defaults());
        try (GitRepository git = GitRepository.open(sample)) {
            ChangeAnalysis v1 = analyse(analysis, git, BundledSample.HEAD);
            return new AnalysedSample(sample, v1, both ? analyse(analysis, git, BundledSample.HEAD_V2) : null);
        }
    }

    private static ChangeAnalysis analyse(BranchAnalysis analysis, GitRepository git, String head) {
        var branch = git.branchDiff(BundledSample.BASE, head, DiffOptions.DEFAULT);
        return analysis.analyze(git, branch, DiffOptions.DEFAULT, ChangeAnalyzer.Listener.NONE, () -> false);
    }
}
