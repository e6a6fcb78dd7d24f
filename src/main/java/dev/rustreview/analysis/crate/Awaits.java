package dev.rustreview.analysis.crate;

import dev.rustreview.analysis.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The suspension points of a fn: every {@code .await}, also one written inside a macro body (tree-sitter
 * leaves macro bodies as token trees, where {@code x.await} is the tokens {@code .} and {@code await}), and
 * the macros that await their arguments themselves ({@code select!}, {@code join!}, {@code try_join!}).
 */
public final class Awaits {

    private static final Set<String> AWAITING_MACROS = Set.of("select", "join", "try_join", "pending");

    private Awaits() {
    }

    /** The await points directly in {@code fn} (closures and async blocks included, nested fns not), in order. */
    public static List<Node> in(Nav nav, Node fn) {
        List<Node> out = new ArrayList<>();
        for (Node n : nav.findInFn(fn, "await_expression", "macro_invocation")) {
            if (!nav.enclosingFn(n).map(fn::equals).orElse(false)) {
                continue;
            }
            if (nav.is(n, "await_expression")) {
                out.add(n);
                continue;
            }
            String name = nav.field(n, "macro").map(m -> Exprs.lastSegment(Exprs.compact(nav, m))).orElse("");
            if (AWAITING_MACROS.contains(name)) {
                out.add(n);
            }
            awaitTokens(nav, n, out);
        }
        out.sort((a, b) -> Integer.compare(a.getStartByte(), b.getStartByte()));
        return out;
    }

    /** {@code .await} written in a macro's token trees. */
    private static void awaitTokens(Nav nav, Node macro, List<Node> out) {
        for (Node tt : nav.find(macro, "token_tree")) {
            List<Node> seq = nav.children(tt);
            for (int i = 1; i < seq.size(); i++) {
                Node tok = seq.get(i);
                if (".".equals(seq.get(i - 1).getType()) && nav.tree().text(tok).equals("await")
                        && !nav.is(tok, "token_tree")) {
                    out.add(tok);
                }
            }
        }
    }

    /** A short text for an await point: the awaited expression, or {@code select!} for a macro. */
    public static String describe(Nav nav, Node await) {
        if (nav.is(await, "macro_invocation")) {
            return nav.field(await, "macro").map(m -> Exprs.compact(nav, m)).orElse("macro") + "!";
        }
        if (nav.is(await, "await_expression")) {
            return Exprs.snippet(nav, await);
        }
        return ".await (inside a macro)";
    }
}
