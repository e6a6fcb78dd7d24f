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

    // One arm on one line, matched from the line's start: a multi-line `\\s*` would rescan blank runs from every start.
    private static final Pattern ENDS = Pattern.compile("^[ \\t]*(?:\\|[ \\t]*)?([^=;{}\\n]{1,120}?)[ \\t]*(?:\\bif\\s[^;{}\\n]{1,160}?)?=>[ \\t]*"
            + "(?:(?:std\\s*::\\s*)?(?:task\\s*::\\s*)?Poll\\s*::\\s*)?Ready\\s*\\(\\s*None\\s*\\)", Pattern.MULTILINE);
    private static final Pattern PENDING = Pattern.compile("^[ \\t]*(?:\\|[ \\t]*)?([^=;{}\\n]{1,120}?)[ \\t]*=>[ \\t]*"
            + "(?:return\\s+)?(?:(?:std\\s*::\\s*)?(?:task\\s*::\\s*)?Poll\\s*::\\s*)?Pending\\b", Pattern.MULTILINE);

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
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String oldMasked = pair.before().masked();
            Matcher end = ENDS.matcher(oldMasked).region(pair.was().bodyStart(), pair.was().bodyEnd());
            while (end.find()) {
                // An arm the change kept is still in the new fn: endsStill answers for it.
                String pattern = RuleSupport.squeezed(end.group(1));
                String newMasked = pair.after().masked();
                if (endsStill(newMasked, pair.now(), pattern)) {
                    continue;
                }
                Matcher pending = PENDING.matcher(newMasked).region(pair.now().bodyStart(), pair.now().bodyEnd());
                while (pending.find()) {
                    if (RuleSupport.squeezed(pending.group(1)).equals(pattern)) {
                        int line = pair.after().line(pending.start(1));
                        out.add(finding(file, pair.now().name(), pattern, line));
                        break;
                    }
                }
                break;
            }
        }
        return out;
    }

    private static boolean endsStill(String masked, ItemOutline.Item fn, String pattern) {
        Matcher m = ENDS.matcher(masked).region(fn.bodyStart(), fn.bodyEnd());
        while (m.find()) {
            if (RuleSupport.squeezed(m.group(1)).equals(pattern)) {
                return true;
            }
        }
        return false;
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
