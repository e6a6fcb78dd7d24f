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
 * AL14: a future loses the guard that made it cancel-safe. An async fn that binds a value whose type has a
 * {@code Drop} impl (a rollback-if-not-done, an advisory-lock guard, a transaction marked open) before an {@code
 * .await} is covered if the caller drops the future at that await (a timeout, a {@code select!}): the {@code Drop}
 * rolls back or unlocks. Built after the await instead, or not at all, the work the await started (a {@code BEGIN}
 * sent, a lock taken on the server) is left behind on the connection (sqlx ce878ce87 and b3df1e5e5 reversed,
 * rust-postgres a0b2d701e reversed).
 */
public final class CancelGuardLost implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL14", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "cancel guard built after the await",
            "In a non-test fn that stays and awaits, the old side bound (`let x = T { .. }`, `let x = T::new(..)`, "
                    + "also wrapped as `Some(T ..)` or `cond.then(|| T ..)`) "
                    + "a value of a type with a `Drop` impl in the file (`Self` included) before an `.await`, and the "
                    + "new side binds it only after more awaits, or no longer at all, while it still awaits past that "
                    + "point: if the future is dropped at that await, nothing rolls back or releases what it started.",
            "It reads one file: a guard type whose `Drop` lives in another file, or a guard moved into a helper "
                    + "the fn awaits, is not seen; whether the work at that await needs undoing is not checked.");

    private static final Pattern DROP_IMPL = Pattern.compile("\\bimpl\\s*(?:<[^{;]*?>)?\\s*Drop\\s+for\\s+(\\w+)");
    private static final Pattern AWAIT = Pattern.compile("\\.\\s*await\\b");
    private static final Pattern SELF_TYPE = Pattern.compile("impl (?:\\w+ for )?(\\w+)::\\w+(?:#\\d+)?$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("Drop") || !file.oldText().contains("await")) {
            return out;
        }
        Set<String> guards = new LinkedHashSet<>();
        Matcher d = DROP_IMPL.matcher(ItemOutline.before(file).masked());
        while (d.find()) {
            guards.add(d.group(1));
        }
        if (guards.isEmpty()) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String oldBody = pair.oldBody();
            String newBody = pair.newBody();
            if (!AWAIT.matcher(oldBody).find() || pair.now().name().equals("drop")) {
                continue;
            }
            Matcher self = SELF_TYPE.matcher(pair.now().key());
            String selfType = self.find() ? self.group(1) : null;
            for (String guard : guards) {
                Pattern built = bound(guard.equals(selfType) ? "(?:Self|" + guard + ")" : guard);
                int oldAt = first(built, oldBody);
                if (oldAt < 0) {
                    continue;
                }
                int coveredBefore = awaitsBefore(oldBody, oldAt);
                if (coveredBefore >= count(oldBody)) {
                    continue; // bound after every await: it never covered one
                }
                int newAt = first(built, newBody);
                int newBefore = newAt < 0 ? count(newBody) : awaitsBefore(newBody, newAt);
                if (newBefore > coveredBefore && count(newBody) > coveredBefore) {
                    int at = nthAwait(newBody, coveredBefore);
                    int line = pair.after().line(pair.now().bodyStart() + at);
                    out.add(finding(file, pair.now().name(), guard, line, newAt < 0));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * {@code let [mut] x = T {} } or {@code = T::new..(}, the binding that keeps the guard alive, also built only
     * on one path ({@code = is_creator.then(|| T {..})}, {@code = Some(T::new(..))}: hickory-dns 85c02390 reversed).
     */
    private static Pattern bound(String type) {
        return Pattern.compile("\\blet\\s+(?:mut\\s+)?\\w+\\s*(?::[^=;]{1,80})?=\\s*"
                + "(?:[\\w.]{1,80}\\s*\\.\\s*then\\s*\\(\\s*(?:move\\s*)?\\|\\s*\\|\\s*|Some\\s*\\(\\s*)?" + type
                + "\\s*(?:<[^;{}()]{0,80}>\\s*)?(?:\\{|::\\s*(?:new|guard|start|begin)\\w*\\s*\\()");
    }

    private static int first(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? m.start() : -1;
    }

    private static int awaitsBefore(String body, int at) {
        Matcher m = AWAIT.matcher(body);
        int n = 0;
        while (m.find() && m.start() < at) {
            n++;
        }
        return n;
    }

    private static int count(String body) {
        return RuleSupport.count(AWAIT, body);
    }

    private static int nthAwait(String body, int n) {
        Matcher m = AWAIT.matcher(body);
        for (int i = 0; m.find(); i++) {
            if (i == n) {
                return m.start();
            }
        }
        return 0;
    }

    private static Finding finding(ChangedFile file, String fn, String guard, int line, boolean gone) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(guard).object("cancel guard lost")
                .title("`" + fn + "` awaits on line " + line + " without `" + guard + "` to undo it if cancelled")
                .explanation("Before the change, `" + fn + "` bound a `" + guard + "` (whose `Drop` cleans up) before "
                        + "this `.await`; now " + (gone ? "it no longer binds one" : "it binds it only after")
                        + ". A caller that drops the future here (a timeout, a `select!` branch that lost, a client "
                        + "that went away) leaves whatever the awaited call started (a transaction begun, a lock "
                        + "taken, a request sent) with nothing to roll it back.")
                .check("Check whether `" + fn + "` is documented or used as cancel-safe; if it is, bind the guard "
                        + "before the await again and disarm it once the await completes.")
                .build();
    }
}
