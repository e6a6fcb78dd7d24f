package dev.rustreview.review;

import dev.rustreview.model.ChangeSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Starts a new round when the head moved, and carries the reviewer's work over: state on an unchanged hunk id
 * stays; a decision or annotation whose hunk changed is kept as outdated next to the hunk it became, and that
 * hunk goes back to unreviewed, marked "changed since round N". Nothing is deleted.
 */
final class RoundStarter {

    private RoundStarter() {
    }

    /** Returns true when a new round started. */
    static boolean startIfMoved(Review review, HunkIndex index, Instant now) {
        ChangeSet cs = index.analysis().changeSet();
        Optional<Round> last = review.lastRound();
        if (last.isPresent() && last.get().headCommitId().equals(cs.toId())) {
            return false;
        }
        // A head an earlier round reviewed is the reviewer looking back (v2, then v1 again), not the agent pushing:
        // starting a round there carried every decision over a second time and said the agent updated the branch.
        if (earlierRound(review, cs.toId()).isPresent()) {
            return false;
        }
        int n = review.currentRound() + 1;
        review.addRound(new Round(n, cs.head() == null ? cs.toId() : cs.head().spec(), cs.toId(),
                cs.base() == null ? null : cs.base().commitId(), cs.mergeBaseId(), now, cs.files().size(),
                index.entries().size(), index.analysis().findings().size()));
        review.roundUnits(n, index.entries().stream().map(HunkIndex.Entry::id).toList());
        if (n > 1) {
            carryOver(review, index, n);
            ViewedFiles.resetChanged(review, index);
        }
        return true;
    }

    /** The round, other than the last, whose head was {@code headCommitId}. */
    static Optional<Round> earlierRound(Review review, String headCommitId) {
        List<Round> rounds = review.rounds();
        return rounds.stream().limit(Math.max(0, rounds.size() - 1))
                .filter(r -> r.headCommitId().equals(headCommitId)).reduce((a, b) -> b);
    }

    private static void carryOver(Review review, HunkIndex index, int round) {
        Set<String> current = new HashSet<>();
        index.entries().forEach(e -> current.add(e.id()));
        for (Decision d : review.decisions().values()) {
            if (current.contains(d.hunkId())) {
                continue;
            }
            Optional<HunkIndex.Entry> now = byTextOf(review, index, d.hunkId(), current)
                    .or(() -> byItems(index, d.path(), d.items(), review));
            review.removeDecision(d.hunkId());
            review.addOutdated(new OutdatedDecision(d, now.map(HunkIndex.Entry::id).orElse(null), round));
            now.ifPresent(e -> markChanged(review, e.id(), d.round()));
        }
        for (Annotation a : review.annotations()) {
            Anchor anchor = a.anchor();
            if (a.outdated() || anchor.scope() != Anchor.Scope.LINES || anchor.hunkId() == null) {
                continue;
            }
            Optional<HunkIndex.Entry> same = index.entry(anchor.hunkId());
            if (same.isPresent()) {
                int at = SideText.find(same.get().hunk(), anchor.side(), anchor.lines());
                if (at > 0) {
                    review.putAnnotation(a.withAnchor(anchor.movedTo(at, at + anchor.endLine() - anchor.startLine(),
                            anchor.hunkId())));
                }
                continue;
            }
            Optional<HunkIndex.Entry> now = byText(index, anchor, current)
                    .or(() -> byOutdatedDecision(review, index, anchor.hunkId()));
            review.putAnnotation(a.outdatedIn(round).withAnchor(anchor.movedTo(anchor.startLine(), anchor.endLine(),
                    now.map(HunkIndex.Entry::id).orElse(null))));
            now.ifPresent(e -> markChanged(review, e.id(), a.round()));
        }
    }

    private static void markChanged(Review review, String hunkId, int sinceRound) {
        if (review.state(hunkId) == DecisionState.UNREVIEWED && !review.changedSince().containsKey(hunkId)) {
            review.markChanged(hunkId, sinceRound);
        }
    }

    /** A hunk of the same file still showing an annotation's anchored lines. */
    private static Optional<HunkIndex.Entry> byText(HunkIndex index, Anchor anchor, Set<String> current) {
        return index.entries().stream().filter(e -> e.path().equals(anchor.path()))
                .filter(e -> SideText.find(e.hunk(), anchor.side(), anchor.lines()) > 0).findFirst();
    }

    private static Optional<HunkIndex.Entry> byTextOf(Review review, HunkIndex index, String oldHunkId,
                                                      Set<String> current) {
        return review.annotations().stream().filter(a -> oldHunkId.equals(a.anchor().hunkId()))
                .map(a -> byText(index, a.anchor(), current)).flatMap(Optional::stream).findFirst();
    }

    /**
     * A unit of the same file for the same item (the function the agent rewrote): the same enclosing items first,
     * then the same innermost item, then any shared item; among equals, one without a decision (a unit that kept
     * its id kept its decision, so it is not the one that changed).
     */
    private static Optional<HunkIndex.Entry> byItems(HunkIndex index, String path, List<String> items, Review review) {
        List<HunkIndex.Entry> sameFile = index.entries().stream().filter(e -> e.path().equals(path))
                .sorted(java.util.Comparator.comparing(e -> review.state(e.id()) != DecisionState.UNREVIEWED))
                .toList();
        Optional<HunkIndex.Entry> exact = sameFile.stream().filter(e -> !items.isEmpty()
                && e.analysis().items().equals(items)).findFirst();
        Optional<HunkIndex.Entry> innermost = sameFile.stream().filter(e -> !items.isEmpty()
                && !e.analysis().items().isEmpty() && last(e.analysis().items()).equals(last(items))).findFirst();
        Optional<HunkIndex.Entry> overlap = exact.or(() -> innermost).or(() -> sameFile.stream()
                .filter(e -> e.analysis().items().stream().anyMatch(items::contains)).findFirst());
        if (overlap.isPresent() || items.isEmpty()) {
            return overlap.or(() -> sameFile.size() == 1 ? Optional.of(sameFile.get(0)) : Optional.empty());
        }
        return Optional.empty();
    }

    private static String last(List<String> items) {
        return items.get(items.size() - 1);
    }

    private static Optional<HunkIndex.Entry> byOutdatedDecision(Review review, HunkIndex index, String oldHunkId) {
        return review.outdatedDecisions().stream().filter(o -> o.decision().hunkId().equals(oldHunkId))
                .filter(o -> o.nowHunkId() != null).map(o -> index.entry(o.nowHunkId())).flatMap(Optional::stream)
                .findFirst();
    }
}
