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
 * PN20: a lock's poison recovery replaced by {@code unwrap()}. {@code m.write().unwrap_or_else(|e| e.into_inner())}
 * goes on after a thread panicked while holding the lock; {@code m.write().unwrap()} panics too, and so does every
 * later caller: one panic becomes a cascade. kube 360c3db6 reversed: after one panic during a CA reload, every reload
 * panicked on the poisoned lock.
 */
public final class PoisonRecoveryRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN20", RiskArea.PANICS, Severity.MEDIUM, "poison recovery removed",
            "A line the change adds to a non-test fn unwraps a lock acquisition (`x.lock().unwrap()`, "
                    + "`x.write().expect(..)`, also `read()`) where a line it removes on the same lock recovered from "
                    + "poisoning (`.unwrap_or_else(|e| e.into_inner())`, `.unwrap_or_else(PoisonError::into_inner)`): "
                    + "a panic in one holder now makes every later acquisition panic.",
            "It matches the lock by its text: a recovery moved into a helper the new line calls is not seen.",
            "unwrap_used");

    // Receivers start at a token boundary and are bounded: on a fuzzed line of 400,000 word characters and dots an
    // unanchored `[\w.]+` backtracked from every offset and never finished (fuzz run 60).
    private static final Pattern RECOVERED = Pattern.compile("(?<![\\w.])([\\w.]{1,120}?)\\.(lock|read|write)\\(\\)\\.unwrap_or_else\\("
            + "(?:\\|(\\w+)\\|\\3\\.into_inner\\(\\)|(?:[\\w:]*::)?PoisonError::into_inner)\\)");
    private static final Pattern UNWRAPPED = Pattern.compile("(?<![\\w.])([\\w.]{1,120}?)\\s*\\.\\s*(lock|read|write)\\s*\\(\\s*\\)\\s*\\.\\s*(?:unwrap\\s*\\(\\s*\\)|expect\\s*\\()");


    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("into_inner")) {
            return out;
        }
        List<String> recovered = new ArrayList<>();
        for (String line : AddedLines.removedNormal(file)) {
            Matcher m = RECOVERED.matcher(line);
            while (m.find()) {
                recovered.add(m.group(1) + "." + m.group(2));
            }
        }
        if (recovered.isEmpty()) {
            return out;
        }
        for (AddedLines.Line line : AddedLines.of(file)) {
            Matcher m = UNWRAPPED.matcher(line.text());
            while (m.find()) {
                String lock = m.group(1) + "." + m.group(2);
                if (recovered.contains(lock)) {
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, line.number(), line.number())
                            .object(line.fn().name()).object(lock).object("poison recovery removed")
                            .title("`" + lock + "()` in `" + line.fn().name() + "` now panics on a poisoned lock")
                            .explanation("The removed code recovered the guard when `" + m.group(1) + "` was "
                                    + "poisoned (`into_inner()`), so a panic in one holder did not stop the others. "
                                    + "Now `" + lock + "()` is unwrapped: after one thread panics while holding "
                                    + "the lock, every later call here panics too.")
                            .check("Keep `.unwrap_or_else(|e| e.into_inner())` (and check the data can be used after "
                                    + "a holder panicked), or say why a panic here should take the caller down.")
                            .build());
                    return out;
                }
            }
        }
        return out;
    }
}
