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

    /** What the reviewer asked for, without unanswered findings. */
    public static String write(ReviewSession session) {
        return write(session, null);
    }

    /** With the stored compiler check (null: none), whose errors come before every other item. */
    public static String write(ReviewSession session, dev.rustreview.model.CompilerCheck check) {
        return write(AgentFeedback.of(session, false), check);
    }

    /** The feedback as Markdown, compiler errors (when {@code check} is not null) first. */
    public static String write(AgentFeedback feedback, dev.rustreview.model.CompilerCheck check) {
        StringBuilder sb = new StringBuilder(summary(feedback)).append(CompilerExport.markdown(check));
        List<AgentItems.Item> items = feedback.items();
        if (items.isEmpty()) {
            sb.append("Nothing to change.\n");
        } else {
            sb.append("## To do\n\n");
            int n = 1;
            for (AgentItems.Item item : items) {
                item(sb, n++, item);
            }
        }
        if (!feedback.unreviewedIncluded()) {
            sb.append("Findings the reviewer has not answered are not listed.\n\n");
        } else if (feedback.mutedLeftOut() > 0) {
            sb.append(feedback.mutedLeftOut()).append(" unanswered findings of muted rules are not listed.\n\n");
        }
        accepted(sb, feedback.accepted());
        return sb.toString();
    }

    /** The heading (naming the reviewed head and its commit), verdict, coverage and finding counts. */
    static String summary(ReviewSession session) {
        return summary(AgentFeedback.of(session, false));
    }

    private static String summary(AgentFeedback feedback) {
        Coverage c = feedback.coverage();
        StringBuilder sb = new StringBuilder();
        sb.append("# Review of ").append(MarkdownText.escape(feedback.head()));
        if (!feedback.shortCommit().isEmpty()) {
            sb.append(" at ").append(feedback.shortCommit());
        }
        sb.append(feedback.round() > 0 ? " (round " + feedback.round() + ")" : "").append("\n\n");
        sb.append("**Verdict:** ").append(feedback.verdict().label()).append("  \n");
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

    /** The units accepted as they are: the agent must not rewrite them. */
    private static void accepted(StringBuilder sb, List<AgentFeedback.Unit> units) {
        if (units.isEmpty()) {
            return;
        }
        sb.append("## Accepted as they are (leave these unchanged)\n\n");
        for (AgentFeedback.Unit u : units) {
            String where = u.path() + ":" + u.startLine() + "-" + u.endLine();
            sb.append("- ").append(code(where));
            if (u.item() != null) {
                sb.append(' ').append(MarkdownText.escape(u.item()));
            }
            sb.append('\n');
        }
        sb.append('\n');
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
        for (String reply : item.replies()) {
            sb.append(INDENT).append("> ").append(MarkdownText.escapeBlock(reply, INDENT + "> ")).append("\n\n");
        }
    }

    private static String place(AgentItems.Item item) {
        if (item.path() == null) {
            return "Whole change";
        }
        return code(item.line() > 0 ? item.path() + ":" + item.line() : item.path());
    }

    // Inline code keeps a path literal; a longer tick run than the path contains keeps it closed.
    private static String code(String where) {
        String ticks = where.contains("`") ? "`` " : "`";
        String close = ticks.equals("`") ? "`" : " ``";
        return ticks + where + close;
    }

    private static String kindLabel(AgentItems.Kind kind) {
        return switch (kind) {
            case REJECTED -> "rejected";
            case ISSUE -> "issue";
            case SUGGESTION -> "suggestion";
            case PROBLEM -> "problem";
            case THREAD -> "open thread";
            case FINDING -> "risk finding";
        };
    }
}
