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
 * CC19: a slot reserved with one counter and published with another. The fn takes a position with
 * {@code let i = self.write.fetch_add(1, ..)}, writes slot {@code i} in unsafe code, then bumps a second counter
 * with {@code self.read.fetch_add(1, ..)}. Readers take the second counter as "the first n slots are written",
 * but two writers can finish in the other order: writer 2 bumps the count to 1 while slot 0 is still being
 * written, and a reader reads it uninitialised. metrics 8b579751 reversed: {@code AtomicBucket}'s block length
 * went back from a bitmap of written slots ({@code fetch_or(1 << index)}) to such a count.
 */
public final class PublishedOutOfOrder implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC19", RiskArea.CONCURRENCY, Severity.MEDIUM, "slot published out of order",
            "A line the change adds in a non-test fn with `unsafe` code calls `b.fetch_add(1, ..)` after the fn "
                    + "took a position with `let i = a.fetch_add(1, ..)` from another atomic `a` and used `i` as "
                    + "an index or pointer offset (`slots[i]`, `.add(i)`, `get_unchecked(i)`): the count says how "
                    + "many writers finished, not which slots are written.",
            "It cannot see the readers: a second counter kept only for statistics, or readers that check each "
                    + "slot's own flag, is reported too.");

    private static final Pattern RESERVE = Pattern.compile("\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*(?::\\s*\\w+\\s*)?=\\s*"
            + "([\\w.]{1,200}?)\\s*\\.\\s*fetch_add\\s*\\(\\s*1\\s*,");
    private static final Pattern BUMP = Pattern.compile("(?<![\\w.])([\\w.]{1,200}?)\\s*\\.\\s*fetch_add\\s*\\(\\s*1\\s*,");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            String body = after.body(fn);
            if (!body.contains("fetch_add") || !body.contains("unsafe")) {
                continue;
            }
            List<PanickingTwinAdded.Line> lines = PanickingTwinAdded.lines(after, fn, n -> true);
            String counter = null;
            String position = null;
            for (PanickingTwinAdded.Line line : lines) {
                if (line.text().length() > PanickingTwinAdded.MAX_LINE) {
                    continue;
                }
                if (counter == null) {
                    Matcher r = RESERVE.matcher(line.text());
                    if (r.find()) {
                        counter = r.group(2);
                        position = r.group(1);
                    }
                    continue;
                }
                Matcher b = BUMP.matcher(line.text());
                if (b.find() && !b.group(1).equals(counter) && file.added(line.number())
                        && usedAsPosition(lines, position)) {
                    out.add(finding(file, fn.name(), line.number(), counter, b.group(1), position));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean usedAsPosition(List<PanickingTwinAdded.Line> lines, String name) {
        Pattern use = Pattern.compile("\\[\\s*" + name + "\\s*\\]|\\.\\s*(?:add|offset|get_unchecked(?:_mut)?|get)\\s*"
                + "\\(\\s*" + name + "\\s*\\)");
        return lines.stream().anyMatch(l -> l.text().length() <= PanickingTwinAdded.MAX_LINE
                && use.matcher(l.text()).find());
    }

    private static Finding finding(ChangedFile file, String fn, int line, String reserve, String publish, String slot) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(reserve + " then " + publish)
                .title("`" + fn + "` publishes slot `" + slot + "` by bumping `" + publish + "`, not by marking it")
                .explanation("`" + fn + "` reserves slot `" + slot + "` with `" + reserve + ".fetch_add(1, ..)`, "
                        + "writes it, then counts itself done with `" + publish + ".fetch_add(1, ..)`. Writers finish "
                        + "in any order: when the writer of slot 1 bumps the count before the writer of slot 0 has "
                        + "written, a reader that trusts the count as \"the first n slots are ready\" reads slot 0 "
                        + "uninitialised.")
                .check("Check what readers do with `" + publish + "`. If it bounds the slots they read, publish "
                        + "each slot on its own (a per-slot ready flag, or a bitmap with `fetch_or(1 << " + slot
                        + ")` whose `trailing_ones()` is the length), or wait until the count equals `" + slot
                        + "` before bumping it.")
                .build();
    }
}
