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
 * CC46: a stored waker taken out ({@code let waker = slot.waker.take()}) and put back on the paths that do not wake
 * it ({@code slot.waker = Some(waker);}); the change deletes the put-back. On those paths the waker is dropped: the
 * waiting task is never woken by the event it waits for, a lost wakeup that hangs it. lunatic 70d723f0 reversed: a
 * message with another tag consumed the receiver's waker, and the matching message found none.
 */
public final class WakerNotRestored implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC46", RiskArea.CONCURRENCY, Severity.MEDIUM, "taken waker no longer put back",
            "In a non-test fn that stays, the change deletes `slot = Some(w)` for a `w` the fn takes with "
                    + "`slot.take()` (a name that says waker: `waker`, `w`, `waiter`), the fn still takes it and wakes it "
                    + "on some path, and it no longer stores it back.",
            "It reads one fn's text: a waker handed to another owner on the other paths (a queue, a new registration "
                    + "by the next poll) is reported too.");

    private static final Pattern PUT_BACK = Pattern.compile(
            "(?<![\\w.])((?:self\\s*\\.\\s*)?[a-z_]\\w*(?:\\s*\\.\\s*[a-z_]\\w*){0,4})\\s*=\\s*Some\\s*\\(\\s*([a-z_]\\w*)\\s*\\)\\s*;");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("wake")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String now = pair.newBody();
            if (!now.contains("take") || !now.contains("wake")) {
                continue;
            }
            java.util.Set<String> asked = new java.util.HashSet<>(); // each is three scans of the new body
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                Matcher m = PUT_BACK.matcher(r.text());
                if (!m.find() || !m.group(2).matches("(?i)w|.*wak.*|.*waiter.*")) {
                    continue;
                }
                String slot = RuleSupport.squeezed(m.group(1));
                String waker = m.group(2);
                if (asked.size() >= 16 || !asked.add(slot + "=" + waker)) {
                    continue;
                }
                String spaced = RuleSupport.spacedPath(slot);
                Matcher take = Pattern.compile("(?<![\\w.])" + spaced + "\\s*\\.\\s*take\\s*\\(\\s*\\)").matcher(now);
                boolean wakes = Pattern.compile("(?<![\\w.])" + Pattern.quote(waker) + "\\s*\\.\\s*wake(?:_by_ref)?\\s*\\(")
                        .matcher(now).find();
                boolean restored = Pattern.compile("(?<![\\w.])" + spaced + "\\s*=\\s*Some\\s*\\(\\s*" + Pattern.quote(waker)
                        + "\\s*\\)|(?<![\\w.])" + spaced + "\\s*\\.\\s*(?:replace|insert|get_or_insert)\\s*\\(\\s*"
                        + Pattern.quote(waker) + "\\s*\\)").matcher(now).find();
                if (!take.find() || !wakes || restored) {
                    continue;
                }
                int line = pair.after().line(pair.now().bodyStart() + take.start());
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn).object(slot)
                        .title("`" + slot + ".take()` in `" + fn + "` no longer puts `" + waker + "` back when it does not wake it")
                        .explanation("Before the change `" + fn + "` stored the waker back in `" + slot + "` (old line "
                                + r.number() + ") on the path that did not wake it. Now that path drops it: the task "
                                + "waiting on `" + slot + "` is never woken by the event it is really waiting for, a "
                                + "lost wakeup that leaves it pending forever.")
                        .check("Put the waker back on every path that does not wake it (or wake it and let the task "
                                + "re-register), and test an event that does not match followed by one that does.")
                        .build());
                break;
            }
        }
        return out;
    }
}
