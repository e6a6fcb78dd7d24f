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
 * CC11: one path of a protocol stops doing its part. A {@code poll} fn that returns {@code Poll::Pending}
 * must have arranged to be woken (stored the waker, queued its hook) and, after arranging it, must look again
 * at the condition it is waiting for, or an event that happened in between is lost; a path that held a
 * reservation or a list entry must complete or remove it before it returns. Each of these is a deletion in a
 * fn that otherwise stays, which a reviewer reading only the added lines does not see.
 */
public final class WakeupPathRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC11", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "wake-up or completion removed from a path",
            "In a non-test fn that stays: the change deletes a waker registration (`cx.waker()`, `register*`, "
                    + "`push`/`push_back` of a hook, `listen`; futures 0.1's `insert_current()`, `task::current()`) "
                    + "from a fn that still returns `Poll::Pending` (or `Async::NotReady`); moves a "
                    + "waker registration behind a check it used to precede (a call now made before it, not made again "
                    + "after it, no lock taken before it, no `cx` passed to it); deletes "
                    + "the `if` that re-checked the condition (a branch returning `Poll::Ready`), or the atomic `load` that "
                    + "read the shared state again, after registering; or "
                    + "deletes a whole `if`/`if let`/`match` arm whose body completed, removed, unregistered, "
                    + "released, cancelled or woke something (`res.complete(..)`, `event.remove(..)`) when that call "
                    + "is gone from the file (not moved). Under a lock held earlier in the fn, the last is SS6.",
            "It sees deletions, not protocols: a fn that never registered or never completed is not reported, a "
                    + "registration moved into a helper still reads as removed, and whether the event can really "
                    + "happen in between (a lock held across check and registration) is not checked.");

    /** futures 0.1's task registration: the current task stored to be notified later (no {@code Context} then). */
    private static final Pattern FUTURES01_TASK = Pattern.compile(
            "\\.\\s*insert_current\\s*\\(\\s*\\)|\\btask\\s*::\\s*current\\s*\\(\\s*\\)");
    private static final Pattern REGISTER = Pattern.compile(
            "\\bwaker\\s*\\(\\s*\\)|\\.\\s*(?:register\\w*|set_waker|push_back|push|subscribe\\w*|listen)\\s*\\("
                    + "|" + FUTURES01_TASK.pattern());
    /** {@code Poll::Pending}, or futures 0.1's {@code Async::NotReady} (yamux a7d64e4 reversed). */
    private static final Pattern PENDING = Pattern.compile(
            "\\bPoll\\s*::\\s*Pending\\b|\\bAsync(?:Sink)?\\s*::\\s*NotReady\\b");
    /** The receiver starts a run and is bounded, as StaleAtomicSnapshot's: unbounded, long runs were quadratic. */
    private static final Pattern ATOMIC_LOAD = Pattern.compile("(?<![\\w.])([\\w.]{1,200})\\s*\\.\\s*load\\s*\\(\\s*(?:Ordering\\s*::\\s*)?(?:SeqCst|Acquire|Relaxed|AcqRel)\\s*\\)");
    private static final Pattern READY = Pattern.compile("\\bPoll\\s*::\\s*Ready\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>(pendingPaths(file));
        for (CleanupBranches.Removed r : CleanupBranches.in(file)) {
            if (!r.locked()) {
                out.add(cleanupFinding(INFO, file, r));
            }
        }
        return out;
    }

    private static List<Finding> pendingPaths(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            ItemOutline before = pair.before();
            ItemOutline after = pair.after();
            ItemOutline.Item was = pair.was();
            ItemOutline.Item now = pair.now();
            if (!PENDING.matcher(after.body(now)).find()) {
                rereadRemoved(file, pair).ifPresent(out::add);
                continue;
            }
            String oldBody = before.body(was);
            String newBody = after.body(now);
            Matcher reg = REGISTER.matcher(oldBody);
            boolean registrationRemoved = false;
            while (reg.find()) {
                if (file.removed(before.line(was.bodyStart() + reg.start()))) {
                    registrationRemoved = true;
                    break;
                }
            }
            int line = firstAdded(file, after, now);
            if (registrationRemoved && RuleSupport.count(REGISTER, newBody) < RuleSupport.count(REGISTER, oldBody)) {
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(now.name()).object("registration removed before Pending")
                        .title("`" + now.name() + "` returns `Poll::Pending` without the registration it used to make")
                        .explanation("Before the change, `" + now.name() + "` registered to be woken (`"
                                + RuleSupport.shorten(oldBody.substring(reg.start(), Math.min(oldBody.length(), reg.end() + 20)).strip())
                                + "…`) on a path that returns `Poll::Pending`; the change deletes that registration. A "
                                + "future that returns `Pending` without anything holding its waker is never polled "
                                + "again: the task hangs (a lost wake-up).")
                        .check("Follow each path to `Poll::Pending` in `" + now.name() + "` and check that the waker "
                                + "(or the hook that wakes it) is stored somewhere the event's producer will find.")
                        .build());
                continue;
            }
            java.util.Optional<Finding> moved = registrationMovedAfterCheck(file, pair);
            if (moved.isPresent()) {
                out.add(moved.get());
                continue;
            }
            java.util.Optional<Finding> recheck = recheckRemoved(file, pair, line);
            if (recheck.isPresent()) {
                out.add(recheck.get());
            } else {
                rereadRemoved(file, pair).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The {@code if} after a registration that returned {@code Poll::Ready} when the event had already happened. */
    private static java.util.Optional<Finding> recheckRemoved(ChangedFile file, ItemOutline.FnPair pair, int line) {
        ItemOutline before = pair.before();
        ItemOutline.Item was = pair.was();
        ItemOutline.Item now = pair.now();
        String masked = before.masked();
        Unguarded.Blocks blocks = new Unguarded.Blocks(masked, was.bodyStart(), was.bodyEnd());
        for (int i = 0; i < blocks.size(); i++) {
            String header = blocks.header(i);
            if (blocks.close(i) - blocks.open(i) > CleanupBranches.MAX_BLOCK || !header.startsWith("if ")
                    || !file.removed(before.line(blocks.open(i)))
                    || !READY.matcher(masked).region(blocks.open(i), blocks.close(i)).find()) {
                continue;
            }
            int scopeStart = blocks.parent(i) < 0 ? was.bodyStart() : blocks.open(blocks.parent(i));
            Matcher reg = REGISTER.matcher(masked).region(scopeStart, blocks.headerStart(i));
            if (!reg.find()) {
                continue;
            }
            if (RuleSupport.count(READY, pair.newBody()) >= RuleSupport.count(READY, pair.oldBody())) {
                return java.util.Optional.empty(); // as many Ready returns as before: the re-check was moved
            }
            String condition = RuleSupport.shorten(header.replaceFirst("^if\\s+", "").replaceAll("\\s+", " "));
            return java.util.Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(now.name()).object("re-check after registration removed")
                    .title("`" + now.name() + "` no longer re-checks `" + condition + "` after registering")
                    .explanation("Before the change, `" + now.name() + "` registered its waker and then looked at `"
                            + condition + "` again, returning `Poll::Ready` if it had become true in between; the change "
                            + "deletes that second look. If the event (a disconnect, a value sent) happens after the "
                            + "first check and before the registration, nobody wakes this task: it returns "
                            + "`Poll::Pending` and hangs (a lost wake-up).")
                    .check("Check whether the event can happen between the first check and the registration (is "
                            + "the same lock held across both?); if it can, keep the re-check after registering.")
                    .build());
        }
        return java.util.Optional.empty();
    }

    /** A call with at most one level of parentheses in its arguments: the checks a poll fn makes. */
    private static final Pattern CHECK_CALL = Pattern.compile(
            "(?<![\\w.:])((?:\\w+\\s*(?:::|\\.)\\s*)*\\w+\\s*\\((?:[^()]|\\([^()]*\\)){0,120}\\))");
    private static final Pattern SELF_WAKE = Pattern.compile("\\bwake(?:_by_ref)?\\s*\\(\\s*\\)");
    private static final Pattern ATTRIBUTE = Pattern.compile("#!?\\[[^\\]]{0,400}\\]");
    private static final Pattern LOCKING = Pattern.compile("\\.\\s*(?:lock|borrow_mut|write|read)\\s*\\(");

    /**
     * The registration kept but moved from before a check to the branch after it, with no second look after it
     * ({@code self.set_waker(cx.waker().clone()); match self.poll() { None => Pending, .. }} became {@code match
     * self.poll() { None => { self.set_waker(..); Pending } .. }}): an event between the check and the registration
     * wakes nobody (rust-rdkafka 20b2fb398 reversed). A check made under a lock taken before it is left alone: the
     * producer cannot get in between.
     */
    private static java.util.Optional<Finding> registrationMovedAfterCheck(ChangedFile file, ItemOutline.FnPair pair) {
        String oldBody = pair.oldBody();
        String newBody = pair.newBody();
        Matcher reg = REGISTER.matcher(oldBody);
        while (reg.find()) {
            if (!pair.removedAt(file, reg.start())) {
                continue;
            }
            String statement = statementAt(oldBody, reg.start());
            int oldAt = oldBody.indexOf(statement);
            // a waker stored for later, not a self-wake (`cx.waker().wake_by_ref()` asks for a poll now)
            int newAt = (statement.contains("waker") || FUTURES01_TASK.matcher(statement).find())
                    && !SELF_WAKE.matcher(statement).find()
                    ? normalisedIndex(newBody, statement) : -1;
            if (oldAt < 0 || newAt < 0 || !file.added(pair.after().line(pair.now().bodyStart() + newAt))
                    || LOCKING.matcher(newBody).region(0, newAt).find()) {
                continue;
            }
            java.util.Set<String> before = calls(oldBody.substring(0, oldAt));
            java.util.Set<String> laterNow = calls(newBody.substring(newAt + statement.length()));
            for (String check : calls(newBody.substring(0, newAt))) {
                if (!before.contains(check) && !laterNow.contains(check)
                        && !check.matches("(?s).*\\bcx\\b.*")) {
                    int line = pair.after().line(pair.now().bodyStart() + newAt);
                    String now = pair.now().name();
                    return java.util.Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                            .object(now).object("registration moved after check: " + check)
                            .title("`" + now + "` now registers its waker only after `" + check + "` found nothing")
                            .explanation("Before the change, `" + now + "` registered its waker (`"
                                    + RuleSupport.shorten(statement) + "`) before calling `" + check + "`; now it calls `"
                                    + check + "` first and registers only on the branch where it found nothing, without "
                                    + "looking again. An event that arrives between that check and the registration "
                                    + "(a message queued, a close) wakes nobody: the task returns `Poll::Pending` and "
                                    + "hangs (a lost wake-up).")
                            .check("Register before the check (as before), or check again after registering and "
                                    + "return `Poll::Ready` if the event came in between.")
                            .build());
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** The statement around {@code at}: from the previous {@code ;}, brace or line start to the next {@code ;}. */
    private static String statementAt(String body, int at) {
        int start = at;
        while (start > 0 && "{};\n".indexOf(body.charAt(start - 1)) < 0) {
            start--;
        }
        int end = body.indexOf(';', at);
        return body.substring(start, end < 0 ? body.length() : end + 1).strip();
    }

    private static int normalisedIndex(String body, String statement) {
        Matcher m = Pattern.compile(Pattern.quote(statement.replaceAll("\\s+", " ")).replace(" ", "\\E\\s+\\Q"))
                .matcher(body);
        return m.find() ? m.start() : -1;
    }

    private static java.util.Set<String> calls(String text) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        Matcher m = CHECK_CALL.matcher(ATTRIBUTE.matcher(text).replaceAll(" "));
        while (m.find() && out.size() < 256) {
            String call = m.group(1).replaceAll("\\s+", "");
            if (!call.matches("(?:Some|Ok|Err|Poll::\\w+|ready!?)\\(.*")) {
                out.add(call);
            }
        }
        return out;
    }

    /**
     * A fresh read of an atomic after the registration, deleted: the step where a waiter that has just queued
     * itself looks at the shared state again (closed? already sent?) before it parks.
     */
    private static java.util.Optional<Finding> rereadRemoved(ChangedFile file, ItemOutline.FnPair pair) {
        ItemOutline before = pair.before();
        ItemOutline.Item was = pair.was();
        ItemOutline.Item now = pair.now();
        String oldBody = pair.oldBody();
        Matcher reg = REGISTER.matcher(oldBody);
        if (!reg.find()) {
            return java.util.Optional.empty();
        }
        String registration = oldBody.substring(reg.start(), Math.min(oldBody.length(), reg.end() + 20)).strip();
        Matcher load = ATOMIC_LOAD.matcher(oldBody);
        while (load.find()) {
            if (load.start() < reg.end() || !file.removed(before.line(was.bodyStart() + load.start()))) {
                continue;
            }
            if (RuleSupport.count(ATOMIC_LOAD, pair.newBody()) >= RuleSupport.count(ATOMIC_LOAD, oldBody)) {
                return java.util.Optional.empty();
            }
            int line = firstAdded(file, pair.after(), now);
            String atomic = load.group(1);
            return java.util.Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(now.name()).object("re-read after registration removed")
                    .title("`" + now.name() + "` no longer reads `" + atomic + "` again after registering")
                    .explanation("Before the change, `" + now.name() + "` registered as a waiter (`"
                            + RuleSupport.shorten(registration) + "…`) and then read `" + atomic + "` again, to see "
                            + "whether the other side had closed or finished in between; the change deletes that read. "
                            + "If the state changed after the last look and before the registration, nobody is left "
                            + "to wake this waiter: it parks forever (a lost wake-up).")
                    .check("Check whether the state can change between the earlier check and the registration; if "
                            + "it can, read it again after registering, as before.")
                    .build());
        }
        return java.util.Optional.empty();
    }


    static int firstAdded(ChangedFile file, ItemOutline after, ItemOutline.Item fn) {
        int from = after.line(fn.bodyStart());
        int to = after.endLine(fn);
        for (int line = from; line <= to; line++) {
            if (file.added(line)) {
                return line;
            }
        }
        return after.headerLine(fn);
    }

    static Finding cleanupFinding(RuleInfo rule, ChangedFile file, CleanupBranches.Removed r) {
        String header = RuleSupport.shorten(r.header().replaceAll("\\s+", " ").replaceAll("^\\}\\s*", ""));
        String call = "." + r.call() + "(..)";
        return FindingBuilder.lines(rule, file, Side.NEW, r.line(), r.line())
                .object(r.fn().name()).object("cleanup branch removed: " + r.call())
                .title("`" + r.fn().name() + "` no longer calls `" + call + "` on the path `" + header + "`")
                .explanation("Before the change, the branch `" + header + "` in `" + r.fn().name() + "` called `" + call
                        + "`; the change deletes the branch and the call is gone from the file. "
                        + (r.locked()
                        ? "The fn works on state reached through a lock, so the entry it used to remove or complete now "
                                + "stays in the shared structure: a leak, or a stale entry another task later trips over."
                        : "Whatever that call completed, removed or woke (a reservation, a list entry, a waiter) is now "
                                + "left behind on this path: waiters that depend on it can hang, or an entry stays "
                                + "registered twice."))
                .check("Decide what should happen to it on this path now (who completes, removes or wakes it); if the "
                        + "type's `Drop` does it, say so in a comment.")
                .build();
    }
}
