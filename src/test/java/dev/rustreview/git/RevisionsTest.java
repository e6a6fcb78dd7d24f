package dev.rustreview.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.Revision;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving what the user typed, suggestions for typos, and the default base and head. */
class RevisionsTest {

    @TempDir
    Path dir;
    TestRepo test;
    String c1, c2, c3, c4, exec, execV2;

    @BeforeEach
    void setUp() throws Exception {
        test = TestRepo.create(dir);
        c1 = test.commit("one\n", TestRepo.tree().file("a", "1\n"));
        c2 = test.commit("two\n", TestRepo.tree().file("a", "2\n"), c1);
        c3 = test.commit("three\n", TestRepo.tree().file("a", "3\n"), c2);
        c4 = test.commit("four\n", TestRepo.tree().file("a", "4\n"), c3);
        exec = test.commit("executor\n", TestRepo.tree().file("a", "e\n"), c4);
        execV2 = test.commit("executor v2\n", TestRepo.tree().file("a", "e2\n"), c4);
        test.branch("main", c4).branch("agent/backup-executor", exec).branch("agent/backup-executor-v2", execV2)
                .ref("refs/remotes/origin/main", c3).ref("refs/remotes/origin/agent/x", exec)
                .annotatedTag("v1.0", c2, "Release 1.0\n").ref("refs/tags/light", c1)
                .head("main");
    }

    private Revision resolve(String spec) {
        try (GitRepository repo = GitRepository.open(dir)) {
            return repo.resolve(spec);
        }
    }

    @Test
    void resolvesBranchesRemotesTagsIdsAndExpressions() {
        assertThat(resolve("main")).isEqualTo(new Revision("main", "refs/heads/main", c4));
        assertThat(resolve("origin/main")).isEqualTo(new Revision("origin/main", "refs/remotes/origin/main", c3));
        assertThat(resolve("v1.0")).isEqualTo(new Revision("v1.0", "refs/tags/v1.0", c2)); // peeled
        assertThat(resolve("light").commitId()).isEqualTo(c1);
        assertThat(resolve(c2)).isEqualTo(new Revision(c2, null, c2));
        assertThat(resolve(c3.substring(0, 10)).commitId()).isEqualTo(c3);
        assertThat(resolve("HEAD~3")).isEqualTo(new Revision("HEAD~3", null, c1));
        assertThat(resolve("HEAD")).isEqualTo(new Revision("HEAD", "refs/heads/main", c4));
    }

