package dev.rustreview.model;

import java.util.List;

/**
 * A contiguous region of change with its context, as in a unified diff's {@code @@} block. A review unit is
 * a hunk too: git's hunk cut at item boundaries, carrying the item it covers.
 *
 * @param item the item a review unit covers ({@code impl BackupExecutor › fn write_manifest}), null for a plain
 *             git hunk (non-Rust files, code the parser could not read)
 */
public record Hunk(int oldStart, int oldCount, int newStart, int newCount, List<DiffLine> lines, String item) {

    public Hunk {
        lines = List.copyOf(lines);
    }

    /** A plain git hunk. */
    public Hunk(int oldStart, int oldCount, int newStart, int newCount, List<DiffLine> lines) {
        this(oldStart, oldCount, newStart, newCount, lines, null);
    }

    /** The same lines named as the review unit covering {@code unitItem}. */
    public Hunk withItem(String unitItem) {
        return new Hunk(oldStart, oldCount, newStart, newCount, lines, unitItem);
    }

    public long additions() {
        return lines.stream().filter(DiffLine::isAdded).count();
    }

    public long deletions() {
        return lines.stream().filter(DiffLine::isRemoved).count();
    }

    /** The unified-diff header, {@code @@ -a,b +c,d @@}. */
    public String header() {
        return "@@ -" + oldStart + "," + oldCount + " +" + newStart + "," + newCount + " @@";
    }
}
