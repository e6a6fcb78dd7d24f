package dev.rustreview.git;

import static dev.rustreview.git.BranchBlameFixture.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.LineAttribution;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BranchBlameTest {

    private static final String TEN = lines("l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9", "l10");

    @TempDir
    Path dir;

    private BranchBlameFixture git;

    @BeforeEach
    void open() throws Exception {
        git = new BranchBlameFixture(dir.resolve("repo.git"));
    }

    @AfterEach
    void close() {
        git.close();
    }

    private List<LineAttribution> attribute(RevCommit base, RevCommit head) throws Exception {
        ChangeSet changeSet = git.changeSet(base, head);
        return BranchBlame.attribute(git.repo(), changeSet);
    }

    private static LineAttribution at(String path, int start, int end, RevCommit commit) {
        return new LineAttribution(path, start, end, commit.name());
    }

    @Test
    void linesKeepTheCommitThatLastWroteThem() throws Exception {
        RevCommit base = git.commit("base", Map.of("src/lib.rs", lines("a", "b", "c")));
        RevCommit c1 = git.commit("c1", Map.of("src/lib.rs", lines("a", "b", "x1", "x2", "x3", "c")), base);
        RevCommit c2 = git.commit("c2", Map.of("src/lib.rs", lines("a", "b", "x1", "y2", "x3", "c", "z")), c1);

        assertThat(attribute(base, c2)).containsExactly(
                at("src/lib.rs", 3, 3, c1),
                at("src/lib.rs", 4, 4, c2),
                at("src/lib.rs", 5, 5, c1),
                at("src/lib.rs", 7, 7, c2));
    }

    @Test
    void lineAddedThenDeletedOnTheBranchIsNotAttributed() throws Exception {
        RevCommit base = git.commit("base", Map.of("a.rs", lines("a", "b")));
        RevCommit c1 = git.commit("c1", Map.of("a.rs", lines("a", "p", "q", "b"), "n.rs", lines("n1", "n2")), base);
        RevCommit c2 = git.commit("c2", Map.of("a.rs", lines("a", "p", "b"), "n.rs", lines("n1", "n2")), c1);

        assertThat(attribute(base, c2)).containsExactly(
                at("a.rs", 2, 2, c1),
                at("n.rs", 1, 2, c1));
    }

    @Test
    void fileRenamedOnTheBranchKeepsLinesFromBeforeTheRename() throws Exception {
        RevCommit base = git.commit("base", Map.of("src/old.rs", TEN));
        RevCommit c1 = git.commit("edit", Map.of("src/old.rs",
                lines("l1", "l2", "l3", "l4", "l5", "m1", "l6", "l7", "l8", "l9", "l10")), base);
        RevCommit c2 = git.commit("rename", Map.of("src/new.rs",
                lines("l1", "l2", "l3", "l4", "l5", "m1", "l6", "l7", "l8", "l9", "l10", "m2")), c1);

        ChangeSet changeSet = git.changeSet(base, c2);
        assertThat(changeSet.files()).singleElement()
                .satisfies(f -> assertThat(f.oldPath() + " -> " + f.newPath()).isEqualTo("src/old.rs -> src/new.rs"));
        assertThat(BranchBlame.attribute(git.repo(), changeSet)).containsExactly(
                at("src/new.rs", 6, 6, c1),
                at("src/new.rs", 12, 12, c2));
    }

    @Test
    void fileAddedThenRenamedOnTheBranchBelongsToItsAuthor() throws Exception {
        RevCommit base = git.commit("base", Map.of("README.md", lines("readme")));
        String eight = lines("f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8");
        RevCommit c1 = git.commit("add", Map.of("README.md", lines("readme"), "src/a.rs", eight), base);
        RevCommit c2 = git.commit("rename", Map.of("README.md", lines("readme"), "src/b.rs", eight + "z\n"), c1);

        assertThat(attribute(base, c2)).containsExactly(
                at("src/b.rs", 1, 8, c1),
                at("src/b.rs", 9, 9, c2));
    }

    @Test
    void baseThatMovedOnIsNeverAttributed() throws Exception {
        RevCommit b0 = git.commit("b0", Map.of("f.rs", TEN));
        RevCommit c1 = git.commit("feature", Map.of("f.rs",
                lines("l1", "feature", "l3", "l4", "l5", "l6", "l7", "l8", "l9", "l10")), b0);
        RevCommit b1 = git.commit("main moves", Map.of("f.rs",
                lines("l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "main", "l10"), "m.rs", lines("m")), b0);

        // Not merged: the merge-base is b0 and main's commit is nowhere in the branch.
        assertThat(attribute(b1, c1)).containsExactly(at("f.rs", 2, 2, c1));

        // Main merged into the branch: the merge-base becomes b1, whose lines arrive through the merge.
        RevCommit merge = git.commit("merge main", Map.of("f.rs",
                lines("l1", "feature", "l3", "l4", "l5", "l6", "l7", "l8", "main", "l10"), "m.rs", lines("m")), c1, b1);
        ChangeSet changeSet = git.changeSet(b1, merge);
        assertThat(changeSet.mergeBaseId()).isEqualTo(b1.name());
        assertThat(BranchBlame.attribute(git.repo(), changeSet)).containsExactly(at("f.rs", 2, 2, c1));
        // Every line at head: main's line 9 came through the merge's second parent and has no branch origin.
        assertThat(BranchBlame.trace(git.repo(), changeSet, List.of("f.rs")).get("f.rs").origins()).containsExactly(
                null, c1.name(), null, null, null, null, null, null, null, null);
    }

    @Test
    void mergeOnTheBranchAttributesEachSideAndTheMergesOwnLines() throws Exception {
        RevCommit base = git.commit("base", Map.of("f.rs", TEN));
        RevCommit c1 = git.commit("one", Map.of("f.rs",
                lines("l1", "one", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9", "l10")), base);
        RevCommit side = git.commit("side", Map.of("f.rs",
                lines("l1", "one", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "side", "l9", "l10")), c1);
        RevCommit c2 = git.commit("two", Map.of("f.rs",
                lines("l1", "one", "l2", "l3", "l4", "two", "l5", "l6", "l7", "l8", "l9", "l10")), c1);
        RevCommit merge = git.commit("merge side", Map.of("f.rs",
                lines("l1", "one", "l2", "l3", "l4", "two", "l5", "l6", "l7", "l8", "side", "l9", "l10", "evil")),
                c2, side);

        assertThat(attribute(base, merge)).containsExactly(
                at("f.rs", 2, 2, c1),
                at("f.rs", 6, 6, c2),
                at("f.rs", 11, 11, side),
                at("f.rs", 14, 14, merge));
        assertThat(BranchBlame.trace(git.repo(), git.changeSet(base, merge), List.of("f.rs")).get("f.rs").origins())
                .containsExactly(null, c1.name(), null, null, null, c2.name(), null, null, null, null, side.name(),
                        null, null, merge.name());
    }

    @Test
    void repeatedLinesPairedDifferentlyByTheBranchDiffKeepTheirCommits() throws Exception {
        RevCommit base = git.commit("base", Map.of("f.rs", lines("}", "y", "x")));
        RevCommit c1 = git.commit("c1", Map.of("f.rs", lines("x", "x")), base);
        RevCommit c2 = git.commit("c2", Map.of("f.rs", lines("x", "x", "y")), c1);
        ChangeSet changeSet = git.changeSet(base, c2);

        // The commits say line 1 is c1's x and line 2 the base's; the branch diff calls line 2 added.
        assertThat(BranchBlame.trace(git.repo(), changeSet, List.of("f.rs")).get("f.rs").origins())
                .containsExactly(c1.name(), null, c2.name());
        assertThat(BranchBlame.attribute(git.repo(), changeSet)).containsExactly(
                at("f.rs", 2, 2, c1),
                at("f.rs", 3, 3, c2));
    }

    @Test
    void deletedFilesAndEmptyBranchesHaveNoAttribution() throws Exception {
        RevCommit base = git.commit("base", Map.of("a.rs", lines("a"), "gone.rs", lines("g")));
        RevCommit c1 = git.commit("delete", Map.of("a.rs", lines("a")), base);

        assertThat(attribute(base, c1)).isEmpty();
        assertThat(attribute(c1, base)).isEmpty();
    }
}
