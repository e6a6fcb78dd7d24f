package dev.rustreview.review;

import dev.rustreview.analysis.StableIds;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opens a review written when git's hunks were the unit of decision (file format 1): each hunk-level decision
 * becomes the same decision on every unit cut from that hunk, and annotations, "changed since" marks and
 * outdated decisions follow to the units. A hunk is recognised by its old id (recomputed from its units) or, when
 * that fails, by its content fingerprint in the same file. Nothing is dropped: a decision whose hunk is not in
 * this round stays as it was, for the round's carry-over to show as outdated.
 */
final class UnitMigration {

    private UnitMigration() {
    }

    static void migrate(Review review, HunkIndex index) {
        if (!review.hunkLevel()) {
            return;
        }
        Map<Hunk, HunkIndex.Entry> entries = new java.util.IdentityHashMap<>();
        index.entries().forEach(e -> entries.put(e.hunk(), e));
        Map<String, List<HunkIndex.Entry>> byOldId = new HashMap<>();
        Map<String, List<HunkIndex.Entry>> byFingerprint = new HashMap<>();
        for (FileChange file : index.analysis().changeSet().files()) {
            for (List<Hunk> group : ReviewUnits.gitHunks(file.hunks())) {
                List<HunkIndex.Entry> units = group.stream().map(entries::get).filter(java.util.Objects::nonNull).toList();
                if (units.isEmpty()) {
                    continue;
                }
                Hunk joined = ReviewUnits.join(group);
                Set<String> items = new LinkedHashSet<>();
                units.forEach(u -> items.addAll(u.analysis().items()));
                byOldId.put(StableIds.hunk(file.path(), joined, List.copyOf(items)), units);
                byFingerprint.put(file.path() + '\n' + Fingerprints.of(joined), units);
            }
        }
        for (Decision d : review.decisions().values()) {
            if (index.entry(d.hunkId()).isPresent()) {
                continue;
            }
            List<HunkIndex.Entry> units = units(byOldId, byFingerprint, d.hunkId(), d.path(), d.fingerprint());
            if (units.isEmpty()) {
                continue;
            }
            review.removeDecision(d.hunkId());
            for (HunkIndex.Entry u : units) {
                review.putDecision(new Decision(u.id(), d.state(), d.reason(), d.author(), d.at(), d.round(),
                        Fingerprints.of(u.hunk()), u.path(), u.analysis().items()));
            }
        }
        review.changedSince().forEach((id, round) -> {
            List<HunkIndex.Entry> units = byOldId.getOrDefault(id, List.of());
            if (!units.isEmpty()) {
                review.unmarkChanged(id);
                units.forEach(u -> review.markChanged(u.id(), round));
            }
        });
        List<OutdatedDecision> outdated = review.outdatedDecisions();
        for (int i = 0; i < outdated.size(); i++) {
            OutdatedDecision o = outdated.get(i);
            List<HunkIndex.Entry> units = o.nowHunkId() == null ? List.of() : byOldId.getOrDefault(o.nowHunkId(), List.of());
            if (!units.isEmpty()) {
                review.replaceOutdated(i, new OutdatedDecision(o.decision(), units.get(0).id(), o.sinceRound()));
            }
        }
        for (Annotation a : review.annotations()) {
            Anchor anchor = a.anchor();
            List<HunkIndex.Entry> units = anchor.hunkId() == null ? List.of() : byOldId.getOrDefault(anchor.hunkId(), List.of());
            if (!units.isEmpty()) {
                String unit = units.stream().filter(u -> holds(u, anchor)).findFirst().orElse(units.get(0)).id();
                review.putAnnotation(a.withAnchor(anchor.movedTo(anchor.startLine(), anchor.endLine(), unit)));
            }
        }
        review.hunkLevel(false);
        review.touch();
    }

    private static List<HunkIndex.Entry> units(Map<String, List<HunkIndex.Entry>> byOldId,
                                               Map<String, List<HunkIndex.Entry>> byFingerprint, String id,
                                               String path, String fingerprint) {
        List<HunkIndex.Entry> units = byOldId.get(id);
        if (units == null && path != null && fingerprint != null) {
            units = byFingerprint.get(path + '\n' + fingerprint);
        }
        return units == null ? List.of() : new ArrayList<>(units);
    }

    private static boolean holds(HunkIndex.Entry unit, Anchor anchor) {
        boolean newSide = anchor.side() != dev.rustreview.model.Side.OLD;
        Hunk h = unit.hunk();
        int start = newSide ? h.newStart() : h.oldStart();
        int count = newSide ? h.newCount() : h.oldCount();
        return anchor.startLine() >= start && anchor.startLine() < start + Math.max(count, 1);
    }
}
