package dev.rustreview.review;

import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * "Since my last review" for one unit, as a diff the main view shows like any other: the unit as the reviewer
 * decided it (old side, numbered as in that round's file) against the unit now (new side, numbered as now), so
 * only what the agent rewrote since is marked as changed.
 */
public final class SinceLastUnit {

    private SinceLastUnit() {
    }

    /** {@code current} (the unit's file) holding one hunk: the interdiff, named after the round it compares with. */
    public static FileChange of(HunkInterdiff d, FileChange current) {
        List<SideText.Line> before = SideText.of(d.before(), Side.NEW);
        List<SideText.Line> after = SideText.of(d.after(), Side.NEW);
        List<DiffLine> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (HunkInterdiff.Line l : d.lines()) {
            switch (l.kind()) {
                case ' ' -> lines.add(new DiffLine(LineKind.CONTEXT, before.get(i++).number(), after.get(j++).number(),
                        l.text(), false, false));
                case '-' -> lines.add(new DiffLine(LineKind.REMOVED, before.get(i++).number(), 0, l.text(), false, false));
                default -> lines.add(new DiffLine(LineKind.ADDED, 0, after.get(j++).number(), l.text(), false, false));
            }
        }
        int oldStart = before.isEmpty() ? 0 : before.get(0).number();
        int newStart = after.isEmpty() ? 0 : after.get(0).number();
        String item = d.after().item() == null ? "" : "  " + d.after().item();
        Hunk hunk = new Hunk(oldStart, before.size(), newStart, after.size(), lines,
                "since your review in round " + d.sinceRound() + item);
        return current.withHunks(List.of(hunk));
    }

    /** How many lines the agent changed in the unit since then (added plus removed in the interdiff). */
    public static long changedLines(FileChange view) {
        return view.hunks().stream().mapToLong(h -> h.additions() + h.deletions()).sum();
    }
}
