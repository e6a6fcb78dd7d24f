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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * CC43: a {@code tokio::sync::watch} {@code Ref} alive while the same channel is sent on. {@code borrow()} holds
 * the channel's read lock until the {@code Ref} is dropped and every {@code send} takes its write lock, so the task
 * deadlocks on itself (tokio documents it on {@code Receiver::borrow}). reth ec59698e reversed: an
 * {@code if let Some(..) = &*this.cached_payload_rx.borrow() && ..} kept the {@code Ref} alive through the block that
 * called {@code this.cached_payload_tx.send(None)}.
 */
public final class WatchRefAcrossSend implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC43", RiskArea.CONCURRENCY, Severity.HIGH,
            "watch `Ref` held across a send on its channel",
            "In a non-test fn the change touches, a `borrow()`/`borrow_and_update()` of a field or variable the file "
                    + "declares as a `watch::Receiver` or `watch::Sender`, alive as an `if let`/`while let`/`match` "
                    + "scrutinee or bound by `let` (also `&*x.borrow()`), while the block it is alive in calls "
                    + "`send`, `send_replace`, `send_modify` or `send_if_modified` on the same channel: the same "
                    + "value, or a name that differs only in `rx`/`tx`/`receiver`/`sender` (`cached_rx`, `cached_tx`).",
            "It pairs a receiver with its sender by name: a sender of another channel named alike is reported, and "
                    + "a pair named unalike (or reached through a helper fn) is not seen.");

    private static final Set<String> BORROWS = Set.of("borrow", "borrow_and_update");
    private static final Set<String> SENDS = Set.of("send", "send_replace", "send_modify", "send_if_modified");
    private static final Set<String> CHANNEL_WORDS = Set.of("rx", "tx", "receiver", "sender", "recv", "send");
    private static final int MAX_BORROWS = 32;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || !text.contains("watch") || !text.contains("borrow")) {
            return out;
        }
        FileView.of(file).ifPresent(view -> {
            Nav nav = view.nav();
            for (Node fn : view.fns()) {
                if (view.isTest(fn)) {
                    continue;
                }
                int borrows = 0;
                for (Node call : nav.findInFn(fn, "call_expression")) {
                    Optional<String> m = RuleSupport.methodName(nav, call);
                    Optional<Node> recv = RuleSupport.receiver(nav, call);
                    if (m.isEmpty() || !BORROWS.contains(m.get()) || recv.isEmpty()
                            || recv.get().getEndByte() - recv.get().getStartByte() > 400
                            || !RuleSupport.args(nav, call).isEmpty() || borrows++ > MAX_BORROWS
                            || !watchChannel(view, recv.get())) {
                        continue;
                    }
                    Optional<Node> region = aliveIn(nav, call);
                    if (region.isEmpty()) {
                        continue;
                    }
                    String channel = RuleSupport.compact(nav, recv.get());
                    for (Node send : nav.find(region.get(), "call_expression")) {
                        Optional<String> sm = RuleSupport.methodName(nav, send);
                        Optional<Node> target = RuleSupport.receiver(nav, send);
                        if (sm.isEmpty() || !SENDS.contains(sm.get()) || target.isEmpty()
                                || target.get().getEndByte() - target.get().getStartByte() > 400
                                || !sameChannel(channel, RuleSupport.compact(nav, target.get()))) {
                            continue;
                        }
                        int start = RustTree.startLine(call);
                        int end = RustTree.endLine(send);
                        if (RuleSupport.touched(file, start, end)) {
                            out.add(finding(file, nav, call, send, channel, start, end));
                        }
                        break;
                    }
                }
            }
        });
        return out;
    }

    /** Whether the file declares the receiver's field (or names its type) as a tokio watch channel end. */
    private static boolean watchChannel(FileView view, Node receiver) {
        Nav nav = view.nav();
        String text = RuleSupport.compact(nav, receiver);
        String last = text.substring(text.lastIndexOf('.') + 1);
        Optional<String> type = view.facts().typeOf(receiver).or(() -> view.facts().fieldType(last));
        return type.map(t -> t.replaceAll("\\s+", "").matches(".*watch::(Receiver|Sender)\\b.*")).orElse(false);
    }

    /**
     * The block in which the {@code Ref} the borrow returns is alive: the body of the {@code if let}/{@code while
     * let} whose scrutinee it is, the arms of the {@code match} it is the value of, or the rest of the block after
     * {@code let r = x.borrow();}. A borrow in a plain condition or inside a larger expression dies with it.
     */
    private static Optional<Node> aliveIn(Nav nav, Node call) {
        Node outer = call;
        while (nav.parent(outer).filter(p -> nav.is(p, "reference_expression", "unary_expression",
                "parenthesized_expression")).isPresent()) {
            outer = nav.parent(outer).get();
        }
        Optional<Node> parent = nav.parent(outer);
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        Node p = parent.get();
        if (nav.is(p, "let_condition") && nav.field(p, "value").map(outer::equals).orElse(false)) {
            Optional<Node> decision = nav.enclosing(p, "if_expression", "while_expression");
            return decision.flatMap(d -> nav.field(d, nav.is(d, "if_expression") ? "consequence" : "body"));
        }
        if (nav.is(p, "match_expression") && nav.field(p, "value").map(outer::equals).orElse(false)) {
            return nav.field(p, "body");
        }
        if (nav.is(p, "let_declaration") && nav.field(p, "value").map(outer::equals).orElse(false)) {
            return nav.parent(p);
        }
        return Optional.empty();
    }

    /** The same value, or names that differ only in the channel-end words ({@code cached_payload_rx}/{@code _tx}). */
    static boolean sameChannel(String borrowed, String sent) {
        if (borrowed.equals(sent)) {
            return true;
        }
        String a = stem(borrowed);
        return !a.isEmpty() && a.equals(stem(sent));
    }

    private static String stem(String path) {
        int dot = path.lastIndexOf('.');
        String owner = dot < 0 ? "" : path.substring(0, dot + 1);
        String last = path.substring(dot + 1).toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder();
        for (String word : last.split("_")) {
            if (!word.isEmpty() && !CHANNEL_WORDS.contains(word)) {
                kept.append(kept.length() == 0 ? "" : "_").append(word);
            }
        }
        return kept.length() == 0 ? "" : owner + kept;
    }

    private static Finding finding(ChangedFile file, Nav nav, Node borrow, Node send, String channel, int start, int end) {
        String b = RuleSupport.snippet(nav, borrow);
        String s = RuleSupport.snippet(nav, send);
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .object(channel).object(s)
                .title("`" + s + "` while the `Ref` of `" + b + "` is alive: the task deadlocks on the channel")
                .explanation("`" + b + "` (line " + start + ") returns a `watch::Ref`, which holds the channel's read "
                        + "lock until it is dropped, and it is still alive at `" + s + "` (line "
                        + RustTree.startLine(send) + "), which takes the same channel's write lock to store the value. "
                        + "The send waits for the `Ref` this task holds: a deadlock (tokio's `Receiver::borrow` "
                        + "documentation warns of exactly this).")
                .check("Copy what you need out of the `Ref` first (`let cached = x.borrow().clone();`, or decide with "
                        + "`x.borrow().as_ref().is_some_and(..)` in a plain `if`), and send after it is dropped.")
                .build();
    }
}
