package dev.rustreview.ui.navigator;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.CommitProvenance;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileAnalysis;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.HunkAnalysis;
import dev.rustreview.model.LineAttribution;
import dev.rustreview.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One hunk with everything the navigator groups and filters by, flattened once per analysis so that
 * regrouping or typing in the filter box never walks the analysis again.
 *
 * @param commitIds   the branch commits that wrote its added lines, in branch order
 * @param agentWritten whether any of those commits is agent-written or agent-assisted
 * @param searchText  lower-cased path, rule ids, finding titles, items, reason and line text
 */
public record HunkEntry(HunkRef ref, FileChange file, Hunk hunk, HunkAnalysis analysis, List<Finding> findings,
                        List<String> commitIds, boolean agentWritten, String searchText) {

    /** The most severe finding's severity, or null when the hunk has none. */
    public Severity highest() {
        return findings.stream().map(Finding::severity).min(Enum::compareTo).orElse(null);
    }

    /** All hunks of an analysis in file order. */
    public static List<HunkEntry> of(ChangeAnalysis analysis) {
        Map<String, Finding> findings = analysis.findings().stream()
                .collect(Collectors.toMap(Finding::id, Function.identity(), (a, b) -> a));
        Map<String, CommitProvenance> provenance = analysis.commits().stream()
                .collect(Collectors.toMap(CommitProvenance::commitId, Function.identity(), (a, b) -> a));
        List<String> commitOrder = analysis.changeSet().commits().stream().map(c -> c.id()).toList();
        List<HunkEntry> entries = new ArrayList<>();
        for (FileChange file : analysis.changeSet().files()) {
            FileAnalysis fa = analysis.file(file.path()).orElse(null);
            List<LineAttribution> runs = analysis.lines().stream().filter(l -> l.path().equals(file.path())).toList();
            for (int i = 0; i < file.hunks().size(); i++) {
                Hunk hunk = file.hunks().get(i);
                int index = i;
                HunkAnalysis ha = fa == null ? null
                        : fa.hunks().stream().filter(h -> h.index() == index).findFirst().orElse(null);
                List<Finding> found = ha == null ? List.of()
                        : ha.findingIds().stream().map(findings::get).filter(f -> f != null).toList();
                List<String> commits = commitsOf(hunk, runs, commitOrder);
                boolean agent = commits.stream().map(provenance::get)
                        .anyMatch(p -> p != null && p.agentWritten());
                entries.add(new HunkEntry(new HunkRef(file.path(), i), file, hunk, ha, found, commits, agent,
                        searchText(file, hunk, ha, found)));
            }
        }
        return entries;
    }

    private static List<String> commitsOf(Hunk hunk, List<LineAttribution> runs, List<String> order) {
        Set<String> ids = new LinkedHashSet<>();
        for (DiffLine line : hunk.lines()) {
            if (line.isAdded()) {
                for (LineAttribution run : runs) {
                    if (run.startLine() <= line.newLine() && line.newLine() <= run.endLine()) {
                        ids.add(run.commitId());
                    }
                }
            }
        }
        return order.stream().filter(ids::contains).toList();
    }

    private static String searchText(FileChange file, Hunk hunk, HunkAnalysis ha, List<Finding> found) {
        StringBuilder sb = new StringBuilder(file.path()).append('\n');
        found.forEach(f -> sb.append(f.sourceLabel()).append(' ').append(f.title()).append('\n'));
        if (ha != null) {
            sb.append(String.join("\n", ha.items())).append('\n').append(ha.reason()).append('\n');
        }
        hunk.lines().forEach(l -> sb.append(l.text()).append('\n'));
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
