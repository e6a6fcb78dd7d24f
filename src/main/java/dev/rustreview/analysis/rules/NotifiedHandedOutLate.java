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
 * AL29: a fn that created a {@code Notified} future ({@code n.clone().notified_owned()}, {@code n.notified()})
 * now hands out the {@code Notify} itself ({@code n.clone()}), so the waiter registers later, after the lock that
 * guarded the state is gone, and a {@code notify_waiters()} in between (it stores no permit) is lost. iceberg-rust
 * fc308a23 and dbbefa41 reversed: {@code get_deletes_for_data_file} and {@code try_start_pos_del_load}.
 */
public final class NotifiedHandedOutLate implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL29", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "Notify handed out instead of a Notified",
            "In a non-test fn that stays, in a file that calls `notify_waiters()`, the change removes a line that "
                    + "creates a `Notified` from a name without awaiting it there (`n.clone().notified_owned()`, "
                    + "`n.notified()`) and adds a line that hands out `n.clone()` (or `Arc::clone(&n)`) instead.",
            "It pairs the two by the `Notify`'s name within one fn and needs `notify_waiters()` in the same file: a "
                    + "notifier in another file, or a waiter that re-checks the state after registering, is not "
                    + "told apart.");

    private static final Pattern CREATED = Pattern.compile(
            "(?<![\\w.])([a-z_]\\w{0,60})\\s*(?:\\.\\s*clone\\s*\\(\\s*\\)\\s*)?\\.\\s*notified(?:_owned)?\\s*\\(\\s*\\)(?!\\s*\\.\\s*await)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        List<ItemOutline.FnPair> pairs = ItemOutline.changedFnPairs(file);
        if (pairs.isEmpty() || !file.newText().contains("notify_waiters")) {
            return out;
        }
        for (ItemOutline.FnPair pair : pairs) {
            Set<String> created = new LinkedHashSet<>();
            Matcher was = CREATED.matcher(pair.oldBody());
            while (was.find()) {
                if (pair.removedAt(file, was.start())) {
                    created.add(was.group(1));
                }
            }
            for (String name : created) {
                Matcher handed = Pattern.compile("(?<![\\w.])(?:" + name + "\\s*\\.\\s*clone\\s*\\(\\s*\\)|Arc\\s*::\\s*clone\\s*\\(\\s*&\\s*"
                        + name + "\\s*\\))(?!\\s*\\.\\s*notified)").matcher(pair.newBody());
                int line = -1;
                while (handed.find() && line < 0) {
                    int at = pair.after().line(pair.now().bodyStart() + handed.start());
                    if (file.added(at)) {
                        line = at;
                    }
                }
                if (line > 0) {
                    out.add(finding(file, line, pair.now().name(), name));
                    break;
                }
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, int line, String fn, String name) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(name)
                .title("`" + fn + "` hands out `" + name + "` instead of a `Notified` it created")
                .explanation("`notify_waiters()` stores no permit: it wakes only the `Notified` futures that exist "
                        + "when it runs. Before the change `" + fn + "` created the `Notified` here, while it still "
                        + "saw the state it read; now it hands out the `Notify`, and the waiter creates its "
                        + "`Notified` later, after that lock or check is behind it. A `notify_waiters()` in between "
                        + "is lost and the waiter sleeps forever.")
                .check("Create the `Notified` (`notified_owned()`, or `notified()` then `enable()`) before releasing "
                        + "the lock that guards the state, and hand that out; or have the waiter re-check the state "
                        + "after registering.")
                .build();
    }
}
