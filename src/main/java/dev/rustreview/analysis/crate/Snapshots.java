package dev.rustreview.analysis.crate;

import dev.rustreview.analysis.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Short-lived acquisitions of a fn and what their values decide after the guard is gone: the facts CC8
 * (atomicity violation) and CC9 (snapshot-then-act) share. A temporary guard dies with its statement or
 * with the {@code if}/{@code while} condition it is in, so what it read is a snapshot by the next line.
 */
public final class Snapshots {

    /**
     * An acquisition whose guard dies early, and the {@code if}/{@code while}/{@code match} it decides: either
     * the acquisition is in that condition, or it feeds {@code let name = ..} and {@code name} is in the
     * condition. {@code body} is what runs on the snapshot (consequence, loop body, match arms).
     */
    public record Decision(Locks.LockCall read, String name, Node let, Node condition, Node body) {
    }

    private Snapshots() {
    }

    /** Every snapshot decision in {@code fn}, in document order. */
    public static List<Decision> in(FileView view, Node fn) {
        Nav nav = view.nav();
        List<Decision> out = new ArrayList<>();
        List<Locks.Held> held = view.held(fn);
        for (Locks.LockCall lc : view.acquisitions(fn)) {
            if (lc.origin() == LockOrigin.REFCELL || held.stream().anyMatch(h -> h.lock() == lc)) {
                continue;
            }
            Optional<Node[]> cond = conditionOf(nav, lc.call());
            if (cond.isPresent()) {
                out.add(new Decision(lc, null, null, cond.get()[0], cond.get()[1]));
                continue;
            }
            Optional<Node> let = nav.enclosing(lc.call(), "let_declaration")
                    .filter(l -> nav.enclosingFn(l).map(fn::equals).orElse(false));
            Optional<Node> pattern = let.flatMap(l -> nav.field(l, "pattern")).filter(p -> nav.is(p, "identifier"));
            if (pattern.isEmpty()) {
                continue;
            }
            String name = nav.tree().text(pattern.get());
            Optional<Node> block = nav.parent(let.get());
            if (block.isEmpty()) {
                continue;
            }
            for (Node id : nav.find(block.get(), "identifier")) {
                if (id.getStartByte() <= let.get().getEndByte() || !nav.tree().text(id).equals(name)) {
                    continue;
                }
                Optional<Node[]> c = conditionOf(nav, id);
                if (c.isPresent()) {
                    out.add(new Decision(lc, name, let.get(), c.get()[0], c.get()[1]));
                    break;
                }
            }
        }
        return out;
    }

    /** {condition, body} of the nearest {@code if}/{@code while} condition or {@code match} scrutinee around {@code node}. */
    private static Optional<Node[]> conditionOf(Nav nav, Node node) {
        Node cur = node;
        for (int up = 0; up < Locks.MAX_STATEMENT_DEPTH; up++) {
            Optional<Node> p = nav.parent(cur);
            if (p.isEmpty() || nav.is(p.get(), "block", "function_item", "closure_expression", "let_declaration",
                    "expression_statement", "let_condition")) {
                return Optional.empty();
            }
            Node parent = p.get();
            Node child = cur;
            if (nav.is(parent, "if_expression") && nav.field(parent, "condition").map(child::equals).orElse(false)) {
                return nav.field(parent, "consequence").map(b -> new Node[] {child, b});
            }
            if (nav.is(parent, "while_expression") && nav.field(parent, "condition").map(child::equals).orElse(false)) {
                return nav.field(parent, "body").map(b -> new Node[] {child, b});
            }
            if (nav.is(parent, "match_expression") && nav.field(parent, "value").map(child::equals).orElse(false)) {
                return nav.field(parent, "body").map(b -> new Node[] {child, b});
            }
            cur = parent;
        }
        return Optional.empty();
    }
}
