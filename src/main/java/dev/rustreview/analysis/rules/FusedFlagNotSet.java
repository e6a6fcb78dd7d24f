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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AL7: a hand-written future or stream says it has finished through a flag ({@code is_terminated} returns
 * {@code self.done}), and its {@code poll} returns the final {@code Ready} on a path that does not set the flag.
 * {@code select!} and {@code FusedFuture} users then poll it again after completion: an {@code assert!(!self.done)}
 * panics, a channel future reads a value twice, a stream yields after {@code None}. ringbuf's
 * {@code WaitOccupiedFuture} returned {@code Ready(())} from its loop without setting {@code done} (4fea746b).
 *
 * <p>The final {@code Ready} of a future is any {@code Ready(..)}; of a stream, {@code Ready(None)}. A path counts as
 * setting the flag when an assignment to it ({@code self.flag = true}, {@code *this.flag = next.is_none()} through a
 * projection) comes before the {@code Ready} in the innermost block holding it; a {@code Ready(..)} that is a pattern
 * ({@code Poll::Ready(None) =>}) is not a return.
 */
public final class FusedFlagNotSet implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL7", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "finished future not marked finished",
            "A type whose `FusedFuture`/`FusedStream::is_terminated` returns a `bool` field of `self`, and whose "
                    + "`poll`/`poll_next` returns its final `Ready` (a stream's `Ready(None)`) from a block that does "
                    + "not set that field to `true` before it, when the change touches the `poll` fn.",
            "It reads one file and the innermost block of each `Ready`: a flag set by a helper fn, or earlier in an "
                    + "outer block, reads as not set.");

    /**
     * {@code is_terminated} is {@code self.flag} alone or {@code self.flag && ..}: the flag must be set for it to say
     * "finished". With {@code self.flag || other}, a {@code Ready} may be covered by the other condition.
     */
    private static final Pattern FLAG = Pattern.compile(
            "fn\\s+is_terminated\\s*\\(\\s*&\\s*self\\s*\\)\\s*->\\s*bool\\s*\\{\\s*(!?)\\s*self\\s*\\.\\s*(\\w+)\\s*(?:}|&&)");
    private static final Pattern POLL = Pattern.compile("\\bfn\\s+(poll|poll_next)\\s*\\(");
    /** Rules read at most this many {@code Ready}s per poll fn (a real one has a few). */
    private static final int MAX_READY = 64;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!file.isRust() || file.newText() == null || file.isTestPath()) {
            return List.of();
        }
        ItemOutline after = ItemOutline.after(file);
        Map<String, ItemOutline.Item> impls = after.byKey(ItemOutline.Kind.IMPL);
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.Item fused : impls.values()) {
            if (after.inTest(fused) || !fused.key().matches("(?:.*::)?impl Fused(?:Future|Stream) for \\w+(?:#\\d+)?")) {
                continue;
            }
            Matcher flag = FLAG.matcher(after.body(fused));
            if (!flag.find() || !flag.group(1).isEmpty()) {
                continue; // `!self.running` would need `running = false`: rare, and left alone
            }
            boolean stream = fused.key().contains("FusedStream");
            ItemOutline.Item impl = after.implOf(stream ? "Stream" : "Future", fused.name());
            if (impl != null) {
                poll(file, after, impl, fused.name(), flag.group(2), stream, out);
            }
        }
        return out;
    }

    private static void poll(ChangedFile file, ItemOutline outline, ItemOutline.Item impl, String type, String flag,
                             boolean stream, List<Finding> out) {
        String body = outline.body(impl);
        Matcher fn = POLL.matcher(body);
        if (!fn.find()) {
            return;
        }
        int open = body.indexOf('{', fn.end());
        if (open < 0) {
            return;
        }
        int close = RuleSupport.closing(body, open, '{', '}');
        int base = impl.bodyStart();
        if (!RuleSupport.touched(file, outline.line(base + fn.start()), outline.line(base + close))) {
            return;
        }
        Pattern ready = Pattern.compile(stream ? "\\bReady\\s*\\(\\s*None\\s*\\)" : "\\bReady\\s*\\(");
        // `self.done = true`, and through a projection (`*this.done = true`) or computed (`*this.done = next.is_none()`).
        Pattern set = Pattern.compile("\\.\\s*" + Pattern.quote(flag) + "\\s*=(?!=)");
        Matcher r = ready.matcher(body).region(open, close);
        int seen = 0;
        while (r.find() && seen++ < MAX_READY) {
            int paren = body.indexOf('(', r.start());
            int end = RuleSupport.closing(body, paren, '(', ')');
            if (isPattern(body, end)) {
                continue; // `Poll::Ready(None) =>` matches a result, it does not return one
            }
            int inner = RuleSupport.enclosingOpen(body, open, r.start());
            int block = inner < 0 ? open : inner;
            // Set on the way (in this block, or inside `Ready(loop { .. })`), or returned where the flag is already
            // set (`if *this.done { return Poll::Ready(None); }`).
            if (set.matcher(body.substring(block, Math.min(end, body.length()))).find()
                    || guardedByFlag(body, open, block, flag)) {
                continue;
            }
            int line = outline.line(base + r.start());
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(type).object("ready without " + flag)
                    .title("`" + type + "` returns `" + (stream ? "Ready(None)" : "Ready") + "` without setting `self."
                            + flag + "`")
                    .explanation("`is_terminated` of `" + type + "` returns `self." + flag + "`, but this `"
                            + (stream ? "Ready(None)" : "Ready") + "` (line " + line + ") is reached without setting it "
                            + "to `true`. Code that trusts `is_terminated` (`select!`, `FusedFuture` combinators) polls "
                            + "the finished " + (stream ? "stream" : "future") + " again: an `assert!(!self." + flag
                            + ")` panics, a value is taken twice, or the caller waits on something that already "
                            + "completed.")
                    .check("Set `self." + flag + " = true` on every path that returns the final `Ready`, or derive "
                            + "`is_terminated` from state that the completion itself changes.")
                    .build());
            return; // one finding per poll fn: the fix is the same for every path
        }
    }

    /** Whether the {@code Ready(..)} whose parenthesis closes at {@code end} is a pattern (an arm, a {@code let}). */
    private static boolean isPattern(String text, int end) {
        int i = end + 1;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return text.startsWith("=>", i) || text.startsWith("|", i) && !text.startsWith("||", i)
                || text.startsWith("=", i) && !text.startsWith("==", i) || text.startsWith("if ", i);
    }

    /**
     * Whether the block opening at {@code block} runs only when the flag is already set: the block of
     * {@code if *this.flag}, or the {@code else} block of {@code if !*this.flag}.
     */
    private static boolean guardedByFlag(String text, int from, int block, String flag) {
        Pattern read = Pattern.compile("\\.\\s*" + Pattern.quote(flag) + "\\b(?!\\s*\\()");
        String before = text.substring(from, block).stripTrailing();
        if (before.endsWith("else")) {
            int thenClose = from + before.length() - 4;
            while (thenClose > from && text.charAt(thenClose) != '}') {
                thenClose--;
            }
            int thenOpen = Math.max(from, RuleSupport.enclosingOpen(text, from, thenClose));
            String condition = condition(text, from, thenOpen);
            return condition != null && condition.contains("!") && read.matcher(condition).find();
        }
        String condition = condition(text, from, block);
        return condition != null && !condition.contains("!") && read.matcher(condition).find();
    }

    /** The {@code if ..} text right before the block opening at {@code block}, or null if that block is no if's. */
    private static String condition(String text, int from, int block) {
        Matcher m = Pattern.compile("\\bif\\b[^{};]*$").matcher(text.substring(Math.max(from, block - 400), block));
        return m.find() ? m.group() : null;
    }

}
