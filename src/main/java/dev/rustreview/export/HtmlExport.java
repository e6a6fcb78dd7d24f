package dev.rustreview.export;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Commit;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.review.Acknowledgement;
import dev.rustreview.review.Anchor;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.Coverage;
import dev.rustreview.review.Decision;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;
import java.util.List;
import java.util.Objects;

/**
 * The review as one self-contained HTML page: summary, coverage, findings by severity with their hunks, every
 * hunk with its decision and annotations in place. No scripts, no network (a CSP forbids both); all repository
 * and reviewer text goes through {@link HtmlText}.
 */
public final class HtmlExport {

    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'";

    private HtmlExport() {
    }

    public static String write(ReviewSession session) {
        Review review = session.review();
        HunkIndex index = session.index();
        Coverage c = session.coverage();
        ReviewVerdict verdict = ReviewVerdict.of(c);
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Review of ").append(HtmlText.text(review.headRef())).append("</title>\n<style>\n")
                .append(HtmlStyle.CSS).append("</style>\n</head>\n<body>\n");
        ChangeSet cs = index.analysis().changeSet();
        sb.append("<h1>Review of ").append(HtmlText.text(review.headRef())).append("</h1>\n<p class=\"sub\">against ")
                .append(HtmlText.text(review.baseRef())).append(" · head ").append(HtmlText.text(cs.toId()))
                .append(" · round ").append(review.currentRound()).append("</p>\n");
        summary(sb, c, verdict);
        commits(sb, cs);
        findings(sb, review, index);
        hunks(sb, review, index);
        reviewNotes(sb, review);
        return sb.append("</body>\n</html>\n").toString();
    }

    private static void summary(StringBuilder sb, Coverage c, ReviewVerdict verdict) {
        sb.append("<h2>Summary</h2>\n<p>Verdict: <span class=\"verdict ").append(verdict.name()).append("\">")
                .append(verdict.label()).append("</span></p>\n<table class=\"summary\">\n")
                .append(row("Hunks decided", c.hunksDecided() + " of " + c.hunksTotal()))
                .append(row("Accepted / rejected / to discuss", c.accepted() + " / " + c.rejected() + " / " + c.discuss()))
                .append(row("Open annotations (issues)", c.openAnnotations() + " (" + c.openIssues() + ")"));
        for (Severity s : Severity.values()) {
            Coverage.Count n = c.findings().getOrDefault(s, new Coverage.Count(0, 0));
            sb.append(row("Findings " + s.label(), n.done() + " of " + n.total() + " acknowledged"));
        }
        sb.append("</table>\n<h3>Coverage by file</h3>\n<table class=\"summary\">\n");
        c.byFile().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> sb.append(row(e.getKey(), e.getValue().done() + " of " + e.getValue().total())));
        sb.append("</table>\n");
    }

    private static void commits(StringBuilder sb, ChangeSet cs) {
        sb.append("<h2>Commits</h2>\n<ul>\n");
        for (Commit commit : cs.commits()) {
            sb.append("<li><code>").append(HtmlText.text(commit.id().substring(0, Math.min(10, commit.id().length()))))
                    .append("</code> ").append(HtmlText.text(commit.subject())).append(" — ")
                    .append(HtmlText.text(commit.author() == null ? "" : commit.author().name())).append("</li>\n");
        }
        sb.append("</ul>\n");
    }

    private static void findings(StringBuilder sb, Review review, HunkIndex index) {
        sb.append("<h2>Findings</h2>\n");
        for (Severity s : Severity.values()) {
            List<Finding> list = index.analysis().findings().stream().filter(f -> f.severity() == s).toList();
            if (list.isEmpty()) {
                continue;
            }
            sb.append("<h3>").append(s.label()).append(" (").append(list.size()).append(")</h3>\n");
            for (Finding f : list) {
                Acknowledgement ack = review.acknowledgements().get(f.id());
                sb.append("<section class=\"finding ").append(s.label()).append("\" id=\"f-").append(HtmlText.attr(f.id()))
                        .append("\">\n<p><strong>").append(HtmlText.text(f.ruleId())).append("</strong> ")
                        .append(HtmlText.text(f.title())).append(" — <code>").append(HtmlText.text(f.path())).append(':')
                        .append(f.startLine()).append("</code> · ")
                        .append(ack == null ? "not acknowledged" : ack.kind() == Acknowledgement.Kind.DISMISSED
                                ? "dismissed: " + HtmlText.text(ack.note())
                                : ack.kind() == Acknowledgement.Kind.PROBLEM ? "a problem for the agent to fix"
                                + (ack.note() == null ? "" : ": " + HtmlText.text(ack.note()))
                                : "checked by " + HtmlText.text(ack.author()))
                        .append("</p>\n<p>").append(HtmlText.text(f.explanation())).append("</p>\n<p><em>Check:</em> ")
                        .append(HtmlText.text(f.checkBeforeAccepting())).append("</p>\n");
                index.at(f.path(), f.side() != dev.rustreview.model.Side.OLD, f.startLine())
                        .ifPresent(e -> sb.append(HtmlHunks.excerpt(e, f)));
                sb.append("</section>\n");
            }
        }
    }

    private static void hunks(StringBuilder sb, Review review, HunkIndex index) {
        sb.append("<h2>Changes and decisions</h2>\n");
        for (HunkIndex.Entry e : index.entries()) {
            Decision d = review.decisions().get(e.id());
            String state = review.state(e.id()).label();
            sb.append("<section class=\"change\" id=\"h-").append(HtmlText.attr(e.id())).append("\">\n<p><span class=\"")
                    .append(state).append("\">").append(state).append("</span>")
                    .append(d == null ? "" : " by " + HtmlText.text(d.author()))
                    .append(d == null || d.reason() == null ? "" : ": " + HtmlText.text(d.reason()))
                    .append(" · ").append(HtmlText.text(e.analysis().category().name().toLowerCase(java.util.Locale.ROOT)))
                    .append("</p>\n");
            List<Finding> fs = index.analysis().findings().stream().filter(f -> e.analysis().findingIds().contains(f.id()))
                    .toList();
            List<Annotation> as = review.annotations().stream()
                    .filter(a -> Objects.equals(a.anchor().hunkId(), e.id())).toList();
            sb.append(HtmlHunks.table(e, fs, as)).append("</section>\n");
        }
    }

    private static void reviewNotes(StringBuilder sb, Review review) {
        List<Annotation> rest = review.annotations().stream().filter(a -> a.anchor().hunkId() == null).toList();
        if (rest.isEmpty()) {
            return;
        }
        sb.append("<h2>Comments on files and the whole change</h2>\n");
        for (Annotation a : rest) {
            Anchor x = a.anchor();
            sb.append("<p><code>").append(x.path() == null ? "whole change" : HtmlText.text(x.path()))
                    .append(x.startLine() > 0 ? ":" + x.startLine() : "").append("</code></p>\n")
                    .append(HtmlHunks.annotation(a));
        }
    }

    private static String row(String label, String value) {
        return "<tr><th>" + HtmlText.text(label) + "</th><td>" + HtmlText.text(value) + "</td></tr>\n";
    }
}
