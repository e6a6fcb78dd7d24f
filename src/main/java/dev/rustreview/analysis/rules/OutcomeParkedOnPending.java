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
 * ER37: a future the fn awaited ({@code stream.await?}, a task's {@code JoinHandle}) kept alive unawaited while the
 * fn waits on {@code pending()} forever. Whatever that future ends with, an error, a panic of the task, its end,
 * is never seen: the fn never returns, so a retry loop around it never retries. quilkin 57a5afef reversed: the xDS
 * provider parked on {@code std::future::pending()} beside its stream task, and a failed stream was never retried.
 */
public final class OutcomeParkedOnPending implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER37", RiskArea.ERRORS, Severity.MEDIUM, "awaited outcome replaced by pending()",
            "In a non-test fn that stays, the change removes an `x.await` and adds a `pending().await` "
                    + "(`std::future::pending`, `futures::future::pending`), and the new fn still holds `x` (or `_x`) "
                    + "without awaiting it.",
            "It pairs the value by name in one fn: a future whose outcome is watched elsewhere (a channel it reports "
                    + "to, a supervisor that polls its handle) is reported too.");

    private static final Pattern AWAITED = Pattern.compile("(?<![\\w.])([a-z_]\\w*)\\s*\\.\\s*await\\b");
    private static final Pattern PENDING = Pattern.compile("\\bpending\\s*(?:::\\s*<[^;]{0,60}?>\\s*)?\\(\\s*\\)\\s*\\.\\s*await\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("pending")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String now = pair.newBody();
            if (!PENDING.matcher(now).find()) {
                continue;
            }
            Set<String> awaited = new LinkedHashSet<>();
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                Matcher m = AWAITED.matcher(r.text());
                while (m.find() && awaited.size() < 16) {
                    awaited.add(m.group(1));
                }
            }
            for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(pair.after(), pair.now(), file::added)) {
                if (!PENDING.matcher(a.text()).find()) {
                    continue;
                }
                for (String x : awaited) {
                    String q = Pattern.quote(x);
                    boolean stillAwaited = Pattern.compile("(?<![\\w.])" + q + "\\s*\\.\\s*await\\b").matcher(now).find();
                    boolean held = Pattern.compile("\\blet\\s+(?:mut\\s+)?_?" + q + "\\b").matcher(now).find();
                    if (stillAwaited || !held) {
                        continue;
                    }
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                            .object(fn).object(x)
                            .title("`" + fn + "` waits on `pending()` instead of `" + x + ".await`")
                            .explanation("Before the change `" + fn + "` awaited `" + x + "` and returned what it ended "
                                    + "with. Now it keeps `" + x + "` alive and waits forever on `pending()`: an error "
                                    + "or a panic of that future or task is never seen, the fn never returns, and a "
                                    + "retry or restart around it never runs.")
                            .check("Await `" + x + "` (or `select!` on it beside whatever else the fn waits for) so its "
                                    + "failure reaches the caller.")
                            .build());
                    break;
                }
                break;
            }
        }
        return out;
    }
}
