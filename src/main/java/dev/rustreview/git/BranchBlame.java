package dev.rustreview.git;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineAttribution;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Which branch commit wrote each added line of a change set: a blame over the branch's commits only.
 *
 * <p>JGit's {@code BlameGenerator} is not used: it cannot be told to stop at the merge-base, so it would walk
 * the base's whole history and attribute lines to commits the review does not cover. Tracking line origins
 * forward through the branch's own commits (see {@link BranchLineOrigins}) costs one tree diff per commit and
 * one text diff per version of each changed file, and handles renames and merges inside the branch.
 */
final class BranchBlame {

    /** Git's default similarity for rename detection. */
    private static final int RENAME_SCORE = 50;

    private BranchBlame() {
    }

    /**
     * Runs of the change set's added lines, per file in the change set's order and by line, each with the branch
     * commit (reachable from {@code toId}, not from {@code fromId}) that last introduced it. Binary, over-size
     * and submodule files and files without added lines have none.
     *
     * @throws IOException when an object cannot be read (a missing commit, a damaged pack)
     */
    static List<LineAttribution> attribute(Repository repo, ChangeSet changeSet) throws IOException {
        List<FileChange> files = changeSet.files().stream()
                .filter(f -> f.hasText() && f.newPath() != null && f.additions() > 0)
                .toList();
        Map<String, Traced> traced = trace(repo, changeSet, files.stream().map(FileChange::newPath).toList());
        List<LineAttribution> result = new ArrayList<>();
        for (FileChange file : files) {
            Traced t = traced.get(file.newPath());
            if (t != null) {
                result.addAll(runs(file.newPath(), addedLines(file), t.origins(), t.lines(), t.lastChange()));
            }
        }
        return result;
    }

    /**
     * The traced lines of one file at head.
     *
     * @param origins    the branch commit of each line (index 0 is line 1), null for a line from the base
     * @param lines      the text of each line
     * @param lastChange the newest commit on the head's first-parent line that changed the file
     */
    record Traced(String[] origins, String[] lines, String lastChange) {
    }

    /** Traces {@code paths} at the change set's head; empty when the head is not a branch commit. */
    static Map<String, Traced> trace(Repository repo, ChangeSet changeSet, List<String> paths) throws IOException {
        try (ObjectReader reader = repo.newObjectReader();
                RevWalk walk = new RevWalk(reader);
                DiffFormatter differ = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            // A fresh Config: the repository's diff settings (external tools, rename limits) do not apply.
            differ.setReader(reader, new Config());
            differ.setDetectRenames(true);
            differ.getRenameDetector().setRenameScore(RENAME_SCORE);
            walk.setRetainBody(false);

            String from = changeSet.fromId() != null ? changeSet.fromId() : changeSet.mergeBaseId();
            RevCommit head = walk.parseCommit(ObjectId.fromString(changeSet.toId()));
            Set<RevCommit> branch = branchCommits(walk, head, from);
            if (!branch.contains(head) || paths.isEmpty()) {
                return Map.of();
            }
            List<BranchLineOrigins.Node> heads = paths.stream().distinct()
                    .map(path -> new BranchLineOrigins.Node(head, path))
                    .toList();
            BranchLineOrigins origins = new BranchLineOrigins(reader, walk, differ, branch);
            origins.compute(heads);
            Map<String, Traced> result = new HashMap<>();
            for (BranchLineOrigins.Node node : heads) {
                result.put(node.path(), new Traced(names(origins.origins(node)), origins.lines(node),
                        origins.lastChange(node).name()));
            }
            return result;
        }
    }

    /** Commits reachable from head and not from {@code fromId}, parents before children. */
    private static Set<RevCommit> branchCommits(RevWalk walk, RevCommit head, String fromId) throws IOException {
        walk.reset();
        walk.sort(RevSort.TOPO);
        walk.sort(RevSort.REVERSE, true);
        walk.markStart(head);
        if (fromId != null) {
            walk.markUninteresting(walk.parseCommit(ObjectId.fromString(fromId)));
        }
        Set<RevCommit> commits = new LinkedHashSet<>();
        for (RevCommit c : walk) {
            commits.add(c);
        }
        return commits;
    }

