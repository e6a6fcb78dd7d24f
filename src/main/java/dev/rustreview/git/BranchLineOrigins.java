package dev.rustreview.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Which branch commit introduced lines of files at the head of a branch: a blame over the branch's own commits,
 * for all files at once, in one pass from head towards the merge-base (JGit's {@code BlameGenerator} region
 * algorithm, done for many files together and stopped at the branch's edge).
 *
 * <p>Each commit holds, per path, the lines still looking for their origin, each tagged with the head line it
 * stands for. A commit's lines go to its first parent where that parent has them (the same blob passes every
 * line on without a diff; a changed one is diffed, following renames), the rest to the next parent (a merge);
 * lines no parent has are the commit's own. Lines that reach a commit outside the branch came from the base and
 * have no origin. Commits are visited children first, so a commit is visited once with all its lines; a commit
 * no tracked line reaches costs nothing, and the walk stops when no line is left. Only objects are read.
 */
final class BranchLineOrigins {

    private static final DiffAlgorithm HISTOGRAM = new HistogramDiff();

    /**
     * The traced lines of one head file: per head line, its branch commit, and where it stood in that commit's
     * version of the file (path and 0-based line), which is what line-level attribution notes refer to.
     */
    record Result(ObjectId[] origins, RawText text, String[] originPaths, int[] originLines) {
    }

    private final RevWalk walk;
    private final EdgeChanges edges;
    private final LineTexts texts;
    private final List<RevCommit> childrenFirst;
    private final Set<RevCommit> branch;
    /** Work done ahead on other cores, or null (tests, one core). */
    private final java.util.function.Function<List<RevCommit>, EdgePrefetch> prefetcher;
    /** Lines waiting at each commit, by path: each entry is (line at that commit) << 32 | target. */
    private final Map<RevCommit, Map<String, Lines>> waiting = new HashMap<>();
    private ObjectId[] originOfTarget;
    private String[] pathOfTarget;
    private int[] lineOfTarget;

    /**
     * @param childrenFirst the branch's commits, every child before its parents
     * @param branch        the same commits, for membership tests
     */
    BranchLineOrigins(RevWalk walk, EdgeChanges edges, LineTexts texts, List<RevCommit> childrenFirst,
                      Set<RevCommit> branch) {
        this(walk, edges, texts, childrenFirst, branch, null);
    }

    /** With {@code prefetcher}: makes the read-ahead for the commits to visit (closed when the walk ends). */
    BranchLineOrigins(RevWalk walk, EdgeChanges edges, LineTexts texts, List<RevCommit> childrenFirst,
                      Set<RevCommit> branch, java.util.function.Function<List<RevCommit>, EdgePrefetch> prefetcher) {
        this.prefetcher = prefetcher;
        this.walk = walk;
        this.edges = edges;
        this.texts = texts;
        this.childrenFirst = childrenFirst;
        this.branch = branch;
    }

    /**
     * The origin of lines of each head file: {@code tracked} maps a path to the 0-based lines to trace, or to
     * null for all of them. An untraced line, and a line from the base, has a null origin.
     *
     * @throws CancellationException when {@code cancelled} turns true (checked once per commit)
     */
    Map<String, Result> compute(RevCommit head, Map<String, int[]> tracked, Map<String, ObjectId> headBlobs,
                                WalkProgress progress, BooleanSupplier cancelled) throws IOException {
        Map<String, Result> results = new HashMap<>();
        List<Result> perFile = new ArrayList<>();
        List<int[]> tracedLines = new ArrayList<>();
        Map<String, Lines> atHead = new HashMap<>();
        int targets = 0;
        for (Map.Entry<String, int[]> e : tracked.entrySet()) {
            RawText text = texts.get(headBlobs.get(e.getKey()));
            Result result = new Result(new ObjectId[text.size()], text, new String[text.size()],
                    new int[text.size()]);
            results.put(e.getKey(), result);
            int[] lines = e.getValue() == null ? allLines(text.size())
                    : Arrays.stream(e.getValue()).filter(l -> l >= 0 && l < text.size()).distinct().toArray();
            Lines waitingLines = new Lines();
            for (int line : lines) {
                waitingLines.add(line, targets++);
            }
            perFile.add(result);
            tracedLines.add(lines);
            if (waitingLines.size() > 0) {
                atHead.put(e.getKey(), waitingLines);
            }
        }
        originOfTarget = new ObjectId[targets];
        pathOfTarget = new String[targets];
        lineOfTarget = new int[targets];
        if (!atHead.isEmpty() && branch.contains(head)) {
            waiting.put(head, atHead);
            walk(progress, cancelled);
        }
        int t = 0;
        for (int f = 0; f < perFile.size(); f++) {
            Result r = perFile.get(f);
            for (int line : tracedLines.get(f)) {
                r.origins()[line] = originOfTarget[t];
                r.originPaths()[line] = pathOfTarget[t];
                r.originLines()[line] = lineOfTarget[t];
                t++;
            }
        }
        return results;
    }

