package dev.rustreview.ui.topbar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.settings.AppDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentRepositoriesTest {

    @TempDir
    Path tmp;

    private AppDirs dirs() {
        return AppDirs.of(Map.of("RUST_REVIEW_HOME", tmp.resolve("home").toString()), "Linux", tmp);
    }

    private Path repo(String name) throws Exception {
        return Files.createDirectories(tmp.resolve("repos").resolve(name));
    }

    @Test
    void missingFileReadsAsEmpty() {
        assertThat(RecentRepositories.load(dirs()).folders()).isEmpty();
    }

    @Test
    void mostRecentFirstDeduplicatedByNormalizedPathAndPersisted() throws Exception {
        Path a = repo("a");
        Path b = repo("b");
        RecentRepositories recent = RecentRepositories.load(dirs());
        recent.add(a);
        recent.add(b);
        recent.add(b.resolve("..").resolve("a")); // the same folder as a, spelled differently
        assertThat(recent.folders()).containsExactly(a, b);
        Path file = dirs().config().resolve("recent-repositories.json");
        assertThat(file).exists();
        assertThat(RecentRepositories.load(dirs()).folders()).containsExactly(a, b);
    }

    @Test
    void keepsAtMostTen() throws Exception {
        RecentRepositories recent = RecentRepositories.load(dirs());
        List<Path> added = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Path p = repo("r" + i);
            added.add(0, p);
            recent.add(p);
        }
        assertThat(recent.folders()).hasSize(RecentRepositories.MAX).containsExactlyElementsOf(added.subList(0, 10));
        assertThat(RecentRepositories.load(dirs()).folders()).containsExactlyElementsOf(added.subList(0, 10));
    }

    @Test
    void foldersThatAreGoneAreDroppedOnLoad() throws Exception {
        Path a = repo("a");
        Path b = repo("b");
        RecentRepositories recent = RecentRepositories.load(dirs());
        recent.add(a);
        recent.add(b);
        Files.delete(b);
        assertThat(RecentRepositories.load(dirs()).folders()).containsExactly(a);
    }

    @Test
    void corruptOrUnexpectedFileReadsAsEmptyAndIsReplacedOnTheNextAdd() throws Exception {
        Path file = dirs().config().resolve(RecentRepositories.FILE_NAME);
        Files.createDirectories(file.getParent());
        for (String junk : List.of("{not json", "{\"a\": 1}", "null", "[1, null, \"relative/path\", \"\"]", "")) {
            Files.writeString(file, junk, StandardCharsets.UTF_8);
            assertThat(RecentRepositories.load(dirs()).folders()).as(junk).isEmpty();
        }
        Path a = repo("a");
        RecentRepositories recent = RecentRepositories.load(dirs());
        recent.add(a);
        assertThat(RecentRepositories.load(dirs()).folders()).containsExactly(a);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(RecentRepositories.FILE_NAME);
        }
    }

    @Test
    void removeForgetsAFolder() throws Exception {
        Path a = repo("a");
        Path b = repo("b");
        RecentRepositories recent = RecentRepositories.load(dirs());
        recent.add(a);
        recent.add(b);
        recent.remove(a);
        assertThat(RecentRepositories.load(dirs()).folders()).containsExactly(b);
    }

    @Test
    void aFailedSaveKeepsTheListAndDoesNotThrow() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("blocker"), "x"); // the config folder cannot be created under a file
        RecentRepositories recent = RecentRepositories.load(blocker.resolve("config").resolve(RecentRepositories.FILE_NAME));
        Path a = repo("a");
        assertThat(recent.add(a)).isFalse();
        assertThat(recent.folders()).containsExactly(a);
    }
}
