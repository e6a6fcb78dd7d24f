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
 * Part of CC5: {@code cv.notify_all()} replaced by {@code cv.notify_one()} on the same receiver in a fn that stays.
 * When several threads wait on one condition variable for different things (a queue with room, a commit done),
 * the one woken may be a waiter whose condition is still false: it goes back to sleep, and the thread that could
 * have run is never woken. parity-db b70cdeda is the reverse of its fix: writers waiting for room in the commit
 * queue hung.
 */
final class NotifyNarrowed {

    private static final Pattern NOTIFY = Pattern.compile("(?<![\\w.])([\\w.]{1,200}?)\\s*\\.\\s*notify_(all|one)\\s*\\(\\s*\\)");
    private static final int MAX_PER_FN = 64;

    private NotifyNarrowed() {
    }

    static List<Finding> check(ChangedFile file, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            List<String> removedAll = new ArrayList<>();
            Matcher m = NOTIFY.matcher(pair.oldBody());
            int n = 0;
            while (m.find() && n++ < MAX_PER_FN) {
                if (m.group(2).equals("all") && pair.removedAt(file, m.start())) {
                    removedAll.add(m.group(1).replaceAll("\\s+", ""));
                }
            }
            if (removedAll.isEmpty()) {
                continue;
            }
            Matcher a = NOTIFY.matcher(pair.newBody());
            n = 0;
            while (a.find() && n++ < MAX_PER_FN) {
                String receiver = a.group(1).replaceAll("\\s+", "");
                int line = pair.after().line(pair.now().bodyStart() + a.start());
                if (!a.group(2).equals("one") || !removedAll.contains(receiver) || !file.added(line)
                        || count(pair.newBody(), receiver, "all") >= count(pair.oldBody(), receiver, "all")) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(info, file, Side.NEW, line, line)
                        .severity(Severity.MEDIUM)
                        .object(fn).object("notify_all -> notify_one on " + receiver)
                        .title("`" + receiver + ".notify_one()` replaces `notify_all()` in `" + fn + "`")
                        .explanation("Before the change `" + fn + "` woke every thread waiting on `" + receiver
                                + "`; now it wakes one. If the waiters wait for different conditions (room in a queue, "
                                + "a commit finished, shutdown), the one woken may find its condition still false and "
                                + "sleep again while the thread that could run is never woken: a lost wake-up that "
                                + "hangs under load and passes every single-waiter test.")
                        .check("List who waits on `" + receiver + "` and for what; `notify_one` is right only if every "
                                + "waiter waits for the same condition and any one of them can consume the event.")
                        .build());
                break;
            }
        }
        return out;
    }

    private static int count(String body, String receiver, String kind) {
        Matcher m = NOTIFY.matcher(body);
        int count = 0;
        while (m.find()) {
            if (m.group(2).equals(kind) && m.group(1).replaceAll("\\s+", "").equals(receiver)) {
                count++;
            }
        }
        return count;
    }
}
