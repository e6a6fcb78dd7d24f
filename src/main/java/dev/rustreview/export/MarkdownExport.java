package dev.rustreview.export;

import dev.rustreview.model.Severity;
import dev.rustreview.review.Coverage;
import dev.rustreview.review.ReviewSession;
import java.util.List;

/**
 * The review as Markdown for the coding agent (or a PR comment): a summary, then numbered items to act on,
 * each with its place, the quoted code and what to do.
 */
public final class MarkdownExport {

    private static final String INDENT = "   ";

    private MarkdownExport() {
    }

    public static String write(ReviewSession session) {
        return write(session, null);
    }

    /** With the stored compiler check (null: none), whose errors come before every other item. */
    public static String write(ReviewSession session, dev.rustreview.model.CompilerCheck check) {
        StringBuilder sb = new StringBuilder(summary(session)).append(CompilerExport.markdown(check));
        List<AgentItems.Item> items = AgentItems.of(session.review(), session.index());
        if (items.isEmpty()) {
            return sb.append("Nothing to change.\n").toString();
        }
        sb.append("## To do\n\n");
        int n = 1;
        for (AgentItems.Item item : items) {
            item(sb, n++, item);
        }
        return sb.toString();
    }

    /** The heading, verdict, coverage and finding counts. */
    static String summary(ReviewSession session) {
        Coverage c = session.coverage();
        ReviewVerdict verdict = ReviewVerdict.of(c);
        StringBuilder sb = new StringBuilder();
        sb.append("# Review of ").append(MarkdownText.escape(session.review().headRef())).append("\n\n");
        sb.append("**Verdict:** ").append(verdict.label()).append("  \n");
        sb.append("**Coverage:** ").append(c.hunksDecided()).append(" of ").append(c.hunksTotal())
                .append(" hunks decided (").append(c.accepted()).append(" accepted, ").append(c.rejected())
                .append(" rejected, ").append(c.discuss()).append(" to discuss)  \n");
        sb.append("**Findings:** ");
        StringBuilder counts = new StringBuilder();
        for (Severity s : Severity.values()) {
            Coverage.Count n = c.findings().getOrDefault(s, new Coverage.Count(0, 0));
            counts.append(counts.isEmpty() ? "" : ", ").append(n.total()).append(' ').append(s.label())
                    .append(" (").append(n.done()).append(" acknowledged)");
        }
        return sb.append(counts).append("\n\n").toString();
    }

    private static void item(StringBuilder sb, int number, AgentItems.Item item) {
        sb.append(number).append(". ").append(place(item)).append(" — **").append(kindLabel(item.kind()))
                .append("**: ").append(MarkdownText.escapeBlock(item.text(), INDENT)).append("\n\n");
        String lang = MarkdownText.language(item.path());
        if (!item.code().isEmpty()) {
            sb.append(MarkdownText.fence(item.code(), item.kind() == AgentItems.Kind.REJECTED ? "diff" : lang, INDENT))
                    .append('\n');
        }
        if (item.fix() != null && item.kind() == AgentItems.Kind.SUGGESTION) {
            sb.append(INDENT).append("Replace with:\n\n")
                    .append(MarkdownText.fence(item.fix().lines().toList(), lang, INDENT)).append('\n');
        } else if (item.fix() != null) {
            sb.append(INDENT).append("To fix: ").append(MarkdownText.escapeBlock(item.fix(), INDENT)).append("\n\n");
        }
    }

    private static String place(AgentItems.Item item) {
        if (item.path() == null) {
            return "Whole change";
        }
        String where = item.line() > 0 ? item.path() + ":" + item.line() : item.path();
        // Inline code keeps the path literal; a longer tick run than the path contains keeps it closed.
        String ticks = item.path().contains("`") ? "`` " : "`";
        String close = ticks.equals("`") ? "`" : " ``";
        return ticks + where + close;
    }

    private static String kindLabel(AgentItems.Kind kind) {
        return switch (kind) {
            case REJECTED -> "rejected";
            case ISSUE -> "issue";
            case SUGGESTION -> "suggestion";
            case FINDING -> "risk finding";
        };
    }
}
