package dev.rustreview.ui.rounds;

import dev.rustreview.model.Commit;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Hunk;
import dev.rustreview.review.HunkInterdiff;
import dev.rustreview.review.SinceLastReview;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * "What changed since my last review": the commits paired like {@code git range-diff}, then per file the agent's
 * rewrite line by line (what the reviewer saw before against what is there now), without what the rebase brought
 * in from the base. Read-only and virtualised, like the diff view.
 */
public final class SinceLastView extends BorderPane {

    /**
     * One line of the view with its paragraph style and what it opens in the main diff: pure data.
     *
     * @param path     the file it belongs to, null for commit lines and notes
     * @param line     the line of the new round it shows (the unit holding it opens), 0 for the whole file
     * @param commitId the commit of the new round a commit line names, null otherwise
     */
    public record Row(String text, String style, String path, int line, String commitId) {

        public Row(String text, String style) {
            this(text, style, null, 0, null);
        }

        /** Whether clicking it opens something in the main window. */
        public boolean opens() {
            return path != null || commitId != null;
        }
    }


    private final CodeArea area = new CodeArea();
    private final List<Row> rows;
    private java.util.function.Consumer<Row> opener = row -> { };

    public SinceLastView(SinceLastReview since) {
        getStyleClass().add("since-last-view");
        Label title = new Label("Changes since round " + since.from().number() + " (head "
                + shortId(since.from().headCommitId()) + " \u2192 " + shortId(since.to().headCommitId()) + ")");
        title.getStyleClass().add("pane-title");
        Label hint = new Label("Click a commit, file, unit or line (or press Enter on it) to show it in the main "
                + "diff; Ctrl+R brings this summary back where you left it; Esc closes it.");
        hint.getStyleClass().addAll("muted", "since-last-hint");
        hint.setWrapText(true);
        area.setEditable(false);
        area.getStyleClass().add("diff-area");
        rows = rows(since);
        ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> doc =
                new ReadOnlyStyledDocumentBuilder<>(SegmentOps.styledTextOps(), List.of());
        for (Row r : rows) {
            StyleSpans<Collection<String>> spans = new StyleSpansBuilder<Collection<String>>()
                    .add(List.of("diff-text"), r.text().length()).create();
            doc.addParagraph(r.text(), spans, List.of(r.style()));
        }
        area.replace(0, 0, doc.build());
        area.moveTo(0);
        setTop(new VBox(4, title, hint));
        setCenter(new VirtualizedScrollPane<>(area));
        // A click (not a drag selecting text) or Enter opens the entry; the window hides it so the diff is seen.
        area.setOnMouseClicked(e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY && e.isStillSincePress()) {
                openAt(area.getCurrentParagraph());
            }
        });
        area.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                openAt(area.getCurrentParagraph());
                e.consume();
            }
        });
    }

    /** Opens the entry on paragraph {@code index}; rows that open nothing (notes, headings) are ignored. */
    public boolean openAt(int index) {
        if (index < 0 || index >= rows.size() || !rows.get(index).opens()) {
            return false;
        }
        opener.accept(rows.get(index));
        return true;
    }

    /** What clicking or pressing Enter on an entry does. */
    public void setOpener(java.util.function.Consumer<Row> value) {
        opener = value == null ? row -> { } : value;
    }

    /** The rows as shown, one per paragraph of {@link #area()}. */
    public List<Row> shownRows() {
        return rows;
    }

    /** The view's rows: the range-diff of commits, then each changed file's line diff. */
    public static List<Row> rows(SinceLastReview since) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Commits (old round \u2192 new round)", "diff-hunk-header"));
        for (SinceLastReview.CommitPair p : since.commits()) {
            rows.add(new Row(commitLine(p), p.match() == SinceLastReview.Match.SAME ? "diff-context"
                    : p.match() == SinceLastReview.Match.DROPPED ? "diff-removed" : "diff-added", null, 0,
                    p.newer() == null ? null : p.newer().id()));
        }
        List<SinceLastReview.FileInterdiff> changed = since.files().stream().filter(SinceLastReview.FileInterdiff::changed)
                .toList();
        if (changed.isEmpty()) {
            rows.add(new Row("No code changed: the agent only reworded or reordered commits, or rebased.", "diff-note"));
        }
        for (SinceLastReview.FileInterdiff f : changed) {
            rows.add(new Row(f.path() + "   (" + f.dropped().size() + " unit(s) before, " + f.added().size()
                    + " now)", "diff-hunk-header", f.path(), 0, null));
            // The units as they are now, each one click from the main diff.
            for (Hunk h : f.added()) {
                rows.add(new Row("  \u25b8 " + (h.item() != null ? h.item() : h.header()) + "   +" + h.additions()
                        + " \u2212" + h.deletions(), "diff-note", f.path(), Math.max(1, h.newStart()), null));
            }
            if (f.lines().isEmpty()) {
                f.dropped().forEach(h -> addHunk(rows, h, '-', f.path()));
                f.added().forEach(h -> addHunk(rows, h, '+', f.path()));
            }
            addLines(rows, f.lines(), f.path(), newLines(f.added()));
        }
        return rows;
    }

    // The new round's line numbers of the lines the line diff shows on its new side (' ' and '+'), in order.
    private static List<Integer> newLines(List<Hunk> added) {
        List<Integer> numbers = new ArrayList<>();
        for (Hunk h : added) {
            for (DiffLine l : h.lines()) {
                if (!l.isRemoved()) {
                    numbers.add(l.newLine());
                }
            }
        }
        return numbers;
    }

    /** Unchanged runs longer than this are cut to their first and last {@value #CONTEXT} lines. */
    private static final int CONTEXT = 3;

    // A rewritten new file is one long hunk: show the changes with a little context, not the whole file.
    private static void addLines(List<Row> rows, List<HunkInterdiff.Line> lines, String path, List<Integer> numbers) {
        // at[k]: the new line number shown at interdiff line k; a removed line points at the next line there now.
        int[] at = new int[lines.size()];
        int next = 0;
        for (int k = 0; k < lines.size(); k++) {
            boolean newSide = lines.get(k).kind() != '-';
            at[k] = next < numbers.size() ? numbers.get(next) : numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
            if (newSide) {
                next++;
            }
        }
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).kind() != ' ') {
                rows.add(new Row(lines.get(i).kind() + " " + lines.get(i).text(), style(lines.get(i).kind()), path,
                        at[i], null));
                i++;
                continue;
            }
            int end = i;
            while (end < lines.size() && lines.get(end).kind() == ' ') {
                end++;
            }
            int keepHead = i == 0 ? 0 : CONTEXT;
            int keepTail = end == lines.size() ? 0 : CONTEXT;
            if (end - i <= keepHead + keepTail + 1) {
                keepHead = end - i;
                keepTail = 0;
            }
            for (int k = i; k < i + keepHead; k++) {
                rows.add(new Row("  " + lines.get(k).text(), "diff-context", path, at[k], null));
            }
            int hidden = end - i - keepHead - keepTail;
            if (hidden > 0) {
                rows.add(new Row("\u22ef " + hidden + " unchanged line" + (hidden == 1 ? "" : "s"), "diff-note"));
            }
            for (int k = end - keepTail; k < end; k++) {
                rows.add(new Row("  " + lines.get(k).text(), "diff-context", path, at[k], null));
            }
            i = end;
        }
    }

    // Too large for a line diff: the old and new hunks' new side, whole.
    private static void addHunk(List<Row> rows, Hunk h, char kind, String path) {
        for (DiffLine l : h.lines()) {
            if (!l.isRemoved()) {
                rows.add(new Row(kind + " " + l.text(), style(kind), path, kind == '+' ? l.newLine() : 0, null));
            }
        }
    }

    private static String style(char kind) {
        return kind == '+' ? "diff-added" : kind == '-' ? "diff-removed" : "diff-context";
    }

    private static String commitLine(SinceLastReview.CommitPair p) {
        String match = p.match().name().toLowerCase(Locale.ROOT);
        return String.format("%-8s %s  %s", match, describe(p.older()), p.newer() == null ? "" : "\u2192 " + describe(p.newer()));
    }

    private static String describe(Commit c) {
        return c == null ? "(none)" : c.shortId() + " " + c.subject();
    }

    private static String shortId(String id) {
        return id == null ? "?" : id.substring(0, Math.min(7, id.length()));
    }

    public CodeArea area() {
        return area;
    }
}
