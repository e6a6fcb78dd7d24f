package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AL42: a thread-local random generator ({@code rand::thread_rng()}, an {@code Rc} inside) alive across an
 * {@code .await}. The future then is not {@code Send} either: {@code tokio::spawn} refuses it, and a library's public
 * async fn stops being usable from a multi-threaded runtime, which the library's own build never notices (nothing in
 * it spawns the fn). rabbitmq-stream-rust-client 35df0526 reversed: {@code if let Some(replica) =
 * replicas.choose(&mut rand::thread_rng())} kept the thread-local generator (an {@code Rc}) alive through the
 * {@code if let}'s body, which awaited a connect, and {@code ConsumerBuilder::build} became {@code !Send}.
 * A temporary of an {@code if let}/{@code match}/{@code while let} scrutinee lives to the end of that expression; a
 * {@code let} binding lives to the end of its block unless dropped or moved first.
 */
public final class NotSendAcrossAwait implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL42", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "thread-local generator held across an await",
            "In non-test async code the change touches: `thread_rng()`, `rand::rng()` or `ThreadRng::default()` (a "
                    + "thread-local generator behind an `Rc`) in the scrutinee of an `if let`/`while let`/`match` whose body awaits, or bound by a `let` whose "
                    + "block awaits later with no `drop(x)` before; the line of the value or of the await is added. Not "
                    + "in a file that runs futures on one thread on purpose (`?Send`, `spawn_local`, `LocalSet`, "
                    + "`wasm_bindgen`).",
            "It knows only the generator by name: an `Rc`, a `RefCell` guard or a raw pointer held across an await is "
                    + "not reported (a crate that builds `Rc`s in its async fns runs them on one thread by design, as "
                    + "ntex does), and neither is whether a caller needs the future to be `Send`.",
            "future_not_send");

    /** A constructor of a value that is not {@code Send}. */
    private static final Pattern NOT_SEND = Pattern.compile(
            "(?<![\\w.])(?:(?:rand\\s*::\\s*)?thread_rng\\s*\\(\\s*\\)|rand\\s*::\\s*rng\\s*\\(\\s*\\)"
                    + "|(?:(?:rand\\s*::\\s*)?rngs\\s*::\\s*)?ThreadRng\\s*::\\s*default\\s*\\(\\s*\\))");
    /** A file whose futures run on one thread on purpose. */
    private static final Pattern LOCAL_ONLY = Pattern.compile("\\?\\s*Send\\b|\\bspawn_local\\b|\\bLocalSet\\b"
            + "|\\bwasm_bindgen\\b|\\bLocalExecutor\\b|\\bspawn_future_local\\b|\\bMainContext\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || !text.contains("await") || !NOT_SEND.matcher(text).find() || LOCAL_ONLY.matcher(text).find()) {
            return out;
        }
        Optional<FileView> view = FileView.of(file);
        if (view.isEmpty()) {
            return out;
        }
        Nav nav = view.get().nav();
        RustTree tree = nav.tree();
        for (Node fn : view.get().fns()) {
            if (out.size() >= 8 || !file.touches(fn) || view.get().isTest(fn)) {
                continue;
            }
            String fnText = tree.text(fn);
            if (!fnText.contains("rng") && !fnText.contains("Rng")) {
                continue; // the generator is not named in this fn
            }
            List<Node> awaits = view.get().awaits(fn);
            if (awaits.isEmpty()) {
                continue;
            }
            for (Node scrutinee : scrutinees(nav, fn)) {
                Matcher m = NOT_SEND.matcher(tree.text(scrutinee));
                Node holder = nav.parent(scrutinee).orElse(null);
                if (!m.find() || holder == null) {
                    continue;
                }
                Node body = nav.is(holder, "let_condition") ? nav.enclosing(holder, "if_expression", "while_expression")
                        .flatMap(e -> nav.field(e, "consequence").or(() -> nav.field(e, "body"))).orElse(null)
                        : nav.field(holder, "body").orElse(null);
                Node await = body == null ? null : firstWithin(awaits, body.getStartByte(), body.getEndByte(), nav, scrutinee);
                if (await != null && addedEither(file, scrutinee, await)) {
                    out.add(finding(file, nav, fn, scrutinee, await, m.group().replaceAll("\\s+", ""), true));
                    break;
                }
            }
            for (Node let : nav.findInFn(fn, "let_declaration")) {
                Node value = nav.field(let, "value").orElse(null);
                Node pattern = nav.field(let, "pattern").orElse(null);
                Node block = nav.parent(let).orElse(null);
                if (value == null || pattern == null || block == null || !nav.is(block, "block")
                        || !nav.is(pattern, "identifier", "mut_pattern")) {
                    continue;
                }
                String v = tree.text(value).replaceAll("\\s+", "");
                Matcher m = NOT_SEND.matcher(v);
                if (!m.lookingAt() || m.end() != v.length() && !balancedCall(v, m.end())) {
                    continue; // the value itself, not a use of it (`thread_rng().gen()` is a plain number)
                }
                String name = tree.text(pattern).replaceFirst("^mut\\s+", "").strip();
                Node await = firstWithin(awaits, let.getEndByte(), block.getEndByte(), nav, let);
                if (await == null || droppedBefore(tree, block, let, await, name) || !addedEither(file, let, await)) {
                    continue;
                }
                out.add(finding(file, nav, fn, let, await, m.group().replaceAll("\\s+", ""), false));
                break;
            }
        }
        return out;
    }

    /** The scrutinees of the {@code if let}/{@code while let} conditions and {@code match}es of {@code fn}. */
    private static List<Node> scrutinees(Nav nav, Node fn) {
        List<Node> out = new ArrayList<>();
        for (Node n : nav.findInFn(fn, "let_condition", "match_expression")) {
            nav.field(n, "value").ifPresent(out::add);
        }
        return out;
    }

    /** The first await of the same async context as {@code from} inside [start, end). */
    private static Node firstWithin(List<Node> awaits, int start, int end, Nav nav, Node from) {
        Optional<Node> boundary = nav.asyncBoundary(from);
        for (Node a : awaits) {
            if (a.getStartByte() >= start && a.getEndByte() <= end && nav.asyncBoundary(a).equals(boundary)) {
                return a;
            }
        }
        return null;
    }

    /** Whether {@code text} from the constructor's open paren at {@code from - 1} closes at its very end. */
    private static boolean balancedCall(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0) {
                return i == text.length() - 1;
            }
        }
        return false;
    }

    /** A {@code drop(name)} or a move of {@code name} into a call between the let and the await. */
    private static boolean droppedBefore(RustTree tree, Node block, Node let, Node await, String name) {
        String between = tree.text(let.getEndByte(), await.getStartByte());
        return Pattern.compile("\\bdrop\\s*\\(\\s*" + Pattern.quote(name) + "\\s*\\)|[(,]\\s*" + Pattern.quote(name)
                + "\\s*[,)]").matcher(between).find();
    }

    private static boolean addedEither(ChangedFile file, Node value, Node await) {
        return file.touches(value) || file.added(RustTree.startLine(await));
    }

    private static Finding finding(ChangedFile file, Nav nav, Node fn, Node at, Node await, String made, boolean scrutinee) {
        String name = nav.field(fn, "name").map(n -> nav.tree().text(n)).orElse("fn");
        int line = RustTree.startLine(at);
        int awaitLine = RustTree.startLine(await);
        String held = scrutinee ? "a temporary of the scrutinee on line " + line + ", which lives to the end of the "
                + "whole `if let`/`match`" : "bound on line " + line + " and alive to the end of its block";
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(name).object(made)
                .title("`" + made + "` is held across the `.await` on line " + awaitLine + " in `" + name + "`: the future "
                        + "is not `Send`")
                .explanation("`" + made + "` is not `Send` (a thread-local generator behind an `Rc`), and here it is " + held
                        + ", so it is still alive at the `.await` on line " + awaitLine + ". The future of `" + name
                        + "` then is not `Send`: `tokio::spawn` and every multi-threaded executor refuse it, and for a "
                        + "library that is a breaking change its own build does not notice, since nothing in it spawns "
                        + "the fn.")
                .check("Use the value before the await and let it go: bind the result (`let pick = xs.choose(&mut "
                        + "thread_rng()).cloned();`) and match on that, put it in an inner block, or use a `Send` "
                        + "generator (`StdRng::from_entropy()`; `ThreadRng::default()` is the same thread-local one).")
                .build();
    }
}
