package dev.rustreview.cli;

import dev.rustreview.model.Category;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Commit;
import dev.rustreview.model.CommitProvenance;
import dev.rustreview.model.FileAnalysis;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Finding;
import dev.rustreview.model.HunkAnalysis;
import dev.rustreview.model.Priority;
import dev.rustreview.model.ProvenanceEvidence;
import dev.rustreview.model.ProvenanceSummary;
import dev.rustreview.model.Severity;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code analyze --format text}: a review plan. Commits with who wrote them, then files and hunks in
 * priority order ("start here") with their findings, then the files with nothing to flag, by category.
 */
final class ReviewPlanText {

    private ReviewPlanText() {
    }

    static void print(ChangeAnalysis analysis, PrintWriter out) {
        ChangeSet cs = analysis.changeSet();
        out.printf("%s..%s  (merge-base %s)%n", label(cs.base() == null ? null : cs.base().spec(), cs.fromId()),
                label(cs.head() == null ? null : cs.head().spec(), cs.toId()), ChangeSetText.shortId(cs.mergeBaseId()));
        long agentCommits = analysis.commits().stream().filter(CommitProvenance::agentWritten).count();
        ProvenanceSummary lines = ProvenanceSummary.of(analysis.commits(), analysis.lines(), cs.additions());
        out.printf("%d commit%s (%d agent-written), %d files, +%d -%d; %s%n", cs.commits().size(),
                cs.commits().size() == 1 ? "" : "s", agentCommits, cs.files().size(), cs.additions(), cs.deletions(), lines.sentence());
        cs.nothingToReview().ifPresent(out::println);
        out.println("Findings: " + severityCounts(analysis.findings()));
        analysis.warnings().forEach(w -> out.println("Warning: " + w));
        out.println();
        printCommits(analysis, out);
        printPlan(analysis, out);
        printQuiet(analysis, out);
        out.flush();
    }

    private static void printCommits(ChangeAnalysis analysis, PrintWriter out) {
        out.println("Commits (oldest first):");
        for (Commit c : analysis.changeSet().commits()) {
            CommitProvenance p = analysis.provenance(c.id()).orElse(null);
            String verdict = p == null ? "unknown" : p.verdict().label();
            String tool = p == null || p.tool() == null ? "" : " (" + p.tool() + ")";
            out.printf("  %s %-8s %s%s%n", c.shortId(), verdict, c.subject(), tool);
            if (p != null) {
                for (ProvenanceEvidence e : p.evidence()) {
                    out.printf("             %s: %s%s%n", e.field(), e.value(), e.weak() ? " (weak)" : "");
                }
            }
            // Line-level notes that override this commit's verdict for some of its lines, once each.
            analysis.lines().stream().filter(r -> r.note() != null && r.commitId().equals(c.id()))
                    .map(r -> r.note()).distinct()
                    .forEach(n -> out.printf("             line note (%s%s): %s%n", n.verdict().label(),
                            n.tool() == null ? "" : ", " + n.tool(), n.evidence()));
        }
        out.println();
    }

    private static void printPlan(ChangeAnalysis analysis, PrintWriter out) {
        List<FileAnalysis> flagged = analysis.files().stream().filter(f -> f.priority().highest() != null)
                .sorted(Comparator.comparing(FileAnalysis::priority)).toList();
        if (flagged.isEmpty()) {
            out.println("Nothing flagged for closer review.");
            out.println();
            return;
        }
        out.println("Review plan, start here:");
        Map<String, Finding> byId = analysis.findings().stream().collect(Collectors.toMap(Finding::id, f -> f));
        for (FileAnalysis file : flagged) {
            out.printf("%n  %s  [%s]  %s%s%n", file.path(), file.category().label(), file.priority().label(),
                    file.note() == null ? "" : "  (analysis partial: " + file.note() + ")");
            FileChange change = analysis.changeSet().files().stream().filter(f -> f.path().equals(file.path()))
                    .findFirst().orElseThrow();
            for (HunkAnalysis hunk : file.hunks().stream().sorted(Comparator.comparing(HunkAnalysis::priority)).toList()) {
                out.printf("    %s  %s  %s%s%n", hunk.id(), change.hunks().get(hunk.index()).header(),
                        hunk.category().label(), items(hunk.items()));
                for (String id : hunk.findingIds()) {
                    Finding f = byId.get(id);
                    out.printf("      %-8s %-10s %s:%s  %s%n", f.severity().label().toUpperCase(Locale.ROOT), f.id(),
                            f.side().name().toLowerCase(Locale.ROOT), range(f), f.title());
                }
            }
        }
        out.println();
    }

    private static void printQuiet(ChangeAnalysis analysis, PrintWriter out) {
        List<FileAnalysis> quiet = analysis.files().stream().filter(f -> f.priority().highest() == null).toList();
        if (quiet.isEmpty()) {
            return;
        }
        out.println("Nothing flagged (clear these by category):");
        Map<Category, List<FileAnalysis>> byCategory = quiet.stream()
                .collect(Collectors.groupingBy(FileAnalysis::category, () -> new java.util.EnumMap<>(Category.class),
                        Collectors.toList()));
        byCategory.forEach((category, files) -> out.printf("  %-22s %s%n", category.label() + ":",
                files.stream().map(FileAnalysis::path).collect(Collectors.joining(", "))));
    }

    /** The enclosing items, shortened: a new 400-line file touches dozens. */
    private static String items(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        String shown = String.join(", ", items.subList(0, Math.min(4, items.size())));
        return "  " + shown + (items.size() > 4 ? ", ... (+" + (items.size() - 4) + ")" : "");
    }

    private static String range(Finding f) {
        return f.startLine() == f.endLine() ? String.valueOf(f.startLine()) : f.startLine() + "-" + f.endLine();
    }

    static String severityCounts(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (Severity s : Severity.values()) {
            long n = findings.stream().filter(f -> f.severity() == s).count();
            if (n > 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(s.label());
            }
        }
        return sb.toString();
    }

    private static String label(String spec, String id) {
        return spec == null ? ChangeSetText.shortId(id) : spec;
    }

    static boolean reaches(Priority priority, Severity threshold) {
        return priority.highest() != null && priority.highest().atLeast(threshold);
    }
}
