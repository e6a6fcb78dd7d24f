package dev.rustreview.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RepositoryNamesTest {

    @Test
    void aFolderNamedForTheProjectIsItsName() {
        assertThat(RepositoryNames.of(Path.of("/home/ann/src/backup-service"))).isEqualTo("backup-service");
        assertThat(RepositoryNames.of(Path.of("/home/ann/src/backup-service/"))).isEqualTo("backup-service");
    }

    @Test
    void aBareCloneLosesItsDotGit() {
        assertThat(RepositoryNames.of(Path.of("/srv/git/tokio.git"))).isEqualTo("tokio");
        assertThat(RepositoryNames.of(Path.of("/srv/git/.git"))).isEqualTo("git");
        assertThat(RepositoryNames.of(Path.of("/home/ann/src/hyper/.git"))).isEqualTo("hyper");
    }

    @Test
    void aGenericFolderTakesItsParentsName() {
        assertThat(RepositoryNames.of(Path.of("/work/.mirror/tokio-rs+tokio/repo"))).isEqualTo("tokio-rs+tokio");
        assertThat(RepositoryNames.of(Path.of("/data/crossbeam.git/mirror"))).isEqualTo("crossbeam");
        assertThat(RepositoryNames.of(Path.of("/repo"))).isEqualTo("repo");
    }
}
