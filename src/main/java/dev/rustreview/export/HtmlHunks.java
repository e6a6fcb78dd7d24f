package dev.rustreview.export;

import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import dev.rustreview.review.Anchor;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Reply;
import java.util.ArrayList;
import java.util.List;

/** A hunk as an HTML table: line numbers, +/- lines, risk lines marked, annotations under the lines they are on. */
final class HtmlHunks {

    private HtmlHunks() {
    }

    /**
     * @param findings    findings whose lines are marked
     * @param annotations annotations shown after their last line (those not on a shown line go after the table)
     */
    static String table(HunkIndex.Entry e, List<Finding> findings, List<Annotation> annotations) {
        return table(e, findings, annotations, 0, e.hunk().lines().size());
    }

    /** Lines of context shown around a finding in the findings section. */
    private static final int EXCERPT_CONTEXT = 4;

    /**
     * The lines of the hunk around {@code finding} only: a finding in a 400-line new file shows its own few
     * lines, and the whole hunk appears once, in the hunks section.
     */
    static String excerpt(HunkIndex.Entry e, Finding finding) {
        List<DiffLine> lines = e.hunk().lines();
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (covers(finding, lines.get(i))) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            return table(e, List.of(finding), List.of());
        }
        return table(e, List.of(finding), List.of(), Math.max(0, first - EXCERPT_CONTEXT),
                Math.min(lines.size(), last + EXCERPT_CONTEXT + 1));
    }

    private static String table(HunkIndex.Entry e, List<Finding> findings, List<Annotation> annotations, int from,
                                int to) {
        StringBuilder sb = new StringBuilder("<table class=\"hunk\">\n<caption>")
                .append(HtmlText.text(e.path())).append(' ').append(HtmlText.text(e.hunk().header()))
                .append(from > 0 || to < e.hunk().lines().size() ? " (excerpt)" : "")
                .append("</caption>\n");
        List<Annotation> left = new ArrayList<>(annotations);
        if (from > 0) {
            sb.append("<tr class=\"ctx\"><td class=\"n\"></td><td class=\"n\"></td><td class=\"m\"></td>"
                    + "<td class=\"code\"><code>\u22ef</code></td></tr>\n");
        }
        for (DiffLine l : e.hunk().lines().subList(from, to)) {
            String cls = switch (l.kind()) {
                case ADDED -> "add";
                case REMOVED -> "del";
                default -> "ctx";
            };
            boolean risk = findings.stream().anyMatch(f -> covers(f, l));
            sb.append("<tr class=\"").append(cls).append(risk ? " risk" : "").append("\"><td class=\"n\">")
                    .append(l.oldLine() > 0 ? l.oldLine() : "").append("</td><td class=\"n\">")
                    .append(l.newLine() > 0 ? l.newLine() : "").append("</td><td class=\"m\">")
                    .append(risk ? "!" : "").append("</td><td class=\"code\"><code>")
                    .append(l.isAdded() ? '+' : l.isRemoved() ? '-' : ' ').append(HtmlText.text(l.text()))
                    .append("</code></td></tr>\n");
            for (Annotation a : List.copyOf(left)) {
                if (endsAt(a.anchor(), l)) {
                    sb.append("<tr class=\"note-row\"><td colspan=\"4\">").append(annotation(a)).append("</td></tr>\n");
                    left.remove(a);
                }
            }
        }
        if (to < e.hunk().lines().size()) {
            sb.append("<tr class=\"ctx\"><td class=\"n\"></td><td class=\"n\"></td><td class=\"m\"></td>"
                    + "<td class=\"code\"><code>\u22ef</code></td></tr>\n");
        }
        sb.append("</table>\n");
        left.forEach(a -> sb.append(annotation(a)));
        return sb.toString();
    }

    static String annotation(Annotation a) {
        StringBuilder sb = new StringBuilder("<div class=\"annotation ").append(a.kind().label()).append("\">")
                .append("<p class=\"meta\"><span class=\"badge\">").append(a.kind().label()).append("</span> ")
                .append(HtmlText.text(a.author()))
                .append(a.resolved() ? " · resolved" : "").append(a.outdated() ? " · outdated" : "")
                .append("</p>\n").append(HtmlText.markdown(a.text()));
        if (a.suggestion() != null) {
            sb.append("<p>Suggested replacement:</p><pre><code>").append(HtmlText.text(a.suggestion()))
                    .append("</code></pre>\n");
        }
        for (Reply r : a.replies()) {
            sb.append("<div class=\"reply\"><p class=\"meta\">").append(HtmlText.text(r.author())).append("</p>")
                    .append(HtmlText.markdown(r.text())).append("</div>\n");
        }
        return sb.append("</div>\n").toString();
    }

    private static boolean covers(Finding f, DiffLine l) {
        Side side = f.side() == null ? Side.NEW : f.side();
        int n = HunkLines.number(l, side);
        return HunkLines.onSide(l, side) && n >= f.startLine() && n <= f.endLine();
    }

    private static boolean endsAt(Anchor x, DiffLine l) {
        Side side = x.side() == null ? Side.NEW : x.side();
        return x.scope() == Anchor.Scope.LINES && HunkLines.onSide(l, side) && HunkLines.number(l, side) == x.endLine();
    }
}
