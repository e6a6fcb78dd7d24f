package dev.rustreview.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.git.BundledSample;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Hunk;
import dev.rustreview.settings.AppDirs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line cuts review units on the analysis' workers from the trees the rules parse; the window cuts
 * them up front (to show units before the analysis arrives). Both must give the same units and the same analysis.
 */
class UnitsOnWorkersTest {

    @TempDir
    Path tmp;

    @Test
    void unitsCutOnTheWorkersEqualUnitsCutUpFrontOnBothSampleRounds() {
        Path sample = BundledSample.buildInto(tmp.resolve("sample"));
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", tmp.toString()), "Linux", tmp);
        BranchAnalysis analysis = new BranchAnalysis(dirs, ChangeAnalyzer.Options.defaults());
        try (GitRepository git = GitRepository.open(sample)) {
            for (String head : new String[] {BundledSample.HEAD, BundledSample.HEAD_V2}) {
                ChangeSet branch = git.branchDiff(BundledSample.BASE, head, DiffOptions.DEFAULT);
                ChangeSet upFront = ReviewUnits.split(branch, git.sources(DiffOptions.DEFAULT));
                ChangeAnalysis onWorkers = analysis.analyze(git, branch, DiffOptions.DEFAULT,
                        ChangeAnalyzer.Listener.NONE, () -> false);
                ChangeAnalysis cutFirst = analysis.analyzeUnits(git, upFront, DiffOptions.DEFAULT,
                        ChangeAnalyzer.Listener.NONE, () -> false);
                long gitHunks = branch.files().stream().mapToLong(f -> f.hunks().size()).sum();
                long units = onWorkers.changeSet().files().stream().mapToLong(f -> f.hunks().size()).sum();
                assertThat(units).as("new files are cut into more units than git's hunks").isGreaterThan(gitHunks);
                assertThat(onWorkers.changeSet().files()).isEqualTo(upFront.files());
                assertThat(onWorkers.files()).isEqualTo(cutFirst.files());
                assertThat(onWorkers.findings()).isEqualTo(cutFirst.findings());
                assertThat(onWorkers.changeSet().files().stream().flatMap(f -> f.hunks().stream())
                        .mapToInt(Hunk::newCount).sum())
                        .isEqualTo(branch.files().stream().flatMap(f -> f.hunks().stream()).mapToInt(Hunk::newCount).sum());
            }
        }
    }
}