    @Test
    void unknownRevisionSuggestsTheClosestNames() {
        assertThatThrownBy(() -> resolve("agent/backup-exec"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("unknown revision 'agent/backup-exec': did you mean agent/backup-executor,"
                        + " agent/backup-executor-v2?");
        assertThatThrownBy(() -> resolve("mian"))
                .hasMessage("unknown revision 'mian': did you mean main?");
    }

    @Test
    void unknownRevisionWithNothingCloseSaysWhatToDo() {
        assertThatThrownBy(() -> resolve("zzzzzzzzzzzzzzzz"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("unknown revision 'zzzzzzzzzzzzzzzz': no branch, tag or commit has that name;");
    }

    @Test
    void wellFormedButMissingIdIsUnknown() {
        assertThatThrownBy(() -> resolve("0123456789012345678901234567890123456789"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("unknown revision '0123456789012345678901234567890123456789'");
    }

    @Test
    void aTreeIsNotACommit() {
        assertThatThrownBy(() -> resolve("HEAD^{tree}"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a commit");
        assertThatThrownBy(() -> resolve(" "))
                .isInstanceOf(BadInputException.class)
                .hasMessage("empty revision: pass a branch, tag or commit");
    }

    @Test
    void defaultBasePrefersOriginHead() throws Exception {
        try (GitRepository repo = GitRepository.open(dir)) {
            assertThat(repo.defaultBase()).isEqualTo(new Revision("main", "refs/heads/main", c4));
        }
        test.symref("refs/remotes/origin/HEAD", "refs/remotes/origin/main");
        try (GitRepository repo = GitRepository.open(dir)) {
            assertThat(repo.defaultBase()).isEqualTo(new Revision("origin/main", "refs/remotes/origin/main", c3));
        }
    }

    @Test
    void defaultBaseFallsBackToMasterThenFails() throws Exception {
        test.ref("refs/heads/master", c2).head("agent/backup-executor");
        forceDelete("refs/heads/main");
        try (GitRepository repo = GitRepository.open(dir)) {
            assertThat(repo.defaultBase().refName()).isEqualTo("refs/heads/master");
        }
        forceDelete("refs/heads/master");
        forceDelete("refs/remotes/origin/main");
        try (GitRepository repo = GitRepository.open(dir)) {
            assertThatThrownBy(repo::defaultBase)
                    .isInstanceOf(BadInputException.class)
                    .hasMessageEndingWith(": pass --base BRANCH");
        }
    }

    private void forceDelete(String ref) throws Exception {
        var update = test.repo.updateRef(ref);
        update.setForceUpdate(true);
        assertThat(update.delete()).isEqualTo(org.eclipse.jgit.lib.RefUpdate.Result.FORCED);
    }

    @Test
    void defaultHeadIsTheCurrentBranchUnlessItIsTheBase() throws Exception {
        test.head("agent/backup-executor");
        try (GitRepository repo = GitRepository.open(dir)) {
            assertThat(repo.currentBranch()).isEqualTo("agent/backup-executor");
            assertThat(repo.defaultHead(repo.resolve("main")).refName()).isEqualTo("refs/heads/agent/backup-executor");
        }
        test.head("main");
        try (GitRepository repo = GitRepository.open(dir)) {
            // on the base: the most recently committed branch with commits main lacks (v2 was committed last)
            assertThat(repo.defaultHead(repo.resolve("main")).refName()).isEqualTo("refs/heads/agent/backup-executor-v2");
        }
    }

    @Test
    void localTwinOfARemoteBaseIsTheHeadOnlyWithCommitsOfItsOwn() throws Exception {
        test.symref("refs/remotes/origin/HEAD", "refs/remotes/origin/main");
        try (GitRepository repo = GitRepository.open(dir)) {
            // main has c4, which origin/main (c3) lacks: unpushed work on main is what gets reviewed
            assertThat(repo.defaultHead(repo.defaultBase()).refName()).isEqualTo("refs/heads/main");
        }
        test.branch("main", c3);
        try (GitRepository repo = GitRepository.open(dir)) {
            assertThat(repo.defaultHead(repo.defaultBase()).refName()).isEqualTo("refs/heads/agent/backup-executor-v2");
        }
    }

    @Test
    void detachedHeadWithNewCommitsIsTheHead() throws Exception {
        String loose = test.commit("detached work\n", TestRepo.tree().file("a", "d\n"), c4);
        test.detach(loose);
        try (GitRepository repo = GitRepository.open(dir)) {
            assertThat(repo.currentBranch()).isNull();
            assertThat(repo.defaultHead(repo.resolve("main"))).isEqualTo(new Revision("HEAD", "HEAD", loose));
        }
    }

    @Test
    void noBranchAheadOfTheBaseIsAnError() throws Exception {
        // HEAD is on the base, and every other branch is already contained in it
        test.head("agent/backup-executor-v2").branch("agent/backup-executor", c1);
        try (GitRepository repo = GitRepository.open(dir)) {
            Revision base = repo.resolve("agent/backup-executor-v2");
            assertThatThrownBy(() -> repo.defaultHead(base))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageEndingWith(": pass --head BRANCH");
        }
    }

    @Test
    void refsListBranchesRemotesAndPeeledTags() {
        try (GitRepository repo = GitRepository.open(dir)) {
            assertThat(repo.refs()).extracting(RefInfo::shortName, RefInfo::kind, RefInfo::commitId).contains(
                    org.assertj.core.groups.Tuple.tuple("main", RefInfo.Kind.LOCAL, c4),
                    org.assertj.core.groups.Tuple.tuple("origin/main", RefInfo.Kind.REMOTE, c3),
                    org.assertj.core.groups.Tuple.tuple("v1.0", RefInfo.Kind.TAG, c2));
            assertThat(repo.refs()).hasSize(7);
            assertThat(repo.refs()).allSatisfy(r -> assertThat(r.commitTime()).isNotNull());
        }
    }
}
