package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AL33: an atomic count raised before an {@code .await} and lowered by hand after it. A future can be dropped at
 * any await (a timeout, a {@code select!} losing, a caller going away); the statements after that await never
 * run, so the count stays raised for good. A guard whose {@code Drop} lowers it runs on every exit. alloy 78c8fce8
 * reversed: the retry layer's queue count grew with every cancelled request and inflated every later backoff.
 */
public final class CountLeakedOnCancel implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL33", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "count lowered by hand after an await",
            "In a non-test fn the change touches, inside async code (an `async fn` or a body with `async` blocks), "
                    + "`c.fetch_add(..)` is followed by an `.await` and then by `c.fetch_sub(..)` on the same "
                    + "receiver (text), the fn has no `defer!`/`scopeguard`, and the change adds one of those "
                    + "`fetch_add`/`fetch_sub` lines; or the change removes a scope guard (`defer!`, "
                    + "`scopeguard::guard`) from such a fn and adds `c.fetch_sub(..)` after an `.await` for a `c` the "
                    + "old fn lowered.",
            "It reads one fn's text in order: an await that cannot be cancelled (the future is always driven to "
                    + "completion, or spawned), or a count that is reset elsewhere, is reported too.");

    private static final Pattern ADD = Pattern.compile(
            "(?<![\\w.])((?:self\\s*\\.\\s*)?[A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*){0,4})\\s*\\.\\s*fetch_add\\s*\\(");
    private static final Pattern AWAIT = Pattern.compile("\\.\\s*await\\b");
    /** Counters looked at per fn: each is a scan of the body, and real fns raise a handful. */
    private static final int MAX_COUNTERS = 16;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("fetch_sub") || !file.newText().contains("await")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Finding f = guardUndone(file, pair);
            if (f != null && reported.add(pair.now().name())) {
                out.add(f);
            }
        }
        for (ItemOutline.Item fn : ItemOutline.touchedFns(file)) {
            if (reported.contains(fn.name())) {
                continue;
            }
            String body = after.body(fn);
            if (!body.contains("fetch_sub") || !body.contains("await") || body.contains("defer!")
                    || body.contains("scopeguard") || !body.contains("async")
                    && !ItemOutline.plain(fn.header()).matches("(?s).*\\basync\\b.*")) {
                continue;
            }
            Matcher add = ADD.matcher(body);
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (add.find() && seen.size() < MAX_COUNTERS) {
                String counter = RuleSupport.squeezed(add.group(1));
                if (!seen.add(counter)) {
                    continue; // the first raise of a counter decides; each look at it scans the whole body
                }
                Matcher await = AWAIT.matcher(body);
                if (!await.find(add.end())) {
                    continue;
                }
                Matcher sub = Pattern.compile("(?<![\\w.])" + RuleSupport.spacedPath(counter)
                        + "\\s*\\.\\s*fetch_sub\\s*\\(").matcher(body);
                int addLine = after.line(fn.bodyStart() + add.start());
                boolean lowered = false;
                boolean written = file.added(addLine);
                while (sub.find()) {
                    if (sub.start() > await.start()) {
                        lowered = true;
                        written |= file.added(after.line(fn.bodyStart() + sub.start()));
                    }
                }
                if (lowered && written) {
                    out.add(finding(file, fn.name(), counter, addLine));
                    break;
                }
            }
        }
        return out;
    }

    private static final Pattern SCOPE_GUARD = Pattern.compile(
            "\\bdefer\\s*!|\\bscopeguard\\s*::|(?<![\\w.:])guard\\s*\\(");
    private static final Pattern SUB = Pattern.compile(
            "(?<![\\w.])((?:self\\s*\\.\\s*)?[A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*){0,4})\\s*\\.\\s*fetch_sub\\s*\\(");

    /**
     * The decrement a scope guard ran on every exit, moved after an await: the old fn had {@code defer! { c.fetch_sub(..) }}
     * (or a {@code scopeguard::guard}), the new one has no guard and lowers {@code c} by hand on an added line after
     * an {@code .await}. volo 078f1d89 reversed: a connection task dropped early (a panic, a shutdown) left the
     * server's connection count raised, and graceful shutdown waited for it forever.
     */
    private static Finding guardUndone(ChangedFile file, ItemOutline.FnPair pair) {
        String was = pair.oldBody();
        String now = pair.newBody();
        if (!SCOPE_GUARD.matcher(was).find() || SCOPE_GUARD.matcher(now).find() || !now.contains("fetch_sub")
                || !now.contains("await")) {
            return null;
        }
        boolean async = now.contains("async") || ItemOutline.plain(pair.now().header()).matches("(?s).*\\basync\\b.*");
        Matcher await = AWAIT.matcher(now);
        if (!async || !await.find()) {
            return null;
        }
        Matcher sub = SUB.matcher(now);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (sub.find() && seen.size() < MAX_COUNTERS) {
            int line = pair.after().line(pair.now().bodyStart() + sub.start());
            String counter = RuleSupport.squeezed(sub.group(1));
            if (sub.start() > await.start() && file.added(line) && seen.add(counter) && Pattern.compile("(?<![\\w.])"
                    + RuleSupport.spacedPath(counter) + "\\s*\\.\\s*fetch_sub\\s*\\(").matcher(was).find()) {
                return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(pair.now().name()).object(counter)
                        .title("`" + counter + "` lowered by hand after an await instead of by the removed scope guard")
                        .explanation("Before the change a scope guard in `" + pair.now().name() + "` lowered `"
                                + counter + "` on every exit. Now it is lowered by a statement after an await: when "
                                + "the future is dropped at that await (a timeout, a shutdown, a panic in the task) the "
                                + "statement never runs and the count stays raised for good: whatever waits for it to "
                                + "reach zero (a graceful shutdown) waits forever.")
                        .check("Keep the guard (`defer!`, or a struct whose `Drop` lowers the count), so every exit, "
                                + "cancellation included, runs it.")
                        .build();
            }
        }
        return null;
    }

    private static Finding finding(ChangedFile file, String fn, String counter, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(counter)
                .title("`" + counter + "` is raised before an await and lowered only after it")
                .explanation("`" + fn + "` raises `" + counter + "` with `fetch_add`, awaits, and lowers it with "
                        + "`fetch_sub` on the paths that get past the await. When the future is dropped at that await "
                        + "(a timeout, a `select!` branch that loses, a caller that goes away) the code after it never "
                        + "runs and the count stays raised for good: every later reader sees work that is not there.")
                .check("Lower it in a guard's `Drop` (`struct Counted(Arc<AtomicUsize>)` with `impl Drop`), so every "
                        + "exit, cancellation included, runs it.")
                .build();
    }
}
