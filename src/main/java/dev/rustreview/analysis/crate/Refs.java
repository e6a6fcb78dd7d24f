package dev.rustreview.analysis.crate;

import dev.rustreview.analysis.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an expression names in terms the crate index can resolve: a base type (the impl type for
 * {@code self}, a parameter's or {@code let}'s declared type, a path's type) and a chain of fields.
 * {@code self.inner.state} in {@code impl Pool} is {@code (Pool, [inner, state])}.
 */
public final class Refs {

    /** A place: {@code base} is a type's simple name or null when unknown; {@code text} is the source text. */
    public record Place(String base, List<String> fields, String text) {

        /** This place followed by {@code more} fields. */
        public Place withFields(List<String> more) {
            List<String> all = new ArrayList<>(fields);
            all.addAll(more);
            return new Place(base, all, text);
        }
    }

    /** A call: method {@code name} on {@code receiver}, or a path call ({@code receiver} null, {@code path} set). */
    public record CallRef(Place receiver, String path, String name, String text) {

        public boolean isMethod() {
            return receiver != null;
        }
    }

    private Refs() {
    }

    /** The impl type a fn belongs to ({@code Executor} for {@code impl<T> Executor<T>}), or empty. */
    public static Optional<String> implType(Nav nav, Node fn) {
        return nav.enclosing(fn, "impl_item").flatMap(impl -> nav.field(impl, "type")).map(t -> headName(nav, t));
    }

    /** The trait an impl block around {@code fn} implements, or empty. */
    public static Optional<String> implTrait(Nav nav, Node fn) {
        return nav.enclosing(fn, "impl_item").flatMap(impl -> nav.field(impl, "trait")).map(t -> headName(nav, t));
    }

    static String headName(Nav nav, Node type) {
        Node head = nav.is(type, "generic_type") ? nav.field(type, "type").orElse(type) : type;
        return Exprs.lastSegment(Exprs.compact(nav, head));
    }

    /** The place an expression denotes, looking through {@code &}, {@code *}, parentheses and {@code .clone()}. */
    public static Place place(TypeFacts facts, Node fn, Node expr) {
        Nav nav = facts.nav();
        String text = Exprs.compact(nav, expr);
        List<String> fields = new ArrayList<>();
        Node cur = expr;
        for (int step = 0; step < 16; step++) {
            switch (nav.type(cur)) {
                case "field_expression" -> {
                    fields.add(0, nav.field(cur, "field").map(f -> nav.tree().text(f)).orElse("?"));
                    Optional<Node> v = nav.field(cur, "value");
                    if (v.isEmpty()) {
                        return new Place(null, fields, text);
                    }
                    cur = v.get();
                }
                case "parenthesized_expression", "unary_expression", "reference_expression" -> {
                    if (cur.getNamedChildCount() == 0) {
                        return new Place(null, fields, text);
                    }
                    cur = cur.getNamedChild(cur.getNamedChildCount() - 1);
                }
                case "self" -> {
                    return new Place(fn == null ? null : implType(nav, fn).orElse(null), fields, text);
                }
                case "identifier" -> {
                    Optional<String> type = facts.typeOf(cur);
                    return new Place(type.map(Refs::typeHead).orElse(null), fields, text);
                }
                case "call_expression" -> {
                    if (Exprs.methodName(nav, cur).filter(m -> m.equals("clone") || m.equals("as_ref")
                            || m.equals("deref")).isPresent()) {
                        Optional<Node> recv = Exprs.receiver(nav, cur);
                        if (recv.isEmpty()) {
                            return new Place(null, fields, text);
                        }
                        cur = recv.get();
                    } else {
                        return new Place(null, fields, text);
                    }
                }
                default -> {
                    return new Place(null, fields, text);
                }
            }
        }
        return new Place(null, fields, text);
    }

    /** The call a {@code call_expression} makes, in resolvable terms. */
    public static Optional<CallRef> call(TypeFacts facts, Node fn, Node call) {
        Nav nav = facts.nav();
        String text = Exprs.snippet(nav, call);
        Optional<String> method = Exprs.methodName(nav, call);
        if (method.isPresent()) {
            Optional<Node> recv = Exprs.receiver(nav, call);
            return recv.map(r -> new CallRef(place(facts, fn, r), null, method.get(), text));
        }
        Optional<String> path = Exprs.calleePath(nav, call);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        String p = path.get();
        if (p.startsWith("Self::") && fn != null) {
            p = implType(nav, fn).map(t -> t + "::") .orElse("") + p.substring("Self::".length());
        }
        return Optional.of(new CallRef(null, facts.imports().resolve(p), Exprs.lastSegment(p), text));
    }

    /**
     * The name of the type that matters in a type text: wrappers that only share or box a value are looked
     * through ({@code Arc<Pool>}, {@code &mut Pool}, {@code Box<Pool>} are all {@code Pool}).
     */
    public static String typeHead(String typeText) {
        String t = typeText.replaceAll("\\s+", "");
        for (int step = 0; step < 8; step++) {
            t = t.replaceFirst("^&('\\w+)?(mut)?", "").replaceFirst("^(dyn|impl)", "");
            int lt = t.indexOf('<');
            String head = lt < 0 ? t : t.substring(0, lt);
            String last = Exprs.lastSegment(head);
            if (lt > 0 && t.endsWith(">") && (last.equals("Arc") || last.equals("Rc") || last.equals("Box")
                    || last.equals("Pin") || last.equals("Weak"))) {
                t = t.substring(lt + 1, t.length() - 1);
                continue;
            }
            return last;
        }
        return t;
    }
}
