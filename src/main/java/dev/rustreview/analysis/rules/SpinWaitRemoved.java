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
 * CC31: the wait for another thread's transition deleted from a fn that still races for it. {@code match
 * STATE.compare_and_swap(UNINITIALIZED, INITIALIZING, ..) { .., INITIALIZING => { while STATE.load(..) ==
 * INITIALIZING { spin_loop() } .. } }}: the thread that loses the race waits until the winner has finished. Without
 * the wait it returns at once, and its caller goes on while the state is half made (log 637ae01b reversed:
 * {@code set_logger} returned while another thread was still installing the logger, so the next log call went to
 * the no-op logger).
 */
public final class SpinWaitRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC31", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "wait for another thread's transition removed",
            "In a non-test fn that stays and still calls `compare_exchange`, `compare_exchange_weak` or "
                    + "`compare_and_swap` on an atomic `A`, the change deletes a `while A.load(..) == S` (or `!=`) "
                    + "loop whose body only spins (`spin_loop()`, `spin_loop_hint()`, `yield_now()`, `snooze()`, an "
                    + "empty body) and leaves no such wait on `A` in the fn: a thread that loses the race no longer "
                    + "waits for the winner to finish, and its caller sees the state half made.",
            "It reads the fn's text: a wait moved into a helper the fn calls reads as removed.");

    private static final Pattern WAIT = Pattern.compile("\\bwhile\\s+([A-Za-z_][\\w.]{0,80})\\s*\\.\\s*load\\s*\\([^)]{0,80}\\)"
            + "\\s*(?:==|!=)\\s*[\\w:]{1,80}\\s*\\{\\s*((?:[\\w:]*(?:spin_loop|spin_loop_hint|yield_now|snooze|spin)\\s*\\(\\s*\\)\\s*;?\\s*)*)\\}");
    private static final String CAS = "\\s*\\.\\s*(?:compare_exchange(?:_weak)?|compare_and_swap)\\s*\\(";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String oldBody = pair.oldBody();
            String newBody = pair.newBody();
            Matcher wait = WAIT.matcher(oldBody);
            while (wait.find()) {
                String atomic = wait.group(1);
                String q = Pattern.quote(atomic);
                if (!Pattern.compile("(?<![\\w.])" + q + CAS).matcher(newBody).find()) {
                    continue;
                }
                Matcher still = WAIT.matcher(newBody);
                boolean kept = false;
                while (still.find()) {
                    kept |= still.group(1).equals(atomic);
                }
                if (kept) {
                    continue;
                }
                Matcher cas = Pattern.compile("(?<![\\w.])" + q + CAS).matcher(newBody);
                int at = cas.find() ? pair.after().line(pair.now().bodyStart() + cas.start()) : pair.after().line(pair.now().bodyStart());
                String fn = pair.now().name();
                String loop = RuleSupport.shorten(oldBody.substring(wait.start(), oldBody.indexOf('{', wait.start())).strip()
                        .replaceAll("\\s+", " "));
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, at, at)
                        .object(fn).object(atomic).object("spin wait removed")
                        .title("`" + fn + "` no longer waits (`" + loop + "`) after losing the race on `" + atomic + "`")
                        .explanation("Before the change a thread whose `compare_exchange` on `" + atomic + "` lost "
                                + "waited in `" + loop + "` until the winner finished. The change deletes that wait "
                                + "and the fn still races on `" + atomic + "` (line " + at + "), so the loser now "
                                + "returns while the winner is still in the middle of its transition: its caller "
                                + "goes on as if the work were done (a logger not yet installed, a value not yet "
                                + "written).")
                        .check("Keep waiting until `" + atomic + "` leaves the intermediate state before returning, "
                                + "or show that callers do not rely on the transition being complete.")
                        .build());
                break;
            }
        }
        return out;
    }
}
