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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CC35: a loop takes a lock on each turn and keeps every guard (pushed or inserted into a collection declared
 * before the loop), in the order of a collection that is not sorted. Two callers whose sets overlap take the shared
 * locks in different orders, and each ends up holding one the other waits for. greptimedb 4c07d2d5 reversed: an
 * alter of many logical tables took their region write locks in request order; the fix sorts the ids into a
 * {@code BTreeSet} first.
 */
public final class LocksHeldInIterationOrder implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC35", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "many locks held, taken in unsorted order",
            "In a non-test fn, a `for` loop the change touches acquires a lock on each turn (`.lock()`, `.write()`, "
                    + "`.read()`, a method named `*lock*`, with `.await`/`?`/`unwrap()`) and pushes or inserts the "
                    + "guard into a collection declared before the loop, and the loop's order is not a sorted one "
                    + "(no `BTreeSet`/`BTreeMap`, `sort*`, `sorted` or `dedup` on what it iterates).",
            "It reads one fn: an order sorted by the caller, or locks that can never overlap between two callers, "
                    + "are not told apart.");

    private static final Pattern LOCKING = Pattern.compile("(?:lock|read|write|try_lock|lock_owned|read_owned|write_owned"
            + "|\\w*_lock\\w*|lock_\\w+)");
    private static final Pattern SORTED = Pattern.compile("BTree|sort|dedup|\\.rev\\(\\)|0\\s*\\.\\.");
    private static final Pattern KEEPS = Pattern.compile("push|insert|push_back|extend");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || !text.contains("for ") || !text.contains("lock")) {
            return out;
        }
        FileView.of(file).ifPresent(view -> {
            Nav nav = view.nav();
            for (Node fn : view.fns()) {
                if (view.isTest(fn)) {
                    continue;
                }
                for (Node loop : nav.find(fn, "for_expression")) {
                    if (!nav.enclosingFn(loop).map(fn::equals).orElse(false)) {
                        continue;
                    }
                    check(file, nav, fn, loop).ifPresent(out::add);
                }
            }
        });
        return out;
    }

    private static Optional<Finding> check(ChangedFile file, Nav nav, Node fn, Node loop) {
        Optional<Node> body = nav.field(loop, "body");
        Optional<Node> iterated = nav.field(loop, "value");
        if (body.isEmpty() || iterated.isEmpty()) {
            return Optional.empty();
        }
        for (Node keep : nav.find(body.get(), "call_expression")) {
            Optional<String> method = Exprs.methodName(nav, keep);
            Optional<Node> into = Exprs.receiver(nav, keep).filter(r -> nav.is(r, "identifier"));
            if (method.isEmpty() || !KEEPS.matcher(method.get()).matches() || into.isEmpty()
                    || !declaredBefore(nav, fn, loop, Exprs.compact(nav, into.get()))) {
                continue;
            }
            Optional<Node> acquire = Exprs.args(nav, keep).stream().map(a -> acquisition(nav, body.get(), a))
                    .flatMap(Optional::stream).findFirst();
            if (acquire.isEmpty() || !(file.touches(acquire.get()) || file.touches(keep))
                    || sorted(nav, fn, loop, iterated.get())) {
                continue;
            }
            String over = RuleSupport.shorten(Exprs.compact(nav, iterated.get()));
            String guards = Exprs.compact(nav, into.get());
            int line = RustTree.startLine(acquire.get());
            return Optional.of(FindingBuilder.at(INFO, file, acquire.get())
                    .object(RuleSupport.fnName(nav, fn)).object(guards)
                    .title("Locks kept in `" + guards + "` are taken in the order of `" + over + "`")
                    .explanation("Each turn of the loop over `" + over + "` takes a lock (line " + line + ") and keeps "
                            + "its guard in `" + guards + "`, so the fn ends up holding many locks at once, taken in "
                            + "whatever order `" + over + "` yields. Two calls whose sets overlap in a different order "
                            + "each hold a lock the other waits for: a deadlock.")
                    .check("Take the locks in one global order: sort or dedup the keys first (collect them into a "
                            + "`BTreeSet`), and document that every path that holds several of them follows it.")
                    .build());
        }
        return Optional.empty();
    }

    /** The lock acquisition an argument is, directly or through a {@code let} in the loop body. */
    private static Optional<Node> acquisition(Nav nav, Node body, Node arg) {
        Node a = arg;
        if (nav.is(a, "identifier")) {
            String name = Exprs.compact(nav, a);
            for (Node let : nav.find(body, "let_declaration")) {
                if (nav.field(let, "pattern").map(p -> Exprs.compact(nav, p).equals(name)).orElse(false)) {
                    return nav.field(let, "value").filter(v -> locks(nav, v));
                }
            }
            return Optional.empty();
        }
        return locks(nav, a) ? Optional.of(a) : Optional.empty();
    }

    /** {@code x.lock()}, {@code x.write_lock_region(id).await?}, {@code m.lock().unwrap()}. */
    private static boolean locks(Nav nav, Node value) {
        Node v = value;
        for (int i = 0; i < 4; i++) {
            if (nav.is(v, "try_expression", "await_expression") && !nav.namedChildren(v).isEmpty()) {
                v = nav.namedChildren(v).get(0);
            } else if (Exprs.methodName(nav, v).filter(m -> m.equals("unwrap") || m.equals("expect")).isPresent()
                    && Exprs.receiver(nav, v).isPresent()) {
                v = Exprs.receiver(nav, v).get();
            } else {
                break;
            }
        }
        Optional<String> m = Exprs.methodName(nav, v).filter(n -> LOCKING.matcher(n).matches());
        // `read()`/`write()` with arguments are I/O; a named lock method may take the key (`lock_region(id)`)
        return m.isPresent() && (Exprs.args(nav, v).isEmpty() || m.get().contains("lock") && Exprs.args(nav, v).size() == 1);
    }

    private static boolean declaredBefore(Nav nav, Node fn, Node loop, String name) {
        for (Node let : nav.find(fn, "let_declaration")) {
            Optional<Node> p = nav.field(let, "pattern")
                    .map(x -> nav.is(x, "mut_pattern") && !nav.namedChildren(x).isEmpty() ? nav.namedChildren(x).get(0) : x);
            String bound = p.map(x -> Exprs.compact(nav, x)).orElse("");
            if (let.getEndByte() <= loop.getStartByte() && bound.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the loop's order is a sorted one: the iterated text, or what it names, is sorted in this fn. */
    private static boolean sorted(Nav nav, Node fn, Node loop, Node iterated) {
        String over = Exprs.compact(nav, iterated);
        if (SORTED.matcher(over).find()) {
            return true;
        }
        String root = over.replaceFirst("^&(?:mut)?", "").replaceFirst("[.\\[(].*$", "");
        // node offsets are bytes: a substring of the fn's text by them was off after a non-ASCII character
        String before = nav.tree().text(fn.getStartByte(), loop.getStartByte());
        return !root.isEmpty() && Pattern.compile("\\b" + Pattern.quote(root) + "\\b[^;]*(?:BTree|sort|dedup)")
                .matcher(before).find();
    }
}
