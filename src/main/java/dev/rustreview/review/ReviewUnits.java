package dev.rustreview.review;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.analysis.ItemSlots;
import dev.rustreview.analysis.ParseLimits;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.SourceReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The review's unit of decision: git's hunks of Rust files cut at item boundaries (see {@link UnitSplitter}), so
 * a new 400-line file is decided function by function. Non-Rust files, and sides the parser cannot read, keep
 * git's hunks. Reads blobs and parses, so call it off the FX thread.
 */
public final class ReviewUnits {

    private ReviewUnits() {
    }

    /** {@code changeSet} with every Rust file's hunks replaced by its units. */
    public static ChangeSet split(ChangeSet changeSet, SourceReader sources) {
        return split(changeSet, sources, (done, total) -> { });
    }

    /** As above, telling {@code progress} (from worker threads) how many files of how many are cut. */
    public static ChangeSet split(ChangeSet changeSet, SourceReader sources,
                                  java.util.function.BiConsumer<Integer, Integer> progress) {
        int total = changeSet.files().size();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        List<FileChange> files = changeSet.files().parallelStream().map(f -> {
            FileChange cut = split(f, sources);
            progress.accept(done.incrementAndGet(), total);
            return cut;
        }).toList();
        return new ChangeSet(changeSet.repository(), changeSet.base(), changeSet.head(), changeSet.mergeBaseId(),
                changeSet.fromId(), changeSet.toId(), changeSet.commits(), files);
    }

    /** One file's units; the file unchanged when it is not Rust text. */
    public static FileChange split(FileChange file, SourceReader sources) {
        if (!file.path().endsWith(".rs") || !file.hasText() || file.hunks().isEmpty()) {
            return file;
        }
        List<ItemSlots.Slot> oldSlots = slots(sources, file.oldBlobId());
        List<ItemSlots.Slot> newSlots = slots(sources, file.newBlobId());
        return split(file, oldSlots, newSlots);
    }

    /**
     * The same cut made from trees the analysis parsed anyway ({@link ChangeAnalyzer.UnitCutter}): a side that is
     * absent or could not be parsed has no slots, as when {@link #split(FileChange, SourceReader)} reads it.
     */
    public static final ChangeAnalyzer.UnitCutter FROM_TREES = (file, oldTree, newTree) -> {
        if (!file.path().endsWith(".rs") || !file.hasText() || file.hunks().isEmpty()) {
            return file;
        }
        return split(file, oldTree == null ? List.of() : ItemSlots.of(oldTree),
                newTree == null ? List.of() : ItemSlots.of(newTree));
    };

    static FileChange split(FileChange file, List<ItemSlots.Slot> oldSlots, List<ItemSlots.Slot> newSlots) {
        List<Hunk> units = new ArrayList<>();
        for (Hunk h : file.hunks()) {
            units.addAll(UnitSplitter.split(h, oldSlots, newSlots));
        }
        return file.withHunks(units);
    }

    private static List<ItemSlots.Slot> slots(SourceReader sources, String blobId) {
        if (blobId == null) {
            return List.of();
        }
        return sources.blob(blobId).map(text -> ItemSlots.of(text, ParseLimits.DEFAULT)).orElse(List.of());
    }

    /**
     * Git's hunks again: units that touch (the next starts right where the previous ended on both sides) are
     * joined, since git separates its own hunks by at least one unshown line. Used to read review files written
     * when hunks were the unit.
     */
    static List<List<Hunk>> gitHunks(List<Hunk> units) {
        List<List<Hunk>> out = new ArrayList<>();
        Hunk last = null;
        for (Hunk u : units) {
            boolean touches = last != null && u.oldStart() + (u.oldCount() == 0 ? 1 : 0) == end(last, true)
                    && u.newStart() + (u.newCount() == 0 ? 1 : 0) == end(last, false);
            if (touches) {
                out.get(out.size() - 1).add(u);
            } else {
                out.add(new ArrayList<>(List.of(u)));
            }
            last = u;
        }
        return out;
    }

    /** The line after the unit on one side. */
    private static int end(Hunk h, boolean oldSide) {
        int start = oldSide ? h.oldStart() : h.newStart();
        int count = oldSide ? h.oldCount() : h.newCount();
        return count == 0 ? start + 1 : start + count;
    }

    /** The git hunk a group of touching units came from. */
    static Hunk join(List<Hunk> units) {
        List<dev.rustreview.model.DiffLine> lines = new ArrayList<>();
        units.forEach(u -> lines.addAll(u.lines()));
        Hunk first = units.get(0);
        int olds = units.stream().mapToInt(Hunk::oldCount).sum();
        int news = units.stream().mapToInt(Hunk::newCount).sum();
        int oldStart = olds == 0 ? first.oldStart() : units.stream().filter(u -> u.oldCount() > 0).findFirst().orElseThrow().oldStart();
        int newStart = news == 0 ? first.newStart() : units.stream().filter(u -> u.newCount() > 0).findFirst().orElseThrow().newStart();
        return new Hunk(oldStart, olds, newStart, news, lines);
    }
}
