package dev.rustreview.review;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.analysis.provenance.AgentPatterns;
import dev.rustreview.analysis.provenance.LineNoteParser;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.LineAttribution;
import dev.rustreview.model.LineNotes;
import dev.rustreview.model.SquashedPull;
import dev.rustreview.settings.AppDirs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Analyses a change set of an open repository the same way for every face (window, CLI): sources and
 * per-line provenance from git, the user's provenance patterns from the settings file, every rule.
 */
public final class BranchAnalysis {

    private final AppDirs dirs;
    private final ChangeAnalyzer.Options options;

    public BranchAnalysis(AppDirs dirs, ChangeAnalyzer.Options options) {
        this.dirs = dirs;
        this.options = options;
    }

    /**
     * Analyses {@code changeSet}, read from {@code git}, cut into review units first ({@link ReviewUnits}); does
     * I/O and CPU work, so call it off the FX thread. Attributing lines to commits comes first and reports commits
     * walked; then files are reported as they finish. Throws {@link java.util.concurrent.CancellationException}
     * soon after {@code cancelled} turns true.
     */
    public ChangeAnalysis analyze(GitRepository git, ChangeSet changeSet, DiffOptions diffOptions,
                                  ChangeAnalyzer.Listener listener, BooleanSupplier cancelled) {
        return analyzeUnits(git, ReviewUnits.split(changeSet, git.sources(diffOptions)), diffOptions, listener,
                cancelled);
    }

    /** Analyses a change set already cut into units (the window cuts it when it opens, before analysing). */
    public ChangeAnalysis analyzeUnits(GitRepository git, ChangeSet changeSet, DiffOptions diffOptions,
                                       ChangeAnalyzer.Listener listener, BooleanSupplier cancelled) {
        AgentPatterns userPatterns = AgentPatterns.fromUserSettings(dirs.settingsFile());
        LineNotes notes = lineNotes(git, changeSet);
        List<LineAttribution> lines = changeSet.commits().isEmpty() ? List.of()
                : git.lineOrigins(changeSet, notes, listener::commitsWalked, cancelled);
        List<SquashedPull> pulls = changeSet.commits().isEmpty() ? List.of() : git.squashedPulls(changeSet);
        ChangeAnalyzer analyzer = new ChangeAnalyzer(ChangeAnalyzer.allRules(), userPatterns, options);
        ChangeAnalysis analysis = analyzer.analyze(changeSet, git.sources(diffOptions), lines, pulls, listener,
                cancelled);
        if (notes.ignored().isEmpty()) {
            return analysis;
        }
        List<String> warnings = new ArrayList<>(analysis.warnings());
        notes.ignored().forEach(w -> warnings.add("line attribution note " + w));
        return new ChangeAnalysis(analysis.changeSet(), analysis.files(), analysis.findings(), analysis.commits(),
                analysis.lines(), analysis.categoryCounts(), analysis.priority(), warnings);
    }

    /** The branch's line-level attribution notes (git-ai, whogitit, Agent Trace), parsed as untrusted data. */
    static LineNotes lineNotes(GitRepository git, ChangeSet changeSet) {
        if (changeSet.commits().isEmpty()) {
            return LineNotes.NONE;
        }
        List<String> skipped = new ArrayList<>();
        var records = git.attributionRecords(changeSet, skipped);
        return LineNoteParser.parse(records, changeSet.commits(), skipped);
    }
}
