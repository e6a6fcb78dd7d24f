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
 * AL24: a poll fn's match arm that ended the stream ({@code P if done => Poll::Ready(None)}) is deleted and the case
 * now falls to an arm {@code P => Poll::Pending}. Nothing was polled that could wake the task in that case (the inner
 * stream already answered), so returning {@code Pending} parks the consumer forever instead of telling it the stream
 * ended. vector fc8a51de reversed: {@code ConcurrentMap::poll_next} returned {@code Pending} when nothing was in
 * flight and the input had finished, and an empty input stream hung its consumer.
 */
public final class StreamEndMadePending implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL24", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM, "end of stream now Pending",
            "In a non-test fn that stays, the change deletes a match arm `P => Poll::Ready(None)` (with or without an "
                    + "`if` guard) while the new fn answers the same pattern `P` with `Poll::Pending` and has no arm "
                    + "`P .. => Poll::Ready(None)` left.",
            "It pairs arms by their pattern's text: an end moved into a helper, or a `Pending` after which "
                    + "something else is sure to wake the task, is not told apart.");

    // One arm on one line of at most MAX_LINE characters, matched from its first non-blank character: a pattern
    // that starts with `\\s*` backtracks over every split of a long blank run (fuzz run 63).
    private static final Pattern ENDS = Pattern.compile("^(?:\\|\\s*)?([^=;{}\\s][^=;{}]{0,119}?)\\s*(?:\\bif\\s[^;{}]{1,160}?)?=>\\s*"
            + "(?:(?:std\\s*::\\s*)?(?:task\\s*::\\s*)?Poll\\s*::\\s*)?Ready\\s*\\(\\s*None\\s*\\)");
    private static final Pattern PENDING = Pattern.compile("^(?:\\|\\s*)?([^=;{}\\s][^=;{}]{0,119}?)\\s*=>\\s*"
            + "(?:return\\s+)?(?:(?:std\\s*::\\s*)?(?:task\\s*::\\s*)?Poll\\s*::\\s*)?Pending\\b");
    private static final int MAX_LINE = 400;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("Ready(None)") || file.newText() == null
                || !file.newText().contains("Pending")) {
            return out;
        }
        String[] oldLines = null;
        String[] newLines = null;
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (!pair.oldBody().contains("None")) {
                continue;
            }
            if (oldLines == null) {
                oldLines = pair.before().masked().split("\n", -1);
                newLines = pair.after().masked().split("\n", -1);
            }
            List<Arm> ends = arms(oldLines, pair.before(), pair.was(), ENDS);
            if (ends.isEmpty()) {
                continue;
            }
            List<Arm> stillEnds = arms(newLines, pair.after(), pair.now(), ENDS);
            List<Arm> pending = arms(newLines, pair.after(), pair.now(), PENDING);
            for (Arm end : ends) {
                // An arm the change kept is still in the new fn: the stillEnds check answers for it.
                if (stillEnds.stream().anyMatch(a -> a.pattern().equals(end.pattern()))) {
                    continue;
                }
                Arm now = pending.stream().filter(a -> a.pattern().equals(end.pattern())).findFirst().orElse(null);
                if (now != null) {
                    out.add(finding(file, pair.now().name(), end.pattern(), now.line()));
                }
                break;
            }
        }
        return out;
    }

    private record Arm(String pattern, int line) {
    }

    /** The arms of {@code fn} that {@code kind} matches, one per line, by their squeezed pattern. */
    private static List<Arm> arms(String[] lines, ItemOutline outline, ItemOutline.Item fn, Pattern kind) {
        List<Arm> out = new ArrayList<>();
        for (int l = outline.line(fn.bodyStart()); l <= outline.endLine(fn) && l <= lines.length; l++) {
            String line = lines[l - 1].strip();
            if (line.length() > MAX_LINE || !line.contains("=>")) {
                continue;
            }
            Matcher m = kind.matcher(line);
            if (m.find()) {
                out.add(new Arm(RuleSupport.squeezed(m.group(1)), l));
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, String fn, String pattern, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(pattern).object("end made pending")
                .title("`" + fn + "` now returns `Pending` for `" + RuleSupport.shorten(pattern) + "`, where it ended the stream")
                .explanation("Before the change an arm for `" + RuleSupport.shorten(pattern) + "` returned "
                        + "`Poll::Ready(None)`: the stream was finished. That arm is gone and the case now gets "
                        + "`Poll::Pending`. A `Pending` promises a wake-up, but what was polled in this case already "
                        + "answered and registered nothing, so the consumer waits forever for an item or an end that "
                        + "never comes (an empty input is enough).")
                .check("Keep returning `Poll::Ready(None)` once the source is done, or make sure something that "
                        + "will wake `cx` was polled before returning `Pending`.")
                .build();
    }
}
