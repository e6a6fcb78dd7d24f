package dev.rustreview.ui.app;

import dev.rustreview.review.Anchor;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.Reply;
import dev.rustreview.ui.diff.InlineThread;
import dev.rustreview.ui.inspector.HunkReview;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The review's line annotations as the diff shows them inline: a summary row (collapsed) and the comment, its
 * replies and the keys (open). Outdated annotations stay in the inspector only: their lines are gone.
 */
final class InlineThreads {

    /** Wider rows are cut with an ellipsis; the inspector shows the whole text. */
    static final int ROW_CHARS = 160;
    private static final String INDENT = "    ";

    private InlineThreads() {
    }

    static List<InlineThread> of(List<Annotation> annotations, Instant now) {
        List<InlineThread> out = new ArrayList<>();
        for (Annotation a : annotations) {
            Anchor at = a.anchor();
            if (a.outdated() || at.scope() != Anchor.Scope.LINES) {
                continue;
            }
            out.add(new InlineThread(a.id(), at.side(), at.endLine(), a.resolved(), summary(a), rows(a, now)));
        }
        return out;
    }

    /** {@code ▸ issue · you: the first line… · 2 replies · resolved · lines 12–14} */
    static String summary(Annotation a) {
        String replies = a.replies().isEmpty() ? ""
                : " \u00b7 " + a.replies().size() + (a.replies().size() == 1 ? " reply" : " replies");
        String state = a.resolved() ? " \u00b7 resolved" : " \u00b7 open";
        return cut("\u25b8 " + a.kind().label() + " \u00b7 " + HunkReview.who(a.author()) + ": " + firstLine(a.text())
                + replies + state + lines(a.anchor()));
    }

    static List<String> rows(Annotation a, Instant now) {
        List<String> rows = new ArrayList<>();
        rows.add(cut("\u25be " + a.kind().label() + " \u00b7 " + HunkReview.who(a.author()) + " \u00b7 "
                + HunkReview.ago(a.created(), now) + (a.resolved() ? " \u00b7 resolved" : "") + lines(a.anchor())));
        text(rows, a.text(), INDENT);
        if (a.suggestion() != null && !a.suggestion().isBlank()) {
            rows.add(INDENT + "suggested code:");
            text(rows, a.suggestion(), INDENT + "  ");
        }
        for (Reply r : a.replies()) {
            rows.add(cut(INDENT + "\u21b3 " + HunkReview.who(r.author()) + " \u00b7 " + HunkReview.ago(r.at(), now)));
            text(rows, r.text(), INDENT + "  ");
        }
        rows.add(INDENT + "r reply \u00b7 Shift+R " + (a.resolved() ? "reopen" : "resolve")
                + " \u00b7 Enter collapse \u00b7 right-click for more");
        return rows;
    }

    private static void text(List<String> rows, String text, String indent) {
        for (String line : text.strip().split("\\R", -1)) {
            rows.add(cut(indent + line));
        }
    }

    private static String lines(Anchor at) {
        return at.startLine() == at.endLine() ? " \u00b7 line " + at.startLine()
                : " \u00b7 lines " + at.startLine() + "\u2013" + at.endLine();
    }

    private static String firstLine(String text) {
        String first = text.strip().lines().findFirst().orElse("");
        return text.strip().contains("\n") ? first + " \u2026" : first;
    }

    private static String cut(String row) {
        return row.length() <= ROW_CHARS ? row : row.substring(0, ROW_CHARS - 1) + "\u2026";
    }
}
