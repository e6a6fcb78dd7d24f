package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.crate.Exprs;
import dev.rustreview.analysis.crate.Nav;
import java.util.Optional;

/**
 * How long a value bound to a name lives inside a block: to the block's end, or to an explicit {@code drop(name)}
 * (a guard with a {@code Drop} is not released at its last use). Shared by the rules that ask what happens while a
 * guard that is not a lock of the crate model is alive: CC28 (a DashMap guard), AL26 (a span guard), AL28.
 */
final class BindingLife {

    private BindingLife() {
    }

    /** The offset of the first {@code drop(name)} (or {@code mem::drop}) in {@code scope} at or after {@code from}. */
    static int droppedAt(Nav nav, Node scope, String name, int from) {
        int dropped = Integer.MAX_VALUE;
        for (Node call : nav.find(scope, "call_expression")) {
            if (call.getStartByte() >= from && Exprs.args(nav, call).size() == 1
                    && name.equals(Exprs.compact(nav, Exprs.args(nav, call).get(0)))
                    && Exprs.calleePath(nav, call).filter(p -> p.equals("drop") || p.endsWith("mem::drop")).isPresent()) {
                dropped = Math.min(dropped, call.getStartByte());
            }
        }
        return dropped;
    }

    /**
     * The first {@code .await} in {@code scope} at or after {@code from} while {@code name} is alive, in the async fn
     * or block {@code home} itself (an await inside a nested async block or closure suspends another future).
     */
    static Optional<Node> firstAwait(Nav nav, Node scope, String name, int from, Node home) {
        int dropped = droppedAt(nav, scope, name, from);
        Node first = null;
        for (Node await : nav.find(scope, "await_expression")) {
            int at = await.getStartByte();
            if (at >= from && at < dropped && nav.asyncBoundary(await).filter(home::equals).isPresent()
                    && (first == null || at < first.getStartByte())) {
                first = await;
            }
        }
        return Optional.ofNullable(first);
    }
}
