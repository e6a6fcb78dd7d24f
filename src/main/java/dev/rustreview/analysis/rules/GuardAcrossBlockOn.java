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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC38: a blocking lock's guard alive while {@code block_on(..)} drives a future to completion: a guard built in the
 * future's own expression (a temporary lives to the end of the statement) or bound by {@code let} before it and not
 * dropped. The lock stays held for the whole async operation, and any task the future waits for that needs the same
 * lock, or another thread that takes it while holding what the future needs (Python's GIL), deadlocks with it. lance
 * a1bcff45 reversed: {@code RT.block_on(None, self.inner_lock()?.write_batch(..))} held a {@code std::sync::Mutex}
 * guard across the write.
 */
public final class GuardAcrossBlockOn implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC38", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "blocking lock held while block_on runs",
            "In a non-test, non-async fn, `block_on(..)` (any receiver) runs while a guard is alive: one built in "
                    + "its arguments outside an `async` block (`x.lock().unwrap()`, `x.read()?`, a call of a non-async fn "
                    + "of the file that returns a `MutexGuard`/`RwLock*Guard`), or one bound by `let` earlier in an "
                    + "enclosing block of the fn and not passed to `drop` before the call; when the change adds the "
                    + "`block_on` line or the guard's.",
            "It knows locks by `lock`/`read`/`write` followed by `unwrap`, `expect` or `?`, and guard accessors of "
                    + "the same file: a guard from another crate's helper, or a lock the future never waits on, is "
                    + "not told apart.",
            "await_holding_lock");

    private static final Pattern BLOCK_ON = Pattern.compile("(?<![\\w])block_on\\s*\\(");
    private static final Pattern STD_LOCK = Pattern.compile(
            "\\.\\s*(?:lock|read|write)\\s*\\(\\s*\\)\\s*(?:\\?|\\.\\s*(?:unwrap|expect)\\s*\\()");
    private static final Pattern GUARD_TYPE = Pattern.compile("->[^{]*\\b(?:MutexGuard|RwLockReadGuard|RwLockWriteGuard)\\b");
    private static final Pattern LET_GUARD = Pattern.compile("\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*(?::[^=;]{1,80})?=\\s*([^;{}]{1,200}?);");
    private static final String RESULT_TAIL = "\\s*(?:\\?|\\.\\s*unwrap\\s*\\(\\s*\\)|\\.\\s*expect\\s*\\([^;]*\\))?\\s*$";
    private static final Pattern GUARD_VALUE = Pattern.compile(
            "\\.\\s*(?:lock|read|write)\\s*\\(\\s*\\)\\s*(?:\\?|\\.\\s*unwrap\\s*\\(\\s*\\)|\\.\\s*expect\\s*\\([^;]*\\))\\s*$");
    private static final Pattern ASYNC_BLOCK = Pattern.compile("\\basync\\s+(?:move\\s*)?\\{");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        List<ItemOutline.Item> fns = ItemOutline.changedFns(file);
        if (fns.isEmpty() || !file.newText().contains("block_on")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        Set<String> accessors = accessors(after);
        for (ItemOutline.Item fn : fns) {
            if (ItemOutline.plain(fn.header()).matches("^(?:[\\w\\s\"]*\\s)?async\\s.*")) {
                continue; // block_on in an async fn is CC6's
            }
            String body = after.body(fn);
            Matcher call = BLOCK_ON.matcher(body);
            while (call.find()) {
                int open = call.end() - 1;
                int close = RuleSupport.closing(body, open, '(', ')');
                int line = after.line(fn.bodyStart() + call.start());
                String guard = argumentGuard(body.substring(open + 1, Math.min(close, body.length())), accessors);
                int guardLine = line;
                if (guard == null) {
                    Let let = letGuard(body, call.start(), accessors);
                    if (let != null) {
                        guard = let.name();
                        guardLine = after.line(fn.bodyStart() + let.start());
                    }
                }
                if (guard != null && (file.added(line) || file.added(guardLine))) {
                    out.add(finding(file, line, fn.name(), guard));
                    break;
                }
            }
        }
        return out;
    }

    /** The file's fns that return a lock guard. */
    private static Set<String> accessors(ItemOutline after) {
        Set<String> out = new LinkedHashSet<>();
        for (ItemOutline.Item item : after.items()) {
            String header = ItemOutline.plain(item.header());
            // an async fn that "returns" a guard returns a future of one (tokio's own `Mutex::lock`)
            if (item.kind() == ItemOutline.Kind.FN && GUARD_TYPE.matcher(header).find()
                    && !header.matches("^(?:[\\w\\s\"()]*\\s)?async\\s.*")) {
                out.add(item.name());
            }
        }
        return out;
    }

    private static final Pattern LOCKED = Pattern.compile(
            "((?:[A-Za-z_]\\w*\\s*\\.\\s*){0,4}[A-Za-z_]\\w*)\\s*\\.\\s*(lock|read|write)\\s*\\(\\s*\\)");

    /** A guard built in {@code args} outside any async block, as text, or null. */
    private static String argumentGuard(String args, Set<String> accessors) {
        Matcher async = ASYNC_BLOCK.matcher(args);
        String outside = async.find() ? args.substring(0, async.start()) : args;
        Matcher std = STD_LOCK.matcher(outside);
        if (std.find()) {
            Matcher locked = LOCKED.matcher(outside);
            String guard = "lock";
            while (locked.find() && locked.start() <= std.start()) {
                guard = locked.group(1).replaceAll("\\s+", "") + "." + locked.group(2) + "()";
            }
            return guard;
        }
        for (String name : accessors) {
            if (Pattern.compile("(?<![\\w])" + name + "\\s*\\(\\s*\\)").matcher(outside).find()) {
                return name + "()";
            }
        }
        return null;
    }

    /** A {@code let} guard: its name and offset in the body. */
    private record Let(String name, int start) {
    }

    /**
     * The last {@code let} before {@code at} whose value is a guard, in a block that still encloses {@code at}, with
     * no {@code drop(name)} between them; or null.
     */
    private static Let letGuard(String body, int at, Set<String> accessors) {
        Matcher let = LET_GUARD.matcher(body);
        Let found = null;
        while (let.find() && let.start() < at) {
            String value = let.group(2);
            // the guard is the let's value, not a temporary inside it (`m.lock().unwrap().len()` drops it at once)
            boolean guard = GUARD_VALUE.matcher(value).find();
            for (String name : accessors) {
                guard |= Pattern.compile("(?<![\\w])" + name + "\\s*\\(\\s*\\)" + RESULT_TAIL).matcher(value).find();
            }
            if (!guard) {
                continue;
            }
            int open = RuleSupport.enclosingOpen(body, -1, let.start());
            int end = open < 0 ? body.length() : RuleSupport.closing(body, open, '{', '}');
            String between = body.substring(let.end(), at);
            if (at < end && !Pattern.compile("\\bdrop\\s*\\(\\s*" + let.group(1) + "\\s*\\)").matcher(between).find()) {
                found = new Let(let.group(1), let.start());
            }
        }
        return found;
    }

    private static Finding finding(ChangedFile file, int line, String fn, String guard) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(guard)
                .title("`" + guard + "` is held while `block_on` runs in `" + fn + "`")
                .explanation("`block_on` does not return until the future completes, and the guard lives until "
                        + "then (a temporary in the call's arguments lives to the end of the statement). The lock is "
                        + "held across the whole async operation: a task the future waits for that takes the same "
                        + "lock, or another thread that takes it while holding what the future needs (a runtime "
                        + "worker, Python's GIL), deadlocks with this call.")
                .check("Take the lock inside the future with an async mutex (`async { m.lock().await.f().await }`), "
                        + "or copy what you need and drop the guard before `block_on`.")
                .build();
    }
}
