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
 * AL37: a stream or future no longer fused while the file still polls it. {@code Fuse} makes a poll after the end
 * return {@code None}/{@code Pending} again; without it, polling a stream that already returned {@code None}
 * (or a future that completed) is unspecified, and many panic ("`async fn` resumed after completion", a channel
 * receiver polled after close). tarpc b1cd5f34 reversed: the client dispatch polled its canceled-requests stream
 * again after it ended (the client dropped while a response was still read) and panicked.
 */
public final class FuseRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL37", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM, "stream no longer fused",
            "In a non-test file, the change removes a `Fuse` wrapper from a name (a field or binding typed "
                    + "`Fuse<..>`, or bound to `x.fuse()`), adds no `fuse`/`Fuse`/`is_terminated` of its own, and the "
                    + "new file still polls that name (`poll_next`, `poll_next_unpin`, `poll`, `poll_unpin`, directly "
                    + "or through an accessor `name()`).",
            "It reads names in one file: whether the code stops polling after the end on its own (a `done` flag) "
                    + "is not read, and such code is reported too.");

    private static final Pattern FIELD = Pattern.compile("\\b([a-z_]\\w*)\\s*:\\s*(?:[\\w:]*::)?Fuse\\s*<");
    private static final Pattern BOUND = Pattern.compile("\\b(?:let\\s+(?:mut\\s+)?)?([a-z_]\\w*)\\s*[:=]\\s*[^;]{0,160}?\\.\\s*fuse\\s*\\(\\s*\\)");
    private static final Pattern ADDED_FUSE = Pattern.compile("\\bfuse\\s*\\(|\\bFuse\\b|\\bFusedStream\\b|\\bFusedFuture\\b|is_terminated");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.oldText() == null || file.newText() == null || file.isTestPath()
                || !Pattern.compile("\\bfuse\\s*\\(|\\bFuse\\s*<").matcher(file.oldText()).find()) {
            return out;
        }
        String[] old = ItemOutline.before(file).masked().split("\n", -1);
        String[] now = ItemOutline.after(file).masked().split("\n", -1);
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < old.length && names.size() < 8; i++) {
            if (!file.removed(i + 1) || old[i].length() > 400) {
                continue;
            }
            for (Pattern p : List.of(FIELD, BOUND)) {
                Matcher m = p.matcher(old[i]);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        if (names.isEmpty()) {
            return out;
        }
        for (int i = 0; i < now.length; i++) {
            if (file.added(i + 1) && ADDED_FUSE.matcher(now[i]).find()) {
                return out; // fused another way, or moved
            }
        }
        ItemOutline after = ItemOutline.after(file);
        String text = after.masked();
        for (String name : names) {
            Matcher poll = Pattern.compile("(?<![\\w])" + Pattern.quote(name) + "\\b(?:\\s*\\(\\s*\\))?\\s*\\.\\s*"
                    + "(poll_next_unpin|poll_next|poll_unpin|poll)\\s*\\(").matcher(text);
            int looked = 0;
            while (poll.find() && looked++ < 32) {
                int line = after.line(poll.start());
                if (inTest(after, poll.start())) {
                    continue;
                }
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(name).object("fuse removed")
                        .title("`" + name + "` is no longer fused but still polled with `" + poll.group(1) + "`")
                        .explanation("Before the change `" + name + "` was wrapped in `Fuse`, which answers a poll "
                                + "after the end with `None` (or `Pending`) again. The wrapper is gone and this code "
                                + "still polls `" + name + "`: once it has ended, the next poll is unspecified, and "
                                + "many streams and futures panic on it (an `async` block resumed after completion, "
                                + "a receiver polled after close), typically on a rare path such as a peer that goes "
                                + "away mid-request.")
                        .check("Keep the `Fuse` (or check `is_terminated()` / track the end yourself) before polling "
                                + "again.")
                        .build());
                return out;
            }
        }
        return out;
    }

    /** Whether an item of test code holds the offset. */
    private static boolean inTest(ItemOutline outline, int offset) {
        for (ItemOutline.Item item : outline.items()) {
            if (item.start() <= offset && offset < item.bodyEnd() && outline.inTest(item)) {
                return true;
            }
        }
        return false;
    }
}
