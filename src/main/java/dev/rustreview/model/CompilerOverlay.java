package dev.rustreview.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The analysis as the reviewer sees it once a compiler check ran on the same head: a rule finding that a clippy
 * lint confirms (same lines, same concern: AL1 and {@code await_holding_lock}) stays one finding carrying both
 * sources, and each other introduced diagnostic becomes a finding of its own on the unit whose new lines hold
 * it, so the navigator, inspector and gutter treat them like rule findings. The review's own analysis is not
 * changed: compiler findings have no acknowledgement to give (they go when a build no longer reports them).
 */
public final class CompilerOverlay {

    private CompilerOverlay() {
    }

    /** {@code analysis} with {@code check}'s findings; {@code analysis} itself when the check is for another head. */
    public static ChangeAnalysis apply(ChangeAnalysis analysis, CompilerCheck check) {
        if (analysis == null || check == null || !check.headCommit().equals(analysis.changeSet().toId())
                || check.findings().isEmpty()) {
            return analysis;
        }
        Map<String, List<CompilerFinding>> confirming = new HashMap<>();
        List<Finding> alone = new ArrayList<>();
        for (CompilerFinding c : check.findings()) {
            List<String> rules = c.ruleFindingIds().stream().filter(id -> analysis.finding(id).isPresent()).toList();
            rules.forEach(id -> confirming.computeIfAbsent(id, k -> new ArrayList<>()).add(c));
            if (rules.isEmpty()) {
                alone.add(finding(c));
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Finding f : analysis.findings()) {
            List<CompilerFinding> said = confirming.get(f.id());
            findings.add(said == null ? f : f.withCompiler(said));
        }
        findings.addAll(alone);
        // The analyzer ranks by severity, then place: a stable sort by severity keeps that and slots the new ones in.
        findings.sort(Comparator.comparing(Finding::severity));
        List<FileAnalysis> files = analysis.files().stream().map(fa -> withUnits(fa, analysis.changeSet(), alone))
                .toList();
        return new ChangeAnalysis(analysis.changeSet(), files, findings, analysis.commits(), analysis.lines(),
                analysis.categoryCounts(), analysis.priority(), analysis.warnings());
    }

    /** A compiler-only finding, worded for the inspector. */
    static Finding finding(CompilerFinding c) {
        String who = "clippy".equals(c.source()) ? "Clippy" : "The compiler";
        String explanation = who + " reports this on the agent's head and not on the merge-base"
                + (c.item().isEmpty() ? "" : ", in " + c.item()) + ".";
        String check = c.isError() ? "The head does not compile here: the agent must fix this before anything else."
                : "Fix it, or say why the lint does not apply here (its documentation explains it).";
        List<ClippyLint> lints = "clippy".equals(c.source()) && !c.lint().isEmpty() ? List.of(ClippyLint.of(c.lint()))
                : List.of();
        List<String> objects = c.item().isEmpty() ? List.of() : List.of(c.item());
        return new Finding(c.id(), c.ruleId(), RiskArea.BUILD, c.severity(), c.path(), Side.NEW, c.startLine(),
                Math.max(c.startLine(), c.endLine()), objects, c.message(), explanation, check, lints,
                Origin.INTRODUCED, List.of(), List.of(c));
    }

    private static FileAnalysis withUnits(FileAnalysis fa, ChangeSet changeSet, List<Finding> alone) {
        List<Finding> here = alone.stream().filter(f -> f.path().equals(fa.path())).toList();
        if (here.isEmpty()) {
            return fa;
        }
        FileChange file = changeSet.files().stream().filter(f -> fa.path().equals(f.path())).findFirst().orElse(null);
        if (file == null) {
            return fa;
        }
        List<HunkAnalysis> hunks = new ArrayList<>();
        for (HunkAnalysis ha : fa.hunks()) {
            Hunk hunk = ha.index() < file.hunks().size() ? file.hunks().get(ha.index()) : null;
            List<String> ids = new ArrayList<>(ha.findingIds());
            for (Finding f : here) {
                if (hunk != null && hunk.newCount() > 0 && f.startLine() >= hunk.newStart()
                        && f.startLine() < hunk.newStart() + hunk.newCount()) {
                    ids.add(f.id());
                }
            }
            hunks.add(ids.size() == ha.findingIds().size() ? ha : new HunkAnalysis(ha.id(), ha.index(), ha.category(),
                    ha.tags(), ha.reason(), ha.items(), ha.async(), ha.unsafeCode(), ha.testCode(), ids, ha.priority()));
        }
        return new FileAnalysis(fa.path(), fa.category(), fa.analysed(), fa.partial(), fa.note(), hunks, fa.priority());
    }
}
