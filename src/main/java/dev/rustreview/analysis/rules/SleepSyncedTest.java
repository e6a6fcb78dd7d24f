package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.TypeFacts;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** CC7: a test that sleeps to wait for a task or thread it spawned, then asserts. */
public final class SleepSyncedTest implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC7", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "Timing-dependent test",
            "In a test fn (`#[test]`, `#[tokio::test]`, inside `#[cfg(test)]` or `tests/`): a `sleep` "
                    + "(`tokio::time::sleep`, `thread::sleep`, ...) directly in the test body, after a spawn "
                    + "(`tokio::spawn`, `thread::spawn`, `.spawn(..)`) and before an `assert*!`, i.e. sleeping to "
                    + "wait for the spawned work.",
            "It cannot tell whether the sleep really waits for the spawned work (rather than, say, a timer under "
                    + "test), ignores sleeps inside polling loops and spawned bodies, and does not judge fixed "
                    + "`timeout(..)`s.");

    private static final Set<String> ASSERTS = Set.of("assert", "assert_eq", "assert_ne", "assert_matches",
            "debug_assert", "debug_assert_eq", "debug_assert_ne");

    private final TreeCache cache;

    public SleepSyncedTest() {
        this(new TreeCache());
    }

    SleepSyncedTest(TreeCache cache) {
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
            TypeFacts facts = cache.facts(tree);
            Nav nav = facts.nav();
            for (Node fn : nav.code("function_item")) {
                if (!RuleSupport.isTestFunction(nav, fn) && !nav.isTestCode(file, fn)) {
                    continue;
                }
                List<Node> calls = nav.find(fn, "call_expression");
                List<Node> asserts = nav.find(fn, "macro_invocation").stream()
                        .filter(m -> nav.field(m, "macro").map(n -> ASSERTS.contains(
                                RuleSupport.lastSegment(RuleSupport.compact(nav, n)))).orElse(false)).toList();
                for (Node sleep : calls) {
                    if (!isSleep(nav, facts, sleep) || !nav.asyncBoundary(sleep).map(fn::equals).orElse(false)
                            || nav.inLoop(sleep)) {
                        continue;
                    }
                    Optional<Node> spawn = calls.stream().filter(c -> c.getEndByte() <= sleep.getStartByte()
                            && RuleSupport.isSpawn(nav, c)).reduce((a, b) -> b);
                    Optional<Node> assertion = asserts.stream()
                            .filter(a -> a.getStartByte() >= sleep.getEndByte()).findFirst();
                    if (spawn.isEmpty() || assertion.isEmpty()) {
                        continue;
                    }
                    Node stmt = nav.parent(sleep).filter(p -> nav.is(p, "await_expression")).orElse(sleep);
                    if (file.touches(stmt) || file.added(RustTree.startLine(spawn.get()))
                            || file.touches(assertion.get())) {
                        out.add(finding(file, nav, fn, stmt, spawn.get(), assertion.get()));
                    }
                }
            }
        });
        return out;
    }

    private static boolean isSleep(Nav nav, TypeFacts facts, Node call) {
        return RuleSupport.calleePath(nav, call).map(p -> facts.imports().resolve(p))
                .map(p -> RuleSupport.lastSegment(p).equals("sleep")
                        && (!p.contains("::") || p.startsWith("std::thread") || p.startsWith("tokio::time")
                        || p.startsWith("async_std::task") || p.startsWith("time::") || p.startsWith("thread::")))
                .orElse(false);
    }

    private static Finding finding(ChangedFile file, Nav nav, Node fn, Node sleep, Node spawn, Node assertion) {
        String sleepText = RuleSupport.snippet(nav, sleep);
        String spawnText = RuleSupport.callee(nav, spawn).map(c -> RuleSupport.snippet(nav, c)).orElse("spawn") + "(..)";
        String test = RuleSupport.fnName(nav, fn);
        int line = RustTree.startLine(sleep);
        return FindingBuilder.lines(INFO, file, dev.rustreview.model.Side.NEW, line, RustTree.endLine(sleep))
                .object(sleepText).object(spawnText).object(test)
                .title("Test `" + test + "` sleeps to wait for spawned work")
                .explanation("`" + test + "` starts work with `" + spawnText + "` (line " + RustTree.startLine(spawn)
                        + "), then `" + sleepText + "` (line " + line + ") and asserts on line "
                        + RustTree.startLine(assertion) + ": the assertion only holds if the spawned work finished "
                        + "within the sleep, so the test is slow when it passes and flaky on a loaded CI machine.")
                .check("Wait for the work itself: `.await` (or `join()`) the handle, receive on a channel or "
                        + "`Notify` the task signals, or use `tokio::time::pause()` for timer logic.")
                .build();
    }
}
