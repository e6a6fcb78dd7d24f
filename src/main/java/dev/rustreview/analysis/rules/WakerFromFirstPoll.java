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
 * CC14: a poll fn that hands its {@code Context} on only the first time (inside {@code if self.waker.is_none()},
 * {@code if !self.registered}, {@code if let None = ..}) and returns {@code Poll::Pending} on the later polls
 * without it. The {@code Future} contract is that only the waker of the most recent poll is woken, and the waker
 * changes whenever the future is polled by another task or combinator ({@code FuturesUnordered}, {@code select!},
 * a task that moved it): the stored waker wakes the old task and the new one sleeps forever (async-io's
 * {@code Timer} before 07b6cca5 registered its first waker only). {@code will_wake} in the fn counts as handling it.
 */
public final class WakerFromFirstPoll implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC14", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "waker kept from an earlier poll",
            "A non-test fn with a `&mut Context` parameter that returns `Poll::Pending`, where every use of the "
                    + "context is `cx.waker()` inside one `if` taken only the first time (`is_none()`, `== None`, "
                    + "`if let None`, `if !self.registered`) and a `Poll::Pending` is returned outside it, with no "
                    + "`will_wake` in the fn; reported when the change touches one of those lines.",
            "It reads one fn: a waker refreshed by a helper the fn calls on every poll, or an executor known to "
                    + "always poll with the same waker, is not seen; a context passed to a child's poll is taken as "
                    + "registering anew, and a `match` arm on `None` is not read as a first-time condition.");

    private static final Pattern CONTEXT_PARAM = Pattern.compile("\\b(\\w+)\\s*:\\s*&\\s*(?:'\\w+\\s+)?mut\\s+(?:[\\w:]*::)?Context\\b");
    private static final Pattern PENDING = Pattern.compile("\\bPoll\\s*::\\s*Pending\\b|(?<![\\w:])Pending\\b");
    private static final Pattern WAKER = Pattern.compile("\\s*\\.\\s*waker\\s*\\(");
    private static final Pattern FIRST_TIME = Pattern.compile(
            "^\\s*(?:else\\s+)?if\\b(?:.*\\bis_none\\s*\\(\\s*\\)|.*==\\s*None\\b|\\s+let\\s+None\\b"
                    + "|\\s*!\\s*[\\w.]*(?:regist|listen|subscri|armed|waker)[\\w.]*\\s*$)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<ItemOutline.Item> changed = ItemOutline.changedFns(file);
        if (changed.isEmpty()) {
            return List.of();
        }
        ItemOutline after = ItemOutline.after(file);
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.Item fn : changed) {
            Matcher param = CONTEXT_PARAM.matcher(fn.header());
            if (!param.find()) {
                continue;
            }
            String body = after.body(fn);
            if (body.contains("will_wake")) {
                continue;
            }
            Site site = firstTimeOnly(body, param.group(1));
            if (site == null) {
                continue;
            }
            int base = fn.bodyStart();
            int useLine = after.line(base + site.use());
            int ifLine = after.line(base + site.blockStart());
            int pendingLine = after.line(base + site.pending());
            if (!file.added(useLine) && !file.added(ifLine) && !file.added(pendingLine)) {
                continue;
            }
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, ifLine, ifLine)
                    .object("`" + fn.name() + "`").object("first poll only: " + site.condition())
                    .title("`" + fn.name() + "` keeps `" + param.group(1) + ".waker()` only under `"
                            + site.condition() + "` and returns `Pending` with the old one later")
                    .explanation("The waker a poll gets belongs to whoever polls it this time. `" + fn.name()
                            + "` stores or registers `" + param.group(1) + ".waker()` only when `" + site.condition() + "` holds, the "
                            + "first time, and on line " + pendingLine + " returns `Poll::Pending` on later polls "
                            + "without the new one. When the future is polled by another task or "
                            + "combinator (`FuturesUnordered`, `select!`, a task it moved to), the old waker is "
                            + "woken and the task now waiting never is.")
                    .check("Store or register the waker on every poll that returns `Pending` (compare with "
                            + "`will_wake` to skip the clone), or show that this future is only ever polled by one task.")
                    .build());
        }
        return out;
    }

    private record Site(int use, int blockStart, String condition, int pending) {
    }

    /**
     * The first use of the context when every use lies inside a first-time {@code if} block and a {@code Pending}
     * lies outside all of them; otherwise null.
     */
    private static Site firstTimeOnly(String body, String cx) {
        Matcher use = Pattern.compile("(?<![\\w.])" + Pattern.quote(cx) + "(?!\\w)").matcher(body);
        List<int[]> blocks = new ArrayList<>();
        Site first = null;
        int uses = 0;
        while (use.find()) {
            if (++uses > 64) {
                return null;
            }
            // Only a waker kept for later counts: a context passed to a child's poll lets the child register anew.
            if (!WAKER.matcher(body).region(use.end(), body.length()).lookingAt()) {
                return null;
            }
            int[] block = firstTimeBlock(body, use.start());
            if (block == null || !blocks.isEmpty() && blocks.get(0)[0] != block[0]) {
                return null; // used on a path every poll takes, or under several conditions this rule cannot weigh
            }
            blocks.add(block);
            if (first == null) {
                String header = body.substring(block[2], block[0]).strip().replaceAll("\\s+", " ");
                first = new Site(use.start(), block[0], RuleSupport.shorten(header), -1);
            }
        }
        if (first == null) {
            return null;
        }
        Matcher pending = PENDING.matcher(body);
        while (pending.find()) {
            int at = pending.start();
            if (blocks.stream().noneMatch(b -> b[0] <= at && at <= b[1])) {
                return new Site(first.use(), first.blockStart(), first.condition(), at);
            }
        }
        return null;
    }

    /**
     * The span {open, close, headerStart} of the nearest enclosing block, at most 8 levels out, whose header is a
     * first-time {@code if}; null when none is.
     */
    private static int[] firstTimeBlock(String body, int at) {
        int depth = 0;
        int levels = 0;
        for (int i = at - 1; i >= 0 && levels < 8; i--) {
            char c = body.charAt(i);
            if (c == '}') {
                depth++;
            } else if (c == '{') {
                if (depth > 0) {
                    depth--;
                    continue;
                }
                levels++;
                int headerStart = i;
                while (headerStart > 0 && "{};".indexOf(body.charAt(headerStart - 1)) < 0) {
                    headerStart--;
                }
                String header = body.substring(headerStart, i).strip().replaceAll("\\s+", " ");
                if (header.length() <= 200 && FIRST_TIME.matcher(header).find()) {
                    return new int[] {i, RuleSupport.closing(body, i, '{', '}'), headerStart};
                }
            }
        }
        return null;
    }

}
