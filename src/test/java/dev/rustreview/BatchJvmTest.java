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

class BatchJvmTest {

    private static final long SIX_GB = 6L << 30;

    private static BatchJvm.Facts facts(List<String> jvmArguments, Map<String, String> env, boolean relaunched,
                                        long maxHeap) {
        return new BatchJvm.Facts(jvmArguments, env, relaunched, maxHeap, "/opt/jdk", Optional.of("/opt/jdk/bin/java"),
                "app.jar");
    }

    @Test
    void aCommandRunsAgainWithTheClientCompilerACappedHeapAndTheUsersOwnArguments() {
        var command = BatchJvm.command(new String[] {"analyze", "--repo", "x"},
                facts(List.of("-Drustreview.timings=true"), Map.of(), false, SIX_GB)).orElseThrow();
        assertThat(command).containsExactly("/opt/jdk/bin/java", "-XX:TieredStopAtLevel=1", "-Xmx2048m",
                "-Drustreview.timings=true", "-Drustreview.relaunched=true", "-cp", "app.jar", Main.class.getName(),
                "analyze", "--repo", "x");
    }

    @Test
    void theUsersHeapAndASmallDefaultHeapAreLeftAlone() {
        assertThat(BatchJvm.command(new String[] {"analyze"}, facts(List.of("-Xmx512m"), Map.of(), false, SIX_GB))
                .orElseThrow()).doesNotContain("-Xmx2048m").contains("-Xmx512m", "-XX:TieredStopAtLevel=1");
        assertThat(BatchJvm.command(new String[] {"analyze"}, facts(List.of(), Map.of(), false, 1L << 30))
                .orElseThrow()).noneMatch(a -> a.startsWith("-Xmx"));
    }

    @Test
    void theWindowATunedJvmADebuggerTheSwitchAndTheRelaunchedJvmItselfStayHere() {
        var none = facts(List.of(), Map.of(), false, SIX_GB);
        assertThat(BatchJvm.command(new String[0], none)).isEmpty();
        assertThat(BatchJvm.command(new String[] {"--repo", "x"}, none)).isEmpty();
        assertThat(BatchJvm.command(new String[] {"--version"}, none)).isEmpty();
        for (String argument : List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-Xint",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:x.jar",
                "-XX:StartFlightRecording=filename=a.jfr")) {
            assertThat(BatchJvm.command(new String[] {"analyze"}, facts(List.of(argument), Map.of(), false, SIX_GB)))
                    .as(argument).isEmpty();
        }
        assertThat(BatchJvm.command(new String[] {"analyze"}, facts(List.of(), Map.of("RUST_REVIEW_RELAUNCH", "0"),
                false, SIX_GB))).isEmpty();
        assertThat(BatchJvm.command(new String[] {"analyze"}, facts(List.of(), Map.of(), true, SIX_GB))).isEmpty();
    }

    @Test
    void theRelaunchedCommandPrintsToTheSameStreamsAndItsExitStatusIsTheProcesss(@TempDir Path dir)
            throws Exception {
        Run relaunched = run(dir, Map.of());
        assertThat(relaunched.status()).isEqualTo(2);
        assertThat(relaunched.err()).contains("timing: relaunched in a batch JVM (client compiler only");
        Run here = run(dir, Map.of("RUST_REVIEW_RELAUNCH", "0"));
        assertThat(here.status()).isEqualTo(2);
        assertThat(here.err()).contains("timing: running in the JVM as started");
        // The one-line error, once: the parent printed nothing of its own.
        String error = here.err().lines().filter(l -> !l.startsWith("timing:")).findFirst().orElseThrow();
        assertThat(relaunched.err().lines().filter(error::equals)).hasSize(1);
    }

    private record Run(int status, String err) {
    }

    private static Run run(Path dir, Map<String, String> env) throws IOException, InterruptedException {
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Drustreview.timings=true", "-Duser.home=" + dir, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "analyze", "--repo", dir.resolve("no-such-repository").toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        builder.environment().remove("RUST_REVIEW_RELAUNCH");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }
}
