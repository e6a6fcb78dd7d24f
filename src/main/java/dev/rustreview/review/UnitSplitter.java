package dev.rustreview.review;

import dev.rustreview.analysis.ItemSlots;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Hunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Cuts one git hunk into review units at item boundaries: added and context lines are placed by the new side's
 * slots, removed lines by the old side's. A cut falls only between whole lines, the units together hold exactly
 * the hunk's lines in order, a unit without changed lines joins its neighbour, and when an item's lines come
 * back after another item's (a rewrite crossing an item boundary on both sides) everything between stays one unit.
 */
final class UnitSplitter {

    /** Consecutive lines of the hunk, {@code from} inclusive, {@code to} exclusive, placed in {@code labels}. */
    private record Segment(int from, int to, Set<String> labels, boolean changes) {
        Segment join(Segment next) {
            Set<String> all = new LinkedHashSet<>(changes ? labels : Set.of());
            if (next.changes) {
                all.addAll(next.labels);
            }
            if (all.isEmpty()) {
                all.addAll(labels);
                all.addAll(next.labels);
            }
            return new Segment(from, next.to, all, changes || next.changes);
        }
    }

    private UnitSplitter() {
    }

    /** The units of {@code hunk}; the hunk itself (named by its item when there is one) when it stays whole. */
    static List<Hunk> split(Hunk hunk, List<ItemSlots.Slot> oldSlots, List<ItemSlots.Slot> newSlots) {
        List<DiffLine> lines = hunk.lines();
        if (lines.isEmpty()) {
            return List.of(hunk);
        }
        List<Segment> segments = new ArrayList<>();
        ItemSlots.Slot previous = null;
        for (int i = 0; i < lines.size(); i++) {
            DiffLine line = lines.get(i);
            ItemSlots.Slot slot = line.isRemoved() ? slotAt(oldSlots, line.oldLine()) : slotAt(newSlots, line.newLine());
            boolean changed = line.isAdded() || line.isRemoved();
            boolean cut = i > 0 && slot != null && previous != null && differ(previous, slot, lines.get(i - 1), line);
            if (segments.isEmpty() || cut) {
                segments.add(new Segment(i, i + 1, slot == null ? new LinkedHashSet<>() : new LinkedHashSet<>(Set.of(slot.label())), changed));
            } else {
                Segment last = segments.remove(segments.size() - 1);
                Set<String> labels = new LinkedHashSet<>(last.labels());
                if (slot != null && labels.isEmpty()) {
                    labels.add(slot.label());
                }
                segments.add(new Segment(last.from(), i + 1, labels, last.changes() || changed));
            }
            if (slot != null) {
                previous = slot;
            }
        }
        segments = joinUnchanged(segments);
        segments = joinReturningItems(segments);
        if (segments.size() == 1) {
            return List.of(hunk.withItem(name(segments.get(0))));
        }
        return units(hunk, segments);
    }

    /**
     * Whether a cut belongs between two lines: lines on the same side cut where the slot changes; a removed line
     * next to an added or context line cuts only when their items' names differ (a rewritten fn stays one unit).
     */
    private static boolean differ(ItemSlots.Slot before, ItemSlots.Slot now, DiffLine a, DiffLine b) {
        if (a.isRemoved() == b.isRemoved()) {
            return before != now;
        }
        return !before.label().equals(now.label());
    }

    private static ItemSlots.Slot slotAt(List<ItemSlots.Slot> slots, int line) {
        for (ItemSlots.Slot s : slots) {
            if (line >= s.startLine() && line <= s.endLine()) {
                return s;
            }
        }
        return null;
    }

    /** A run of context lines is no unit of its own: it goes with the unit before it (the first with the next). */
    private static List<Segment> joinUnchanged(List<Segment> in) {
        List<Segment> out = new ArrayList<>();
        Segment pending = null;
        for (Segment s : in) {
            if (pending != null) {
                s = pending.join(s);
                pending = null;
            }
            if (!s.changes() && out.isEmpty()) {
                pending = s;
            } else if (!s.changes()) {
                out.add(out.remove(out.size() - 1).join(s));
            } else {
                out.add(s);
            }
        }
        if (pending != null) {
            out.add(pending);
        }
        return out;
    }

    /**
     * When an item's lines appear in two segments, the segments between them belong to one unit. One pass: each
     * label's last segment is known up front, and a unit grows until no label of its segments appears further on
     * (comparing every pair of segments, again after each join, took 15 s on a hunk of 20,000 one-line fns).
     */
    private static List<Segment> joinReturningItems(List<Segment> in) {
        Map<String, Integer> last = new HashMap<>();
        for (int k = 0; k < in.size(); k++) {
            for (String label : in.get(k).labels()) {
                last.put(label, k);
            }
        }
        List<Segment> out = new ArrayList<>();
        int i = 0;
        while (i < in.size()) {
            Segment joined = in.get(i);
            int reach = furthest(joined, last, i);
            for (int k = i + 1; k <= reach; k++) {
                joined = joined.join(in.get(k));
                reach = Math.max(reach, furthest(in.get(k), last, k));
            }
            out.add(joined);
            i = reach + 1;
        }
        return out;
    }

    private static int furthest(Segment s, Map<String, Integer> last, int at) {
        int reach = at;
        for (String label : s.labels()) {
            reach = Math.max(reach, last.getOrDefault(label, at));
        }
        return reach;
    }

    private static List<Hunk> units(Hunk hunk, List<Segment> segments) {
        List<DiffLine> lines = hunk.lines();
        int oldNext = hunk.oldCount() == 0 ? hunk.oldStart() + 1 : hunk.oldStart();
        int newNext = hunk.newCount() == 0 ? hunk.newStart() + 1 : hunk.newStart();
        List<Hunk> out = new ArrayList<>();
        for (Segment s : segments) {
            List<DiffLine> part = lines.subList(s.from(), s.to());
            int olds = (int) part.stream().filter(l -> !l.isAdded()).count();
            int news = (int) part.stream().filter(l -> !l.isRemoved()).count();
            out.add(new Hunk(olds == 0 ? oldNext - 1 : oldNext, olds, news == 0 ? newNext - 1 : newNext, news, part,
                    name(s)));
            oldNext += olds;
            newNext += news;
        }
        return out;
    }

    private static String name(Segment s) {
        List<String> labels = s.labels().stream().filter(Objects::nonNull).toList();
        return labels.isEmpty() ? null : String.join(", ", labels);
    }
}
