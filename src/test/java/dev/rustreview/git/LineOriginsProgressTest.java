package dev.rustreview.git;

import static dev.rustreview.git.BranchBlameFixture.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.model.ChangeSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line attribution reports commits walked from the start and stops when cancelled. */
class LineOriginsProgressTest {

    @TempDir
    Path dir;

    /** A branch of {@code n} commits, each adding a line to f.rs. */
    private static ChangeSet branch(BranchBlameFixture git, int n) throws Exception {
        RevCommit base = git.commit("base", Map.of("f.rs", lines("a")));
        RevCommit head = base;
        StringBuilder text = new StringBuilder("a\n");
        for (int i = 0; i < n; i++) {
            text.append("line ").append(i).append('\n');
            head = git.commit("c" + i, Map.of("f.rs", text.toString()), head);
        }
        return git.changeSet(base, head);
    }

    @Test
    void reportsCommitsWalkedFromZeroToTheTotal() throws Exception {
        try (BranchBlameFixture git = new BranchBlameFixture(dir.resolve("r.git"))) {
            ChangeSet cs = branch(git, 30);
            List<int[]> reports = new ArrayList<>();

            var lines = BranchBlame.attribute(git.repo(), cs, (done, total) -> reports.add(new int[] {done, total}),
                    () -> false);

            assertThat(lines).hasSize(30);
            assertThat(reports.get(0)).containsExactly(0, 30);
            assertThat(reports.get(reports.size() - 1)).containsExactly(30, 30);
            for (int i = 1; i < reports.size(); i++) {
                assertThat(reports.get(i)[0]).isGreaterThanOrEqualTo(reports.get(i - 1)[0]);
            }
        }
    }

    @Test
    void cancellingStopsTheWalkPartWay() throws Exception {
        try (BranchBlameFixture git = new BranchBlameFixture(dir.resolve("r.git"))) {
            ChangeSet cs = branch(git, 30);
            AtomicInteger polls = new AtomicInteger();

            assertThatThrownBy(() -> BranchBlame.attribute(git.repo(), cs, WalkProgress.NONE,
                    () -> polls.incrementAndGet() > 5)).isInstanceOf(CancellationException.class);
            assertThat(polls.get()).isEqualTo(6);
        }
    }

    @Test
    void gitRepositoryPassesCancellationThrough() throws Exception {
        ChangeSet cs;
        try (BranchBlameFixture fixture = new BranchBlameFixture(dir.resolve("r.git"))) {
            cs = branch(fixture, 3);
            var update = fixture.repo().updateRef("HEAD");
            update.setNewObjectId(org.eclipse.jgit.lib.ObjectId.fromString(cs.toId()));
            update.forceUpdate();
        }
        try (GitRepository git = GitRepository.open(dir.resolve("r.git"))) {
            assertThatThrownBy(() -> git.lineOrigins(cs, WalkProgress.NONE, () -> true))
                    .isInstanceOf(CancellationException.class);
            assertThat(git.lineOrigins(cs, WalkProgress.NONE, () -> false)).hasSize(3);
        }
    }
}
