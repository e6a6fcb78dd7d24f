package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC5's lost wake-up through a notification future made too late: the old fn created it ({@code .notified()},
 * {@code x.availability_notified()}, {@code .listen()}) before its first {@code try_*(..)} attempt, the new fn only
 * after it. A notifier that wakes the futures existing when it fires ({@code Notify::notify_waiters}, an event
 * listener) misses one made later. restate d4131d72 reversed: the budget stream made its
 * {@code availability_notified()} future only after {@code try_reserve} failed, so memory returned in between woke
 * nobody and the stream hung.
 */
final class NotifiedAfterAttempt {

    private static final Pattern NOTIFIED = Pattern.compile("\\.\\s*(?:\\w+_)?(?:notified|listen)\\s*\\(\\s*\\)");
    private static final Pattern TRY = Pattern.compile("\\.\\s*try_\\w+\\s*\\(");

    private NotifiedAfterAttempt() {
    }

    static List<Finding> check(ChangedFile file, RuleInfo rule) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = pair.oldBody();
            String now = pair.newBody();
            Matcher oldNotified = NOTIFIED.matcher(was);
            Matcher oldTry = TRY.matcher(was);
            if (!oldNotified.find() || !oldTry.find() || oldNotified.start() > oldTry.start()
                    || !pair.removedAt(file, oldNotified.start())) {
                continue;
            }
            Matcher newTry = TRY.matcher(now);
            Matcher newNotified = NOTIFIED.matcher(now);
            if (!newTry.find() || !newNotified.find() || newNotified.start() < newTry.start()) {
                continue;
            }
            int line = pair.after().line(pair.now().bodyStart() + newNotified.start());
            if (!file.added(line)) {
                continue;
            }
            String fn = pair.now().name();
            String made = RuleSupport.squeezed(newNotified.group()).substring(1);
            String attempt = RuleSupport.squeezed(newTry.group()).substring(1);
            out.add(FindingBuilder.lines(rule, file, Side.NEW, line, line)
                    .severity(Severity.MEDIUM)
                    .object(fn).object("notified after " + attempt)
                    .title("`" + made + "` now made after `" + attempt + "..)` in `" + fn + "`")
                    .explanation("Before the change `" + fn + "` created the notification future before its first `"
                            + attempt + "..)`; now it creates it only after that attempt. A notifier that wakes the "
                            + "futures that exist when it fires (`Notify::notify_waiters`, an event listener) does "
                            + "not wake one made later: what is released between the failed attempt and this line "
                            + "wakes nobody, and the task waits for a notification that already came.")
                    .check("Create (and, for `Notified`, enable or poll) the future before the attempt it must "
                            + "observe, and drop it when the attempt succeeds.")
                    .build());
        }
        return out;
    }
}
