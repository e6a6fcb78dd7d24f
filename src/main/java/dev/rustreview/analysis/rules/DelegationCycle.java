package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.Exprs;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PN36: two methods of one type, each whose whole body is a call of the other on {@code self}: every call recurses
 * until the stack overflows. rustc's {@code unconditional_recursion} sees a fn that calls itself, not two that call
 * each other. rust-bitcoin 65b1c7ea reversed: {@code IntoIterator for &SerializedSignature} returned
 * {@code (*self).iter()}, which is {@code SerializedSignature::iter}, whose body is {@code self.into_iter()}; one
 * dereference fewer than {@code (**self).iter()}, the slice's.
 */
public final class DelegationCycle implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN36", RiskArea.PANICS, Severity.MEDIUM,
            "two methods that only call each other",
            "A non-test method the change touches whose body is one call `self.m(..)` (or `(*self).m(..)`, `&self`, "
                    + "`!self.m(..)`), where the same file's method `m` of the same type (inherent or any trait impl) "
                    + "has a body that is one call of the first method's name on `self`.",
            "It reads bodies that are a single call and methods of one file: a cycle through a condition, a third "
                    + "method or another file is not seen, and which of two same-named methods the compiler picks is "
                    + "read from the receiver's dereferences only.");

    /** {@code self}, {@code *self}, {@code (*self)}, {@code &self}, {@code &*self}: group 1 the stars. */
    private static final Pattern SELF = Pattern.compile("^&?\\s*(?:mut\\s+)?\\(?\\s*(\\**)\\s*self\\s*\\)?$");
    private static final int MAX_FINDINGS = 4;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.newText() == null || file.isTestPath() || file.oldText() == null) {
            return out;
        }
        FileView view = FileView.of(file).orElse(null);
        if (view == null) {
            return out;
        }
        Nav nav = view.nav();
        List<Method> methods = new ArrayList<>();
        for (Node fn : view.fns()) {
            method(nav, fn).ifPresent(methods::add);
        }
        java.util.Map<String, List<Method>> byName = new java.util.HashMap<>();
        methods.forEach(m -> byName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m));
        for (Method f : methods) {
            if (out.size() >= MAX_FINDINGS || view.isTest(f.fn())
                    || !RuleSupport.touched(file, RustTree.startLine(f.call()), RustTree.endLine(f.call()))) {
                continue;
            }
            int stars = f.stars();
            if (stars > (f.selfIsRef() ? 1 : 0)) {
                continue; // `(**self).iter()` reaches the type the value derefs to, not this one
            }
            for (Method m : byName.getOrDefault(f.callee(), List.of())) {
                if (m == f || !m.name().equals(f.callee()) || !m.type().equals(f.type()) || !m.callee().equals(f.name())
                        || m.stars() > (m.selfIsRef() ? 1 : 0) || view.isTest(m.fn())) {
                    continue;
                }
                int line = RustTree.startLine(f.call());
                String call = RuleSupport.snippet(nav, f.call());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, RustTree.endLine(f.call()))
                        .object(f.type() + "::" + f.name()).object(f.type() + "::" + m.name())
                        .title("`" + f.name() + "` calls `" + m.name() + "`, which calls `" + f.name() + "` back: "
                                + "unbounded recursion")
                        .explanation("The whole body of `" + f.name() + "` is `" + call + "`, and the whole body of `"
                                + m.name() + "` (line " + RustTree.startLine(m.fn()) + ") calls `" + f.name()
                                + "` on the same value, so each call recurses until the stack overflows. rustc warns "
                                + "about a fn that calls itself, not about two that call each other.")
                        .check("Make one of the two do the work: call the inner value's method (`(**self)." + m.name()
                                + "()`, `self.inner." + m.name() + "()`) rather than this type's.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** A method of an impl whose body is one call on {@code self}. */
    private record Method(Node fn, String name, String type, boolean selfIsRef, Node call, String callee, int stars) {
    }

    private static Optional<Method> method(Nav nav, Node fn) {
        Optional<Node> impl = nav.enclosing(fn, "impl_item");
        Optional<Node> body = nav.field(fn, "body");
        Optional<Node> name = nav.field(fn, "name");
        if (impl.isEmpty() || body.isEmpty() || name.isEmpty() || nav.enclosing(fn, "function_item").isPresent()) {
            return Optional.empty();
        }
        Optional<Node> type = nav.field(impl.get(), "type");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        boolean refImpl = nav.is(type.get(), "reference_type");
        Node named = refImpl ? nav.field(type.get(), "type").orElse(type.get()) : type.get();
        if (nav.is(named, "generic_type")) {
            named = nav.field(named, "type").orElse(named);
        }
        String typeName = Exprs.lastSegment(Exprs.compact(nav, named));
        Optional<Node> selfParam = nav.field(fn, "parameters").flatMap(p -> nav.namedChildren(p).stream().findFirst())
                .filter(p -> nav.is(p, "self_parameter"));
        if (selfParam.isEmpty() || !typeName.matches("[A-Za-z_]\\w*")) {
            return Optional.empty();
        }
        boolean selfIsRef = refImpl || nav.tree().text(selfParam.get()).strip().startsWith("&");
        List<Node> inside = nav.namedChildren(body.get()).stream().filter(n -> !nav.is(n, "line_comment", "block_comment"))
                .toList();
        if (inside.size() != 1) {
            return Optional.empty();
        }
        Node expr = inside.get(0);
        for (int i = 0; i < 3 && nav.is(expr, "unary_expression", "parenthesized_expression", "reference_expression")
                && expr.getNamedChildCount() > 0; i++) {
            expr = nav.namedChildren(expr).get(nav.namedChildren(expr).size() - 1);
        }
        if (!nav.is(expr, "call_expression")) {
            return Optional.empty();
        }
        Optional<String> callee = Exprs.methodName(nav, expr);
        Optional<Node> receiver = Exprs.receiver(nav, expr);
        if (callee.isEmpty() || receiver.isEmpty()) {
            return Optional.empty();
        }
        var m = SELF.matcher(Exprs.compact(nav, receiver.get()));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Method(fn, nav.tree().text(name.get()), typeName, selfIsRef, expr, callee.get(),
                m.group(1).length()));
    }
}
