package dev.rustreview.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many of the branch's added lines each kind of author wrote: "47 of 52 changed lines were written by an
 * agent". Lines count as written by an agent when their commit is AGENT or ASSISTED (a Claude Code commit is
 * usually a human's with a co-author trailer), unless a line-level attribution note on them says otherwise. Removed lines have no author on the branch and are not counted.
 *
 * @param changedLines  added lines of the diff
 * @param agentLines    lines from AGENT commits
 * @param assistedLines lines from ASSISTED commits
 * @param humanLines    lines from HUMAN commits
 * @param unknownLines  lines with no attribution, or whose commit has no provenance
 * @param linesByTool   agent-written lines per tool, most first; lines of an unnamed tool under {@code ""}
 */
public record ProvenanceSummary(
        long changedLines,
        long agentLines,
        long assistedLines,
        long humanLines,
        long unknownLines,
        Map<String, Long> linesByTool) {

    public ProvenanceSummary {
        linesByTool = Collections.unmodifiableMap(new LinkedHashMap<>(linesByTool));
    }

    /** Counts over the attributed lines only. */
    public static ProvenanceSummary of(List<CommitProvenance> provenance, List<LineAttribution> lines) {
        return of(provenance, lines, lines.stream().mapToLong(ProvenanceSummary::length).sum());
    }

    /**
     * Counts against {@code changedLines} added lines (a change set's {@code additions()}); lines the
     * attribution does not cover (binary or over-size files) count as unknown.
     */
    public static ProvenanceSummary of(List<CommitProvenance> provenance, List<LineAttribution> lines,
            long changedLines) {
        Map<String, CommitProvenance> byCommit = new HashMap<>();
        provenance.forEach(p -> byCommit.putIfAbsent(p.commitId(), p));
        Map<Verdict, Long> byVerdict = new HashMap<>();
        Map<String, Long> byTool = new TreeMap<>();
        long attributed = 0;
        for (LineAttribution run : lines) {
            long n = length(run);
            attributed += n;
            CommitProvenance p = byCommit.get(run.commitId());
            LineNote note = run.note();
            Verdict verdict = note != null ? note.verdict() : p == null ? Verdict.UNKNOWN : p.verdict();
            byVerdict.merge(verdict, n, Long::sum);
            if (verdict == Verdict.AGENT || verdict == Verdict.ASSISTED) {
                String tool = note != null && note.tool() != null ? note.tool() : p == null ? null : p.tool();
                byTool.merge(tool == null ? "" : tool, n, Long::sum);
            }
        }
        long unattributed = Math.max(0, changedLines - attributed);
        Map<String, Long> sorted = new LinkedHashMap<>();
        byTool.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new ProvenanceSummary(Math.max(changedLines, attributed),
                byVerdict.getOrDefault(Verdict.AGENT, 0L),
                byVerdict.getOrDefault(Verdict.ASSISTED, 0L),
                byVerdict.getOrDefault(Verdict.HUMAN, 0L),
                byVerdict.getOrDefault(Verdict.UNKNOWN, 0L) + unattributed,
                sorted);
    }

    /** Lines from AGENT and ASSISTED commits. */
    public long agentWrittenLines() {
        return agentLines + assistedLines;
    }

    /** {@code 47 of 52 changed lines were written by an agent}. */
    public String sentence() {
        return agentWrittenLines() + " of " + changedLines + " changed " + (changedLines == 1 ? "line" : "lines")
                + " " + (agentWrittenLines() == 1 ? "was" : "were") + " written by an agent";
    }

    private static long length(LineAttribution run) {
        return Math.max(0, run.endLine() - run.startLine() + 1);
    }
}
