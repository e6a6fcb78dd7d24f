package dev.rustreview.git;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineAttribution;
import dev.rustreview.model.LineNotes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Which branch commit wrote each added line of a change set: a blame over the branch's commits only.
 *
 * <p>JGit's {@code BlameGenerator} is not used: it blames one file at a time and cannot be told to stop at the
 * merge-base, so it would walk the base's whole history and attribute lines to commits the review does not
 * cover. {@link BranchLineOrigins} runs the same region algorithm for every file at once, in one pass over the
 * branch's commits from head to the merge-base, handling renames and merges inside the branch.
 */
final class BranchBlame {

    private BranchBlame() {
    }

    /** As {@link #attribute(Repository, ChangeSet, WalkProgress, BooleanSupplier)}, silent and not cancellable. */
    static List<LineAttribution> attribute(Repository repo, ChangeSet changeSet) throws IOException {
        return attribute(repo, changeSet, WalkProgress.NONE, () -> false);
    }

    /**
     * Runs of the change set's added lines, per file in the change set's order and by line, each with the branch
     * commit (reachable from {@code toId}, not from {@code fromId}) that last introduced it. Binary, over-size
     * and submodule files and files without added lines have none.
     *
     * <p>Only the added lines are traced. When some added line of a file reaches the base (the branch diff and
     * the per-commit diffs paired repeated lines differently), the file's other lines with the same text are
     * traced too, in a second pass: {@link #runs} gives such a line the commit of its twin.
     *
     * @throws IOException when an object cannot be read (a missing commit, a damaged pack)
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true
     */
    static List<LineAttribution> attribute(Repository repo, ChangeSet changeSet, WalkProgress progress,
                                           BooleanSupplier cancelled) throws IOException {
        return attribute(repo, changeSet, LineNotes.NONE, progress, cancelled);
    }

    /**
     * As above, with line-level attribution notes overriding the commit's verdict for the lines they cover
     * ({@link NotedRuns}): runs split where a note starts or ends.
     */
    static List<LineAttribution> attribute(Repository repo, ChangeSet changeSet, LineNotes notes,
                                           WalkProgress progress, BooleanSupplier cancelled) throws IOException {
        List<FileChange> files = changeSet.files().stream()
                .filter(f -> f.hasText() && f.newPath() != null && f.additions() > 0)
                .toList();
        if (files.isEmpty()) {
            return List.of();
        }
        try (BlameSession session = new BlameSession(repo, changeSet)) {
            if (!session.headInBranch()) {
                return List.of();
            }
            Map<String, int[]> added = new LinkedHashMap<>();
            Map<String, int[]> zeroBased = new HashMap<>();
            for (FileChange file : files) {
                int[] lines = addedLines(file);
                added.put(file.newPath(), lines);
                zeroBased.put(file.newPath(), Arrays.stream(lines).map(l -> l - 1).toArray());
            }
            Map<String, BranchLineOrigins.Result> traced = session.trace(zeroBased, progress, cancelled);
            Map<String, int[]> twins = new HashMap<>();
            for (Map.Entry<String, int[]> e : added.entrySet()) {
                int[] more = twinCandidates(e.getValue(), traced.get(e.getKey()));
                if (more != null) {
                    twins.put(e.getKey(), more);
                }
            }
            if (twins.values().stream().anyMatch(t -> t.length > 0)) {
                Map<String, BranchLineOrigins.Result> again = session.trace(twins, progress, cancelled);
                for (Map.Entry<String, int[]> e : twins.entrySet()) {
                    ObjectId[] into = traced.get(e.getKey()).origins();
                    ObjectId[] from = again.get(e.getKey()).origins();
                    for (int line : e.getValue()) {
                        into[line] = from[line];
                    }
                }
            }
            List<LineAttribution> result = new ArrayList<>();
            for (Map.Entry<String, int[]> e : added.entrySet()) {
                BranchLineOrigins.Result r = traced.get(e.getKey());
                String path = e.getKey();
                try {
                    String[] last = new String[1]; // walked at most once per file, and only when needed
                    result.addAll(NotedRuns.apply(runs(path, e.getValue(), names(r.origins()), lines(r.text()), () -> {
                        if (last[0] == null) {
                            last[0] = session.lastChange(path).name();
                        }
                        return last[0];
                    }), r, notes));
                } catch (java.io.UncheckedIOException failed) {
                    throw failed.getCause();
                }
            }
            return result;
        }
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

    /**
     * When some added line of a file was traced to the base, the lines {@link #runs} may give it the commit of:
     * the file's other lines with the same text (0-based). Null when every added line has a branch commit.
     */
    private static int[] twinCandidates(int[] added, BranchLineOrigins.Result traced) {
        ObjectId[] origins = traced.origins();
        Set<String> orphans = new HashSet<>();
        boolean any = false;
        for (int line : added) {
            if (line - 1 >= origins.length) {
                any = true;
            } else if (origins[line - 1] == null) {
                any = true;
                orphans.add(traced.text().getString(line - 1));
            }
        }
        if (!any) {
            return null;
        }
        Set<Integer> isAdded = new HashSet<>();
        for (int line : added) {
            isAdded.add(line - 1);
        }
        List<Integer> twins = new ArrayList<>();
        for (int i = 0; i < origins.length; i++) {
            if (!isAdded.contains(i) && orphans.contains(traced.text().getString(i))) {
                twins.add(i);
            }
        }
        return twins.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Traces every line of {@code paths} at the change set's head; empty when the head is not a branch commit. */
    static Map<String, Traced> trace(Repository repo, ChangeSet changeSet, List<String> paths) throws IOException {
        try (BlameSession session = new BlameSession(repo, changeSet)) {
            if (!session.headInBranch() || paths.isEmpty()) {
                return Map.of();
            }
            Map<String, int[]> all = new HashMap<>();
            paths.forEach(p -> all.put(p, null));
            Map<String, Traced> result = new HashMap<>();
            for (Map.Entry<String, BranchLineOrigins.Result> e
                    : session.trace(all, WalkProgress.NONE, () -> false).entrySet()) {
                result.put(e.getKey(), new Traced(names(e.getValue().origins()), lines(e.getValue().text()),
                        session.lastChange(e.getKey()).name()));
            }
            return result;
        }
    }

    private static int[] addedLines(FileChange file) {
        return file.hunks().stream().map(Hunk::lines).flatMap(List::stream)
                .filter(DiffLine::isAdded).mapToInt(DiffLine::newLine).filter(n -> n > 0).sorted().distinct()
                .toArray();
    }

    private static String[] lines(RawText text) {
        String[] lines = new String[text.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = text.getString(i);
        }
        return lines;
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
        return runs(path, added, origins, lines, () -> fallback);
    }

    /** As above, with the fallback computed only when some line needs it (it walks history). */
    static List<LineAttribution> runs(String path, int[] added, String[] origins, String[] lines,
                                      GitErrors.IoCall<String> fallback) {
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

    private static String neighbour(int[] added, String[] commit, int k, GitErrors.IoCall<String> fallback) {
        if (k > 0 && added[k - 1] == added[k] - 1) {
            return commit[k - 1];
        }
        for (int j = k + 1; j < added.length && added[j] == added[j - 1] + 1; j++) {
            if (commit[j] != null) {
                return commit[j];
            }
        }
        try {
            return fallback.call();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
