package dev.rustreview.analysis.crate;

import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RustTree;
import java.util.ArrayList;
import java.util.List;

/** Where one fn takes a lock while another of its guards is alive (CC1, CC2 and CC3 read this). */
public final class LockFlow {

    private LockFlow() {
    }

    /** A second acquisition made while {@code first}'s guard is alive. */
    public record Overlap(Node fn, Locks.Held first, Locks.LockCall second) {
    }

    public static List<Overlap> overlaps(Locks locks, Node fn) {
        List<Overlap> out = new ArrayList<>();
        List<Locks.Held> held = locks.guards(fn);
        if (held.isEmpty()) {
            return out;
        }
        for (Locks.LockCall second : locks.acquisitions(fn)) {
            for (Locks.Held h : held) {
                if (h.lock() != second && !h.lock().call().equals(second.call()) && locks.alive(h, second.call(), true)) {
                    out.add(new Overlap(fn, h, second));
                }
            }
        }
        return out;
    }

    /** The first line of a guard: its {@code let}, or the lock call of a scrutinee temporary. */
    public static int startLine(Locks.Held h) {
        return h.letBound() ? RustTree.startLine(h.anchor()) : RustTree.startLine(h.lock().call());
    }

    /** {@code guard `state` from `self.state.lock()` (line 10)}. */
    public static String describe(Nav nav, Locks.Held h) {
        return h.label() + " from `" + Exprs.snippet(nav, h.lock().call()) + "` (line " + startLine(h) + ")";
    }
}
