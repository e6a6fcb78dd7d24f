package dev.rustreview.analysis;

import dev.rustreview.analysis.crate.CrateIndex;
import dev.rustreview.analysis.provenance.AgentPatterns;
import dev.rustreview.analysis.provenance.ProvenanceClassifier;
import dev.rustreview.analysis.rules.AsyncConcurrencyRules;
import dev.rustreview.analysis.rules.SafetyApiBuildRules;
import dev.rustreview.io.PhaseClock;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.CommitProvenance;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.LineAttribution;
import dev.rustreview.model.SourceReader;
import dev.rustreview.model.SquashedPull;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Turns a change set into a {@link ChangeAnalysis}: files are read, parsed and checked by every rule in
 * parallel (one parser per thread, each file's trees confined to its task), then categorized and assembled
 * with stable ids, hunk priorities and commit provenance.
 */
public final class ChangeAnalyzer {

    /** Progress callback: called from worker threads as files finish. */
    @FunctionalInterface
    public interface Listener {
        void fileDone(int done, int total, String path);

        /** Line attribution, before the files: branch commits walked so far and their total. */
        default void commitsWalked(int done, int total) {
        }

        Listener NONE = (done, total, path) -> { };
    }

    /**
     * Cuts one file's git hunks into the review's units from the trees the analysis parsed anyway; the identity
     * when the change set arrives already cut.
     */
    @FunctionalInterface
    public interface UnitCutter {
        FileChange cut(FileChange file, RustTree oldTree, RustTree newTree);

        UnitCutter NONE = (file, oldTree, newTree) -> file;
    }

    /** @param threads worker threads for parsing and rules; the machine's cores by default */
    public record Options(ParseLimits limits, int threads) {
        public static Options defaults() {
            return new Options(ParseLimits.DEFAULT, Runtime.getRuntime().availableProcessors());
        }
    }

    private final List<RiskRule> rules;
    private final AgentPatterns userPatterns;
    private final Options options;

    public ChangeAnalyzer(List<RiskRule> rules, AgentPatterns userPatterns, Options options) {
        this.rules = List.copyOf(rules);
        this.userPatterns = userPatterns;
        this.options = options;
    }

    /** Every rule of RISK-RULES.md, in id order. */
    public static List<RiskRule> allRules() {
        List<RiskRule> all = new ArrayList<>(AsyncConcurrencyRules.all());
        all.addAll(SafetyApiBuildRules.all());
        all.sort(Comparator.comparing((RiskRule r) -> r.info().id().replaceAll("\\d", ""))
                .thenComparing(r -> Integer.parseInt(r.info().id().replaceAll("\\D", ""))));
        return List.copyOf(all);
    }

    /** An analyzer with every rule, the user's provenance patterns and default options. */
    public static ChangeAnalyzer standard(AgentPatterns userPatterns) {
        return new ChangeAnalyzer(allRules(), userPatterns, Options.defaults());
    }

    /**
     * Analyses {@code changeSet}. {@code lines} is the per-line provenance from the git layer (may be empty).
     * Throws {@link CancellationException} when {@code cancelled} turns true.
     */
    public ChangeAnalysis analyze(ChangeSet changeSet, SourceReader sources, List<LineAttribution> lines,
                                  Listener listener, BooleanSupplier cancelled) {
        return analyze(changeSet, sources, lines, List.of(), listener, cancelled);
    }

    /** As above, with the pull requests behind the change set's squash commits (their signals count too). */
    public ChangeAnalysis analyze(ChangeSet changeSet, SourceReader sources, List<LineAttribution> lines,
                                  List<SquashedPull> pulls, Listener listener, BooleanSupplier cancelled) {
        return analyze(changeSet, sources, lines, pulls, UnitCutter.NONE, listener, cancelled);
    }

    /**
     * As above, cutting each file into review units with {@code cutter} on its worker (one parse of each side
     * serves the units and the rules); the analysis then holds the cut change set.
     */
    public ChangeAnalysis analyze(ChangeSet changeSet, SourceReader sources, List<LineAttribution> lines,
                                  List<SquashedPull> pulls, UnitCutter cutter, Listener listener,
                                  BooleanSupplier cancelled) {
        return analyze(changeSet, sources, () -> new History(lines, pulls), cutter, listener, cancelled);
    }

    /**
     * The branch's history as the analysis needs it: who wrote each added line, and the pull requests behind its
     * squash commits. Only provenance and assembly read it, after the files.
     */
    public record History(List<LineAttribution> lines, List<SquashedPull> pulls) {
        public History {
            lines = List.copyOf(lines);
            pulls = List.copyOf(pulls);
        }
    }

    /**
     * As above, with the history asked for only once every file is done, so that a caller can compute it beside
     * the files (walking a long branch's commits is mostly one thread; the files keep the other cores busy).
     */
    public ChangeAnalysis analyze(ChangeSet changeSet, SourceReader sources, Supplier<History> history,
                                  UnitCutter cutter, Listener listener, BooleanSupplier cancelled) {
        PhaseClock clock = new PhaseClock();
        List<String> warnings = new ArrayList<>();
        String head = changeSet.toId();
        CrateIndex crates = CrateIndex.build(sources, head, changeSet.files().stream()
                .filter(f -> f.newBlobId() != null).map(FileChange::path).toList(), options.limits(),
                options.threads(), cancelled);
        clock.mark("crate index");
        GitAttributes attributes = RepositoryAttributes.read(sources, head, changeSet.files());
        List<FileWork> work = runFiles(changeSet.files(), sources, cutter, listener, cancelled, crates,
                new Categorizer(attributes));
        clock.mark("files");
        History branch = history.get();
        List<LineAttribution> lines = branch.lines();
        clock.mark("waiting for the history");
        List<CommitProvenance> provenance = classify(changeSet, branch.pulls(), sources, head, warnings);
        clock.mark("provenance");
        ChangeSet cut = cutter == UnitCutter.NONE ? changeSet : new ChangeSet(changeSet.repository(),
                changeSet.base(), changeSet.head(), changeSet.mergeBaseId(), changeSet.fromId(), changeSet.toId(),
                changeSet.commits(), work.stream().map(FileWork::change).toList());
        ChangeAnalysis analysis = new AnalysisAssembler(cut, attributes).assemble(work, provenance, lines,
                warnings);
        clock.mark("assembly");
        return analysis;
    }

    private List<FileWork> runFiles(List<FileChange> files, SourceReader sources, UnitCutter cutter, Listener listener,
                                    BooleanSupplier cancelled, CrateIndex crates, Categorizer categorizer) {
        int threads = Math.max(1, Math.min(options.threads(), files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rust-review-analysis");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger done = new AtomicInteger();
            List<Future<FileWork>> futures = new ArrayList<>(files.size());
            for (FileChange file : files) {
                futures.add(pool.submit(() -> {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("analysis cancelled");
                    }
                    FileWork result = FileWork.run(file, sources, cutter, rules, options.limits(), crates, categorizer);
                    listener.fileDone(done.incrementAndGet(), files.size(), file.path());
                    return result;
                }));
            }
            List<FileWork> results = new ArrayList<>(files.size());
            for (Future<FileWork> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("analysis interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private List<CommitProvenance> classify(ChangeSet changeSet, List<SquashedPull> pulls, SourceReader sources,
                                            String head, List<String> warnings) {
        AgentPatterns patterns = userPatterns;
        if (head != null) {
            try {
                patterns = sources.fileAt(head, AgentPatterns.REPOSITORY_FILE)
                        .map(json -> userPatterns.plus(AgentPatterns.fromRepository(json))).orElse(userPatterns);
            } catch (BadInputException e) {
                // The agent's branch may carry a broken config; the review must still open, so say so and go on.
                warnings.add(e.getMessage() + " (its patterns were ignored)");
            }
        }
        return ProvenanceClassifier.with(patterns).classify(changeSet, pulls);
    }
}
