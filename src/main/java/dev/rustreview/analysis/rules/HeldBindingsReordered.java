package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC56: two values kept alive only for what their {@code Drop} does ({@code let _lease = lease;},
 * {@code let _done = Completion::new(tx);}) declared in the other order after the change. Rust drops locals in
 * reverse order of declaration, so the change swaps which one's drop runs first: a completion signalled before the
 * lease it waits for is released, a guard released before the span that records it. rocketmq-rust 5696687c
 * reversed: a tracked task's fallback lease was declared before its completion notifier, so waiters were told the
 * task was done while its lease was still held.
 */
public final class HeldBindingsReordered implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC56", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "drop order of held values swapped",
            "In a non-test fn that stays, two `let _name = ..;` statements of one block (a name starting with `_`, not `_` "
                    + "itself: a value kept only for its `Drop`) each once in the old and the new fn appear in the other order "
                    + "after the change, one of them on a line the change adds.",
            "It reads names and order only: whether either value's `Drop` does anything another thread or task can "
                    + "observe is not known.");

    private static final Pattern HELD = Pattern.compile("(?m)^\\s*let\\s+(_[A-Za-z0-9]\\w{0,60})\\s*(?::[^=;]{1,80})?=");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || file.newText() == null || !file.newText().contains("let _")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Map<String, Integer> before = order(pair.oldBody());
            Map<String, Integer> after = order(pair.newBody());
            if (before.size() < 2 || after.size() < 2) {
                continue;
            }
            List<String> kept = before.keySet().stream().filter(after::containsKey).toList();
            for (int i = 0; i < kept.size() && out.size() < 8; i++) {
                for (int j = i + 1; j < kept.size(); j++) {
                    String first = kept.get(i);
                    String second = kept.get(j);
                    if (after.get(second) >= after.get(first)
                            || !sameBlock(pair.newBody(), after.get(second), after.get(first))
                            || !sameBlock(pair.oldBody(), before.get(first), before.get(second))) {
                        continue; // same order, or not two locals of one block (their drop order is the blocks')
                    }
                    int lineFirst = pair.after().line(pair.now().bodyStart() + after.get(first));
                    int lineSecond = pair.after().line(pair.now().bodyStart() + after.get(second));
                    if (!file.added(lineFirst) && !file.added(lineSecond)) {
                        continue;
                    }
                    String fn = pair.now().name();
                    int line = file.added(lineFirst) ? lineFirst : lineSecond;
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                            .object(fn).object(second + " before " + first)
                            .title("`" + first + "` and `" + second + "` in `" + fn + "` now drop in the other order")
                            .explanation("Locals drop in reverse order of declaration. Before the change `" + first
                                    + "` was declared first and dropped last; now `" + second + "` is, so `" + first
                                    + "`'s drop runs before `" + second + "`'s. When one of them signals something "
                                    + "(a completion, a notification) and the other releases something (a lease, a lock, "
                                    + "a permit), whoever is signalled can now see the release not yet done, or the "
                                    + "reverse.")
                            .check("Check which drop must run last and declare that value first; if the order matters, "
                                    + "say so in a comment or drop them explicitly.")
                            .build());
                    break;
                }
            }
        }
        return out;
    }

    /** Whether offsets {@code from < to} of a masked body are in one block: no brace between them closes it. */
    private static boolean sameBlock(String body, int from, int to) {
        int depth = 0;
        for (int i = from; i < to && i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /** The held bindings of a body that occur once, with their offsets, in order. */
    private static Map<String, Integer> order(String body) {
        Map<String, Integer> at = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        Matcher m = HELD.matcher(body);
        int n = 0;
        while (m.find() && n++ < 64) {
            at.putIfAbsent(m.group(1), m.start(1));
            count.merge(m.group(1), 1, Integer::sum);
        }
        at.keySet().removeIf(k -> count.get(k) > 1);
        return at;
    }
}
