package dev.rustreview.review;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which units of the current round the agent left exactly as an earlier round showed them, so the reviewer can
 * skip or hide them. A unit id hashes the unit's path, items and changed lines, so the same id in the previous
 * round means the same content there.
 */
public final class UnchangedUnits {

    private UnchangedUnits() {
    }

    /**
     * Unit id → the earliest round from which it has been unchanged through every round since (so the previous
     * round at most); empty in round 1. A round saved without its unit ids (by an older version) is known only
     * through the decisions made in it: a unit decided then that still has the same id is unchanged since then.
     */
    public static Map<String, Integer> of(Review review, HunkIndex index) {
        int current = review.currentRound();
        Map<String, Integer> since = new LinkedHashMap<>();
        if (current < 2) {
            return since;
        }
        // Sets once per round: a large branch has thousands of units.
        Map<Integer, java.util.Set<String>> rounds = new java.util.HashMap<>();
        for (int r = 1; r < current; r++) {
            int n = r;
            review.unitsOf(r).ifPresent(ids -> rounds.put(n, new java.util.HashSet<>(ids)));
        }
        Map<String, Integer> reopened = review.changedSince();
        Map<String, Decision> decisions = review.decisions();
        for (HunkIndex.Entry e : index.entries()) {
            String id = e.id();
            if (reopened.containsKey(id)) {
                continue;
            }
            int from = 0;
            boolean unknown = false;
            for (int r = current - 1; r >= 1; r--) {
                java.util.Set<String> units = rounds.get(r);
                if (units == null) {
                    unknown = true;
                    break;
                }
                if (!units.contains(id)) {
                    break;
                }
                from = r;
            }
            if (from == 0 && unknown) {
                Decision d = decisions.get(id);
                from = d != null && d.round() < current ? d.round() : 0;
            }
            if (from > 0) {
                since.put(id, from);
            }
        }
        return since;
    }
}
