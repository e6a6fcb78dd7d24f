package dev.rustreview.git;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.LineAttribution;
import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * Times line attribution on a real repository beside {@code git log -p} of the same range, measured in the same
 * run on the same machine. A benchmark, not a test:
 * {@code ./mvnw -q test-compile exec:exec@provenance-benchmark -Drepo=DIR -Dbase=REV -Dhead=REV}.
 * Each side runs five times (-Druns=N); the best run counts (the first two attributions still pay for the JIT).
 */
public final class ProvenanceBenchmark {

    private static final int RUNS = Integer.getInteger("runs", 5);

    private ProvenanceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ProvenanceBenchmark REPO BASE HEAD");
            System.exit(2);
        }
        Path repo = Path.of(args[0]);
        try (GitRepository git = GitRepository.open(repo)) {
            long start = System.nanoTime();
            ChangeSet cs = git.branchDiff(args[1], args[2], DiffOptions.DEFAULT);
            double diffSeconds = (System.nanoTime() - start) / 1e9;
            long files = cs.files().stream().filter(f -> f.hasText() && f.newPath() != null && f.additions() > 0).count();
            System.out.printf("range %s..%s: %d commits, %d files, %d with added lines, %d added lines "
                    + "(branch diff read in %.2f s)%n", args[1], args[2], cs.commits().size(), cs.files().size(),
                    files, cs.files().stream().mapToLong(FileChange::additions).sum(), diffSeconds);

            double bestGit = Double.MAX_VALUE;
            double bestAttribution = Double.MAX_VALUE;
            List<LineAttribution> lines = List.of();
            for (int i = 0; i < RUNS; i++) {
                bestGit = Math.min(bestGit, gitLogP(repo, args[1], args[2]));
                start = System.nanoTime();
                lines = git.lineOrigins(cs);
                double seconds = (System.nanoTime() - start) / 1e9;
                bestAttribution = Math.min(bestAttribution, seconds);
                System.out.printf("run %d: line attribution %.2f s%n", i + 1, seconds);
            }
            long attributed = lines.stream().mapToLong(l -> l.endLine() - l.startLine() + 1).sum();
            long commits = lines.stream().map(LineAttribution::commitId).distinct().count();
            System.out.printf("line attribution: %.2f s (best of %d), %d lines to %d commits%n", bestAttribution,
                    RUNS, attributed, commits);
            // Same digest with -Dprefetch=false: the read-ahead threads change the time, not the result.
            System.out.printf("attribution digest: %08x (read-ahead %s)%n", lines.toString().hashCode(),
                    System.getProperty("rustreview.attribution.prefetch", "true"));
            System.out.printf("git log -p %s..%s: %.2f s (best of %d)%n", args[1], args[2], bestGit, RUNS);
            System.out.printf("ratio: %.2fx git log -p%n", bestAttribution / bestGit);
        }
    }

    /** Seconds {@code git log -p base..head} takes with its output thrown away. */
    private static double gitLogP(Path repo, String base, String head) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("git", "-C", repo.toString(), "log", "-p", "--no-color",
                base + ".." + head).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.redirectInput(new File("/dev/null"));
        long start = System.nanoTime();
        int exit = pb.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("git log -p exited with " + exit);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
