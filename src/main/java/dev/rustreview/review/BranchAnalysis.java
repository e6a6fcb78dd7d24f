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
import dev.rustreview.io.PhaseClock;
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
        // The units are cut on the analysis' workers from the trees the rules need anyway: one parse per side.
        return run(git, changeSet, ReviewUnits.FROM_TREES, diffOptions, listener, cancelled);
    }

    /** Analyses a change set already cut into units (the window cuts it when it opens, before analysing). */
    public ChangeAnalysis analyzeUnits(GitRepository git, ChangeSet changeSet, DiffOptions diffOptions,
                                       ChangeAnalyzer.Listener listener, BooleanSupplier cancelled) {
        return run(git, changeSet, ChangeAnalyzer.UnitCutter.NONE, diffOptions, listener, cancelled);
    }

    private ChangeAnalysis run(GitRepository git, ChangeSet changeSet, ChangeAnalyzer.UnitCutter cutter,
                               DiffOptions diffOptions, ChangeAnalyzer.Listener listener, BooleanSupplier cancelled) {
        AgentPatterns userPatterns = AgentPatterns.fromUserSettings(dirs.settingsFile());
        PhaseClock clock = new PhaseClock();
        LineNotes notes = lineNotes(git, changeSet);
        clock.mark("line notes");
        List<LineAttribution> lines = changeSet.commits().isEmpty() ? List.of()
                : git.lineOrigins(changeSet, notes, listener::commitsWalked, cancelled);
        clock.mark("line attribution");
        List<SquashedPull> pulls = changeSet.commits().isEmpty() ? List.of() : git.squashedPulls(changeSet);
        clock.mark("squashed pulls");
        ChangeAnalyzer analyzer = new ChangeAnalyzer(ChangeAnalyzer.allRules(), userPatterns, options);
        ChangeAnalysis analysis = analyzer.analyze(changeSet, git.sources(diffOptions), lines, pulls, cutter,
                listener, cancelled);
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
