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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
        LineNotes notes = lineNotes(git, changeSet);
        // Walking the branch's commits (line attribution) is mostly one thread, and only assembly needs it: it
        // runs beside the files, which keep the other cores busy (tokio's 2,353 commits: 3.4 s of wall clock
        // taken off a one-shot analyze on two cores).
        AtomicBoolean abandoned = new AtomicBoolean();
        BooleanSupplier stop = () -> abandoned.get() || cancelled.getAsBoolean();
        FilesFirst progress = new FilesFirst(listener);
        CompletableFuture<ChangeAnalyzer.History> history = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("rust-review-history").start(() -> {
            try {
                history.complete(history(git, changeSet, notes, progress, stop));
            } catch (Throwable t) {
                history.completeExceptionally(t);
            }
        });
        ChangeAnalyzer analyzer = new ChangeAnalyzer(ChangeAnalyzer.allRules(), userPatterns, options);
        ChangeAnalysis analysis;
        try {
            analysis = analyzer.analyze(changeSet, git.sources(diffOptions), () -> join(history), cutter, progress,
                    cancelled);
        } finally {
            abandoned.set(true); // a no-op when the walk is done; stops it when the files failed or were cancelled
        }
        if (notes.ignored().isEmpty()) {
            return analysis;
        }
        List<String> warnings = new ArrayList<>(analysis.warnings());
        notes.ignored().forEach(w -> warnings.add("line attribution note " + w));
        return new ChangeAnalysis(analysis.changeSet(), analysis.files(), analysis.findings(), analysis.commits(),
                analysis.lines(), analysis.categoryCounts(), analysis.priority(), warnings);
    }

    private static ChangeAnalyzer.History history(GitRepository git, ChangeSet changeSet, LineNotes notes,
                                                  ChangeAnalyzer.Listener progress, BooleanSupplier stop) {
        if (changeSet.commits().isEmpty()) {
            return new ChangeAnalyzer.History(List.of(), List.of());
        }
        PhaseClock clock = new PhaseClock();
        List<LineAttribution> lines = git.lineOrigins(changeSet, notes, progress::commitsWalked, stop);
        clock.mark("line attribution (beside)");
        List<SquashedPull> pulls = git.squashedPulls(changeSet);
        clock.mark("squashed pulls (beside)");
        return new ChangeAnalyzer.History(lines, pulls);
    }

    /** The walk's result, its failure rethrown as it was (a cancellation stays a cancellation). */
    private static ChangeAnalyzer.History join(CompletableFuture<ChangeAnalyzer.History> history) {
        try {
            return history.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Both progress streams arrive at once; one status line cannot show both, so commits walked are shown until
     * the first file is done, and again once every file is (when the walk is the longer of the two).
     */
    private static final class FilesFirst implements ChangeAnalyzer.Listener {
        private final ChangeAnalyzer.Listener target;
        private volatile boolean filesRunning;

        FilesFirst(ChangeAnalyzer.Listener target) {
            this.target = target;
        }

        @Override
        public void fileDone(int done, int total, String path) {
            filesRunning = done < total;
            target.fileDone(done, total, path);
        }

        @Override
        public void commitsWalked(int done, int total) {
            if (!filesRunning) {
                target.commitsWalked(done, total);
            }
        }
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
