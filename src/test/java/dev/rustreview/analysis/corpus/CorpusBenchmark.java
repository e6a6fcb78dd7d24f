package dev.rustreview.analysis.corpus;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.analysis.provenance.AgentPatterns;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Origin;
import dev.rustreview.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Runs the analyzer on every row of a real-code corpus (local bare clones) and prints one line per row and the
 * totals the issue sets targets for: recall on bug rows (right file, right area, severity at least medium),
 * findings at or above high per 1,000 changed lines on benign rows, findings at or above high on docs-only and
 * test-only rows, and time. A benchmark, not a test:
 * {@code ./mvnw -q test-compile exec:exec@corpus -Dcorpus=FILE -Dmirrors=DIR}.
 */
public final class CorpusBenchmark {

    private CorpusBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            if (args.length < 2) {
                throw new BadInputException("usage: CorpusBenchmark CORPUS.tsv MIRRORS_DIR");
            }
            run(Path.of(args[0]), Path.of(args[1]));
        } catch (BadInputException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static final boolean SHOW_FINDINGS = System.getenv("CORPUS_FINDINGS") != null;

    static void run(Path corpus, Path mirrors) throws Exception {
        if (!Files.isDirectory(mirrors)) {
            throw new BadInputException("mirror directory " + mirrors + " does not exist: pass -Dmirrors=DIR "
                    + "holding owner+name/repo bare clones");
        }
        List<CorpusRow> rows = CorpusRow.read(corpus);
        ChangeAnalyzer analyzer = ChangeAnalyzer.standard(AgentPatterns.none());
        Totals totals = new Totals();
        long start = System.nanoTime();
        for (CorpusRow row : rows) {
            String label = String.format(Locale.ROOT, "%-24s %-24s", row.repository(), shortRange(row));
            if (!Files.isDirectory(row.mirror(mirrors))) {
                System.out.printf("SKIP %s repository not under %s%n", label, mirrors);
                totals.skipped++;
                continue;
            }
            ChangeAnalysis analysis;
            long rowStart = System.nanoTime();
            try (GitRepository git = GitRepository.open(row.mirror(mirrors))) {
                DiffOptions options = DiffOptions.DEFAULT;
                ChangeSet cs = git.between(row.base(), row.head(), options);
                analysis = analyzer.analyze(cs, git.sources(options), List.of(), ChangeAnalyzer.Listener.NONE,
                        () -> false);
            } catch (BadInputException e) {
                System.out.printf("SKIP %s %s%n", label, e.getMessage());
                totals.skipped++;
                continue;
            }
            double seconds = (System.nanoTime() - rowStart) / 1e9;
            totals.add(row, analysis);
            System.out.println(RowResult.line(row, analysis, label, seconds));
            if (SHOW_FINDINGS) {
                // CORPUS_FINDINGS=1 in the environment: every finding >= medium, to see why a row hits or is loud
                analysis.findings().stream().filter(f -> f.severity().atLeast(Severity.MEDIUM))
                        .forEach(f -> System.out.printf("       %s %s %s:%d %s%n", f.ruleId(), f.severity(), f.path(),
                                f.startLine(), f.title()));
            }
        }
        totals.print((System.nanoTime() - start) / 1e9);
    }

    private static String shortRange(CorpusRow row) {
        return abbrev(row.base()) + ".." + abbrev(row.head());
    }

    private static String abbrev(String rev) {
        return rev.length() > 10 && rev.matches("[0-9a-f]+.*") ? rev.substring(0, 9) : rev;
    }

    /** Sums over rows. */
    private static final class Totals {
        int skipped;
        int bugs;
        int hits;
        int preExistingOnlyHits;
        int benign;
        long benignLines;
        int benignHigh;
        int docsTestRows;
        int docsTestHigh;
        long allLines;
        int allCritical;
        int allHigh;

        void add(CorpusRow row, ChangeAnalysis analysis) {
            long lines = changedLines(analysis.changeSet());
            int high = count(analysis, Severity.HIGH);
            allLines += lines;
            allCritical += (int) analysis.findings().stream().filter(f -> f.severity() == Severity.CRITICAL).count();
            allHigh += high;
            if (row.bug()) {
                bugs++;
                boolean hit = RowResult.hit(row, analysis);
                hits += hit ? 1 : 0;
                preExistingOnlyHits += hit && !RowResult.introducedHit(row, analysis) ? 1 : 0;
            } else {
                benign++;
                benignLines += lines;
                benignHigh += high;
                if (row.docsOrTestOnly()) {
                    docsTestRows++;
                    docsTestHigh += high;
                }
            }
        }

        void print(double seconds) {
            System.out.println("----");
            System.out.printf(Locale.ROOT, "recall on bug rows: %d/%d = %.0f%% (right file, right area, >= medium)%n",
                    hits, bugs, bugs == 0 ? 0.0 : 100.0 * hits / bugs);
            System.out.printf(Locale.ROOT, "  of which only through pre-existing findings (shown collapsed): %d%n", preExistingOnlyHits);
            System.out.printf(Locale.ROOT, "benign rows: %d, %d changed lines, %d findings >= high = %.2f per 1,000 changed lines%n",
                    benign, benignLines, benignHigh, perK(benignHigh, benignLines));
            System.out.printf(Locale.ROOT, "docs-only and test-only rows: %d, findings >= high: %d%n", docsTestRows, docsTestHigh);
            System.out.printf(Locale.ROOT, "all rows: %d changed lines, %d critical (%.2f/kLOC), %d >= high (%.2f/kLOC)%n",
                    allLines, allCritical, perK(allCritical, allLines), allHigh, perK(allHigh, allLines));
            System.out.printf(Locale.ROOT, "skipped rows: %d; time: %.1f s%n", skipped, seconds);
        }
    }

    static long changedLines(ChangeSet cs) {
        return cs.additions() + cs.deletions();
    }

    static int count(ChangeAnalysis analysis, Severity atLeast) {
        return (int) analysis.findings().stream().filter(f -> f.severity().atLeast(atLeast)).count();
    }

    static double perK(long n, long lines) {
        return lines == 0 ? 0.0 : 1000.0 * n / lines;
    }

    /** One row's verdict and the findings that explain it. */
    static final class RowResult {
        private RowResult() {
        }

        static boolean hit(CorpusRow row, ChangeAnalysis analysis) {
            return analysis.findings().stream().anyMatch(f -> matches(row, f) && f.severity().atLeast(Severity.MEDIUM));
        }

        /** A hit by a finding the change introduced, not one that also exists at the merge-base. */
        static boolean introducedHit(CorpusRow row, ChangeAnalysis analysis) {
            return analysis.findings().stream().anyMatch(f -> matches(row, f) && f.severity().atLeast(Severity.MEDIUM)
                    && f.origin() != Origin.PRE_EXISTING);
        }

        private static boolean matches(CorpusRow row, Finding f) {
            return row.files().contains(f.path()) && row.areas().contains(f.area());
        }

        static String line(CorpusRow row, ChangeAnalysis analysis, String label, double seconds) {
            long lines = changedLines(analysis.changeSet());
            String time = String.format(Locale.ROOT, "%5.1fs", seconds);
            if (row.bug()) {
                boolean hit = hit(row, analysis);
                String inFile = analysis.findings().stream().filter(f -> row.files().contains(f.path()))
                        .map(f -> f.ruleId() + "/" + f.area().name().toLowerCase(Locale.ROOT) + "/" + f.severity().label())
                        .distinct().limit(8).collect(Collectors.joining(" "));
                String verdict = !hit ? "MISS" : introducedHit(row, analysis) ? "HIT " : "HITP";
                return String.format(Locale.ROOT, "%s %s %s %5d lines, %3d findings; in expected file: %s", verdict,
                        label, time, lines, analysis.findings().size(), inFile.isEmpty() ? "none" : inFile);
            }
            int high = count(analysis, Severity.HIGH);
            String loud = analysis.findings().stream().filter(f -> f.severity().atLeast(Severity.HIGH))
                    .map(f -> f.ruleId() + "/" + f.severity().label()).distinct().limit(8).collect(Collectors.joining(" "));
            return String.format(Locale.ROOT, "%s %s %s %5d lines, %3d findings, %d >= high %s", high == 0 ? "OK  " : "LOUD",
                    label, time, lines, analysis.findings().size(), high, loud);
        }
    }
}
