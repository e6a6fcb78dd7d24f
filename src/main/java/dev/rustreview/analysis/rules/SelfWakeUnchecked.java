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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AL23: a poll fn stores the current task's waker in place of the previous one and wakes the previous one without
 * asking {@code will_wake}. When the same task polls again (the usual case) the "previous" waker is its own: it
 * wakes itself and returns {@code Pending}, the executor polls it at once, and the task spins at full CPU instead of
 * sleeping until the other side makes progress. shadowsocks-rust 0306fa4f reversed: the tun TCP connection's
 * {@code poll_read}/{@code poll_write} woke the replaced waker unconditionally and busy-looped.
 */
public final class SelfWakeUnchecked implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL23", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "replaced waker woken without will_wake",
            "In a non-test fn the change touches, the waker taken out by `let`/`if let Some(w) = "
                    + "slot.replace(cx.waker().clone())` (or `mem::replace(&mut slot, cx.waker().clone())`) is woken "
                    + "(`w.wake()`, `w.wake_by_ref()`) and the fn never calls `will_wake`, when the change adds the "
                    + "wake or the replace, or removes a `will_wake` check from the fn.",
            "It reads one fn: a slot that another task always owns, so that the replaced waker is never the "
                    + "current task's, is not told apart.");

    private static final Pattern REPLACED = Pattern.compile("\\blet\\s+(?:Some\\s*\\(\\s*)?(?:mut\\s+)?([a-z_]\\w*)\\s*\\)?\\s*="
            + "\\s*[^;{}]{0,120}?\\breplace\\s*\\([^;{}]{0,80}?\\b\\w+\\s*\\.\\s*waker\\s*\\(\\s*\\)\\s*\\.\\s*clone\\s*\\(\\s*\\)\\s*\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("waker()")) {
            return out;
        }
        // A fn that also existed before counts as checked then when its old body asked `will_wake`.
        Set<String> checkedBefore = new HashSet<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (pair.oldBody().contains("will_wake")) {
                checkedBefore.add(pair.now().key());
            }
        }
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            check(file, after, fn, checkedBefore.contains(fn.key()), out);
        }
        return out;
    }

    private static void check(ChangedFile file, ItemOutline after, ItemOutline.Item fn, boolean checkedBefore,
                              List<Finding> out) {
        String masked = after.masked();
        if (masked.substring(fn.bodyStart(), fn.bodyEnd()).contains("will_wake")) {
            return;
        }
        Matcher replaced = REPLACED.matcher(masked).region(fn.bodyStart(), fn.bodyEnd());
        while (replaced.find()) {
            String waker = replaced.group(1);
            Matcher wake = Pattern.compile("(?<![\\w.])" + waker + "\\s*\\.\\s*wake(?:_by_ref)?\\s*\\(\\s*\\)").matcher(masked)
                    .region(replaced.end(), fn.bodyEnd());
            if (!wake.find()) {
                continue;
            }
            int line = after.line(wake.start());
            if (checkedBefore || file.added(line) || file.added(after.line(replaced.start()))) {
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn.name()).object(waker).object("self wake")
                        .title("`" + fn.name() + "` wakes the waker it replaced without `will_wake`: the task may wake itself")
                        .explanation("Line " + after.line(replaced.start()) + " stores `cx.waker()` and takes the previous "
                                + "waker out as `" + waker + "`; line " + line + " wakes `" + waker + "` whoever it "
                                + "belongs to. When the same task polls again, that is its own waker: it is woken, "
                                + "returns `Pending`, is polled at once and spins at full CPU instead of sleeping "
                                + "until the other side makes progress.")
                        .check("Wake the old waker only when `!" + waker + ".will_wake(cx.waker())`, or use "
                                + "`AtomicWaker`/`Waker::clone_from`, which skip the same task.")
                        .build());
                return;
            }
        }
    }
}
