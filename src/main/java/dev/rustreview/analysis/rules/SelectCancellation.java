package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.TreeCache;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AL4: cancellation hazards in {@code select!} (tokio and futures). The macro body is a token tree, so its
 * branches are split by tokens: {@code pattern = future [, if precondition] => handler}.
 */
public final class SelectCancellation implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("AL4", RiskArea.ASYNC_LIFETIMES, Severity.HIGH,
            "Cancellation in select!",
            "A `select!` branch whose future is not cancel-safe (`read_exact`, `read_to_end`, `read_to_string`, "
                    + "`read_line`, `write_all`, `copy`, `lock`, `acquire`), a `&mut fut` branch polled again "
                    + "inside a loop without an `, if` precondition, or (medium) a loop that races an async fn "
                    + "of this file (or, called as `Type::name(..)` or on `self`, of the crate) against other branches.",
            "It knows cancel safety only for the listed library calls and for async fns of the crate, all of "
                    + "which it takes as unsafe to cancel; "
                    + "futures built elsewhere, channel `send`s and a `select!` produced by another macro are not "
                    + "judged.");

    private static final Map<String, String> NOT_CANCEL_SAFE = Map.ofEntries(
            Map.entry("read_exact", "read"), Map.entry("read_to_end", "read"), Map.entry("read_to_string", "read"),
            Map.entry("read_line", "read"), Map.entry("read_until", "read"), Map.entry("write_all", "write"),
            Map.entry("write_all_buf", "write"), Map.entry("copy", "write"), Map.entry("copy_buf", "write"),
            Map.entry("copy_bidirectional", "write"), Map.entry("lock", "queue"), Map.entry("acquire", "queue"),
            Map.entry("acquire_owned", "queue"), Map.entry("acquire_many", "queue"));

    /** One branch: its head tokens, the future part, and whether it has a precondition. */
    private record Arm(List<Node> future, boolean precondition, Node first, Node last) {
    }

    private final TreeCache cache;

    public SelectCancellation() {
        this(new TreeCache());
    }

    SelectCancellation(TreeCache cache) {
        this.cache = cache;
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        RuleSupport.tree(file).ifPresent(tree -> {
            Nav nav = cache.facts(tree).nav();
            AsyncFns asyncFns = new AsyncFns(cache.facts(tree));
            for (Node macro : nav.code("macro_invocation")) {
                if (!isSelect(nav, macro)) {
                    continue;
                }
                Optional<Node> body = nav.namedChildren(macro).stream()
                        .filter(n -> nav.is(n, "token_tree")).findFirst();
                Optional<Node> loop = nav.loopInBoundary(macro);
                boolean newSelect = file.added(RustTree.startLine(macro))
                        || loop.map(l -> file.added(RustTree.startLine(l))).orElse(false);
                for (Arm arm : body.map(b -> arms(nav, b)).orElse(List.of())) {
                    int start = RustTree.startLine(arm.first());
                    int end = RustTree.endLine(arm.last());
                    if (newSelect || RuleSupport.touched(file, start, end)) {
                        finding(file, nav, macro, loop, arm, asyncFns, start, end).ifPresent(out::add);
                    }
                }
            }
        });
        return out;
    }

    private Optional<Finding> finding(ChangedFile file, Nav nav, Node macro, Optional<Node> loop, Arm arm,
                                      AsyncFns asyncFns, int start, int end) {
        String future = RuleSupport.shorten(text(nav, arm.future()));
        int selectLine = RustTree.startLine(macro);
        String inLoop = loop.map(l -> "; the `select!` runs inside the loop on line " + RustTree.startLine(l)
                + ", so this repeats on every iteration another branch wins").orElse("");
        List<TokenCall> calls = calls(nav, arm.future());
        for (TokenCall tc : calls) {
            String call = tc.name();
            String kind = NOT_CANCEL_SAFE.get(call);
            if (kind == null) {
                continue;
            }
            String loss = switch (kind) {
                case "read" -> "the bytes it has already consumed from the stream are lost";
                case "write" -> "part of the buffer may already be written, leaving the stream in an unknown state";
                default -> "it loses its place in the wait queue, so this branch can starve";
            };
            return Optional.of(build(file, start, end, Severity.HIGH, call, future,
                    "`" + call + "` in `select!` is not cancel-safe",
                    "the branch future `" + future + "` (" + RuleSupport.lines(start, end) + ") is dropped whenever "
                            + "another branch of the `select!` on line " + selectLine + " completes first; `" + call
                            + "` is not cancel-safe: " + loss + inLoop + ".",
                    "Check that losing a half-finished `" + call + "` is acceptable here, or move it out of the "
                            + "`select!` (a dedicated task, or a pinned future polled with `&mut` and a `, if` "
                            + "precondition) so it is never dropped mid-way."));
        }
        boolean byRef = arm.future().size() >= 2 && arm.future().get(0).getType().equals("&")
                && arm.future().get(1).getType().equals("mutable_specifier");
        if (byRef && loop.isPresent() && !arm.precondition()) {
            return Optional.of(build(file, start, end, Severity.HIGH, future, future,
                    "`" + future + "` polled again after it may have completed",
                    "the branch polls `" + future + "` by reference inside the loop on line "
                            + RustTree.startLine(loop.get()) + " without an `, if` precondition; after the future "
                            + "completes once, the next iteration polls it again, which panics for an `async` block "
                            + "or fn (\"resumed after completion\") or spins on a ready future.",
                    "Check that the loop exits when `" + future.substring(5).strip() + "` completes, or add `, if "
                            + "!done` and set `done` in the branch handler; also confirm the future is pinned "
                            + "outside the loop."));
        }
        if (loop.isPresent()) {
            for (TokenCall tc : calls) {
                String call = tc.name();
                String owner = tc.owner().equals("self") || tc.owner().equals("Self")
                        ? asyncFns.owner(macro).orElse("?") : tc.owner();
                boolean here = !owner.equals("?") && asyncFns.isAsync(owner, call);
                // An async fn of another file of the crate (rathole d0d4f61e reversed: `UdpTraffic::read`, two reads
                // in protocol.rs, raced in server.rs's pool loop).
                boolean inCrate = !here && !owner.equals("?") && !owner.isEmpty()
                        && Character.isUpperCase(owner.charAt(0))
                        && file.crate().methods(owner, call).stream().anyMatch(f -> f.isAsync() && !f.test());
                if (here || inCrate) {
                    return Optional.of(build(file, start, end, Severity.MEDIUM, call, future,
                            "Async fn `" + call + "` raced in a looping `select!`",
                            "the branch future `" + future + "` calls `" + call + "`, an async fn of "
                                    + (here ? "this file" : "the crate (`" + owner + "::" + call + "`)") + ", "
                                    + "and is dropped and rebuilt every time another branch wins in the loop on "
                                    + "line " + RustTree.startLine(loop.get()) + "; whatever `" + call
                                    + "` had done before its last `.await` is abandoned half-way.",
                            "Check that `" + call + "` is cancel-safe (no partial writes or state changes across "
                                    + "its awaits), or pin one future outside the loop and poll it with `&mut`."));
                }
            }
        }
        return Optional.empty();
    }

    private static Finding build(ChangedFile file, int start, int end, Severity severity, String object,
                                 String future, String title, String explanation, String check) {
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .severity(severity).object(object).object(future)
                .title(title).explanation("In this `select!`, " + explanation).check(check).build();
    }

    private static boolean isSelect(Nav nav, Node macro) {
        String name = nav.field(macro, "macro").map(m -> RuleSupport.lastSegment(RuleSupport.compact(nav, m)))
                .orElse("");
        return name.equals("select") || name.equals("select_biased");
    }

    /** Splits a select body into branches; {@code else} and {@code biased;} are skipped. */
    private static List<Arm> arms(Nav nav, Node body) {
        RustTree tree = nav.tree();
        List<Node> tokens = nav.children(body);
        List<Arm> arms = new ArrayList<>();
        List<Node> head = new ArrayList<>();
        int i = 1;
        int end = tokens.size() - 1;
        while (i < end) {
            Node t = tokens.get(i);
            String type = t.getType();
            if (type.equals("=>")) {
                arm(head).ifPresent(arms::add);
                head.clear();
                i++;
                if (i < end && nav.is(tokens.get(i), "token_tree") && tree.text(tokens.get(i)).startsWith("{")) {
                    i++;
                    if (i < end && tokens.get(i).getType().equals(",")) {
                        i++;
                    }
                } else {
                    while (i < end && !tokens.get(i).getType().equals(",")) {
                        i++;
                    }
                    i++;
                }
                continue;
            }
            if (type.equals(";")) {
                head.clear();
            } else if (!nav.is(t, "line_comment", "block_comment")) {
                head.add(t);
            }
            i++;
        }
        return arms;
    }

    private static Optional<Arm> arm(List<Node> head) {
        int eq = -1;
        for (int i = 0; i < head.size(); i++) {
            if (head.get(i).getType().equals("=")) {
                eq = i;
                break;
            }
        }
        if (eq < 0 || eq == head.size() - 1) {
            return Optional.empty();
        }
        List<Node> future = new ArrayList<>();
        boolean precondition = false;
        for (int i = eq + 1; i < head.size(); i++) {
            if (head.get(i).getType().equals(",") && i + 1 < head.size() && head.get(i + 1).getType().equals("if")) {
                precondition = true;
                break;
            }
            future.add(head.get(i));
        }
        if (future.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Arm(future, precondition, head.get(0), future.get(future.size() - 1)));
    }

    private static String text(Nav nav, List<Node> tokens) {
        RustTree tree = nav.tree();
        StringBuilder sb = new StringBuilder();
        int lastEnd = -1;
        for (Node t : tokens) {
            if (lastEnd >= 0 && t.getStartByte() > lastEnd) {
                sb.append(' ');
            }
            sb.append(tree.text(t));
            lastEnd = t.getEndByte();
        }
        return sb.toString();
    }

    /**
     * A call seen in tokens: {@code name(..)} with what precedes it: {@code ""} for a free call, {@code self}
     * for {@code self.name(..)}, a type for {@code Type::name(..)}, {@code ?} for any other receiver.
     */
    private record TokenCall(String name, String owner) {
    }

    /** Calls in the tokens: an identifier followed by a parenthesised token tree. */
    private static List<TokenCall> calls(Nav nav, List<Node> tokens) {
        RustTree tree = nav.tree();
        List<TokenCall> out = new ArrayList<>();
        scanCalls(nav, tokens, out);
        for (Node top : tokens) {
            for (Node n : tree.preorder(top)) {
                if (nav.is(n, "token_tree")) {
                    scanCalls(nav, nav.children(n), out);
                }
            }
        }
        return out;
    }

    private static void scanCalls(Nav nav, List<Node> seq, List<TokenCall> out) {
        RustTree tree = nav.tree();
        for (int i = 0; i + 1 < seq.size(); i++) {
            Node next = seq.get(i + 1);
            if (!nav.is(seq.get(i), "identifier") || !nav.is(next, "token_tree") || !tree.text(next).startsWith("(")) {
                continue;
            }
            String before = i >= 1 ? nav.type(seq.get(i - 1)) : "";
            String owner;
            if (before.equals(".")) {
                owner = i >= 2 && nav.is(seq.get(i - 2), "self") ? "self" : "?";
            } else if (before.equals("::")) {
                owner = i >= 2 ? tree.text(seq.get(i - 2)) : "?";
            } else {
                owner = "";
            }
            out.add(new TokenCall(tree.text(seq.get(i)), owner));
        }
    }
}
