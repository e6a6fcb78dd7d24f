package dev.rustreview.review;

import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The current round's files cut down to the units with one decision, with each hunk's unit ids for messages.
 * Units cut from one git hunk are put back together as that hunk, with the other units' changes left out (their
 * removed lines kept as context, their added lines dropped), so {@code git apply} gets hunks with real context and
 * applies exactly the chosen units' lines.
 */
public record DecidedHunks(List<FileChange> files, Map<Hunk, String> ids) {

    public static DecidedHunks of(Review review, HunkIndex index, DecisionState state) {
        Map<FileChange, List<HunkIndex.Entry>> byFile = new LinkedHashMap<>();
        for (HunkIndex.Entry e : index.entries()) {
            if (review.state(e.id()) == state) {
                byFile.computeIfAbsent(e.file(), f -> new ArrayList<>()).add(e);
            }
        }
        List<FileChange> files = new ArrayList<>();
        Map<Hunk, String> ids = new IdentityHashMap<>();
        byFile.forEach((f, chosen) -> {
            Map<Hunk, String> chosenIds = new IdentityHashMap<>();
            chosen.forEach(e -> chosenIds.put(e.hunk(), e.id()));
            List<Hunk> hunks = new ArrayList<>();
            for (List<Hunk> group : ReviewUnits.gitHunks(f.hunks())) {
                List<Hunk> picked = group.stream().filter(chosenIds::containsKey).toList();
                if (picked.isEmpty()) {
                    continue;
                }
                Hunk hunk = picked.size() == group.size() ? ReviewUnits.join(group) : compose(group, chosenIds.keySet());
                hunks.add(hunk);
                ids.put(hunk, picked.stream().map(chosenIds::get).collect(Collectors.joining(", ")));
            }
            files.add(f.withHunks(hunks));
        });
        return new DecidedHunks(files, ids);
    }

    /** One git hunk with only {@code chosen} units' changes; line numbers on the new side are left to the writers. */
    static Hunk compose(List<Hunk> group, Set<Hunk> chosen) {
        List<DiffLine> lines = new ArrayList<>();
        for (Hunk unit : group) {
            boolean keep = chosen.contains(unit);
            for (DiffLine l : unit.lines()) {
                if (keep || (!l.isAdded() && !l.isRemoved())) {
                    lines.add(l);
                } else if (l.isRemoved()) {
                    lines.add(new DiffLine(LineKind.CONTEXT, l.oldLine(), 0, l.text(), l.crlf(), l.noNewlineAtEnd()));
                }
            }
        }
        Hunk whole = ReviewUnits.join(group);
        int olds = (int) lines.stream().filter(l -> !l.isAdded()).count();
        int news = (int) lines.stream().filter(l -> !l.isRemoved()).count();
        return new Hunk(whole.oldStart(), olds, news == 0 ? whole.newStart() : Math.max(whole.newStart(), 1), news,
                lines);
    }

    /** How many units these hunks hold. */
    public int units() {
        return ids.values().stream().mapToInt(v -> v.split(", ").length).sum();
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** The hunk's unit ids, or its header when it is not one of these (never null, for messages). */
    public String name(Hunk hunk) {
        String id = ids.get(hunk);
        return id != null ? id : hunk.header();
    }
}
