package dev.rustreview.ui.exporting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.review.DecisionState;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.ui.fx.ErrorText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterTest {

    @TempDir
    static Path shared;
    static SampleReview sample;
    static ExecutorService background;

    @TempDir
    Path tmp;

    @BeforeAll
    static void build() {
        sample = SampleReview.build(shared);
        background = Executors.newSingleThreadExecutor(r -> new Thread(r, "export-test-worker"));
    }

    @AfterAll
    static void stop() {
        background.shutdownNow();
    }

    private ReviewSession reviewed() {
        ReviewSession s = sample.session();
        String first = s.index().entries().get(0).id();
        s.decide(first, DecisionState.REJECTED, "holds the lock across an await");
        return s;
    }

    @Test
    void everyFileFormatHasALabelAndAnExtensionAndNotesHaveNone() {
        assertThat(Exporter.Format.MARKDOWN.label()).isEqualTo("Markdown for the agent");
        assertThat(Exporter.defaultFileName(Exporter.Format.MARKDOWN, "agent/backup-executor"))
                .isEqualTo("review-agent-backup-executor.md");
        assertThat(Exporter.defaultFileName(Exporter.Format.GITHUB, "agent/x")).isEqualTo("review-agent-x.github.json");
        assertThat(Exporter.Format.NOTES.toFile()).isFalse();
        for (Exporter.Format f : Exporter.Format.values()) {
            assertThat(Exporter.render(f, reviewed())).as(f.label()).isNotBlank();
        }
    }

    @Test
    void writesTheMarkdownOffTheCallingThreadAndReplacesTheFileAtomically() throws Exception {
        ReviewSession s = reviewed();
        Path target = tmp.resolve(Exporter.defaultFileName(Exporter.Format.MARKDOWN, Exporter.headRef(s)));
        Files.writeString(target, "old content");
        AtomicReference<String> writer = new AtomicReference<>();
        Exporter exporter = new Exporter(r -> background.execute(() -> {
            writer.set(Thread.currentThread().getName());
            r.run();
        }));
        Path written = exporter.write(Exporter.Format.MARKDOWN, s, target).get(30, TimeUnit.SECONDS);
        assertThat(written).isEqualTo(target.toAbsolutePath().normalize());
        assertThat(writer.get()).isEqualTo("export-test-worker");
        String md = Files.readString(target, StandardCharsets.UTF_8);
        assertThat(md).startsWith("# ").contains("agent/backup-executor").contains("**rejected**");
        assertThat(md).isEqualTo(Exporter.render(s));
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(target.getFileName().toString());
        }
        assertThat(Exporter.exportedMessage(written)).isEqualTo("Exported review to " + written);
    }

    @Test
    void aWriteUnderARegularFileFailsInOneLineAndLeavesNoFile() throws Exception {
        Path regular = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Path target = regular.resolve("review.md");
        var future = new Exporter(background).write(Exporter.Format.MARKDOWN, reviewed(), target);
        assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(
                dev.rustreview.model.BadInputException.class);
        String line = ErrorText.of(future.handle((p, e) -> e).get());
        assertThat(line).startsWith("could not write " + target).doesNotContain("\n").doesNotContain("Exception");
        assertThat(Files.readString(regular)).isEqualTo("x");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("not-a-folder");
        }
    }

    @Test
    void aWriteIntoAReadOnlyFolderFailsInOneLineAndLeavesTheOldFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("locked"));
        Path target = Files.writeString(dir.resolve("review.md"), "old");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // As root, folder permissions are not enforced: reported as skipped, not passed.
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(dir), "running as root: folder permissions are not enforced");
            var future = new Exporter(background).write(Exporter.Format.MARKDOWN, reviewed(), target);
            CompletionException e = (CompletionException) future.handle((p, x) -> x).get(30, TimeUnit.SECONDS);
            assertThat(ErrorText.of(e)).startsWith("could not write").doesNotContain("\n");
            assertThat(Files.readString(target)).isEqualTo("old");
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("review.md");
            }
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void notesTakeTheRecordsOnTheCallingThreadAndWriteThemInTheBackground() throws Exception {
        ReviewSession s = reviewed();
        AtomicReference<String> head = new AtomicReference<>();
        AtomicReference<List<String>> records = new AtomicReference<>();
        AtomicReference<String> thread = new AtomicReference<>();
        String message = new Exporter(background).writeNotes(s, (h, r) -> {
            head.set(h);
            records.set(r);
            thread.set(Thread.currentThread().getName());
            return "c0ffee1234567";
        }).get(30, TimeUnit.SECONDS);
        assertThat(head.get()).isEqualTo(s.index().analysis().changeSet().toId());
        assertThat(records.get()).hasSize(1).allSatisfy(r -> assertThat(r).contains("\"type\":\"decision\""));
        assertThat(thread.get()).isEqualTo("export-test-worker");
        assertThat(message).isEqualTo("Added review notes on " + head.get().substring(0, 7)
                + " (1 record, notes commit c0ffee1)");
    }

    @Test
    void aFailingNotesWriterIsOneLine() throws Exception {
        var future = new Exporter(background).writeNotes(reviewed(), (h, r) -> {
            throw new dev.rustreview.model.BadInputException("refs/notes/rust-review is locked: try again");
        });
        assertThat(ErrorText.of(future.handle((m, e) -> e).get(30, TimeUnit.SECONDS)))
                .isEqualTo("refs/notes/rust-review is locked: try again");
    }
}
