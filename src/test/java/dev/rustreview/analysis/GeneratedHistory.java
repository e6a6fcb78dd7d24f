package dev.rustreview.analysis;

import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.LineAttribution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * The analysis benchmark's generated files written as a branch of many commits in a temporary bare repository,
 * so that line attribution (a walk over the branch) is timed on the same change as the analysis.
 */
final class GeneratedHistory {

    private GeneratedHistory() {
    }

    /** Commits the files over {@code commits} commits (each also edits an earlier file) and times attribution. */
    static void time(Map<String, String> files, int commits) throws IOException {
        Path dir = Files.createTempDirectory("rust-review-bench");
        try {
            build(dir.resolve("repo.git"), files, commits);
            try (GitRepository git = GitRepository.open(dir.resolve("repo.git"))) {
                ChangeSet cs = git.branchDiff("main", "agent", DiffOptions.DEFAULT);
                double best = Double.MAX_VALUE;
                List<LineAttribution> lines = List.of();
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    lines = git.lineOrigins(cs);
                    best = Math.min(best, (System.nanoTime() - start) / 1e9);
                }
                long attributed = lines.stream().mapToLong(l -> l.endLine() - l.startLine() + 1).sum();
                System.out.printf("line attribution over %d commits: %.2f s (best of 3), %d lines, %.0f lines/s%n",
                        cs.commits().size(), best, attributed, attributed / best);
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void build(Path gitDir, Map<String, String> files, int commits) throws IOException {
        try (Repository repo = Git.init().setBare(true).setDirectory(gitDir.toFile()).call().getRepository();
             ObjectInserter ins = repo.newObjectInserter()) {
            Map<String, ObjectId> tree = new TreeMap<>();
            tree.put("README.md", ins.insert(Constants.OBJ_BLOB, "bench\n".getBytes(StandardCharsets.UTF_8)));
            ObjectId base = commit(ins, tree, null, 0);
            List<String> paths = new ArrayList<>(files.keySet());
            paths.sort(null);
            Map<String, String> current = new TreeMap<>();
            ObjectId head = base;
            int perCommit = Math.max(1, paths.size() / commits);
            for (int c = 0, next = 0; next < paths.size(); c++) {
                for (int k = 0; k < perCommit && next < paths.size(); k++, next++) {
                    current.put(paths.get(next), files.get(paths.get(next)));
                }
                if (c > 0) {
                    // Each commit also edits an earlier file, so lines move between commits.
                    String edited = paths.get((c * 7919) % next);
                    current.put(edited, current.get(edited) + "// touched by commit " + c + "\n");
                }
                for (Map.Entry<String, String> e : current.entrySet()) {
                    tree.put(e.getKey(), ins.insert(Constants.OBJ_BLOB, e.getValue().getBytes(StandardCharsets.UTF_8)));
                }
                head = commit(ins, tree, head, c + 1);
            }
            ins.flush();
            ref(repo, "refs/heads/main", base);
            ref(repo, "refs/heads/agent", head);
            repo.updateRef(Constants.HEAD).link("refs/heads/agent");
        } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new IOException(e);
        }
    }

    private static ObjectId commit(ObjectInserter ins, Map<String, ObjectId> tree, ObjectId parent, int n)
            throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        for (Map.Entry<String, ObjectId> e : tree.entrySet()) {
            DirCacheEntry entry = new DirCacheEntry(e.getKey());
            entry.setFileMode(FileMode.REGULAR_FILE);
            entry.setObjectId(e.getValue());
            builder.add(entry);
        }
        builder.finish();
        PersonIdent who = new PersonIdent("Bench", "bench@example.com", Instant.ofEpochSecond(1_700_000_000L + n * 60L),
                ZoneOffset.UTC);
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(index.writeTree(ins));
        if (parent != null) {
            cb.setParentId(parent);
        }
        cb.setAuthor(who);
        cb.setCommitter(who);
        cb.setMessage("commit " + n);
        return ins.insert(cb);
    }

    private static void ref(Repository repo, String name, ObjectId id) throws IOException {
        RefUpdate update = repo.updateRef(name);
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        update.update();
    }
}
