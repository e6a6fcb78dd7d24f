package dev.rustreview.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first review on a machine where JGit never ran before. In a fresh JVM with an empty home, JGit
 * would normally run {@code git} to find the system config and create probe files inside {@code .git}
 * to measure timestamp resolution. Here a fake {@code git} first on the PATH leaves a marker if run, and
 * the repository's files and folders (with their modification times) must come out unchanged.
 */
@DisabledOnOs(OS.WINDOWS)
class FreshMachineTest {

    @TempDir
    Path dir;

    @Test
    void firstReviewSpawnsNothingAndWritesNothing() throws Exception {
        Path repoDir = dir.resolve("repo");
        try (TestRepo test = TestRepo.create(repoDir)) {
            String c1 = test.commit("one\n", TestRepo.tree().file("a.rs", "fn a() {}\n"));
            String c2 = test.commit("two\n", TestRepo.tree().file("a.rs", "fn a() {}\nfn b() {}\n"), c1);
            test.branch("main", c1).branch("agent/x", c2).head("agent/x");
        }
        Path home = Files.createDirectories(dir.resolve("home"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path marker = dir.resolve("git-was-run");
        Path fakeGit = bin.resolve("git");
        Files.writeString(fakeGit, "#!/bin/sh\necho \"$@\" >> '" + marker + "'\nexit 1\n");
        Files.setPosixFilePermissions(fakeGit, PosixFilePermissions.fromString("rwxr-xr-x"));

        Map<String, String> before = snapshot(repoDir);
        Thread.sleep(20); // let any write land on a visibly different modification time
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
                ReviewOnceMain.class.getName(), repoDir.toString())
                .redirectErrorStream(true);
        child.environment().put("HOME", home.toString());
        child.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        child.environment().put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        child.environment().remove("GIT_CONFIG_NOSYSTEM");
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        assertThat(output).contains("files=1");
        assertThat(output).as("JGit used the configured resolution instead of measuring")
                .contains("resolution=" + Duration.ofSeconds(2));
        assertThat(marker).as("a git process was started").doesNotExist();
        assertThat(snapshot(repoDir)).isEqualTo(before);
        try (Stream<Path> homeFiles = Files.walk(home)) {
            assertThat(homeFiles.filter(Files::isRegularFile).toList()).as("files written to the home folder").isEmpty();
        }
    }

    private static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                state.put(root.relativize(p).toString(),
                        Files.getLastModifiedTime(p) + " " + (Files.isDirectory(p) ? "dir" : Files.size(p)));
            }
        }
        return state;
    }
}
