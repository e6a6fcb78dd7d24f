package dev.rustreview.model;

import java.util.List;

/** A contiguous region of change with its context, as in a unified diff's {@code @@} block. */
public record Hunk(int oldStart, int oldCount, int newStart, int newCount, List<DiffLine> lines) {

    public Hunk {
        lines = List.copyOf(lines);
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
