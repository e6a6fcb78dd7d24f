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
 * PN33: a statement that kept a value at least one ({@code let cap = cap.max(1);}) deleted while the fn still hands
 * the value to something that panics on zero: a bounded channel's capacity, a chunk or window size, a step, a
 * divisor. A quotient or a configured count reaches zero sooner than it looks. horaedb 22b724ca reversed: a channel
 * capacity divided among more sub-readers than it had slots became 0, and {@code mpsc::channel(0)} panicked.
 */
public final class ZeroFloorRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN33", RiskArea.PANICS, Severity.MEDIUM, "floor of one removed before a zero-panicking use",
            "In a non-test fn that stays, the change deletes a statement `x = ...max(1)` (with or without `let`), "
                    + "no line it adds bounds `x` with `max(..)` again, and the fn still hands `x` to `channel(x)`, "
                    + "`chunks(x)`/`chunks_exact(x)`/`windows(x)`/`step_by(x)`, or divides by it (`/ x`, `% x`).",
            "It follows the value by name in one fn: a value floored by the caller, or checked by a guard the fn "
                    + "keeps (`if x == 0 { .. }`), is reported too.",
            "arithmetic_side_effects");

    private static final Pattern FLOOR = Pattern.compile(
            "^\\s*(?:let\\s+(?:mut\\s+)?)?([a-z_]\\w*)\\s*(?::\\s*[\\w<>]+\\s*)?=\\s*[^;]*\\.\\s*max\\s*\\(\\s*1\\w*\\s*\\)\\s*;");

    private static final int MAX_VALUES = 16;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("max(1")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (!pair.oldBody().contains("max(1")) {
                continue;
            }
            Set<String> floored = new HashSet<>();
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                Matcher m = FLOOR.matcher(r.text());
                if (m.find() && floored.size() < MAX_VALUES) {
                    floored.add(m.group(1)); // each is a scan of the new body: real fns floor a handful
                }
            }
            for (String x : floored) {
                String q = Pattern.quote(x);
                if (Pattern.compile("(?<![\\w.])" + q + "\\s*(?::\\s*[\\w<>]+\\s*)?=\\s*[^;=]*\\.\\s*max\\s*\\(")
                        .matcher(pair.newBody()).find()) {
                    continue; // still floored (rewritten, or by another line)
                }
                Matcher use = Pattern.compile("\\b(?:channel|chunks|chunks_exact|chunks_mut|rchunks|windows|step_by)"
                        + "\\s*(?:::\\s*<[^;]{0,120}?>\\s*)?\\(\\s*" + q + "\\s*\\)|[/%]\\s*" + q + "\\b(?!\\s*[.(\\[])")
                        .matcher(pair.newBody());
                if (!use.find()) {
                    continue;
                }
                int line = pair.after().line(pair.now().bodyStart() + use.start());
                String fn = pair.now().name();
                String what = RuleSupport.shorten(use.group().strip());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn).object(x)
                        .title("`" + what + "` no longer kept above zero in `" + fn + "`")
                        .explanation("Before the change `" + fn + "` floored `" + x + "` at one (`.max(1)`); the change "
                                + "deletes that statement and `" + what + "` still receives it. A bounded channel of "
                                + "capacity 0, a chunk, window or step of 0, or a division by 0 panics, and a quotient "
                                + "or a configured count reaches 0 sooner than it looks (more workers than slots).")
                        .check("Keep the floor, or show that `" + x + "` cannot be 0 here (every caller and every "
                                + "configuration).")
                        .build());
            }
        }
        return out;
    }
}
