package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.Exprs;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CC51: a channel send that waits for room, awaited while a lock guard is alive, directly or through fns of the
 * file. containerd's shim held the global {@code MONITOR} lock while {@code notify_by_pid(..).await} reached
 * {@code tx.send(event).await} on a channel of 128: once a subscriber fell behind, the send waited for room, the lock
 * stayed held, and {@code monitor_unsubscribe}, which the subscriber's owner called to stop listening, waited on
 * the lock forever (rust-extensions 6b225fb4 reversed: the unbounded channel made bounded and its send awaited).
 */
public final class BoundedSendUnderLock implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC51", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "send that waits for room awaited under a lock",
            "In a non-test fn, while a lock guard is alive (the model's guards), a channel send that waits for room is "
                    + "awaited: a `.send(..).await` written there, or an awaited call to a fn of the same file that reaches "
                    + "one (three calls deep at most); and the change adds that send's line, the call's line, or a bounded "
                    + "`channel(n)` to the file.",
            "It follows calls by name within one file: a send reached through another file or a trait object is not "
                    + "seen, nor a send through the guard itself (a sender kept behind the lock), and a receiver that never "
                    + "needs the lock (so the wait always ends) is not told apart.");

    private static final Pattern BOUNDED = Pattern.compile("\\bchannel\\s*(?:::\\s*<[^;]{0,80}?>\\s*)?\\(\\s*[\\w:]");
    private static final int MAX_DEPTH = 3;
    private static final int MAX_FNS = 400;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || file.isTestPath() || !text.contains(".send(") || !text.contains(".await")) {
            return out;
        }
        FileView view = FileView.of(file).orElse(null);
        if (view == null || view.fns().size() > MAX_FNS) {
            return out;
        }
        Nav nav = view.nav();
        boolean boundedAdded = ItemOutline.addedMatches(file, BOUNDED).size() > 0 || addedOutsideFns(file);
        // fn name -> the line of the awaited send it reaches
        Map<String, Integer> reaches = new LinkedHashMap<>();
        Map<String, Boolean> changedSend = new LinkedHashMap<>();
        for (Node fn : view.fns()) {
            for (Node await : nav.find(fn, "await_expression")) {
                if (awaitedName(nav, await).filter("send"::equals).isPresent() && nav.enclosingFn(await).orElse(null) == fn) {
                    int line = RustTree.startLine(await);
                    String name = RuleSupport.fnName(nav, fn);
                    reaches.putIfAbsent(name, line);
                    changedSend.merge(name, file.added(line) || file.added(RustTree.endLine(await)), Boolean::logicalOr);
                }
            }
        }
        if (reaches.isEmpty()) {
            return out;
        }
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            boolean grew = false;
            for (Node fn : view.fns()) {
                String name = RuleSupport.fnName(nav, fn);
                if (reaches.containsKey(name)) {
                    continue;
                }
                for (Node await : nav.find(fn, "await_expression")) {
                    Optional<String> callee = awaitedName(nav, await);
                    if (callee.isPresent() && reaches.containsKey(callee.get())) {
                        reaches.put(name, reaches.get(callee.get()));
                        changedSend.put(name, changedSend.getOrDefault(callee.get(), false));
                        grew = true;
                        break;
                    }
                }
            }
            if (!grew) {
                break;
            }
        }
        for (Node fn : view.fns()) {
            if (out.size() >= 8 || file.isTestCode(fn)) {
                continue;
            }
            List<Locks.Held> guards = view.held(fn).stream().limit(16).toList();
            if (guards.isEmpty()) {
                continue;
            }
            fnLoop:
            for (Node await : nav.find(fn, "await_expression")) {
                Optional<String> callee = awaitedName(nav, await);
                boolean direct = callee.filter("send"::equals).isPresent();
                if (callee.isEmpty() || !(direct || reaches.containsKey(callee.get()))
                        || nav.enclosingFn(await).orElse(null) != fn) {
                    continue;
                }
                int line = RustTree.startLine(await);
                boolean touched = boundedAdded || file.added(line)
                        || !direct && changedSend.getOrDefault(callee.get(), false);
                if (!touched) {
                    continue;
                }
                for (Locks.Held h : guards) {
                    if (RuleSupport.within(h.lock().call(), await) || !view.alive(h, await, false)
                            || direct && sendsThroughGuard(nav, await, h)) {
                        continue;
                    }
                    String lock = h.lock().lock();
                    String fnName = RuleSupport.fnName(nav, fn);
                    String via = callee.get().equals("send") ? "" : " (through `" + callee.get() + "`, whose send is on line "
                            + reaches.get(callee.get()) + ")";
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                            .object(fnName).object(lock + " send")
                            .title("`" + fnName + "` awaits a channel send while `" + lock + "` is locked" + via)
                            .explanation("In `" + fnName + "`, " + h.label() + " holds `" + lock + "` across `" + RuleSupport.shorten(
                                    RuleSupport.compact(nav, await)) + "`" + via + ". A send on a bounded channel waits "
                                    + "until the receiver makes room; for as long as it waits, every other user of `" + lock
                                    + "` waits too. If the receiver (or the code that would drop it) needs `" + lock + "` to "
                                    + "make progress, nothing ever does: a deadlock that only shows once a receiver falls "
                                    + "behind.")
                            .check("Collect what to send under the lock and send after releasing it, use `try_send`, or an "
                                    + "unbounded channel where the receiver cannot keep up.")
                            .build());
                    break fnLoop;
                }
            }
        }
        return out;
    }

    /**
     * Whether a direct send goes through the guard itself ({@code let tx = self.tx.lock().await; tx.send(x).await}): a
     * sender kept behind a lock is the usual way to share one, and the lock orders the sends rather than holding up
     * anyone the receiver needs.
     */
    private static boolean sendsThroughGuard(Nav nav, Node await, Locks.Held h) {
        Node call = await.getNamedChild(0);
        Node receiver = nav.field(call, "function").flatMap(f -> nav.field(f, "value")).orElse(null);
        if (receiver == null) {
            return false;
        }
        String text = Exprs.compact(nav, receiver);
        if (h.name() != null && (text.equals(h.name()) || text.startsWith(h.name() + ".")
                || text.startsWith("(*" + h.name() + ")") || text.startsWith("*" + h.name()))) {
            return true;
        }
        // `if let Some(sender) = slot.lock().await.as_ref() { sender.send(x).await }`: a name bound from the guard
        Optional<Node> binding = nav.enclosing(h.lock().call(), "let_condition", "let_declaration");
        if (binding.isEmpty() || !nav.is(receiver, "identifier")) {
            return false;
        }
        Optional<Node> pattern = nav.field(binding.get(), "pattern");
        return pattern.isPresent() && Pattern.compile("(?<!\\w)" + Pattern.quote(text) + "(?!\\w)")
                .matcher(Exprs.compact(nav, pattern.get())).find();
    }

    /** The name of the method or fn an {@code .await} awaits directly ({@code tx.send(x).await}: {@code send}). */
    private static Optional<String> awaitedName(Nav nav, Node await) {
        if (await.getNamedChildCount() == 0) {
            return Optional.empty();
        }
        Node inner = await.getNamedChild(0);
        if (!nav.is(inner, "call_expression")) {
            return Optional.empty();
        }
        Optional<String> method = RuleSupport.methodName(nav, inner);
        if (method.isPresent()) {
            return method;
        }
        return nav.field(inner, "function").map(f -> Exprs.lastSegment(Exprs.compact(nav, f)));
    }

    /** Whether the change adds a line outside any fn that makes a bounded channel (a `lazy_static!` or a field). */
    private static boolean addedOutsideFns(ChangedFile file) {
        String[] lines = file.newText().split("\n", -1);
        for (int i = 0; i < lines.length && i < 20_000; i++) {
            if (file.added(i + 1) && lines[i].length() < 400 && BOUNDED.matcher(lines[i]).find()) {
                return true;
            }
        }
        return false;
    }
}
