package dev.rustreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTest {

    @TempDir
    Path tmp;

    @Test
    void buildsTheSampleIntoANewFolderAndPrintsItsPath() {
        Path target = tmp.resolve("sample");
        CliRun run = CliRun.of("sample", "--into", target.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo(target.toAbsolutePath().toString());
        assertThat(target.resolve(".git")).isDirectory();
        assertThat(target.resolve("Cargo.toml")).isRegularFile();

        CliRun analyze = CliRun.of("analyze", "--repo", target.toString(), "--base", "main",
                "--head", "agent/backup-executor-v2");
        assertThat(analyze.status()).isZero();
        assertThat(analyze.out()).contains("9 commits");
    }

    @Test
    void refusesANonEmptyFolderWithoutTouchingIt() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(target.resolve("keep.txt"), "mine");
        CliRun run = CliRun.of("sample", "--into", target.toString());
        assertThat(run.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("is not empty");
        assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("mine");
        assertThat(target.resolve(".git")).doesNotExist();
    }
}
