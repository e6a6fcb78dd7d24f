package dev.rustreview.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.ChangeType;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of file change, read back through {@link GitRepository#between}. */
class FileChangesTest {

    @TempDir
    Path dir;
    TestRepo test;

    @BeforeEach
    void setUp() throws Exception {
        test = TestRepo.create(dir);
    }

    private List<FileChange> diff(TestRepo.Tree before, TestRepo.Tree after, DiffOptions options) throws Exception {
        String first = test.commit("before\n", before);
        String second = test.commit("after\n", after, first);
        test.branch("main", second);
        try (GitRepository repo = GitRepository.open(dir)) {
            ChangeSet changes = repo.between(first, second, options);
            assertThat(changes.fromId()).isEqualTo(first);
            assertThat(changes.toId()).isEqualTo(second);
            return changes.files();
        }
    }

    private FileChange only(TestRepo.Tree before, TestRepo.Tree after) throws Exception {
        List<FileChange> files = diff(before, after, DiffOptions.DEFAULT);
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private static List<String> unified(Hunk hunk) {
        return hunk.lines().stream().map(l -> switch (l.kind()) {
            case CONTEXT -> " " + l.text();
            case ADDED -> "+" + l.text();
            case REMOVED -> "-" + l.text();
        }).toList();
    }

    @Test
    void addedFileHasOneHunkFromLineZero() throws Exception {
        FileChange f = only(TestRepo.tree().file("keep.txt", "k\n"),
                TestRepo.tree().file("keep.txt", "k\n").file("src/lib.rs", "fn a() {}\nfn b() {}\nfn c() {}\n"));
        assertThat(f.changeType()).isEqualTo(ChangeType.ADDED);
        assertThat(f.oldPath()).isNull();
        assertThat(f.newPath()).isEqualTo("src/lib.rs");
        assertThat(f.oldKind()).isEqualTo(FileKind.NONE);
        assertThat(f.newKind()).isEqualTo(FileKind.REGULAR);
        assertThat(f.oldBlobId()).isNull();
        assertThat(f.newBlobId()).hasSize(40);
        assertThat(f.oldSize()).isEqualTo(-1);
        assertThat(f.newSize()).isEqualTo(30);
        assertThat(f.language()).isEqualTo("rust");
        assertThat(f.encoding()).isEqualTo("UTF-8");
        assertThat(f.hunks()).hasSize(1);
        Hunk h = f.hunks().get(0);
        assertThat(h.header()).isEqualTo("@@ -0,0 +1,3 @@");
        assertThat(h.lines()).extracting(DiffLine::newLine).containsExactly(1, 2, 3);
        assertThat(h.lines()).extracting(DiffLine::oldLine).containsExactly(0, 0, 0);
        assertThat(f.additions()).isEqualTo(3);
    }

    @Test
    void deletedFileEndsAtZero() throws Exception {
        FileChange f = only(TestRepo.tree().file("a.toml", "x = 1\ny = 2\n").file("keep", "k\n"),
                TestRepo.tree().file("keep", "k\n"));
        assertThat(f.changeType()).isEqualTo(ChangeType.DELETED);
        assertThat(f.newPath()).isNull();
        assertThat(f.path()).isEqualTo("a.toml");
        assertThat(f.newKind()).isEqualTo(FileKind.NONE);
        assertThat(f.newSize()).isEqualTo(-1);
        assertThat(f.language()).isEqualTo("toml");
        assertThat(f.hunks().get(0).header()).isEqualTo("@@ -1,2 +0,0 @@");
        assertThat(f.deletions()).isEqualTo(2);
    }

    @Test
    void modifiedFileHasContextAndLineNumbers() throws Exception {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n";
        FileChange f = only(TestRepo.tree().file("n.txt", before), TestRepo.tree().file("n.txt", after));
        assertThat(f.changeType()).isEqualTo(ChangeType.MODIFIED);
        Hunk h = f.hunks().get(0);
        assertThat(h.header()).isEqualTo("@@ -2,7 +2,7 @@");
        assertThat(unified(h)).containsExactly(" 2", " 3", " 4", "-5", "+five", " 6", " 7", " 8");
        DiffLine removed = h.lines().get(3);
        DiffLine added = h.lines().get(4);
        assertThat(removed.kind()).isEqualTo(LineKind.REMOVED);
        assertThat(removed.oldLine()).isEqualTo(5);
        assertThat(removed.newLine()).isZero();
        assertThat(added.oldLine()).isZero();
        assertThat(added.newLine()).isEqualTo(5);
        assertThat(h.lines().get(0).oldLine()).isEqualTo(2);
        assertThat(h.lines().get(0).newLine()).isEqualTo(2);
    }

    @Test
    void editsWithinSixLinesShareAHunkAndFurtherApartDoNot() throws Exception {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            before.append(i).append('\n');
        }
        // lines 5 and 12 are 6 unchanged lines apart: one hunk; line 25 is far: a second hunk.
        String after = before.toString().replace("\n5\n", "\nV\n").replace("\n12\n", "\nX\n").replace("\n25\n", "\nY\n");
        FileChange f = only(TestRepo.tree().file("n.txt", before.toString()), TestRepo.tree().file("n.txt", after));
        assertThat(f.hunks()).extracting(Hunk::header).containsExactly("@@ -2,14 +2,14 @@", "@@ -22,7 +22,7 @@");
    }

    @Test
    void exactRenameIsFullySimilarWithoutHunks() throws Exception {
        String body = "pub fn run() {\n    println!(\"hi\");\n}\n";
        FileChange f = only(TestRepo.tree().file("src/old.rs", body), TestRepo.tree().file("src/new.rs", body));
        assertThat(f.changeType()).isEqualTo(ChangeType.RENAMED);
        assertThat(f.similarity()).isEqualTo(100);
        assertThat(f.oldPath()).isEqualTo("src/old.rs");
        assertThat(f.newPath()).isEqualTo("src/new.rs");
        assertThat(f.oldBlobId()).isEqualTo(f.newBlobId());
        assertThat(f.hunks()).isEmpty();
        assertThat(f.encoding()).isEqualTo("UTF-8");
    }

    @Test
    void renameWithEditsHasSimilarityBelowHundredAndHunks() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            body.append("let value_").append(i).append(" = compute(").append(i).append(");\n");
        }
        String edited = body.toString().replace("compute(7)", "compute_fast(7)");
        FileChange f = only(TestRepo.tree().file("src/a.rs", body.toString()), TestRepo.tree().file("src/b.rs", edited));
        assertThat(f.changeType()).isEqualTo(ChangeType.RENAMED);
        assertThat(f.similarity()).isBetween(50, 99);
        assertThat(f.hunks()).hasSize(1);
        assertThat(f.additions()).isEqualTo(1);
        assertThat(f.deletions()).isEqualTo(1);
    }

    @Test
    void executableBitOnlyIsAModeChange() throws Exception {
        FileChange f = only(TestRepo.tree().file("run.sh", "#!/bin/sh\necho hi\n"),
                TestRepo.tree().exec("run.sh", "#!/bin/sh\necho hi\n"));
        assertThat(f.changeType()).isEqualTo(ChangeType.MODE_CHANGED);
        assertThat(f.oldKind()).isEqualTo(FileKind.REGULAR);
        assertThat(f.newKind()).isEqualTo(FileKind.EXECUTABLE);
        assertThat(f.hunks()).isEmpty();
        assertThat(f.language()).isEqualTo("shell");
    }

    @Test
    void executableBitWithEditsIsAModification() throws Exception {
        FileChange f = only(TestRepo.tree().file("run.sh", "echo hi\n"), TestRepo.tree().exec("run.sh", "echo bye\n"));
        assertThat(f.changeType()).isEqualTo(ChangeType.MODIFIED);
        assertThat(f.newKind()).isEqualTo(FileKind.EXECUTABLE);
        assertThat(f.hunks()).hasSize(1);
    }

    @Test
    void addedSymlinkDiffsItsTarget() throws Exception {
        FileChange f = only(TestRepo.tree().file("k", "k\n"),
                TestRepo.tree().file("k", "k\n").symlink("latest", "backups/2026-09-01"));
        assertThat(f.changeType()).isEqualTo(ChangeType.ADDED);
        assertThat(f.newKind()).isEqualTo(FileKind.SYMLINK);
        assertThat(f.newSize()).isEqualTo("backups/2026-09-01".length());
        DiffLine line = f.hunks().get(0).lines().get(0);
        assertThat(line.text()).isEqualTo("backups/2026-09-01");
        assertThat(line.noNewlineAtEnd()).isTrue();
    }

    @Test
    void regularFileBecomingASymlinkIsOneTypeChange() throws Exception {
        FileChange f = only(TestRepo.tree().file("config.toml", "port = 1\n"),
                TestRepo.tree().symlink("config.toml", "config/prod.toml"));
        assertThat(f.changeType()).isEqualTo(ChangeType.TYPE_CHANGED);
        assertThat(f.oldPath()).isEqualTo("config.toml");
        assertThat(f.newPath()).isEqualTo("config.toml");
        assertThat(f.oldKind()).isEqualTo(FileKind.REGULAR);
        assertThat(f.newKind()).isEqualTo(FileKind.SYMLINK);
        assertThat(unified(f.hunks().get(0))).containsExactly("-port = 1", "+config/prod.toml");
    }

    @Test
    void submoduleEntriesHaveCommitIdsAndNoText() throws Exception {
        String sub1 = "1111111111111111111111111111111111111111";
        String sub2 = "2222222222222222222222222222222222222222";
        List<FileChange> added = diff(TestRepo.tree().file("k", "k\n"),
                TestRepo.tree().file("k", "k\n").gitlink("vendor/lib", sub1), DiffOptions.DEFAULT);
        assertThat(added).singleElement().satisfies(f -> {
            assertThat(f.changeType()).isEqualTo(ChangeType.ADDED);
            assertThat(f.newKind()).isEqualTo(FileKind.SUBMODULE);
            assertThat(f.newBlobId()).isEqualTo(sub1);
            assertThat(f.newSize()).isEqualTo(-1);
            assertThat(f.hunks()).isEmpty();
            assertThat(f.hasText()).isFalse();
        });
        FileChange moved = only(TestRepo.tree().gitlink("vendor/lib", sub1), TestRepo.tree().gitlink("vendor/lib", sub2));
        assertThat(moved.changeType()).isEqualTo(ChangeType.MODIFIED);
        assertThat(moved.oldKind()).isEqualTo(FileKind.SUBMODULE);
        assertThat(moved.oldBlobId()).isEqualTo(sub1);
        assertThat(moved.newBlobId()).isEqualTo(sub2);
        assertThat(moved.hunks()).isEmpty();
    }

    @Test
    void binaryFileHasSizesAndNoHunks() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
        byte[] png2 = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, 4, 5};
        FileChange f = only(TestRepo.tree().bytes("logo.png", png), TestRepo.tree().bytes("logo.png", png2));
        assertThat(f.binary()).isTrue();
        assertThat(f.tooLarge()).isFalse();
        assertThat(f.oldSize()).isEqualTo(8);
        assertThat(f.newSize()).isEqualTo(10);
        assertThat(f.hunks()).isEmpty();
        assertThat(f.encoding()).isNull();
    }

    @Test
    void nulAfterTheFirst8000BytesIsStillText() throws Exception {
        byte[] content = new byte[8100];
        java.util.Arrays.fill(content, (byte) 'a');
        content[8050] = 0;
        FileChange f = only(TestRepo.tree().file("k", "k\n"), TestRepo.tree().file("k", "k\n").bytes("data.txt", content));
        assertThat(f.binary()).isFalse();
        assertThat(f.hunks()).hasSize(1);
    }

    @Test
    void fileOverTheLimitIsListedWithSizesOnly() throws Exception {
        String big = "x".repeat(200) + "\n";
        List<FileChange> files = diff(TestRepo.tree().file("big.sql", big).file("small.rs", "a\n"),
                TestRepo.tree().file("big.sql", big + "y\n").file("small.rs", "b\n"), new DiffOptions(100));
        FileChange bigFile = files.stream().filter(f -> f.path().equals("big.sql")).findFirst().orElseThrow();
        assertThat(bigFile.tooLarge()).isTrue();
        assertThat(bigFile.binary()).isFalse();
        assertThat(bigFile.oldSize()).isEqualTo(201);
        assertThat(bigFile.newSize()).isEqualTo(203);
        assertThat(bigFile.hunks()).isEmpty();
        assertThat(bigFile.language()).isEqualTo("sql");
        FileChange small = files.stream().filter(f -> f.path().equals("small.rs")).findFirst().orElseThrow();
        assertThat(small.tooLarge()).isFalse();
        assertThat(small.hunks()).hasSize(1);
    }

    @Test
    void filesAreListedInPathOrderWithLanguages() throws Exception {
        List<FileChange> files = diff(TestRepo.tree().file("k", "k\n"),
                TestRepo.tree().file("k", "k\n").file("Cargo.toml", "[package]\n").file("db/m.sql", "select 1;\n")
                        .file("ci.yml", "a: 1\n").file("src/main.rs", "fn main() {}\n").file("Cargo.lock", "x\n"),
                DiffOptions.DEFAULT);
        assertThat(files).extracting(FileChange::path)
                .containsExactly("Cargo.lock", "Cargo.toml", "ci.yml", "db/m.sql", "src/main.rs");
        assertThat(files).extracting(FileChange::language).containsExactly("toml", "toml", "yaml", "sql", "rust");
    }
}
