package dev.rustreview.ui.diff;

import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileAnalysis;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.HunkAnalysis;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one file's unified diff, computed without any toolkit so it can be built off the FX thread
 * and tested on plain data. CRLF endings and a missing final newline stay visible.
 */
public record DiffDocument(String path, List<DiffRow> rows) {

    /** Marks a line that ended in CR LF: the CR is shown, not silently dropped. */
    public static final String CR_MARK = "\u240D";
    public static final String NO_NEWLINE = "\\ No newline at end of file";

    public DiffDocument {
        rows = List.copyOf(rows);
    }

    public static DiffDocument of(FileChange file) {
        return of(file, null);
    }

    /** The rows, with hunk headers naming the enclosing items and category when {@code analysis} is known. */
    public static DiffDocument of(FileChange file, FileAnalysis analysis) {
        List<DiffRow> rows = new ArrayList<>();
        if (file.binary() || file.tooLarge() || !file.hasText()) {
            rows.add(new DiffRow(RowKind.NOTE, 0, 0, placeholder(file), -1));
            return new DiffDocument(file.path(), rows);
        }
        if (file.hunks().isEmpty()) {
            rows.add(new DiffRow(RowKind.NOTE, 0, 0, "No content change (" + file.changeType().name().toLowerCase()
                    .replace('_', ' ') + ")", -1));
        }
        for (int h = 0; h < file.hunks().size(); h++) {
            Hunk hunk = file.hunks().get(h);
            rows.add(new DiffRow(RowKind.HUNK_HEADER, 0, 0, header(hunk, h, analysis), h));
            for (DiffLine line : hunk.lines()) {
                String text = line.crlf() ? line.text() + CR_MARK : line.text();
                rows.add(new DiffRow(kindOf(line), line.oldLine(), line.newLine(), text, h));
                if (line.noNewlineAtEnd()) {
                    rows.add(new DiffRow(RowKind.NOTE, 0, 0, NO_NEWLINE, h));
                }
            }
        }
        return new DiffDocument(file.path(), rows);
    }

    static String header(Hunk hunk, int index, FileAnalysis analysis) {
        HunkAnalysis ha = analysis == null ? null
                : analysis.hunks().stream().filter(a -> a.index() == index).findFirst().orElse(null);
        if (ha == null) {
            // A review unit names its item even before (or without) the analysis.
            return hunk.item() == null ? hunk.header() : hunk.header() + "  " + hunk.item();
        }
        String items = hunk.item() != null ? "  " + hunk.item()
                : ha.items().isEmpty() ? "" : "  " + String.join(", ", ha.items());
        return hunk.header() + items + "  \u00b7 " + ha.category().label();
    }

    private static RowKind kindOf(DiffLine line) {
        return switch (line.kind()) {
            case ADDED -> RowKind.ADDED;
            case REMOVED -> RowKind.REMOVED;
            case CONTEXT -> RowKind.CONTEXT;
        };
    }

    static String placeholder(FileChange file) {
        if (file.oldKind() == FileKind.SUBMODULE || file.newKind() == FileKind.SUBMODULE) {
            return "Submodule " + file.path() + ": " + shortId(file.oldBlobId()) + " \u2192 " + shortId(file.newBlobId());
        }
        String what = file.binary() ? "Binary file" : "File too large to show";
        return what + " (" + size(file.oldSize()) + " \u2192 " + size(file.newSize()) + ")";
    }

    private static String shortId(String id) {
        return id == null ? "none" : id.substring(0, Math.min(7, id.length()));
    }

    /** A byte count as a reviewer reads it: {@code 12.3 KiB}. */
    static String size(long bytes) {
        if (bytes < 0) {
            return "absent";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kib = bytes / 1024.0;
        return kib < 1024 ? String.format("%.1f KiB", kib) : String.format("%.1f MiB", kib / 1024);
    }

    /** The document's text, rows joined by newlines, as the view shows it. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(rows.get(i).text());
        }
        return sb.toString();
    }
}
