package dev.rustreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} on a repository whose agent commit carries a git-ai note (written with {@code git notes
 * --ref=ai}, as git-ai does): the plan names the note under its commit and counts the lines it covers as the
 * agent's, although the commit itself looks human.
 */
class LineNotesCommandTest {

    @TempDir
    Path dir;

    @Test
    void thePlanShowsTheNoteUnderItsCommitAndCountsItsLines() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        git("init", "-q", "-b", "main");
        Files.writeString(dir.resolve("src/lib.rs"), "pub fn a() {}\n");
        git("add", "-A");
        git("commit", "-q", "-m", "base");
        git("checkout", "-q", "-b", "feature");
        Files.writeString(dir.resolve("src/lib.rs"), "pub fn a() {}\npub fn b() {}\npub fn c() {}\npub fn d() {}\n");
        git("add", "-A");
        git("commit", "-q", "-m", "Add b, c and d");
        String note = "src/lib.rs\n  0123456789abcdef 2-3\n---\n{\"schema_version\": \"authorship/3.0.0\","
                + " \"base_commit_sha\": \"\", \"prompts\": {\"0123456789abcdef\": {\"agent_id\": {\"tool\": \"claude\","
                + " \"id\": \"s\", \"model\": \"claude-sonnet-4-5\"}}}}\n";
        git("notes", "--ref=ai", "add", "-m", note, "HEAD");

        CliRun run = CliRun.of("analyze", "--repo", dir.toString(), "--base", "main", "--head", "feature");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 of 3 changed lines were written by an agent")
                .contains("line note (agent, Claude Code): refs/notes/ai on ")
                .contains(": src/lib.rs 2-3 written by prompt 0123456789abcdef (tool claude, model claude-sonnet-4-5)");
    }

    private void git(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Ada", "-c", "user.email=ada@example.com"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git " + String.join(" ", args) + ": " + out).isZero();
    }
}
