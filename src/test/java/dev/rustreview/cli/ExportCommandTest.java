package dev.rustreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.git.BundledSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export and import on a private copy of the sample. */
class ExportCommandTest {

    @TempDir
    static Path tmp;
    static Path sample;

    @BeforeAll
    static void buildSample() {
        sample = BundledSample.buildInto(tmp.resolve("sample"));
        assertThat(run(sample, "review", "decide", "h65649ff7", "reject", "--reason", "holds the lock").status()).isZero();
    }

    private static CliRun run(Path repo, String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command.split(" ")));
        all.addAll(List.of(args));
        all.addAll(List.of("--repo", repo.toString(), "--base", "main", "--head", BundledSample.HEAD));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void markdownGoesToStandardOutputWithTheRejectedHunkFirst() {
        CliRun r = run(sample, "export", "--format", "markdown");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("**Verdict:** changes requested")
                .containsPattern("\n1\\. `src/backup/executor\\.rs:\\d+` — \\*\\*rejected\\*\\*: holds the lock");
    }

    @Test
    void aFolderGetsAFileNamedAfterTheBranchReplacedOnTheNextExport() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("out"));
        CliRun first = run(sample, "export", "--format", "html", "--out", dir.toString());
        assertThat(first.status()).as(first.err()).isZero();
        Path file = dir.resolve("review-agent-backup-executor.html");
        assertThat(first.out().trim()).isEqualTo(file.toString());
        assertThat(Files.readString(file)).contains("Content-Security-Policy").contains("holds the lock");
        Files.writeString(file, "old");
        assertThat(run(sample, "export", "--format", "sarif", "--out", dir.resolve("x.sarif").toString()).status()).isZero();
        assertThat(Files.readString(dir.resolve("x.sarif"))).contains("\"version\" : \"2.1.0\"");
        assertThat(run(sample, "export", "--format", "html", "--out", dir.toString()).status()).isZero();
        assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "review-agent-backup-executor.html", "x.sarif");
        }
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        CliRun bad = run(sample, "export", "--format", "pdf");
        assertThat(bad.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err().strip()).contains("unknown format 'pdf'").doesNotContain("\n");
        CliRun noFolder = run(sample, "export", "--format", "json", "--out", tmp.resolve("nope/x.json").toString());
        assertThat(noFolder.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noFolder.err().strip()).contains("does not exist").doesNotContain("\n");
        CliRun post = run(sample, "export", "--format", "markdown", "--post", "--pr", "o/r#1");
        assertThat(post.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(post.err().strip()).contains("--post needs --format github");
    }

    @Test
    void aJsonExportImportsIntoAnotherCloneOnce() throws Exception {
        Path json = tmp.resolve("review.json");
        assertThat(run(sample, "export", "--format", "json", "--out", json.toString()).status()).isZero();
        Path other = BundledSample.buildInto(tmp.resolve("other"));
        CliRun imported = CliRun.of("import", "--format", "json", "--in", json.toString(), "--repo", other.toString(), "--head", BundledSample.HEAD);
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(imported.out().trim()).isEqualTo("imported review agent-backup-executor");
        CliRun status = run(other, "review", "status");
        assertThat(status.out()).contains("1 rejected");
        CliRun again = CliRun.of("import", "--format", "json", "--in", json.toString(), "--repo", other.toString(), "--head", BundledSample.HEAD);
        assertThat(again.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err().strip()).isEqualTo("rust-review: review agent-backup-executor already exists here: pass --replace to overwrite it");
        assertThat(CliRun.of("import", "--format", "json", "--in", json.toString(), "--repo", other.toString(),
                "--replace").status()).isZero();
    }

    @Test
    void notesWrittenInOneCloneAreMergedIntoAnotherOnce() throws Exception {
        CliRun wrote = run(sample, "export", "--format", "notes");
        assertThat(wrote.status()).as(wrote.err()).isZero();
        assertThat(wrote.out()).startsWith("refs/notes/rust-review ");
        Path other = BundledSample.buildInto(tmp.resolve("notes-clone"));
        Process fetch = new ProcessBuilder("git", "-C", other.toString(), "fetch", "-q", sample.toString(),
                "refs/notes/rust-review:refs/notes/rust-review").redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(fetch.waitFor() == 0, "git is not available to fetch notes");
        CliRun first = run(other, "import", "--format", "notes");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("(1 new)");
        assertThat(run(other, "review", "status").out()).contains("1 rejected");
        CliRun second = run(other, "import", "--format", "notes");
        assertThat(second.out()).contains("(0 new)");
        CliRun none = run(sample, "export", "--format", "notes", "--out", tmp.toString());
        assertThat(none.status()).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
