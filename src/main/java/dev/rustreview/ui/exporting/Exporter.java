package dev.rustreview.ui.exporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rustreview.export.GitHubReview;
import dev.rustreview.export.HtmlExport;
import dev.rustreview.export.JsonExport;
import dev.rustreview.export.MarkdownExport;
import dev.rustreview.export.NotesRecords;
import dev.rustreview.export.SafeOutput;
import dev.rustreview.export.SarifExport;
import dev.rustreview.io.Json;
import dev.rustreview.review.ReviewSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The export logic behind {@link ExportDialog}: renders a review in a format on the thread that owns the session
 * (the FX thread), then writes it on a background executor. The returned futures complete on that executor;
 * callers hop back to the FX thread themselves.
 */
public final class Exporter {

    /** What a review can be exported as. */
    public enum Format {
        MARKDOWN("Markdown for the agent", "md"),
        JSON("JSON", "json"),
        SARIF("SARIF", "sarif"),
        HTML("HTML report", "html"),
        GITHUB("GitHub review payload", "github.json"),
        /** Not a file: a note on the head commit under refs/notes/rust-review. */
        NOTES("Git notes", null);

        private final String label;
        private final String extension;

        Format(String label, String extension) {
            this.label = label;
            this.extension = extension;
        }

        public String label() {
            return label;
        }

        /** The file extension without the dot, or {@code null} for {@link #NOTES}. */
        public String extension() {
            return extension;
        }

        /** Whether the format is written to a file. */
        public boolean toFile() {
            return extension != null;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Executor background;

    /** @param background where files and git are written; never the FX thread */
    public Exporter(Executor background) {
        this.background = Objects.requireNonNull(background);
    }

    /** The default file name for {@code format}: {@code review-agent-x.md}. */
    public static String defaultFileName(Format format, String headRef) {
        if (!format.toFile()) {
            throw new IllegalArgumentException(format + " is not written to a file");
        }
        return SafeOutput.fileName(headRef, format.extension());
    }

    /** The head ref the review is on ({@code agent/x}), for file and branch names. */
    public static String headRef(ReviewSession session) {
        return session.review().currentHeadRef();
    }

    /** The review in {@code format}; call on the thread that owns the session. */
    public static String render(Format format, ReviewSession session) {
        return render(format, session, null);
    }

    /** As above, with the stored compiler check of the head (null: none) in Markdown, JSON and SARIF. */
    public static String render(Format format, ReviewSession session, dev.rustreview.model.CompilerCheck check) {
        return render(format, session, check, false);
    }

    /** As above; {@code includeUnreviewed} adds the unanswered high and critical findings to the Markdown. */
    public static String render(Format format, ReviewSession session, dev.rustreview.model.CompilerCheck check,
                                boolean includeUnreviewed) {
        return switch (format) {
            case MARKDOWN -> MarkdownExport.write(dev.rustreview.export.AgentFeedback.of(session, includeUnreviewed), check);
            case JSON -> JsonExport.write(session, check);
            case SARIF -> SarifExport.write(session, check);
            case HTML -> HtmlExport.write(session);
            case GITHUB -> {
                try {
                    yield Json.mapper().writeValueAsString(GitHubReview.toJson(session)) + "\n";
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("could not render the GitHub review payload", e);
                }
            }
            case NOTES -> String.join("\n", NotesRecords.lines(session.review())) + "\n";
        };
    }

    /** The Markdown for the agent, e.g. for the clipboard; call on the thread that owns the session. */
    public static String render(ReviewSession session) {
        return render(Format.MARKDOWN, session);
    }

    /**
     * Renders {@code session} now (on the calling thread, which owns it) and replaces {@code target} atomically on
     * the background executor; completes with the written path, or exceptionally with a one-line
     * {@link dev.rustreview.model.BadInputException}. A failed write leaves the old file, or none.
     */
    public CompletableFuture<Path> write(Format format, ReviewSession session, Path target) {
        return write(format, session, null, target);
    }

    /** As above, with the stored compiler check of the head (null: none). */
    public CompletableFuture<Path> write(Format format, ReviewSession session, dev.rustreview.model.CompilerCheck check,
                                         Path target) {
        return write(format, session, check, target, false);
    }

    /** As above; {@code includeUnreviewed} as in {@link #render(Format, ReviewSession, dev.rustreview.model.CompilerCheck, boolean)}. */
    public CompletableFuture<Path> write(Format format, ReviewSession session, dev.rustreview.model.CompilerCheck check,
                                         Path target, boolean includeUnreviewed) {
        if (!format.toFile()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(format + " is not written to a file"));
        }
        byte[] bytes;
        try {
            bytes = render(format, session, check, includeUnreviewed).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Path out = target.toAbsolutePath().normalize();
        return CompletableFuture.supplyAsync(() -> {
            SafeOutput.write(out, bytes);
            return out;
        }, background);
    }

    /**
     * Takes the review's note records now (on the owning thread) and adds them as a note on the head commit through
     * {@code notes} on the background executor; completes with the status line ({@link #notesMessage}).
     */
    public CompletableFuture<String> writeNotes(ReviewSession session, NotesWriter notes) {
        String head;
        List<String> records;
        try {
            head = headCommit(session);
            records = NotesRecords.lines(session.review());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.supplyAsync(
                () -> notesMessage(head, notes.writeNotes(head, records), records.size()), background);
    }

    /** The commit the review's current round is on. */
    public static String headCommit(ReviewSession session) {
        return session.index().analysis().changeSet().toId();
    }

    /** The status line for a written file. */
    public static String exportedMessage(Path path) {
        return "Exported review to " + path;
    }

    /** The status line for a written note. */
    public static String notesMessage(String headCommit, String notesCommit, int records) {
        return "Added review notes on " + shortId(headCommit) + " (" + records + (records == 1 ? " record" : " records")
                + ", notes commit " + shortId(notesCommit) + ")";
    }

    static String shortId(String id) {
        return id == null ? "?" : id.length() > 7 ? id.substring(0, 7) : id;
    }
}