    private static int[] addedLines(FileChange file) {
        return file.hunks().stream().map(Hunk::lines).flatMap(List::stream)
                .filter(DiffLine::isAdded).mapToInt(DiffLine::newLine).filter(n -> n > 0).sorted().distinct()
                .toArray();
    }

    private static String[] names(ObjectId[] ids) {
        String[] names = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            names[i] = ids[i] == null ? null : ids[i].name();
        }
        return names;
    }

    /**
     * Run-length ranges of {@code added} (1-based, ascending) by origin. {@code origins[i]} is line i+1's commit,
     * null for a line the per-commit diffs traced to the base; {@code lines[i]} is its text.
     *
     * <p>The branch diff and the per-commit diffs can pair repeated lines ({@code }}, blank lines) differently:
     * the branch diff calls line 5 added and line 9 unchanged, while the commits say line 9 is new and line 5
     * came from the base. Such a line takes the commit of the nearest unchanged line with the same text that
     * the commits call new, so the counts per commit stay right; failing that, the commit of the line before it
     * in its block of added lines, else of the first traced line after it, else {@code fallback}.
     */
    static List<LineAttribution> runs(String path, int[] added, String[] origins, String[] lines, String fallback) {
        String[] commit = new String[added.length];
        for (int k = 0; k < added.length; k++) {
            int index = added[k] - 1;
            commit[k] = index < origins.length ? origins[index] : null;
        }
        swapRepeatedLines(added, origins, lines, commit);
        for (int k = 0; k < added.length; k++) {
            if (commit[k] == null) {
                commit[k] = neighbour(added, commit, k, fallback);
            }
        }
        List<LineAttribution> runs = new ArrayList<>();
        int start = 0;
        for (int k = 1; k <= added.length; k++) {
            if (k == added.length || added[k] != added[k - 1] + 1 || !commit[k].equals(commit[start])) {
                runs.add(new LineAttribution(path, added[start], added[k - 1], commit[start]));
                start = k;
            }
        }
        return runs;
    }

    private static void swapRepeatedLines(int[] added, String[] origins, String[] lines, String[] commit) {
        if (Arrays.stream(commit).noneMatch(Objects::isNull)) {
            return;
        }
        boolean[] isAdded = new boolean[origins.length];
        for (int line : added) {
            if (line - 1 < isAdded.length) {
                isAdded[line - 1] = true;
            }
        }
        // Unchanged lines (per the branch diff) that the commits say a branch commit wrote, by text.
        Map<String, List<Integer>> spare = new HashMap<>();
        for (int i = 0; i < origins.length && i < lines.length; i++) {
            if (!isAdded[i] && origins[i] != null) {
                spare.computeIfAbsent(lines[i], x -> new ArrayList<>()).add(i);
            }
        }
        for (int k = 0; k < added.length && !spare.isEmpty(); k++) {
            int index = added[k] - 1;
            List<Integer> same = commit[k] == null && index < lines.length ? spare.get(lines[index]) : null;
            if (same == null || same.isEmpty()) {
                continue;
            }
            Integer nearest = same.stream().min(Comparator.comparingInt(i -> Math.abs(i - index))).orElseThrow();
            same.remove(nearest);
            commit[k] = origins[nearest];
        }
    }

    private static String neighbour(int[] added, String[] commit, int k, String fallback) {
        if (k > 0 && added[k - 1] == added[k] - 1) {
            return commit[k - 1];
        }
        for (int j = k + 1; j < added.length && added[j] == added[j - 1] + 1; j++) {
            if (commit[j] != null) {
                return commit[j];
            }
        }
        return fallback;
    }
}
