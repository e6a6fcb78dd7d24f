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
 * AL41: state taken out of {@code self} before an {@code .await} and put back (or needed) after it. A future can be
 * dropped at any await (a {@code select!} that picks another branch, a timeout); what the fn took out of
 * {@code self} is then gone, and the next call finds the slot empty. clickhouse-rs d8ece036 reversed: a watch
 * cursor's {@code next} did {@code pair.take().unwrap()} on its {@code Preparing} state and awaited the view's
 * creation; a {@code next} cancelled there left {@code None}, and the next {@code next} panicked on the unwrap.
 */
public final class StateTakenAcrossAwait implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL41", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "state taken out across an await",
            "In a non-test `async fn` on `&mut self` the change touches: `x.take().unwrap()` (or `.expect(..)`) where "
                    + "`x` is bound from a pattern on `self` (`if let Self::Preparing(x) = self`), or `self.f.take()`, "
                    + "`mem::take(&mut self.f)`, `mem::replace(&mut self.f, ..)` that the fn puts back with `self.f = ..` "
                    + "after an `.await`; an `.await` comes between, and the change adds the take's line or the await's.",
            "It reads the fn's text: a take whose value is put back through another fn, or a caller that never drops "
                    + "the future before it completes (no `select!`, no timeout), is not told apart.");

    private static final Pattern TAKE_UNWRAP = Pattern.compile("(?<![\\w.])([a-z_]\\w{0,40})\\s*\\.\\s*take\\s*\\(\\s*\\)"
            + "\\s*\\.\\s*(?:unwrap|expect)\\s*\\(");
    private static final Pattern TAKE_FIELD = Pattern.compile("(?<![\\w.])self\\s*\\.\\s*([a-z_]\\w{0,40})\\s*\\.\\s*"
            + "take\\s*\\(\\s*\\)|(?<![\\w.])(?:(?:std|core)\\s*::\\s*)?mem\\s*::\\s*(?:take|replace)\\s*\\(\\s*&\\s*mut\\s+"
            + "self\\s*\\.\\s*([a-z_]\\w{0,40})\\s*[,)]");
    private static final Pattern AWAIT = Pattern.compile("\\.\\s*await\\b");
    private static final Pattern MUT_SELF = Pattern.compile("&\\s*(?:'\\w+\\s+)?mut\\s+self\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("take") || !file.newText().contains("await")) {
            return out;
        }
        ItemOutline after = null;
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            if (out.size() >= 8 || !fn.header().contains("async") || !MUT_SELF.matcher(fn.header()).find()) {
                continue;
            }
            after = after != null ? after : ItemOutline.after(file);
            String body = after.body(fn);
            if (body.length() > 200_000) {
                continue;
            }
            Finding f = boundFromSelf(file, after, fn, body);
            if (f == null) {
                f = putBackAfter(file, after, fn, body);
            }
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    /** {@code x.take().unwrap()} on a name bound from a pattern on self, an await after it. */
    private static Finding boundFromSelf(ChangedFile file, ItemOutline after, ItemOutline.Item fn, String body) {
        Matcher m = TAKE_UNWRAP.matcher(body);
        int looked = 0;
        while (m.find() && looked++ < 16) {
            String name = m.group(1);
            if (name.equals("self")) {
                continue;
            }
            Pattern bound = Pattern.compile("\\blet\\s+[^=;{}]{0,120}\\b" + name + "\\b[^=;{}]{0,80}=\\s*(?:&\\s*mut\\s+)?"
                    + "\\*?\\s*self\\s*(?:[{;]|$)");
            if (!bound.matcher(body.substring(0, m.start())).find()) {
                continue;
            }
            Matcher await = AWAIT.matcher(body).region(m.end(), body.length());
            if (!await.find()) {
                continue;
            }
            int takeLine = after.line(fn.bodyStart() + m.start());
            int awaitLine = after.line(fn.bodyStart() + await.start());
            if (!file.added(takeLine) && !file.added(awaitLine)) {
                continue;
            }
            String taken = name + ".take().unwrap()";
            return finding(file, fn, takeLine, awaitLine, name, taken, "the next call finds `None` there and its `"
                    + taken + "` panics");
        }
        return null;
    }

    /** {@code self.f} taken, awaited over, then put back with {@code self.f = ..}. */
    private static Finding putBackAfter(ChangedFile file, ItemOutline after, ItemOutline.Item fn, String body) {
        Matcher m = TAKE_FIELD.matcher(body);
        int looked = 0;
        while (m.find() && looked++ < 16) {
            String field = m.group(1) != null ? m.group(1) : m.group(2);
            Matcher await = AWAIT.matcher(body).region(m.end(), body.length());
            if (!await.find()) {
                continue;
            }
            Matcher back = Pattern.compile("(?<![\\w.])self\\s*\\.\\s*" + field + "\\s*=(?!=)").matcher(body);
            back.region(await.end(), body.length());
            if (!back.find()) {
                continue;
            }
            Matcher early = Pattern.compile("(?<![\\w.])self\\s*\\.\\s*" + field + "\\s*=(?!=)").matcher(body);
            early.region(m.end(), await.start());
            if (early.find()) {
                continue; // put back before the await
            }
            int takeLine = after.line(fn.bodyStart() + m.start());
            int awaitLine = after.line(fn.bodyStart() + await.start());
            if (!file.added(takeLine) && !file.added(awaitLine)) {
                continue;
            }
            return finding(file, fn, takeLine, awaitLine, "self." + field, "self." + field, "`self." + field
                    + "` stays empty (or default): what the fn took out is dropped with the future, and the next "
                    + "call goes on without it");
        }
        return null;
    }

    private static Finding finding(ChangedFile file, ItemOutline.Item fn, int takeLine, int awaitLine, String what,
                                   String taken, String then) {
        String name = fn.name();
        return FindingBuilder.lines(INFO, file, Side.NEW, takeLine, takeLine)
                .object(name).object(what)
                .title("`" + name + "` takes `" + what + "` out of `self` before an `.await`: a cancelled call leaves it "
                        + "empty")
                .explanation("`" + name + "` takes `" + taken + "` out of its state on line " + takeLine + " and awaits "
                        + "on line " + awaitLine + " before that state is whole again. Dropping the future at that await "
                        + "(a `select!` that picks another branch, a timeout, a dropped task) is enough: " + then + ".")
                .check("Keep the state in `self` until the await completes (borrow it, or clone what the await needs), "
                        + "or restore it in a guard that runs on drop; then a cancelled call can be retried.")
                .build();
    }
}
