package dev.rustreview.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The line walk's expensive, independent work done on the other cores, a fixed number of commits ahead of it:
 * each upcoming commit's changed paths against its first parent (the tree walk), and for the tracked paths it
 * modified, the diff of the two blob texts. The walk itself stays sequential (which lines wait where depends
 * on every commit before), but everything prefetched is a pure function of object ids, so the walk's result
 * does not depend on whether or when a prefetch finished: it uses what is ready for the commit it visits and
 * computes the rest itself. {@code git log -p} does the same reading and diffing on one core; this is how line
 * attribution keeps within 1.5 times of it.
 */
final class EdgePrefetch implements AutoCloseable {

    private static final DiffAlgorithm HISTOGRAM = new HistogramDiff();

    /** One changed path of a commit against its first parent, as a recursive {@code ANY_DIFF} tree walk gives it. */
    record Change(String path, int oldRawMode, ObjectId oldId, int newRawMode, ObjectId newId) {
    }

    /** A (parent blob, child blob) pair whose diff was computed ahead. */
    record BlobPair(ObjectId parent, ObjectId child) {
    }

    /** What was computed ahead for one commit against its first parent. */
    record Ahead(List<Change> changes, Map<BlobPair, EditList> edits) {
    }

    private final Repository repo;
    private final RevWalk walk;
    private final List<RevCommit> commits;
    private final int window;
    private final ExecutorService pool;
    private final Map<Integer, Future<Ahead>> pending = new HashMap<>();
    private final ConcurrentLinkedQueue<ObjectReader> readers = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<ObjectReader> reader;
    private int submitted;
    private static final long CACHE_BYTES = 64L * 1024 * 1024;
    /** Texts read lately, least recently used first; guarded by itself. */
    private final Map<ObjectId, RawText> recent = new java.util.LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;

    /**
     * @param walk    the line walk's own RevWalk: parents are parsed through it on the calling thread only
     * @param commits the commits in the order the walk visits them
     * @param threads worker threads (the walk's own thread comes on top)
     */
    EdgePrefetch(Repository repo, RevWalk walk, List<RevCommit> commits, int threads,
                 int window) {
        this.repo = repo;
        this.walk = walk;
        this.commits = commits;
        this.window = window;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "line-attribution-prefetch");
            t.setDaemon(true);
            return t;
        });
        this.reader = ThreadLocal.withInitial(() -> {
            ObjectReader r = repo.newObjectReader();
            readers.add(r);
            return r;
        });
    }

    /** Workers for this machine: one per core beyond the walk's own, at least one. */
    static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * The work done ahead for commit {@code index} (waiting for it if it is under way), or null when it has
     * none (a root commit, a failed read); schedules the commits after it, diffing only the paths of {@code live}
     * (the paths lines still wait on when it is asked: once every line of a file has found its commit, older
     * changes of the file need no diff). Called once per index, in order.
     */
    Ahead at(int index, java.util.function.Supplier<Set<String>> live) throws IOException {
        Set<String> wanted = null;
        while (submitted < commits.size() && submitted <= index + window) {
            if (wanted == null) {
                wanted = live.get();
            }
            submit(submitted++, wanted);
        }
        Future<Ahead> f = pending.remove(index);
        if (f == null) {
            return null;
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null; // the walk reads the same objects itself and reports the failure then
        }
    }

    private void submit(int index, Set<String> wanted) throws IOException {
        RevCommit commit = commits.get(index);
        if (commit.getParentCount() == 0) {
            return;
        }
        RevCommit parent = commit.getParent(0);
        walk.parseHeaders(parent);
        ObjectId parentTree = parent.getTree().copy();
        ObjectId childTree = commit.getTree().copy();
        pending.put(index, pool.submit(() -> compute(parentTree, childTree, wanted)));
    }

    private Ahead compute(ObjectId parentTree, ObjectId childTree, Set<String> wanted) throws IOException {
        ObjectReader r = reader.get();
        List<Change> changes = new ArrayList<>();
        Map<BlobPair, EditList> edits = new HashMap<>();
        try (TreeWalk tw = new TreeWalk(r)) {
            tw.addTree(parentTree);
            tw.addTree(childTree);
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            while (tw.next()) {
                Change c = new Change(tw.getPathString(), tw.getRawMode(0), tw.getObjectId(0), tw.getRawMode(1),
                        tw.getObjectId(1));
                changes.add(c);
                if (c.oldRawMode() != 0 && wanted.contains(c.path()) && isBlob(c.oldRawMode())
                        && isBlob(c.newRawMode())) {
                    RawText before = text(r, c.oldId());
                    RawText after = text(r, c.newId());
                    edits.put(new BlobPair(c.oldId(), c.newId()), HISTOGRAM.diff(RawTextComparator.DEFAULT, before, after));
                }
            }
        }
        return new Ahead(changes, edits);
    }

    /**
     * A blob's text, from the texts read lately by any worker: a version read as one commit's new side is read
     * again as the next one's old side, usually by the other worker.
     */
    private RawText text(ObjectReader r, ObjectId blob) throws IOException {
        synchronized (recent) {
            RawText known = recent.get(blob);
            if (known != null) {
                return known;
            }
        }
        RawText text = LineTexts.read(r, blob);
        int size = text.getRawContent().length;
        if (size <= CACHE_BYTES / 4) {
            synchronized (recent) {
                if (recent.put(blob.copy(), text) == null) {
                    cachedBytes += size;
                }
                var eldest = recent.entrySet().iterator();
                while (cachedBytes > CACHE_BYTES && eldest.hasNext()) {
                    cachedBytes -= eldest.next().getValue().getRawContent().length;
                    eldest.remove();
                }
            }
        }
        return text;
    }

    private static boolean isBlob(int rawMode) {
        return FileMode.fromBits(rawMode).getObjectType() == Constants.OBJ_BLOB;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ObjectReader r : readers) {
            r.close();
        }
        pending.clear();
    }
}
