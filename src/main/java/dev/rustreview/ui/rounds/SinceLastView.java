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

    /** One line of the view with its paragraph style; pure data, built off the FX thread. */
    public record Row(String text, String style) {
    }

    private final CodeArea area = new CodeArea();

    public SinceLastView(SinceLastReview since) {
        getStyleClass().add("since-last-view");
        Label title = new Label("Changes since round " + since.from().number() + " (head "
                + shortId(since.from().headCommitId()) + " \u2192 " + shortId(since.to().headCommitId()) + ")");
        title.getStyleClass().add("pane-title");
        area.setEditable(false);
        area.getStyleClass().add("diff-area");
        List<Row> rows = rows(since);
        ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> doc =
                new ReadOnlyStyledDocumentBuilder<>(SegmentOps.styledTextOps(), List.of());
        for (Row r : rows) {
            StyleSpans<Collection<String>> spans = new StyleSpansBuilder<Collection<String>>()
                    .add(List.of("diff-text"), r.text().length()).create();
            doc.addParagraph(r.text(), spans, List.of(r.style()));
        }
        area.replace(0, 0, doc.build());
        area.moveTo(0);
        setTop(new VBox(title));
        setCenter(new VirtualizedScrollPane<>(area));
    }

    /** The view's rows: the range-diff of commits, then each changed file's line diff. */
    public static List<Row> rows(SinceLastReview since) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Commits (old round \u2192 new round)", "diff-hunk-header"));
        for (SinceLastReview.CommitPair p : since.commits()) {
            rows.add(new Row(commitLine(p), p.match() == SinceLastReview.Match.SAME ? "diff-context"
                    : p.match() == SinceLastReview.Match.DROPPED ? "diff-removed" : "diff-added"));
        }
        List<SinceLastReview.FileInterdiff> changed = since.files().stream().filter(SinceLastReview.FileInterdiff::changed)
                .toList();
        if (changed.isEmpty()) {
            rows.add(new Row("No code changed: the agent only reworded or reordered commits, or rebased.", "diff-note"));
        }
        for (SinceLastReview.FileInterdiff f : changed) {
            rows.add(new Row(f.path() + "   (" + f.dropped().size() + " hunk(s) before, " + f.added().size()
                    + " now)", "diff-hunk-header"));
            if (f.lines().isEmpty()) {
                f.dropped().forEach(h -> addHunk(rows, h, '-'));
                f.added().forEach(h -> addHunk(rows, h, '+'));
            }
            addLines(rows, f.lines());
        }
        return rows;
    }

    /** Unchanged runs longer than this are cut to their first and last {@value #CONTEXT} lines. */
    private static final int CONTEXT = 3;

    // A rewritten new file is one long hunk: show the changes with a little context, not the whole file.
    private static void addLines(List<Row> rows, List<HunkInterdiff.Line> lines) {
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).kind() != ' ') {
                rows.add(new Row(lines.get(i).kind() + " " + lines.get(i).text(), style(lines.get(i).kind())));
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
                rows.add(new Row("  " + lines.get(k).text(), "diff-context"));
            }
            int hidden = end - i - keepHead - keepTail;
            if (hidden > 0) {
                rows.add(new Row("\u22ef " + hidden + " unchanged line" + (hidden == 1 ? "" : "s"), "diff-note"));
            }
            for (int k = end - keepTail; k < end; k++) {
                rows.add(new Row("  " + lines.get(k).text(), "diff-context"));
            }
            i = end;
        }
    }

    // Too large for a line diff: the old and new hunks' new side, whole.
    private static void addHunk(List<Row> rows, Hunk h, char kind) {
        for (DiffLine l : h.lines()) {
            if (!l.isRemoved()) {
                rows.add(new Row(kind + " " + l.text(), style(kind)));
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
