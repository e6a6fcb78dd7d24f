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
 * SS10: a fn that handed background work a {@code Weak} ({@code Arc::downgrade(shared)}) now hands it a strong
 * clone ({@code shared.clone()}). Work that holds a strong reference keeps the shared state alive for as long as it
 * is scheduled; when it is the owner's {@code Drop} that stops the work (a pool stopping its reaper, a runtime its
 * timers), neither is ever dropped: the state and everything it owns (connections, threads, file handles) leak
 * (r2d2 07b618f3: background connect and reaper jobs kept the pool alive forever). The {@code Weak} and its
 * {@code upgrade()} were the way out, and the change removes both.
 */
public final class WeakMadeStrong implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS10", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "`Weak` handed to background work became a strong `Arc`",
            "In a non-test fn that stays and has a `move` closure or hands work on (`spawn`, `execute`, `schedule`), "
                    + "the change deletes an `Arc::downgrade(x)`/`Rc::downgrade(x)` and adds `x.clone()` or "
                    + "`Arc::clone(&x)` of the same `x` (the file has fewer `downgrade`s after it).",
            "It does not know whether the work outlives its owner or whether anything else breaks the cycle (a "
                    + "shutdown flag, a channel closed in `Drop`).");

    private static final Pattern DOWNGRADE = Pattern.compile(
            "\\b(?:Arc|Rc|sync\\s*::\\s*Arc|rc\\s*::\\s*Rc)\\s*::\\s*downgrade\\s*\\(\\s*&?\\s*([\\w.]{1,200})\\s*\\)");
    private static final Pattern HANDS_ON = Pattern.compile(
            "\\bmove\\s*\\|[^|]*\\||\\bmove\\s*\\|\\||\\.\\s*(?:spawn\\w*|execute\\w*|schedule\\w*)\\s*\\(|\\bspawn\\w*\\s*\\(");
    private static final int MAX_PER_FN = 32;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (file.oldText() == null || file.newText() == null
                || RuleSupport.count(DOWNGRADE, file.newText()) >= RuleSupport.count(DOWNGRADE, file.oldText())) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String newBody = pair.newBody();
            if (!HANDS_ON.matcher(newBody).find()) {
                continue;
            }
            Matcher down = DOWNGRADE.matcher(pair.oldBody());
            int n = 0;
            while (down.find() && n++ < MAX_PER_FN) {
                String target = down.group(1);
                int oldLine = pair.before().line(pair.was().bodyStart() + down.start());
                if (!file.removed(oldLine) || newBody.contains("downgrade(" + target) || newBody.contains("downgrade(&" + target)) {
                    continue;
                }
                Matcher clone = Pattern.compile("(?<![\\w.])" + Pattern.quote(target) + "\\s*\\.\\s*clone\\s*\\(\\s*\\)"
                        + "|\\b(?:Arc|Rc)\\s*::\\s*clone\\s*\\(\\s*&?\\s*" + Pattern.quote(target) + "\\s*\\)").matcher(newBody);
                int line = -1;
                while (clone.find()) {
                    int at = pair.after().line(pair.now().bodyStart() + clone.start());
                    if (file.added(at)) {
                        line = at;
                        break;
                    }
                }
                if (line < 0) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .severity(Severity.MEDIUM)
                        .object(fn).object("weak made strong " + target)
                        .title("`" + fn + "` hands on a strong clone of `" + target + "` where it handed a `Weak`")
                        .explanation("Before the change `" + fn + "` gave the work it hands on `downgrade(" + target
                                + ")` (old line " + oldLine + "); now it gives a strong clone (line " + line + "). The "
                                + "work keeps `" + target + "` alive for as long as it is scheduled. If it is the "
                                + "owner's `Drop` that stops the work (a pool's reaper, a timer), neither is ever "
                                + "dropped: the shared state and what it owns leak.")
                        .check("Say what stops the work once every owner is gone; if it is the owner's `Drop`, keep "
                                + "the `Weak` (and return from the work when `upgrade()` fails).")
                        .build());
                break;
            }
        }
        return out;
    }
}
