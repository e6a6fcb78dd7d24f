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
 * CC12: synchronisation the change takes away from a shared access. Either a fn that read or wrote a field
 * while holding a lock still touches the field but no longer takes the lock ("another thread may be unparking
 * concurrently, which is done without holding the queue lock"), or an added {@code try_lock()} whose failure is
 * unwrapped: it assumes nobody else can hold the lock, and panics the first time somebody does.
 */
public final class LockDropped implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC12", RiskArea.CONCURRENCY, Severity.MEDIUM, "lock dropped from a shared access",
            "A non-test fn that stays where the change deletes a lock acquisition (`.lock()`, `.write()`, "
                    + "`.try_lock()`, `.read().unwrap()`, `pthread_mutex_lock(..)`) while a `self.` field it used under "
                    + "that lock is still used in the fn, with fewer acquisitions left (not a lock moved); and an "
                    + "added `try_lock().unwrap()`/`.expect(..)` (a lock assumed uncontended: it panics when another "
                    + "thread holds it).",
            "It cannot tell whether the field became an atomic or is now only reached by one thread (the lock no "
                    + "longer needed), nor see a lock taken in a helper the fn now calls instead.");

    private static final Pattern ACQUIRE = Pattern.compile(
            "\\.\\s*(?:lock|write|try_lock|try_write)\\s*\\(\\s*\\)|\\.\\s*read\\s*\\(\\s*\\)\\s*\\.\\s*(?:unwrap|expect)\\b"
                    + "|\\bpthread_(?:mutex|rwlock)_(?:lock|wrlock|rdlock)\\s*\\(");
    /** Removed acquisitions looked at per fn: a fuzzed fn with thousands of them is not read for each. */
    private static final int MAX_LOCKS = 20;
    private static final Pattern FIELD = Pattern.compile("\\bself\\s*\\.\\s*(\\w+)\\b(?!\\s*\\()");
    private static final Pattern TRY_LOCK_UNWRAP = Pattern.compile(
            "\\.\\s*try_(?:lock|write|read)\\s*\\(\\s*\\)\\s*\\.\\s*(?:unwrap|expect)\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!file.isRust() || file.newText() == null || file.isTestPath()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>(uncontended(file));
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            ItemOutline before = pair.before();
            ItemOutline after = pair.after();
            ItemOutline.Item was = pair.was();
            ItemOutline.Item now = pair.now();
            String oldBody = before.body(was);
            String newBody = after.body(now);
            if (RuleSupport.count(ACQUIRE, newBody) >= RuleSupport.count(ACQUIRE, oldBody)) {
                continue;
            }
            Set<String> newFields = new java.util.HashSet<>();
            Matcher inNew = FIELD.matcher(newBody);
            while (inNew.find()) {
                newFields.add(inNew.group(1));
            }
            Matcher lock = ACQUIRE.matcher(oldBody);
            int locksSeen = 0;
            while (lock.find() && locksSeen++ < MAX_LOCKS) {
                if (!file.removed(before.line(was.bodyStart() + lock.start()))) {
                    continue;
                }
                Set<String> stillUsed = new LinkedHashSet<>();
                Matcher field = FIELD.matcher(oldBody).region(lock.end(), Math.min(oldBody.length(), lock.end() + 600));
                while (field.find()) {
                    if (newFields.contains(field.group(1))) {
                        stillUsed.add(field.group(1));
                    }
                }
                if (!stillUsed.isEmpty()) {
                    int line = WakeupPathRemoved.firstAdded(file, after, now);
                    String used = stillUsed.iterator().next();
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                            .object(now.name()).object("lock removed around self." + used)
                            .title("`" + now.name() + "` uses `self." + used + "` without the lock it used to take")
                            .explanation("Before the change, `" + now.name() + "` took a lock (`"
                                    + RuleSupport.shorten(lock.group().strip()) + "`) and then used `self." + used
                                    + "`; the change deletes the acquisition and keeps the access. If another thread "
                                    + "writes `self." + used + "` (even one that does so without the queue or outer "
                                    + "lock this fn holds), the read can see a half-done update or miss one: a race the "
                                    + "compiler accepts when the field is a `Cell`/`UnsafeCell` behind `unsafe`.")
                            .check("Find every writer of `self." + used + "` and the lock it holds; keep the "
                                    + "acquisition unless none can run at the same time.")
                            .build());
                    break;
                }
            }
        }
        return out;
    }

    private static List<Finding> uncontended(ChangedFile file) {
        if (!file.newText().contains("try_")) {
            return List.of();
        }
        ItemOutline after = ItemOutline.after(file);
        List<Finding> out = new ArrayList<>();
        Matcher m = TRY_LOCK_UNWRAP.matcher(after.masked());
        while (m.find()) {
            int line = after.line(m.start());
            if (!file.added(line)) {
                continue;
            }
            String call = RuleSupport.shorten(m.group().replaceAll("\\s+", "")) + "..)";
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object("try_lock unwrapped")
                    .title("`try_lock()` unwrapped: panics whenever another thread holds the lock")
                    .explanation("`" + call + "` turns \"the lock is busy\" into a panic. It is only correct if no "
                            + "other thread can ever hold the lock at this point, an argument the code does not make "
                            + "and that the next change can break; under contention the process aborts the task "
                            + "(or poisons state) instead of waiting or backing off.")
                    .check("Either handle the busy case (retry, return an error, treat it as closed), or write down "
                            + "why no other holder can exist here and use `lock()`.")
                    .build());
        }
        return out;
    }
}
