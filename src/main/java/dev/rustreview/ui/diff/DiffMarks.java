package dev.rustreview.ui.diff;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.CommitProvenance;
import dev.rustreview.model.Finding;
import dev.rustreview.model.LineAttribution;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the gutter marks per row: the findings on the row's line (new side for added and context rows,
 * old side for removed ones) and whether an agent-written commit introduced the line. Built off the FX thread.
 */
public record DiffMarks(List<List<Finding>> findings, List<Boolean> agentWritten) {

    public static final DiffMarks NONE = new DiffMarks(List.of(), List.of());

    public DiffMarks {
        findings = List.copyOf(findings);
        agentWritten = List.copyOf(agentWritten);
    }

    /** The marks for {@code doc}'s rows from the branch analysis (null: no analysis, no marks). */
    public static DiffMarks of(DiffDocument doc, ChangeAnalysis analysis) {
        if (analysis == null) {
            return NONE;
        }
        List<Finding> inFile = analysis.findings().stream().filter(f -> f.path().equals(doc.path())).toList();
        List<LineAttribution> runs = analysis.lines().stream().filter(l -> l.path().equals(doc.path())).toList();
        Set<String> agentCommits = analysis.commits().stream().filter(CommitProvenance::agentWritten)
                .map(CommitProvenance::commitId).collect(Collectors.toSet());
        List<List<Finding>> findings = new ArrayList<>(doc.rows().size());
        List<Boolean> agent = new ArrayList<>(doc.rows().size());
        for (DiffRow row : doc.rows()) {
            boolean removed = row.kind() == RowKind.REMOVED;
            int line = removed ? row.oldLine() : row.newLine();
            Side side = removed ? Side.OLD : Side.NEW;
            findings.add(line <= 0 ? List.of() : inFile.stream().filter(f -> f.overlaps(side, line, line)).toList());
            agent.add(row.kind() == RowKind.ADDED && runs.stream().anyMatch(r -> r.startLine() <= line
                    && line <= r.endLine() && (r.note() != null ? r.note().verdict() == dev.rustreview.model.Verdict.AGENT
                    || r.note().verdict() == dev.rustreview.model.Verdict.ASSISTED : agentCommits.contains(r.commitId()))));
        }
        return new DiffMarks(findings, agent);
    }

    public List<Finding> findingsAt(int row) {
        return row >= 0 && row < findings.size() ? findings.get(row) : List.of();
    }

    public boolean agentAt(int row) {
        return row >= 0 && row < agentWritten.size() && agentWritten.get(row);
    }
}
