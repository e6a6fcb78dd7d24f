package dev.rustreview.export;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.CommitProvenance;
import dev.rustreview.model.LineAttribution;
import java.util.Set;
import java.util.stream.Collectors;

/** "47 of 52 changed lines were written by an agent": the counts behind that sentence. */
public record ProvenanceCounts(long addedLines, long agentLines) {

    public static ProvenanceCounts of(ChangeAnalysis analysis) {
        Set<String> agentCommits = analysis.commits().stream().filter(CommitProvenance::agentWritten)
                .map(CommitProvenance::commitId).collect(Collectors.toSet());
        long added = analysis.changeSet().additions();
        long agent = 0;
        for (LineAttribution l : analysis.lines()) {
            if (agentCommits.contains(l.commitId())) {
                agent += l.endLine() - l.startLine() + 1;
            }
        }
        return new ProvenanceCounts(added, agent);
    }

    public String sentence() {
        return agentLines + " of " + addedLines + " changed lines were written by an agent";
    }
}
