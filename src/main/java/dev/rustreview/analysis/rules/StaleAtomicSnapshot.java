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
 * Part of CC4: the change replaces a fresh atomic read in a test ({@code self.state.load(Relaxed) & UPGRADING_BIT})
 * by the same test on a variable read earlier ({@code state & UPGRADING_BIT}). The fresh read was often placed
 * where it is on purpose (inside a callback that runs under another lock, after a wait); a snapshot taken
 * before misses what other threads did in between (parking_lot's upgradable read lock deadlock).
 */
final class StaleAtomicSnapshot {

    /**
     * {@code recv.load(Ordering::X) & MASK} (also {@code |}, {@code ==}, {@code !=}). The receiver starts where a
     * run of word characters and dots starts and is at most 200 long: tried from every position of a long run, an
     * unbounded {@code [\w.]+} backtracked over the rest of the run each time (quadratic: a fuzzed 490 KB macro
     * kept one fn busy for minutes).
     */
    private static final Pattern FRESH = Pattern.compile(
            "(?<![\\w.])([\\w.]{1,200})\\s*\\.\\s*load\\s*\\([^()]*\\)\\s*(&|\\||==|!=)\\s*([A-Za-z_][\\w:]*)");

    /** Fresh reads looked at per fn: each costs a scan of the fn, and a fuzzed fn may hold thousands. */
    private static final int MAX_READS = 50;

    private StaleAtomicSnapshot() {
    }

    static List<Finding> check(ChangedFile file, RuleInfo rule) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            ItemOutline before = pair.before();
            ItemOutline after = pair.after();
            ItemOutline.Item was = pair.was();
            ItemOutline.Item now = pair.now();
            String oldBody = before.body(was);
            String newBody = after.body(now);
            Matcher fresh = FRESH.matcher(oldBody);
            boolean found = false;
            int seen = 0;
            while (!found && fresh.find() && seen++ < MAX_READS) {
                if (!file.removed(before.line(was.bodyStart() + fresh.start()))) {
                    continue;
                }
                String atomic = fresh.group(1);
                String test = fresh.group(2) + "\\s*" + Pattern.quote(fresh.group(3)) + "\\b";
                Pattern loads = Pattern.compile(Pattern.quote(atomic) + "\\s*\\.\\s*load\\s*\\([^()]*\\)\\s*" + test);
                if (RuleSupport.count(loads, newBody) >= RuleSupport.count(loads, oldBody)) {
                    continue;
                }
                Matcher snap = Pattern.compile("(?<![\\w.)])([a-z_]\\w*)\\s*" + test).matcher(newBody);
                while (snap.find()) {
                    int line = after.line(now.bodyStart() + snap.start());
                    if (file.added(line) && !snap.group(1).equals("self")) {
                        out.add(finding(file, rule, now.name(), atomic, fresh.group(2) + " " + fresh.group(3),
                                snap.group(1), line));
                        found = true;
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, RuleInfo rule, String fn, String atomic, String test,
                                   String snapshot, int line) {
        return FindingBuilder.lines(rule, file, Side.NEW, line, line)
                .severity(Severity.MEDIUM)
                .object(fn).object("fresh atomic load replaced by " + snapshot)
                .title("`" + atomic + ".load(..) " + test + "` replaced by `" + snapshot + " " + test + "` in `" + fn + "`")
                .explanation("Before the change, `" + fn + "` read `" + atomic + "` afresh where it tested `" + test
                        + "`; the change tests `" + snapshot + "`, a value read earlier, instead. Other threads may have "
                        + "changed the atomic in between (the fresh read may have sat where it did on purpose: in a "
                        + "callback run under another lock, after a wait), so the decision can rest on a stale state.")
                .check("Check what can change `" + atomic + "` between the read of `" + snapshot + "` and line " + line
                        + "; if anything can, read it again there.")
                .build();
    }
}
