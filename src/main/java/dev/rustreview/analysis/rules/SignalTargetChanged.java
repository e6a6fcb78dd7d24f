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
 * CC24: a wake-up sent to another object than before. The change rewrites one name in the line that signals
 * ({@code next.parker.unpark()} to {@code table.parker.unpark()}) or in the {@code let} that picks the object it
 * signals, and both names are in use in the fn before and after (so it is not a rename). Waiters sleep on one
 * object's parker, condvar or waker; a signal sent to its sibling wakes nobody, and they sleep on: papaya
 * 48487f75 reversed, where an aborted resize unparked the old table's parker while its waiters slept on the next
 * table's.
 */
public final class SignalTargetChanged implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC24", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "signal sent to another object",
            "In a non-test fn, the change rewrites one name in a line that signals (`.unpark()`, `.notify_one()`, "
                    + "`.notify_all()`, `.notify_waiters()`, `.wake()`, `.wake_by_ref()`), before the signal's "
                    + "method, or in the `let` that picks the object a later line of the fn signals "
                    + "(`let state = next.state();` before `state.parker.unpark(..)` becoming "
                    + "`table.state()`), while both names are used in the fn before and after the change: the "
                    + "waiters of the first object are no longer woken.",
            "It compares one line's words: it cannot tell which object the waiters sleep on, so a change that fixes "
                    + "the target reads the same as one that breaks it.");

    private static final String SIGNAL = "\\.\\s*(?:unpark|notify_one|notify_all|notify_waiters|wake|wake_by_ref)\\s*\\(";
    private static final Pattern SIGNAL_CALL = Pattern.compile(SIGNAL);
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
            for (PanickingTwinAdded.Line a : added) {
                String signalled = signalled(a.text(), newBody);
                if (signalled == null) {
                    continue;
                }
                for (PanickingTwinAdded.Line r : removed) {
                    String[] swap = oneNameSwapped(r.text(), a.text(), signalled);
                    if (swap == null || !uses(newBody, swap[0]) || !uses(oldBody, swap[1])) {
                        continue;
                    }
                    out.add(finding(file, pair, a, swap, signalled));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The part of {@code line} before which a swapped name changes what is signalled: the receiver of a signal
     * call on the line, or the whole initializer of a {@code let} whose variable the fn's body signals through.
     */
    private static String signalled(String line, String body) {
        Matcher call = SIGNAL_CALL.matcher(line);
        if (call.find()) {
            return line.substring(0, call.start());
        }
        Matcher let = LET.matcher(line);
        if (let.find() && Pattern.compile("(?<![\\w.])" + let.group(1) + "(?:\\s*\\.\\s*\\w+){0,4}" + SIGNAL)
                .matcher(body).find()) {
            return line;
        }
        return null;
    }

    /** {old, new} when the two lines differ in one name only, and that name lies in {@code scope} (a prefix of new). */
    private static String[] oneNameSwapped(String removed, String added, String scope) {
        List<String> before = tokens(removed);
        List<String> after = tokens(added);
        if (before.size() != after.size()) {
            return null;
        }
        int at = -1;
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                if (at >= 0) {
                    return null;
                }
                at = i;
            }
        }
        if (at < 0 || !IDENT.matcher(before.get(at)).matches() || !IDENT.matcher(after.get(at)).matches()
                || at >= tokens(scope).size()) {
            return null;
        }
        return new String[] {before.get(at), after.get(at)};
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static boolean uses(String body, String name) {
        return Pattern.compile("(?<![\\w])" + Pattern.quote(name) + "(?!\\w)").matcher(body).find();
    }

    private static Finding finding(ChangedFile file, ItemOutline.FnPair pair, PanickingTwinAdded.Line a, String[] swap,
                                   String signalled) {
        String fn = pair.now().name();
        String was = swap[0];
        String now = swap[1];
        return FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.last())
                .object("`" + fn + "`").object(was + " -> " + now)
                .title("`" + fn + "` now signals through `" + now + "` instead of `" + was + "`")
                .explanation("Before the change this line of `" + fn + "` chose `" + was + "` for the wake-up; now it "
                        + "chooses `" + now + "`, and `" + fn + "` uses both names before and after the change, so this "
                        + "is not a rename. Threads or tasks sleep on one object's parker, condvar or waker: a signal "
                        + "sent to its sibling wakes nobody, and the waiters of `" + was + "` sleep until something "
                        + "else happens to wake them, if anything does (a lost wake-up, a hang under load).")
                .check("Find where the waiters this wake-up is for went to sleep (`park`, `wait`, the waker they "
                        + "registered) and check that they sleep on `" + now + "`'s and not `" + was + "`'s.")
                .build();
    }
}
