package dev.rustreview.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a process in the middle of saving, many times: the file is always a whole version, and no save is lost. */
class CrashSafetyTest {

    @TempDir
    Path dir;

    @Test
    void twoWriterProcessesOnOneReviewLoseNothing() throws Exception {
        new ReviewStore(dir, SampleReviews.CLOCK).save(new Review("r", "/repo", "agent/x", "main"));
        Process window = writer("window:25");
        Process cli = writer("cli:25");
        assertThat(window.waitFor(120, TimeUnit.SECONDS) && cli.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(window.exitValue()).isZero();
        assertThat(cli.exitValue()).isZero();
        Review review = new ReviewStore(dir, SampleReviews.CLOCK).load("r").orElseThrow();
        assertThat(review.acknowledgements()).hasSize(50);
        assertThat(review.revision()).isEqualTo(51);
    }

    private Process writer(String spec) throws java.io.IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReviewWriterMain.class.getName(), dir.toString(), "r", spec)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void aKilledWriterLeavesTheOldOrTheNewVersionNeverLessThanItReported() throws Exception {
        Random random = new Random(42);
        long reported = 0;
        for (int kill = 0; kill < 30; kill++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ReviewWriterMain.class.getName(), dir.toString(), "r")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            AtomicLong last = new AtomicLong(reported);
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        last.set(Long.parseLong(line.strip()));
                    }
                } catch (Exception e) {
                    // the child died mid-line: the last whole line counts
                }
            });
            long deadline = System.currentTimeMillis() + 30_000;
            while (last.get() == reported && child.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(random.nextInt(60));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
            reported = last.get();

            Review review = new ReviewStore(dir, SampleReviews.CLOCK).load("r").orElseThrow();
            assertThat(review.revision()).as("kill %d", kill).isGreaterThanOrEqualTo(reported);
            assertThat(review.acknowledgements().keySet()).as("every save is whole and none is lost")
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, review.revision())
                            .mapToObj(n -> "R-" + n).toList());
            reported = review.revision();
        }
        assertThat(reported).isGreaterThan(30);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("corrupt"));
        }
        Review review = new ReviewStore(dir, SampleReviews.CLOCK).load("r").orElseThrow();
        review.putAck(new Acknowledgement("last", Acknowledgement.Kind.CHECKED, null, "t", java.time.Instant.EPOCH, 1));
        new ReviewStore(dir, SampleReviews.CLOCK).save(review);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("a later save clears killed writers' temp files")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
