package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.Snapshots;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * CC9: a value copied out under a lock ({@code let n = self.m.lock().unwrap().len();}) decides, after the
 * guard is gone, code that acts (calls) without taking the lock again: time of check to time of use.
 */
public final class SnapshotThenAct implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC9", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "Snapshot under a lock acted on after release",
            "A `let` whose value is read through a temporary lock guard (the guard dies at the end of the "
                    + "statement) and whose variable then decides an `if`/`while`/`match` whose body makes calls "
                    + "without taking that lock again (taking it again is CC8); not in test code.",
            "It cannot tell whether the snapshot only needs to be roughly current (a metric, a log line, a "
                    + "best-effort hint) or must still hold when the body runs.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        FileView.of(file).ifPresent(view -> {
            Nav nav = view.nav();
            for (Node fn : view.fns()) {
                if (view.isTest(fn)) {
                    continue;
                }
                for (Snapshots.Decision d : Snapshots.in(view, fn)) {
                    if (d.name() == null || relocks(view, fn, d)) {
                        continue;
                    }
                    List<Node> calls = nav.find(d.body(), "call_expression", "macro_invocation").stream()
                            .filter(c -> nav.is(c, "macro_invocation") ? isAction(nav, c) : isActingCall(nav, c))
                            .toList();
                    if (calls.isEmpty()) {
                        continue;
                    }
                    int start = RustTree.startLine(d.let());
                    int end = RustTree.endLine(d.condition());
                    if (RuleSupport.touched(file, start, RustTree.endLine(calls.get(0)))) {
                        out.add(finding(file, nav, view.lock(d.read()).id(), d, calls.get(0), start, end));
                    }
                }
            }
        });
        return out;
    }

    private static boolean relocks(FileView view, Node fn, Snapshots.Decision d) {
        String id = view.lock(d.read()).id();
        for (Locks.LockCall lc : view.acquisitions(fn)) {
            if (RuleSupport.within(lc.call(), d.body()) && view.lock(lc).id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** Conversions, accessors, timers and sleeps (backpressure) do not act on shared state. */
    private static boolean isActingCall(Nav nav, Node call) {
        String name = RuleSupport.methodName(nav, call)
                .orElseGet(() -> RuleSupport.calleePath(nav, call).map(RuleSupport::lastSegment).orElse(""));
        return !name.isEmpty() && !name.matches("(clone|to_string|to_owned|into|from|len|is_empty|as_\\w+|unwrap\\w*|expect|"
                + "map\\w*|ok|err|sleep|yield_now|from_\\w+|new|min|max|saturating_\\w+|checked_\\w+|get|contains\\w*)");
    }

    /** Logging and formatting macros do not act on the state. */
    private static boolean isAction(Nav nav, Node macro) {
        String name = nav.field(macro, "macro").map(m -> RuleSupport.lastSegment(RuleSupport.compact(nav, m)))
                .orElse("");
        return !name.matches("(trace|debug|info|warn|error|println|eprintln|print|eprint|format|write|writeln|"
                + "assert\\w*|debug_assert\\w*|vec)");
    }

    private static Finding finding(ChangedFile file, Nav nav, String id, Snapshots.Decision d, Node act,
                                   int start, int end) {
        String read = RuleSupport.snippet(nav, d.read().call());
        String action = RuleSupport.snippet(nav, act);
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .object(id).object(d.name()).object(action)
                .title("`" + d.name() + "` is a snapshot of `" + id + "` acted on after the lock is released")
                .explanation("`" + d.name() + "` is read through `" + read + "` on line " + start + ", whose guard "
                        + "is dropped at the end of that statement; the condition on line "
                        + RustTree.startLine(d.condition()) + " then runs `" + action + "` (line "
                        + RustTree.startLine(act) + ") on that value without the lock, so another thread may have "
                        + "changed `" + id + "` in between (time of check to time of use).")
                .check("Keep the guard for the check and the action, or re-check under the lock before acting; "
                        + "if a stale value is acceptable here, say so in a comment.")
                .build();
    }
}
