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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CC8: one fn reads state under a lock, lets the guard go, and takes the same lock again to update it on the
 * strength of what it read (check under one acquisition, act under another): another thread can change the
 * state in between.
 */
public final class AtomicityViolation implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC8", RiskArea.CONCURRENCY, Severity.HIGH,
            "Atomicity violation (lock taken twice)",
            "One fn acquires the same lock (by owner type and field) twice: the first acquisition's guard dies "
                    + "with an `if`/`while` condition or a `let` whose value then decides that condition, and the "
                    + "second is taken inside the body it decides, so the check and the update are two critical "
                    + "sections; not in test code.",
            "It sees the pattern within one fn (a helper that re-locks is not followed) and cannot tell whether the "
                    + "state may legitimately change in between (an idempotent update).");

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
                Set<Node> reported = new HashSet<>();
                for (Snapshots.Decision d : Snapshots.in(view, fn)) {
                    String id = view.lock(d.read()).id();
                    for (Locks.LockCall again : view.acquisitions(fn)) {
                        if (again == d.read() || !RuleSupport.within(again.call(), d.body())
                                || !view.lock(again).id().equals(id) || !reported.add(again.call())) {
                            continue;
                        }
                        int start = RustTree.startLine(d.read().call());
                        int end = RustTree.endLine(again.call());
                        if (RuleSupport.touched(file, start, end)) {
                            out.add(finding(file, nav, d, again, id, start, end));
                        }
                    }
                }
            }
        });
        return out;
    }

    private static Finding finding(ChangedFile file, Nav nav, Snapshots.Decision d, Locks.LockCall again, String id,
                                   int start, int end) {
        String first = RuleSupport.snippet(nav, d.read().call());
        String second = RuleSupport.snippet(nav, again.call());
        String read = d.name() == null ? "the condition on line " + RustTree.startLine(d.condition())
                : "`" + d.name() + "` (line " + RustTree.startLine(d.let()) + "), which decides the condition on line "
                + RustTree.startLine(d.condition());
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .object(id).object(first).object(second)
                .title("`" + id + "` checked and updated under two separate locks")
                .explanation("`" + first + "` (line " + start + ") reads the state for " + read + ", and its guard "
                        + "is dropped before `" + second + "` (line " + RustTree.startLine(again.call()) + ") locks `"
                        + id + "` again to act on it: another thread can take the lock in between and change what "
                        + "was checked, so the update runs on a stale decision.")
                .check("Take the lock once, check and update under the same guard (`let mut g = ..lock(); if .. { "
                        + "g.. }`), or re-check the condition after locking the second time.")
                .build();
    }
}
