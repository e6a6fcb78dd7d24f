package dev.rustreview.ui.navigator;

import dev.rustreview.model.Finding;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where {@code f} goes next: the next finding of the current unit (its first when {@code f} has not shown one of
 * it yet), else the first finding of the next unit in
 * the navigator's order that has one, wrapping around once; so every finding is visited, not only the first of
 * each unit. Pure: the order and each unit's findings are given.
 */
public final class FindingWalk {

    /** A finding to show, and the unit it is in. */
    public record Stop(HunkRef unit, Finding finding) {
    }

    private FindingWalk() {
    }

    /**
     * @param order    the units in the navigator's order
     * @param findings a unit's findings in visiting order
     * @param at       the selected unit (may be null or not in {@code order})
     * @param lastId   the finding {@code f} showed last in {@code at}, or null when none was
     */
    public static Optional<Stop> next(List<HunkRef> order, Function<HunkRef, List<Finding>> findings, HunkRef at,
                                      String lastId) {
        if (order.isEmpty()) {
            return Optional.empty();
        }
        int start = order.indexOf(at);
        if (start >= 0) {
            List<Finding> here = findings.apply(at);
            int i = lastId == null ? -1 : indexOf(here, lastId);
            // Nothing shown yet in this unit (or the last one is gone): its first finding comes first.
            if (i + 1 < here.size()) {
                return Optional.of(new Stop(at, here.get(i + 1)));
            }
        }
        for (int step = 1; step <= order.size(); step++) {
            HunkRef r = order.get(Math.floorMod(start + step, order.size()));
            List<Finding> in = findings.apply(r);
            if (!in.isEmpty()) {
                return Optional.of(new Stop(r, in.get(0)));
            }
        }
        return Optional.empty();
    }

    private static int indexOf(List<Finding> list, String id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
