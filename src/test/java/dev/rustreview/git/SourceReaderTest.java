package dev.rustreview.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.SourceReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-file reads decode exactly as the diff does, and say nothing for what the diff shows no text of. */
class SourceReaderTest {

    @TempDir
    Path dir;
    TestRepo test;
    String commit;

    @BeforeEach
    void setUp() throws Exception {
        test = TestRepo.create(dir);
        byte[] latin1 = "caf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);
        commit = test.commit("files\n", TestRepo.tree()
                .file("src/lib.rs", "pub fn a() {}\r\nno newline")
                .bytes("latin1.txt", latin1)
                .bytes("image.png", new byte[] {1, 0, 2})
                .file("big.sql", "x".repeat(500))
                .gitlink("vendor/sub", "3333333333333333333333333333333333333333"));
        test.branch("main", commit);
    }

    @Test
    void fileAtReturnsTheExactTextIncludingLineEndings() {
        try (GitRepository repo = GitRepository.open(dir)) {
            SourceReader sources = repo.sources(new DiffOptions(100));
            assertThat(sources.fileAt(commit, "src/lib.rs")).contains("pub fn a() {}\r\nno newline");
            assertThat(sources.fileAt(commit, "latin1.txt")).contains("caf\u00e9\r\n");
        }
    }

    @Test
    void blobMatchesTheDiffsDecoding() {
        try (GitRepository repo = GitRepository.open(dir)) {
            FileChange latin1 = repo.commitDiff("main", DiffOptions.DEFAULT).files().stream()
                    .filter(f -> f.path().equals("latin1.txt")).findFirst().orElseThrow();
            assertThat(latin1.encoding()).isEqualTo("ISO-8859-1");
            String text = repo.sources(DiffOptions.DEFAULT).blob(latin1.newBlobId()).orElseThrow();
            assertThat(text).isEqualTo(latin1.hunks().get(0).lines().get(0).text() + "\r\n");
        }
    }

    @Test
    void nothingForBinaryOverSizeSubmoduleFolderOrMissing() {
        try (GitRepository repo = GitRepository.open(dir)) {
            SourceReader sources = repo.sources(new DiffOptions(100));
            assertThat(sources.fileAt(commit, "image.png")).isEmpty();
            assertThat(sources.fileAt(commit, "big.sql")).isEmpty();
            assertThat(repo.sources(DiffOptions.DEFAULT).fileAt(commit, "big.sql")).contains("x".repeat(500));
            assertThat(sources.fileAt(commit, "vendor/sub")).isEmpty();
            assertThat(sources.fileAt(commit, "src")).isEmpty();
            assertThat(sources.fileAt(commit, "nope.rs")).isEmpty();
            assertThat(sources.fileAt("4444444444444444444444444444444444444444", "src/lib.rs")).isEmpty();
            assertThat(sources.blob("5555555555555555555555555555555555555555")).isEmpty();
            assertThatThrownBy(() -> sources.blob("not-an-id")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aMissingObjectInHistoryIsReportedAsBadInput() throws Exception {
        String next = test.commit("edit\n", TestRepo.tree().file("src/lib.rs", "changed\n"), commit);
        test.branch("main", next);
        String blob;
        try (GitRepository repo = GitRepository.open(dir)) {
            blob = repo.commitDiff("main", DiffOptions.DEFAULT).files().stream()
                    .filter(f -> f.path().equals("src/lib.rs")).findFirst().orElseThrow().newBlobId();
        }
        // Simulate a damaged or partial clone: the loose object file of the new blob disappears.
        Files.delete(dir.resolve(".git/objects").resolve(blob.substring(0, 2)).resolve(blob.substring(2)));
        try (GitRepository repo = GitRepository.open(dir)) {
            assertThatThrownBy(() -> repo.commitDiff("main", DiffOptions.DEFAULT))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("is missing git object " + blob)
                    .hasMessageContaining("git fsck")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
