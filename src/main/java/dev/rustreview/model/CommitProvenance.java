package dev.rustreview.model;

import java.util.List;

/** The provenance verdict for one commit and the evidence that decided it. */
public record CommitProvenance(String commitId, Verdict verdict, String tool, List<ProvenanceEvidence> evidence) {

    public CommitProvenance {
        evidence = List.copyOf(evidence);
    }

    /** Whether an agent wrote or co-wrote the commit. */
    public boolean agentWritten() {
        return verdict == Verdict.AGENT || verdict == Verdict.ASSISTED;
    }
}
