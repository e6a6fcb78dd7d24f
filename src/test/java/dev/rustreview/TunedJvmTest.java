package dev.rustreview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunedJvmTest {

    private static final long SIX_GB = 6L << 30;

    private static TunedJvm.Facts facts(List<String> jvmArguments, Map<String, String> env, boolean relaunched,
                                        long maxHeap) {
        return facts(jvmArguments, env, relaunched, maxHeap, "app.jar");
    }

    private static TunedJvm.Facts facts(List<String> jvmArguments, Map<String, String> env, boolean relaunched,
                                        long maxHeap, String classPath) {
        return new TunedJvm.Facts(jvmArguments, env, relaunched, maxHeap, "/opt/jdk", Optional.of("/opt/jdk/bin/java"),
                classPath, Path.of("/cache"), 1234L);
    }

    @Test
    void aCommandRunsAgainWithTheClientCompilerACappedHeapAndTheUsersOwnArguments() {
        var command = TunedJvm.command(new String[] {"analyze", "--repo", "x"},
                facts(List.of("-Drustreview.timings=true"), Map.of(), false, SIX_GB)).orElseThrow();
        assertThat(command).containsExactly("/opt/jdk/bin/java", "-XX:TieredStopAtLevel=1", "-Xmx1024m",
                "--enable-native-access=ALL-UNNAMED", "-Drustreview.timings=true", "-Drustreview.relaunched=true", "-Drustreview.launchedAt=1234", "-cp",
                "app.jar", Main.class.getName(), "analyze", "--repo", "x");
    }

    @Test
    void theUsersHeapAndASmallDefaultHeapAreLeftAlone() {
        assertThat(TunedJvm.command(new String[] {"analyze"}, facts(List.of("-Xmx512m"), Map.of(), false, SIX_GB))
                .orElseThrow()).doesNotContain("-Xmx1024m").contains("-Xmx512m", "-XX:TieredStopAtLevel=1");
        assertThat(TunedJvm.command(new String[] {"analyze"}, facts(List.of(), Map.of(), false, 1L << 30))
                .orElseThrow()).noneMatch(a -> a.startsWith("-Xmx"));
    }

    @Test
    void fromThePackagedJarTheFirstRunWritesAnArchiveThatLaterRunsOfTheSameBuildMap(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("rust-review.jar"), "build 1");
        Path cache = dir.resolve("cache");
        TunedJvm.Facts facts = new TunedJvm.Facts(List.of(), Map.of(), false, SIX_GB, "/opt/jdk",
                Optional.of("/opt/jdk/bin/java"), jar.toString(), cache, 1234L);
        TunedJvm.Launch first = TunedJvm.launch(new String[] {"--repo", "x"}, facts).orElseThrow();
        Path archive = first.archive().orElseThrow();
        assertThat(archive.getParent()).isEqualTo(cache.resolve("jvm"));
        assertThat(archive.getFileName().toString()).startsWith(TunedJvm.prefix(jar.toAbsolutePath().normalize()))
                .endsWith("-window.jsa");
        Path staging = first.staging().orElseThrow();
        assertThat(first.command()).containsSubsequence("-XX:ArchiveClassesAtExit=" + staging,
                "-XX:TieredStopAtLevel=1", "-Xmx2048m",
                "-Drustreview.relaunched=true", "-jar", jar.toAbsolutePath().normalize().toString(), "--repo", "x");
        // From the jar, its manifest grants native access: the flag would half-disable the JDK's class archive.
        assertThat(first.command()).doesNotContain("--enable-native-access=ALL-UNNAMED");

        // The child wrote its archive: it is moved into place, and the next run maps it.
        Files.createDirectories(staging.getParent());
        Files.writeString(staging, "archive");
        TunedJvm.install(first);
        assertThat(archive).hasContent("archive");
        assertThat(staging).doesNotExist();
        TunedJvm.Launch second = TunedJvm.launch(new String[0], facts).orElseThrow();
        assertThat(second.staging()).isEmpty();
        assertThat(second.command()).contains("-XX:SharedArchiveFile=" + archive);

        // A command has an archive of its own, and the client compiler.
        TunedJvm.Launch command = TunedJvm.launch(new String[] {"analyze"}, facts).orElseThrow();
        assertThat(command.archive().orElseThrow().getFileName().toString()).endsWith("-command.jsa");
        assertThat(command.command()).contains("-XX:TieredStopAtLevel=1", "-Xmx1024m");

        // A rebuilt jar names another archive; once it is written, the old build's is deleted.
        Files.writeString(jar, "build 2, longer");
        TunedJvm.Launch rebuilt = TunedJvm.launch(new String[0], facts).orElseThrow();
        assertThat(rebuilt.archive().orElseThrow()).isNotEqualTo(archive);
        Files.writeString(rebuilt.staging().orElseThrow(), "archive 2");
        TunedJvm.install(rebuilt);
        assertThat(rebuilt.archive().orElseThrow()).hasContent("archive 2");
        assertThat(archive).doesNotExist();

        // No jar (./mvnw javafx:run, an IDE): no archive can be written, so the window gets no second start.
        assertThat(TunedJvm.command(new String[0], facts(List.of(), Map.of(), false, SIX_GB,
                "target/classes" + java.io.File.pathSeparator + "lib.jar"))).isEmpty();
    }

    @Test
    void aTunedJvmADebuggerHelpTheSwitchAndTheRelaunchedJvmItselfStayHere() {
        var none = facts(List.of(), Map.of(), false, SIX_GB);
        assertThat(TunedJvm.command(new String[] {"--version"}, none)).isEmpty();
        assertThat(TunedJvm.command(new String[] {"analyze", "--help"}, none)).isEmpty();
        for (String argument : List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-Xint",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:x.jar",
                "-XX:StartFlightRecording=filename=a.jfr", "-XX:SharedArchiveFile=a.jsa")) {
            assertThat(TunedJvm.command(new String[] {"analyze"}, facts(List.of(argument), Map.of(), false, SIX_GB)))
                    .as(argument).isEmpty();
        }
        assertThat(TunedJvm.command(new String[] {"analyze"}, facts(List.of(), Map.of("RUST_REVIEW_RELAUNCH", "0"),
                false, SIX_GB))).isEmpty();
        assertThat(TunedJvm.command(new String[] {"analyze"}, facts(List.of(), Map.of(), true, SIX_GB))).isEmpty();
    }

    @Test
    void theRelaunchedCommandPrintsToTheSameStreamsAndItsExitStatusIsTheProcesss(@TempDir Path dir)
            throws Exception {
        String missing = dir.resolve("no-such-repository").toString();
        Run relaunched = run(dir, Map.of(), "analyze", "--repo", missing);
        assertThat(relaunched.status()).isEqualTo(2);
        assertThat(relaunched.err()).contains("timing: relaunched in a batch JVM (client compiler only");
        Run here = run(dir, Map.of("RUST_REVIEW_RELAUNCH", "0"), "analyze", "--repo", missing);
        assertThat(here.status()).isEqualTo(2);
        assertThat(here.err()).contains("timing: running in the JVM as started");
        // The one-line error, once: the parent printed nothing of its own.
        String error = here.err().lines().filter(l -> !l.startsWith("timing:")).findFirst().orElseThrow();
        assertThat(relaunched.err().lines().filter(error::equals)).hasSize(1);
    }

    @Test
    void aRelaunchedAnalysisLoadsTreeSitterWithoutWarningsAndPrintsItsPlan(@TempDir Path dir) throws Exception {
        Path sample = dir.resolve("sample");
        assertThat(run(dir, Map.of(), "sample", "--into", sample.toString()).status()).isZero();
        Run analysis = run(dir, Map.of(), "analyze", "--repo", sample.toString(), "--base", "main", "--head",
                "agent/backup-executor");
        assertThat(analysis.status()).isZero();
        assertThat(analysis.err()).contains("timing: relaunched in a batch JVM").doesNotContain("WARNING");
        assertThat(analysis.out()).contains("agent/backup-executor");
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Drustreview.timings=true",
                "-Duser.home=" + dir, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("RUST_REVIEW_RELAUNCH");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("RUST_REVIEW_HOME");
        builder.environment().put("HOME", dir.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
