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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC24: a wake-up or an atomic operation sent to another object than before. The change rewrites one name in the
 * line that signals ({@code next.parker.unpark()} to {@code table.parker.unpark()}), in the {@code let} that picks
 * the object it signals, or in an atomic operation, and both names are in use before and after (so it is not a
 * rename). Waiters sleep on one object's parker, condvar or waker; a signal sent to its sibling wakes nobody: papaya
 * 48487f75 reversed, where an aborted resize unparked the old table's parker while its waiters slept on the next
 * table's. Sibling atomics are published by different sides: io-uring 1a6be75de reversed, where the submission
 * queue's sync read back its own tail instead of the kernel's head, and the queue looked full for good.
 */
public final class SignalTargetChanged implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC24", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "signal or atomic operation moved to another object",
            "In a non-test fn, the change rewrites one name in a line that signals (`.unpark()`, `.notify_one()`, "
                    + "`.notify_all()`, `.notify_waiters()`, `.wake()`, `.wake_by_ref()`), before the signal's "
                    + "method, or in the `let` that picks the object a later line of the fn signals "
                    + "(`let state = next.state();` before `state.parker.unpark(..)` becoming "
                    + "`table.state()`), or in an atomic operation with an ordering (`self.head = "
                    + "(*q.head).load(Acquire)` becoming `self.tail = (*q.tail).load(Acquire)`), one name replaced "
                    + "everywhere on the line, while both names are used in the fn before and after the change (for "
                    + "fields: in the file): the waiters of the first object are no longer woken, or the fn reads "
                    + "back its own side of a pair of atomics instead of the other side's.",
            "It compares one line's words: it cannot tell which object the waiters sleep on, so a change that fixes "
                    + "the target reads the same as one that breaks it.");

    private static final String SIGNAL = "\\.\\s*(?:unpark|notify_one|notify_all|notify_waiters|wake|wake_by_ref)\\s*\\(";
    private static final Pattern SIGNAL_CALL = Pattern.compile(SIGNAL);
    /** Added signal lines read per fn: far more than any real fn has, a bound for generated ones. */
    private static final int MAX_SIGNAL_LINES = 256;
    /** A name the body signals through ({@code waiter.thread.unpark()}): group 1. */
    private static final Pattern SIGNALLED_THROUGH = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)(?:\\s*\\.\\s*\\w+){0,4}" + SIGNAL);
    /** An atomic operation with an explicit ordering: the object it works on is as much its target as a waker's. */
    private static final Pattern ATOMIC_CALL = Pattern.compile("\\.\\s*(?:load|store|swap|fetch_\\w+|compare_exchange(?:_weak)?)"
            + "\\s*\\((?=[^;]{0,200}\\b(?:Relaxed|Acquire|Release|AcqRel|SeqCst)\\b)");
    private static final Pattern LET = Pattern.compile("^\\s*let\\s+(?:mut\\s+)?([A-Za-z_]\\w*)\\s*(?::[^=]{1,80})?=");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_]\\w*|\\S");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_]\\w*");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            List<PanickingTwinAdded.Line> removed = PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed);
            List<PanickingTwinAdded.Line> added = PanickingTwinAdded.lines(pair.after(), pair.now(), file::added);
            if (removed.isEmpty() || added.isEmpty()) {
                continue;
            }
            String oldBody = pair.oldBody();
            String newBody = pair.newBody();
            // a line re-indented or moved (a body wrapped in `unsafe { .. }`) is on both sides: it changed nothing
            java.util.Set<String> removedTexts = new java.util.HashSet<>();
            removed.forEach(r -> removedTexts.add(RuleSupport.squeezed(r.text())));
            java.util.Set<String> addedTexts = new java.util.HashSet<>();
            added.forEach(a -> addedTexts.add(RuleSupport.squeezed(a.text())));
            // read once per fn: a `let` line then asks a set (4,000 of them re-read the body each: 34 s)
            java.util.Set<String> throughNames = new java.util.HashSet<>();
            Matcher through = SIGNALLED_THROUGH.matcher(newBody);
            while (through.find()) {
                throughNames.add(through.group(1));
            }
            // the removed lines that did not come back, tokenized once and grouped by length: a swap keeps the
            // token count (every added signal line re-read every removed line before: quadratic in both)
            Map<Integer, List<List<String>>> gone = new HashMap<>();
            for (PanickingTwinAdded.Line r : removed) {
                if (!addedTexts.contains(RuleSupport.squeezed(r.text()))) {
                    List<String> t = tokens(r.text());
                    gone.computeIfAbsent(t.size(), k -> new ArrayList<>()).add(t);
                }
            }
            int tried = 0;
            for (PanickingTwinAdded.Line a : added) {
                String signalled = signalled(a.text(), throughNames);
                if (signalled == null || removedTexts.contains(RuleSupport.squeezed(a.text()))
                        || ++tried > MAX_SIGNAL_LINES) {
                    continue;
                }
                List<String> now = tokens(a.text());
                for (List<String> was : gone.getOrDefault(now.size(), List.of())) {
                    String[] swap = oneNameSwapped(was, now, signalled);
                    if (swap == null || !uses(oldBody, swap[1]) || !(uses(newBody, swap[0])
                            || swap[2].equals("field") && usesField(file.newText(), swap[0]))) {
                        continue;
                    }
                    out.add(finding(file, pair, a, swap));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The part of {@code line} before which a swapped name changes what is signalled: the receiver of a signal
     * call on the line, or the whole initializer of a {@code let} whose variable the fn's body signals through (one of
     * {@code signalledThrough}).
     */
    private static String signalled(String line, java.util.Set<String> signalledThrough) {
        Matcher call = SIGNAL_CALL.matcher(line);
        if (call.find()) {
            return line.substring(0, call.start());
        }
        Matcher atomic = ATOMIC_CALL.matcher(line);
        if (atomic.find()) {
            return line.substring(0, atomic.start());
        }
        Matcher let = LET.matcher(line);
        if (let.find() && signalledThrough.contains(let.group(1))) {
            return line;
        }
        return null;
    }

    /** {old, new} when the two lines differ in one name only, and that name lies in {@code scope} (a prefix of new). */
    private static String[] oneNameSwapped(List<String> before, List<String> after, String scope) {
        if (before.size() != after.size()) {
            return null;
        }
        int at = -1;
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                // several differences count only as one name replaced everywhere on the line
                if (at >= 0 && !(before.get(i).equals(before.get(at)) && after.get(i).equals(after.get(at)))) {
                    return null;
                }
                at = at < 0 ? i : at;
            }
        }
        if (at < 0 || !IDENT.matcher(before.get(at)).matches() || !IDENT.matcher(after.get(at)).matches()
                || at >= tokens(scope).size()) {
            return null;
        }
        return new String[] {before.get(at), after.get(at), at > 0 && before.get(at - 1).equals(".") ? "field" : "name"};
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Whether the file still reads a field of that name ({@code .head}): a sibling field, not a renamed one. */
    private static boolean usesField(String text, String name) {
        return Pattern.compile("\\.\\s*" + Pattern.quote(name) + "(?!\\w)").matcher(text).find();
    }

    private static boolean uses(String body, String name) {
        return Pattern.compile("(?<![\\w])" + Pattern.quote(name) + "(?!\\w)").matcher(body).find();
    }

    private static Finding finding(ChangedFile file, ItemOutline.FnPair pair, PanickingTwinAdded.Line a, String[] swap) {
        String fn = pair.now().name();
        String was = swap[0];
        String now = swap[1];
        boolean atomic = !SIGNAL_CALL.matcher(a.text()).find() && ATOMIC_CALL.matcher(a.text()).find();
        String kept = swap[2].equals("field") ? "the file still uses both fields" : "`" + fn + "` uses both names before "
                + "and after the change";
        FindingBuilder b = FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.last())
                .object("`" + fn + "`").object(was + " -> " + now);
        if (atomic) {
            return b.title("`" + fn + "` now works on `" + now + "` instead of `" + was + "` in an atomic operation")
                    .explanation("Before the change this atomic operation of `" + fn + "` worked on `" + was + "`; now "
                            + "it works on `" + now + "`, and " + kept + ", so this is not a rename. Sibling atomics "
                            + "(a ring's head and tail, a reader and a writer count) are published by different "
                            + "sides: reading back the one this fn just wrote, instead of the one the other side "
                            + "advances, leaves a cached value stale for good (a queue that looks full forever).")
                    .check("Check which side writes `" + was + "` and which writes `" + now + "`, and that this fn "
                            + "reads (or writes) the one its caller needs.")
                    .build();
        }
        return b.title("`" + fn + "` now signals through `" + now + "` instead of `" + was + "`")
                .explanation("Before the change this line of `" + fn + "` chose `" + was + "` for the wake-up; now it "
                        + "chooses `" + now + "`, and " + kept + ", so this is not a rename. Threads or tasks sleep on "
                        + "one object's parker, condvar or waker: a signal sent to its sibling wakes nobody, and the "
                        + "waiters of `" + was + "` sleep until something else happens to wake them, if anything does "
                        + "(a lost wake-up, a hang under load).")
                .check("Find where the waiters this wake-up is for went to sleep (`park`, `wait`, the waker they "
                        + "registered) and check that they sleep on `" + now + "`'s and not `" + was + "`'s.")
                .build();
    }
}
