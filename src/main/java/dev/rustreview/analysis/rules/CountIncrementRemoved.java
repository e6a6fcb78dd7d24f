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
 * SS17: an atomic count's increment removed while its decrement stays. capnp-futures' {@code write_queue::Sender::send}
 * lost {@code self.in_flight.fetch_add(1, ..)} while the writer task still does {@code in_flight.fetch_sub(1, ..)}
 * for each message written: the count goes negative (or wraps), and {@code Sender::len()} reports nonsense to the
 * code that throttles on it. capnproto-rust 2f423e43 reversed.
 */
public final class CountIncrementRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS17", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "count increment removed, its decrement kept",
            "In a non-test fn that stays, the change removes `x.f.fetch_add(..)` (or `f.fetch_add`) and the new file "
                    + "increments `f` nowhere (`fetch_add`, `+= 1`) while it still decrements it (`f.fetch_sub(..)`).",
            "It reads one file: an increment moved to another file of the crate reads as removed.");

    private static final Pattern ADD = Pattern.compile("(?<![\\w])([A-Za-z_]\\w*)\\s*\\.\\s*fetch_add\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("fetch_add") || file.newText() == null
                || !file.newText().contains("fetch_sub")) {
            return out;
        }
        String now = ItemOutline.after(file).masked();
        Set<String> asked = new HashSet<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                Matcher add = ADD.matcher(r.text());
                if (!add.find() || !asked.add(add.group(1)) || asked.size() > 16) {
                    continue;
                }
                String f = Pattern.quote(add.group(1));
                if (Pattern.compile("(?<![\\w])" + f + "\\s*\\.\\s*fetch_add\\s*\\(|(?<![\\w])" + f + "\\s*\\+=").matcher(now).find()) {
                    continue; // still incremented somewhere in the file
                }
                Matcher sub = Pattern.compile("(?<![\\w])" + f + "\\s*\\.\\s*fetch_sub\\s*\\(").matcher(now);
                if (!sub.find()) {
                    continue;
                }
                String name = add.group(1);
                int subLine = ItemOutline.after(file).line(sub.start());
                int line = pair.after().line(pair.now().bodyStart());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(pair.now().name()).object(name + " increment removed")
                        .title("`" + pair.now().name() + "` no longer increments `" + name + "`, which line " + subLine
                                + " still decrements")
                        .explanation("Before the change `" + pair.now().name() + "` counted up `" + name + "` with "
                                + "`fetch_add`; nothing in the file does now, while line " + subLine + " still counts it "
                                + "down with `fetch_sub`. The count drifts below what it tracks (an unsigned atomic "
                                + "wraps to a huge value), and whatever reads it (a queue length, a live-object count "
                                + "that decides when to shut down) acts on a wrong number.")
                        .check("Keep the increment (or move it, and show where), or remove the decrement with it.")
                        .build());
            }
        }
        return out;
    }
}
