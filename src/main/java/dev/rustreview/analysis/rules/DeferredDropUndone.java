package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC3's deferred-drop shape: values taken out of a guarded collection used to be dropped after the guard
 * ({@code let removed = ..state.queries.remove(&id)..; drop(state); drop(removed);}), and the change drops them
 * under it ({@code state.queries.retain(..)}). Their {@code Drop} runs user callbacks, which may take the same lock
 * (zenoh e6a1d4ee reversed: undeclaring a querier with a pending query deadlocked when its completion callback
 * re-entered the session).
 */
final class DeferredDropUndone {

    /** {@code drop(name);} alone on a line. */
    private static final Pattern DROP = Pattern.compile("^\\s*drop\\s*\\(\\s*([a-z_]\\w*)\\s*\\)\\s*;");
    /** Methods that drop what they take out of a collection in place. */
    private static final Set<String> DROPPING = Set.of("retain", "clear", "truncate", "retain_mut", "drain",
            "remove", "take");
    private static final int MAX_DROPS = 16;

    private DeferredDropUndone() {
    }

    static List<Finding> findings(ChangedFile file, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        Optional<FileView> view = FileView.of(file);
        if (view.isEmpty() || file.oldText() == null || !file.oldText().contains("drop(")) {
            return out;
        }
        Nav nav = view.get().nav();
        java.util.Map<String, Node> fns = new java.util.HashMap<>();
        for (Node fn : view.get().fns()) {
            fns.putIfAbsent(RuleSupport.fnName(nav, fn), fn);
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = pair.oldBody();
            List<PanickingTwinAdded.Line> removed = PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed);
            int seen = 0;
            for (PanickingTwinAdded.Line r : removed) {
                Matcher d = DROP.matcher(r.text());
                if (!d.find() || seen++ >= MAX_DROPS) {
                    continue;
                }
                String values = d.group(1);
                Optional<String> guard = deferredFrom(was, values);
                if (guard.isEmpty()) {
                    continue;
                }
                Optional<Node[]> site = droppedUnder(view.get(), nav, fns.get(pair.now().name()), guard.get(), file);
                site.ifPresent(s -> out.add(finding(info, file, nav, s, values, guard.get(), r.number())));
                if (site.isPresent()) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The guard {@code values} was dropped after in the old body: {@code let values = ..} names that guard's
     * state ({@code state.queries.remove(&id)}), and {@code drop(guard);} comes between that {@code let} and
     * {@code drop(values);}.
     */
    private static Optional<String> deferredFrom(String was, String values) {
        Matcher let = Pattern.compile("\\blet\\s+(?:mut\\s+)?" + Pattern.quote(values) + "\\b[^=;]*=").matcher(was);
        Matcher dropValues = Pattern.compile("\\bdrop\\s*\\(\\s*" + Pattern.quote(values) + "\\s*\\)").matcher(was);
        if (!let.find() || !dropValues.find(let.end())) {
            return Optional.empty();
        }
        int end = was.indexOf(';', let.end());
        String value = end < 0 || end > dropValues.start() ? "" : was.substring(let.end(), end);
        Matcher drops = DROP_ANY.matcher(was);
        drops.region(let.end(), dropValues.start());
        int n = 0;
        while (drops.find() && n++ < MAX_DROPS) {
            String guard = drops.group(1);
            if (!guard.equals(values) && Pattern.compile("\\b" + Pattern.quote(guard) + "\\s*\\.").matcher(value).find()) {
                return Optional.of(guard);
            }
        }
        return Optional.empty();
    }

    private static final Pattern DROP_ANY = Pattern.compile("\\bdrop\\s*\\(\\s*([a-z_]\\w*)\\s*\\)");

    /**
     * A call the change adds that drops entries of the guard's state in place ({@code state.queries.retain(..)})
     * while the guard is alive: {guard's acquisition, call}.
     */
    private static Optional<Node[]> droppedUnder(FileView view, Nav nav, Node fn, String guard, ChangedFile file) {
        if (fn != null) {
            for (Locks.Held h : view.held(fn)) {
                if (!guard.equals(h.name())) {
                    continue;
                }
                for (Node call : nav.find(h.scope(), "call_expression")) {
                    Optional<String> m = RuleSupport.methodName(nav, call);
                    Optional<Node> recv = RuleSupport.receiver(nav, call);
                    if (m.isEmpty() || !DROPPING.contains(m.get()) || recv.isEmpty()
                            || recv.get().getEndByte() - recv.get().getStartByte() > 400
                            || !RuleSupport.compact(nav, recv.get()).startsWith(guard + ".")
                            || !file.added(RustTree.startLine(call)) || !view.alive(h, call, false)
                            || nav.parent(call).filter(p -> nav.is(p, "expression_statement")).isEmpty()) {
                        continue;
                    }
                    return Optional.of(new Node[] {h.lock().call(), call});
                }
            }
        }
        return Optional.empty();
    }

    private static Finding finding(RuleInfo info, ChangedFile file, Nav nav, Node[] site, String values, String guard,
                                   int oldLine) {
        String call = RuleSupport.snippet(nav, site[1]);
        int start = RustTree.startLine(site[0]);
        int line = RustTree.startLine(site[1]);
        return FindingBuilder.lines(info, file, Side.NEW, start, line)
                .severity(Severity.MEDIUM)
                .object(guard).object(call)
                .title("`" + call + "` drops entries while `" + guard + "` is held; they were dropped after it")
                .explanation("Before the change the fn took the entries out under `" + guard + "`, released it, and "
                        + "only then dropped them (`drop(" + values + ")`, line " + oldLine + " of the old file). Now `"
                        + call + "` (line " + line + ") drops them in place while `" + guard + "` is alive: their "
                        + "`Drop` (a user callback, a completion handler) runs under the lock, and if it takes the "
                        + "same lock the thread deadlocks.")
                .check("Keep taking the entries out under the lock and dropping them after the guard, unless their "
                        + "`Drop` is known not to call back.")
                .build();
    }
}
