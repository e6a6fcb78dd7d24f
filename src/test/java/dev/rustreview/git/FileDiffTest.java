package dev.rustreview.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.FileChange;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One file of a diff on its own ("show anyway"): the same file change the whole diff has, and only that. */
class FileDiffTest {

    @TempDir
    Path tmp;

    @Test
    void oneFileOfTheBranchDiffIsTheSameAsInTheWholeDiff() {
        try (GitRepository git = GitRepository.open(BundledSample.buildInto(tmp.resolve("sample")))) {
            ChangeSet branch = git.branchDiff(BundledSample.BASE, BundledSample.HEAD, DiffOptions.DEFAULT);
            for (FileChange whole : branch.files()) {
                assertThat(git.fileDiff(branch.mergeBaseId(), branch.toId(), whole.path(), DiffOptions.DEFAULT))
                        .contains(whole);
            }
            assertThat(git.fileDiff(branch.mergeBaseId(), branch.toId(), "no/such/file.rs", DiffOptions.DEFAULT))
                    .isEmpty();
            // A limit of 0 bytes makes every file over-size; the same call with room loads it.
            FileChange tiny = git.fileDiff(branch.mergeBaseId(), branch.toId(), "src/backup/executor.rs",
                    new DiffOptions(0)).orElseThrow();
            assertThat(tiny.tooLarge()).isTrue();
            assertThat(tiny.hunks()).isEmpty();
        }
    }
}
