package dev.rustreview.analysis.crate;

import dev.rustreview.analysis.ParseLimits;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.SourceReader;
import dev.rustreview.model.TreeFile;
import java.nio.file.Path;
import java.util.List;

/**
 * Indexes every crate of a repository at one revision (as if a change touched all of them) and prints the
 * time: cold (first run in the process), cold again with a warm JIT, and from the blob cache. A benchmark,
 * not a test: {@code ./mvnw -q test-compile exec:exec@crate-index-benchmark -Dbenchmark.repo=DIR
 * -Dbenchmark.rev=HEAD}.
 */
public final class CrateIndexBenchmark {

    private CrateIndexBenchmark() {
    }

    public static void main(String[] args) {
        Path repo = Path.of(args.length > 0 ? args[0] : ".");
        String rev = args.length > 1 ? args[1] : "HEAD";
        int threads = Runtime.getRuntime().availableProcessors();
        try (GitRepository git = GitRepository.open(repo)) {
            String head = git.resolve(rev).commitId();
            SourceReader sources = git.sources(DiffOptions.DEFAULT);
            List<String> rs = sources.files(head, List.of(".rs")).stream().map(TreeFile::path).toList();
            System.out.printf("%s at %s: %d .rs files, %d threads%n", repo, head.substring(0, 12), rs.size(), threads);
            for (String label : List.of("cold (first in process)", "cold (warm JIT)", "cached")) {
                if (!label.equals("cached")) {
                    CrateIndex.clearCache();
                }
                long start = System.nanoTime();
                CrateIndex index = CrateIndex.build(sources, head, rs, ParseLimits.DEFAULT, threads, () -> false);
                double s = (System.nanoTime() - start) / 1e9;
                int fns = index.crates().stream().mapToInt(c -> c.model().fns().size()).sum();
                System.out.printf("%-24s %.2f s: %d crates, %d fns%n", label, s, index.crates().size(), fns);
            }
        }
    }
}
