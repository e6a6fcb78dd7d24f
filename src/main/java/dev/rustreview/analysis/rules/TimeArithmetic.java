package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Part of PN1: {@code Instant}/{@code Duration} arithmetic with the panicking operators. {@code Instant + d}
 * panics when {@code d} is huge (a timeout configured as {@code Duration::MAX} for "never"), {@code Instant - d}
 * and {@code Duration - Duration} panic when the result would be negative (a deadline already passed, an
 * elapsed time longer than the interval). {@code checked_add}/{@code saturating_sub} exist for exactly this.
 * Types are known only locally: {@code Instant::now()}, {@code Duration::from_*}/{@code Duration::new},
 * {@code .elapsed()}/{@code .duration_since(..)}, locals or parameters declared or initialised with them, and
 * {@code self.f} where every struct field {@code f} of the file is declared {@code Instant} (or every one
 * {@code Duration}). {@code x - d} with {@code d} a {@code Duration} held in a local, parameter or field is reported whatever
 * {@code x} is: {@code Instant}, {@code SystemTime} and {@code Duration} all panic on that underflow (metrics
 * a41ea8e3: a bucket start stepped back by the configured bucket width before the clock's origin).
 * {@code Instant - Instant} saturates since Rust 1.60 and is not reported (so {@code Instant - x} needs {@code x}
 * known to be a {@code Duration}); neither is arithmetic whose other
 * operand is a {@code Duration} built from a literal (a fixed, small offset).
 */
final class TimeArithmetic {

    enum Kind { INSTANT, DURATION, NONE }

    /** One panicking operation: the expression and how to describe it. */
    record Site(Node node, String described) {
    }

    private static final Pattern LITERAL_DURATION = Pattern.compile(
            "(?:\\w+::)*Duration::(?:from_\\w+|new)\\(\\s*[\\d_.]+(?:\\s*,\\s*[\\d_]+)?\\s*\\)|(?:\\w+::)*Duration::ZERO");

    /** A call's argument list with at most one level of nested parentheses, ending the expression. */
    private static final String ARGS = "\\((?:[^()]|\\([^()]*\\))*\\)";

    private TimeArithmetic() {
    }

    static List<Site> sites(RustTree tree, TreeIndex scopes) {
        List<Site> out = new ArrayList<>();
        for (Node op : scopes.nodes("binary_expression", "compound_assignment_expr")) {
            String operator = Syntax.field(op, "operator").map(tree::text).orElse("");
            Node left = Syntax.field(op, "left").orElse(null);
            Node right = Syntax.field(op, "right").orElse(null);
            if (left == null || right == null) {
                continue;
            }
            Optional<Node> fn = scopes.innermost(op, "function_item");
            Kind l = kind(tree, fn.orElse(null), left);
            Kind r = kind(tree, fn.orElse(null), right);
            boolean add = operator.equals("+") || operator.equals("+=");
            boolean sub = operator.equals("-") || operator.equals("-=");
            // The operator's text only for a site reported: at every operator of a long chain it was quadratic.
            java.util.function.Supplier<String> brief = () -> SafetySyntax.brief(tree, op);
            if (add && (l == Kind.INSTANT && !small(tree, right) || r == Kind.INSTANT && !small(tree, left))) {
                out.add(new Site(op, "`" + brief.get() + "` (an `Instant` plus a duration that may be huge, e.g. "
                        + "`Duration::MAX` for \"no timeout\", panics on overflow; `checked_add` does not)"));
            } else if (sub && l == Kind.INSTANT && r == Kind.DURATION && !literal(tree, right)) {
                // Only when the right side is known to be a Duration: `Instant - Instant` saturates.
                out.add(new Site(op, "`" + brief.get() + "` (an `Instant` minus a duration panics when the result would "
                        + "precede the clock's origin; `checked_sub` does not)"));
            } else if (sub && l == Kind.DURATION && !literal(tree, right)) {
                out.add(new Site(op, "`" + brief.get() + "` (a `Duration` subtraction panics when the result would be "
                        + "negative, e.g. more time elapsed than the interval; `saturating_sub` does not)"));
            } else if (sub && l == Kind.NONE && r == Kind.DURATION && (named(right) || configured(tree, right))) {
                // Whatever the left side is, only a time type subtracts a Duration, and every std one panics. Only
                // a configured duration (a field, a local, a parameter): `t + 1s - from_nanos(subsec)` is a
                // rounding, not an underflow (hyper's date cache).
                out.add(new Site(op, "`" + brief.get() + "` (a time minus a `Duration` panics when the result would be "
                        + "negative or precede the clock's origin, for `Instant`, `SystemTime` and `Duration` alike; "
                        + "`checked_sub` does not)"));
            }
        }
        return out;
    }

    /**
     * Longer operands are never a clock reading or a duration of their own (an `Instant::now()`, a
     * `Duration::from_secs(..)`, an `.elapsed()`), but matching their text at every operator of a long chain
     * was quadratic: the fuzzer's 126 KB line of `+` and `-` took 100 s.
     */
    private static final int MAX_OPERAND_BYTES = 2_000;

    private static boolean longOperand(Node node) {
        return node.getEndByte() - node.getStartByte() > MAX_OPERAND_BYTES;
    }

    /**
     * A {@code Duration::from_millis/micros/nanos(..)} of any {@code u64} is under 600 million years, which no
     * {@code Instant} (64-bit seconds) overflows on: added to one it cannot panic.
     */
    private static final Pattern SUB_SECOND = Pattern.compile("(?:\\w+::)*Duration::from_(?:millis|micros|nanos)" + ARGS);

    /** A literal duration, or one too small to overflow an {@code Instant} it is added to. */
    private static boolean small(RustTree tree, Node node) {
        return literal(tree, node) || !longOperand(node)
                && SUB_SECOND.matcher(tree.text(node).replaceAll("\\s+", "")).matches();
    }

    /** A duration held in a name: a local, a parameter or a {@code self.} field. */
    private static boolean named(Node node) {
        return Syntax.is(node, "identifier", "field_expression");
    }

    /**
     * A duration of whole seconds or milliseconds built from a configured value held in a name
     * ({@code Duration::from_millis(state.display_time)}): bottom 3d22177d reversed stepped the newest sample's
     * {@code Instant} back by the configured display window, which panics on a machine up for less than the
     * window. Sub-second constructors stay out: {@code t - Duration::from_nanos(subsec)} is a rounding.
     */
    private static final Pattern CONFIGURED_DURATION = Pattern.compile(
            "(?:\\w+::)*Duration::from_(?:secs|millis|secs_f64|secs_f32)\\((?:self\\.)?[a-z_][\\w.]*\\)");

    private static boolean configured(RustTree tree, Node node) {
        return !longOperand(node) && CONFIGURED_DURATION.matcher(tree.text(node).replaceAll("\\s+", "")).matches();
    }

    private static boolean literal(RustTree tree, Node node) {
        if (longOperand(node)) {
            return false;
        }
        return LITERAL_DURATION.matcher(tree.text(node).replaceAll("\\s+", "")).matches();
    }

    static Kind kind(RustTree tree, Node fn, Node expr) {
        Node e = expr;
        while (Syntax.is(e, "parenthesized_expression") && Syntax.namedChildren(e).size() == 1) {
            e = Syntax.namedChildren(e).get(0);
        }
        if (longOperand(e)) {
            return Kind.NONE;
        }
        String text = tree.text(e).replaceAll("\\s+", "");
        if (text.matches("(?:\\w+::)*Instant::now\\(\\)")) {
            return Kind.INSTANT;
        }
        if (text.matches("(?:\\w+::)*Duration::(?:from_\\w+|new)" + ARGS + "|(?:\\w+::)*Duration::(?:MAX|ZERO)")
                || text.matches(".*\\.(?:elapsed|duration_since|saturating_duration_since)" + ARGS)) {
            return Kind.DURATION;
        }
        if (Syntax.is(e, "identifier") && fn != null) {
            return local(tree, fn, tree.text(e), e);
        }
        if (Syntax.is(e, "field_expression") && Syntax.field(e, "value").map(tree::text).filter("self"::equals).isPresent()) {
            return Syntax.field(e, "field").map(f -> tree.derived(FieldKinds.class, FieldKinds::new).of(tree.text(f)))
                    .orElse(Kind.NONE);
        }
        return Kind.NONE;
    }

    /** The time kind of each named struct field of a file, NONE where two declarations of the name disagree. */
    private static final class FieldKinds {
        private final java.util.Map<String, Kind> byName = new java.util.HashMap<>();

        FieldKinds(RustTree tree) {
            for (Node field : tree.find(tree.root(), "field_declaration")) {
                String name = Syntax.field(field, "name").map(tree::text).orElse("");
                Kind kind = ofType(tree, Syntax.field(field, "type").orElse(null));
                byName.merge(name, kind, (a, b) -> a == b ? a : Kind.NONE);
            }
        }

        Kind of(String name) {
            return byName.getOrDefault(name, Kind.NONE);
        }
    }

    /** The kind of a parameter or a {@code let} before {@code use} in {@code fn}, from its type or initialiser. */
    private static Kind local(RustTree tree, Node fn, String name, Node use) {
        Kind found = Kind.NONE;
        Optional<Node> params = Syntax.field(fn, "parameters");
        if (params.isPresent()) {
            for (Node p : Syntax.namedChildren(params.get())) {
                if (Syntax.field(p, "pattern").map(tree::text).filter(name::equals).isPresent()) {
                    found = ofType(tree, Syntax.field(p, "type").orElse(null));
                }
            }
        }
        // A fn's lets are listed once per tree (every operator of a long chain walked the whole fn before).
        List<Node> lets = tree.derived(LetsByFn.class, t -> new LetsByFn()).lets(tree, fn);
        for (Node let : lets) {
            if (let.getStartByte() >= use.getStartByte()
                    || Syntax.field(let, "pattern").map(tree::text).filter(t -> t.equals(name) || t.equals("mut " + name)).isEmpty()) {
                continue;
            }
            Kind typed = ofType(tree, Syntax.field(let, "type").orElse(null));
            Node value = Syntax.field(let, "value").orElse(null);
            found = typed != Kind.NONE ? typed : value == null ? Kind.NONE : kind(tree, null, value);
        }
        return found;
    }

    /** The let declarations of each fn asked about, in source order. */
    private static final class LetsByFn {
        private final java.util.Map<Node, List<Node>> byFn = new java.util.concurrent.ConcurrentHashMap<>();

        List<Node> lets(RustTree tree, Node fn) {
            return byFn.computeIfAbsent(fn, f -> tree.find(f, "let_declaration"));
        }
    }

    private static Kind ofType(RustTree tree, Node type) {
        if (type == null) {
            return Kind.NONE;
        }
        String t = tree.text(type).replaceAll("\\s+", "").replaceFirst("^&", "");
        String last = t.contains("::") ? t.substring(t.lastIndexOf("::") + 2) : t;
        return last.equals("Instant") ? Kind.INSTANT : last.equals("Duration") ? Kind.DURATION : Kind.NONE;
    }
}
