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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AL28: a DashMap guard ({@code let mut e = self.map.entry(k).or_default();}, {@code let r = self.map.get(&k)?;})
 * alive across an {@code .await}. The guard holds its shard's lock, a blocking lock: while the task is suspended,
 * any other task or thread that touches a key of that shard blocks its whole worker thread, and a task on the same
 * thread never lets this one resume. greptimedb 8fac7128 reversed: the heartbeat handler kept the stats entry of
 * {@code stats_cache} across the awaited KV writes.
 */
public final class DashMapRefAcrossAwait implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL28", RiskArea.ASYNC_LIFETIMES, Severity.HIGH,
            "DashMap guard held across .await",
            "In non-test async code the change touches, a `Ref`/`RefMut` of a map the file declares as a `DashMap` "
                    + "(or binds from a fn the file declares to return one) "
                    + "is bound with `let` (`m.get(..)`, `m.get_mut(..)`, `m.entry(..).or_*(..)`, optionally with "
                    + "`?`/`unwrap()`, or guards collected from `m.get(..)`), and an `.await` of the same async fn or "
                    + "block follows in its block with no `drop(..)` of it in between; or it is the `Some(..)` of an "
                    + "`if let`/`match` on `m.get(..)`/`m.get_mut(..)` whose block awaits.",
            "It knows the map's type from a declaration in the same file (`field: DashMap<..>`); a map declared in "
                    + "another file, or a guard moved into a struct or a call, is not seen.",
            "await_holding_invalid_type");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || !text.contains("DashMap") || !text.contains("await")) {
            return out;
        }
        FileView.of(file).ifPresent(view -> {
            Nav nav = view.nav();
            for (Node fn : view.fns()) {
                if (view.isTest(fn)) {
                    continue;
                }
                for (Node let : nav.find(fn, "let_declaration")) {
                    Optional<ConcurrentMapGuardHeld.Guard> g = ConcurrentMapGuardHeld.letGuard(nav, let);
                    if (g.isEmpty() || !declaredDashMap(text, g.get().map())) {
                        continue;
                    }
                    firstAwait(nav, let, g.get()).filter(a -> file.touches(let) || file.touches(a))
                            .ifPresent(a -> out.add(finding(nav, file, let, a, g.get())));
                }
                // `if let Some(mut o) = offsets.get_mut(&id) { .. .await .. }`: the scrutinee's guard lives through
                // the block (iggy 1f246c77 reversed: a consumer offset's RefMut held across the awaited save)
                for (Node scope : nav.find(fn, "if_expression", "match_expression")) {
                    Optional<ConcurrentMapGuardHeld.Guard> g = ConcurrentMapGuardHeld.guarded(nav, scope);
                    if (g.isEmpty() || !declaredDashMap(text, g.get().map())) {
                        continue;
                    }
                    Optional<Node> home = nav.asyncBoundary(scope);
                    // the pattern's binding holds the guard: `drop(o)` before the await releases it (the fix)
                    Optional<Node> await = home.flatMap(h -> BindingLife.firstAwait(nav, g.get().body(),
                            g.get().binding(), g.get().body().getStartByte(), h));
                    Node head = nav.field(scope, nav.is(scope, "match_expression") ? "value" : "condition").orElse(scope);
                    await.filter(a -> file.touches(head) || file.touches(a))
                            .ifPresent(a -> out.add(finding(nav, file, head, a, g.get())));
                }
            }
        });
        return out;
    }

    /**
     * Whether the file declares the map's last name as a DashMap (a field, a local, a static), or binds it from a
     * method the file declares to return one ({@code let offsets = self.get_consumer_offsets(kind);} with
     * {@code fn get_consumer_offsets(..) -> &DashMap<u32, ConsumerOffset>}).
     */
    private static boolean declaredDashMap(String text, String map) {
        String name = map.replaceFirst("^.*[.:]", "");
        if (!name.matches("\\w{1,80}")) {
            return false;
        }
        Matcher bound = Pattern.compile("\\blet\\s+(?:mut\\s+)?" + name
                + "\\s*=\\s*[\\w.:]{0,80}?\\.?(\\w{1,80})\\s*\\(").matcher(text);
        for (int n = 0; n < 8 && bound.find(); n++) {
            if (Pattern.compile("\\bfn\\s+" + bound.group(1) + "\\s*(?:<[^>]{0,200}>)?\\s*\\([^)]{0,300}\\)\\s*->\\s*"
                    + "(?:&\\s*(?:'\\w+\\s+)?)?(?:Arc\\s*<\\s*)?(?:[\\w:]{0,60}::)?DashMap\\s*<").matcher(text).find()) {
                return true;
            }
        }
        return Pattern.compile("\\b" + name + "\\s*:\\s*(?:&\\s*)?(?:[\\w:]{0,60}::)?(?:Arc\\s*<\\s*)?(?:[\\w:]{0,60}::)?"
                + "DashMap\\s*<|\\blet\\s+(?:mut\\s+)?" + name + "\\s*=\\s*(?:Arc\\s*::\\s*new\\s*\\(\\s*)?"
                + "(?:[\\w:]{0,60}::)?DashMap\\s*::").matcher(text).find();
    }

    private static Optional<Node> firstAwait(Nav nav, Node let, ConcurrentMapGuardHeld.Guard g) {
        return nav.asyncBoundary(let).flatMap(home -> BindingLife.firstAwait(nav, g.body(), g.binding(), g.from(), home));
    }

    private static Finding finding(Nav nav, ChangedFile file, Node let, Node await, ConcurrentMapGuardHeld.Guard g) {
        int line = RustTree.startLine(let);
        return FindingBuilder.at(INFO, file, let)
                .object(g.map()).object(g.binding())
                .title("DashMap guard `" + g.binding() + "` from `" + g.map() + "." + g.call() + "(..)` held across `.await`")
                .explanation("`" + g.binding() + "` (line " + line + ") holds a guard of `" + g.map() + "`, and with it "
                        + "the lock of the key's shard, until the end of its block; the `.await` on line "
                        + RustTree.startLine(await) + " suspends the task with it held. A shard lock blocks the "
                        + "thread: any task that touches a key of that shard meanwhile stalls its worker, and one "
                        + "on the same worker as this task deadlocks it.")
                .check("Copy or clone what you need out of the guard and drop it (end its block or `drop("
                        + g.binding() + ")`) before the first `.await`; for state that must stay locked across "
                        + "awaits, keep an `Arc<tokio::sync::Mutex<..>>` in the map and lock that.")
                .build();
    }
}
