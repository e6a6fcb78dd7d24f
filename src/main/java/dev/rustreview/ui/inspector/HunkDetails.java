package dev.rustreview.ui.inspector;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.Commit;
import dev.rustreview.model.CommitProvenance;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Verdict;
import dev.rustreview.ui.navigator.HunkEntry;
import java.util.List;

/**
 * What the inspector says about one hunk, as plain data: where it is, its category and why, the items
 * it touches, who wrote it and how we know, and its findings.
 */
public record HunkDetails(String title, String category, String reason, List<String> items,
                          List<Provenance> provenance, List<Finding> findings) {

    /** One commit that wrote lines of the hunk, with the evidence behind its verdict. */
    public record Provenance(String commit, String subject, String author, Verdict verdict, String tool,
                             List<String> evidence) {
    }

    public HunkDetails {
        items = List.copyOf(items);
        provenance = List.copyOf(provenance);
        findings = List.copyOf(findings);
    }

    public static HunkDetails of(ChangeAnalysis analysis, HunkEntry entry) {
        String title = entry.ref().path() + "  \u00b7  unit " + (entry.ref().index() + 1) + " of "
                + entry.file().hunks().size() + "  \u00b7  +" + entry.hunk().additions() + " \u2212" + entry.hunk().deletions();
        String category = entry.analysis() == null ? "not categorised" : entry.analysis().category().label();
        String reason = entry.analysis() == null ? "The analyzer did not categorise this file." : entry.analysis().reason();
        List<String> items = entry.analysis() == null ? List.of() : entry.analysis().items();
        List<Provenance> provenance = entry.commitIds().stream().map(id -> provenance(analysis, id)).toList();
        return new HunkDetails(title, category, reason, items, provenance, entry.findings());
    }

    private static Provenance provenance(ChangeAnalysis analysis, String id) {
        Commit commit = analysis.changeSet().commits().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
        CommitProvenance p = analysis.provenance(id).orElse(null);
        List<String> evidence = p == null ? List.of() : p.evidence().stream()
                .map(e -> e.field() + ": \u201c" + e.value() + "\u201d matched " + e.pattern()
                        + (e.weak() ? " (weak signal)" : "")).toList();
        return new Provenance(commit == null ? id.substring(0, Math.min(7, id.length())) : commit.shortId(),
                commit == null ? "" : commit.subject(), commit == null ? "" : commit.author().display(),
                p == null ? Verdict.UNKNOWN : p.verdict(), p == null ? null : p.tool(), evidence);
    }
}