    private static int[] allLines(int n) {
        int[] lines = new int[n];
        for (int i = 0; i < n; i++) {
            lines[i] = i;
        }
        return lines;
    }

    private void walk(WalkProgress progress, BooleanSupplier cancelled) throws IOException {
        int total = childrenFirst.size();
        progress.commitsWalked(0, total);
        long lastReport = System.nanoTime();
        try (EdgePrefetch ahead = prefetcher == null ? null : prefetcher.apply(childrenFirst)) {
            walk(progress, cancelled, total, lastReport, ahead);
        }
        progress.commitsWalked(total, total);
    }

    private void walk(WalkProgress progress, BooleanSupplier cancelled, int total, long lastReport,
                      EdgePrefetch prefetch) throws IOException {
        for (int i = 0; i < total && !waiting.isEmpty(); i++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("line attribution cancelled");
            }
            RevCommit commit = childrenFirst.get(i);
            EdgePrefetch.Ahead ahead = prefetch == null ? null : prefetch.at(i, this::livePaths);
            Map<String, Lines> here = waiting.remove(commit);
            if (here != null) {
                visit(commit, here, ahead);
            }
            long now = System.nanoTime();
            if (now - lastReport > 50_000_000L) {
                progress.commitsWalked(i + 1, total);
                lastReport = now;
            }
        }
    }

    /** The paths with lines waiting at some commit still to visit. */
    private Set<String> livePaths() {
        Set<String> live = new java.util.HashSet<>();
        for (Map<String, Lines> at : waiting.values()) {
            live.addAll(at.keySet());
        }
        return live;
    }

    /**
     * Hands each waiting line of {@code commit} to the parent that has it, or makes it the commit's own. Paths
     * the commit did not change move to the first parent as they are, all in one map and without being looked
     * at; a later parent of a merge is asked only about paths with lines the earlier parents did not take.
     */
    private void visit(RevCommit commit, Map<String, Lines> here, EdgePrefetch.Ahead ahead) throws IOException {
        RevCommit[] parents = commit.getParents();
        Map<String, Pending> open = new HashMap<>();
        for (int k = 0; k < parents.length; k++) {
            walk.parseHeaders(parents[k]);
            boolean inBranch = branch.contains(parents[k]);
            if (k == 0) {
                Map<String, EdgeChanges.Link> changed = edges.changes(commit, parents[0], here.keySet(),
                        ahead == null ? null : ahead.changes());
                for (Map.Entry<String, EdgeChanges.Link> c : changed.entrySet()) {
                    Lines lines = here.remove(c.getKey());
                    Pending p = new Pending(lines.sortedItems(), lines.size());
                    open.put(c.getKey(), p);
                    handOver(parents[0], inBranch, c.getValue(), p, ahead);
                }
                if (inBranch && !here.isEmpty()) {
                    moveAll(parents[0], here);
                }
            } else {
                Map<String, EdgeChanges.Link> changed = edges.changes(commit, parents[k], open.keySet());
                Map<String, Lines> unchanged = new HashMap<>();
                for (Map.Entry<String, Pending> e : open.entrySet()) {
                    EdgeChanges.Link link = changed.get(e.getKey());
                    Pending p = e.getValue();
                    if (link == null) {
                        unchanged.put(e.getKey(), new Lines(p.left, p.count));
                        p.count = 0;
                    } else {
                        handOver(parents[k], inBranch, link, p, null);
                    }
                }
                if (inBranch && !unchanged.isEmpty()) {
                    moveAll(parents[k], unchanged);
                }
            }
            open.values().removeIf(p -> p.count == 0);
            if (open.isEmpty()) {
                break;
            }
        }
        ObjectId self = commit.copy();
        for (Map.Entry<String, Pending> e : open.entrySet()) {
            Pending p = e.getValue();
            for (int j = 0; j < p.count; j++) {
                int target = (int) p.left[j];
                originOfTarget[target] = self;
                pathOfTarget[target] = e.getKey();
                lineOfTarget[target] = (int) (p.left[j] >>> 32);
            }
        }
    }

    /** Gives {@code parent} the lines of {@code p} it has through {@code link} (a change, not {@code ADDED}). */
    private void handOver(RevCommit parent, boolean inBranch, EdgeChanges.Link link, Pending p,
                          EdgePrefetch.Ahead ahead) throws IOException {
        if (link == EdgeChanges.ADDED) {
            return; // new against this parent: nothing comes from there
        }
        EditList edits = ahead == null || link.parentBlob() == null || link.childBlob() == null ? null
                : ahead.edits().get(new EdgePrefetch.BlobPair(link.parentBlob(), link.childBlob()));
        if (edits == null) {
            if (p.text == null) {
                p.text = texts.get(link.childBlob());
            }
            edits = HISTOGRAM.diff(RawTextComparator.DEFAULT, texts.get(link.parentBlob()), p.text);
        }
        p.count = handOver(p.left, p.count, edits, inBranch ? at(parent, link.parentPath()) : null);
    }

    /** The lines of one path at the visited commit that no parent has taken yet (the first {@code count}). */
    private static final class Pending {
        final long[] left;
        int count;
        RawText text;

        Pending(long[] left, int count) {
            this.left = left;
            this.count = count;
        }
    }

    /**
     * Gives the parent every line of {@code lines} as they are: the map itself when nothing waits there yet,
     * else the smaller of the two maps added into the larger.
     */
    private void moveAll(RevCommit parent, Map<String, Lines> lines) {
        Map<String, Lines> there = waiting.get(parent);
        if (there == null) {
            waiting.put(parent, lines);
            return;
        }
        Map<String, Lines> small = lines;
        if (there.size() < lines.size()) {
            waiting.put(parent, lines);
            small = there;
            there = lines;
        }
        for (Map.Entry<String, Lines> e : small.entrySet()) {
            Lines into = there.get(e.getKey());
            if (into == null) {
                there.put(e.getKey(), e.getValue());
            } else {
                into.addAll(e.getValue());
            }
        }
    }

    /**
     * Moves the lines the parent has (outside every edit) to {@code to} (null: the base, no origin), keeping the
     * rest at the front of {@code left} in order; returns how many are left.
     */
    private static int handOver(long[] left, int count, EditList edits, Lines to) {
        int kept = 0;
        int e = 0;
        int shift = 0; // child line minus parent line before the current edit
        for (int j = 0; j < count; j++) {
            int line = (int) (left[j] >>> 32);
            while (e < edits.size() && edits.get(e).getEndB() <= line) {
                shift = edits.get(e).getEndB() - edits.get(e).getEndA();
                e++;
            }
            Edit edit = e < edits.size() ? edits.get(e) : null;
            if (edit != null && line >= edit.getBeginB()) {
                left[kept++] = left[j]; // inside an edit: the parent does not have it
            } else if (to != null) {
                to.add(line - shift, (int) left[j]);
            }
        }
        return kept;
    }

    private Lines at(RevCommit commit, String path) {
        return waiting.computeIfAbsent(commit, c -> new HashMap<>()).computeIfAbsent(path, p -> new Lines());
    }

    /** A growable list of (line, target) pairs packed in longs, sorted by line when read. */
    private static final class Lines {
        private long[] items;
        private int size;
        private boolean sorted = true;

        Lines() {
            items = new long[8];
        }

        Lines(long[] items, int size) {
            this.items = items;
            this.size = size;
        }

        void add(int line, int target) {
            addPacked((long) line << 32 | (target & 0xffffffffL));
        }

        void addAll(Lines more) {
            for (int j = 0; j < more.size; j++) {
                addPacked(more.items[j]);
            }
        }

        void addPacked(long packed) {
            if (size == items.length) {
                items = Arrays.copyOf(items, Math.max(8, size * 2));
            }
            if (size > 0 && packed < items[size - 1]) {
                sorted = false;
            }
            items[size++] = packed;
        }

        int size() {
            return size;
        }

        /** The items array, sorted in place by line; only the first {@link #size()} count. */
        long[] sortedItems() {
            if (!sorted) {
                Arrays.sort(items, 0, size);
                sorted = true;
            }
            return items;
        }
    }
}
