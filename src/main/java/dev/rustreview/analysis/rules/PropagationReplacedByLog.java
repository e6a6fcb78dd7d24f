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
 * ER25: a call whose error was propagated with {@code ?} is now wrapped in {@code if let Err(e) = call { log }}: the
 * error is written to a log and the fn carries on and returns success. qdrant 0474fe30 reversed: resharding saved
 * the new shard count with {@code config.save(&self.path)} inside an {@code if let Err} that only logged, so a
 * failed save reported success and left a stale shard count on disk for the next start.
 */
public final class PropagationReplacedByLog implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER25", RiskArea.ERRORS, Severity.MEDIUM, "propagated error now only logged",
            "In a non-test fn the change touches, it removes a statement `call?;` (also over several lines, and "
                    + "`call.inspect_err(..)?`, `.map_err(..)?`, `.context(..)?`) and adds `if let Err(e) = call` "
                    + "(or `if call.is_err()`) for the same call text, whose block only logs (`error!`, `warn!`, "
                    + "`eprintln!` and the like) with no `return`, `Err(..)`, `?` (a tracing `?field` aside), `panic!`, "
                    + "`break` or `continue`; or adds `let Ok(x) = call else { .. }` for the same call text, whose block "
                    + "logs and leaves only by `return Ok(..)`, `continue` or `break`.",
            "It pairs the call by its text: a call rewritten on the way, or an error handled by a helper the "
                    + "block calls, is not told apart; a best-effort step is reported too.");

    /** Matched against a stripped line of at most {@link #MAX_LINE} characters: no leading whitespace to backtrack over. */
    private static final Pattern PROPAGATED = Pattern.compile("(?:let\\s+[^=;]{1,80}=\\s*)?([^;\\s][^;]{0,199}?)\\s*\\?\\s*;");
    private static final int MAX_LINE = 300;
    /** Findings per file: a generated file of thousands of rewritten calls is one decision, not thousands. */
    private static final int MAX_FINDINGS = 16;
    private static final Pattern LOGGED = Pattern.compile("\\bif\\s++(?:let\\s+Err\\s*\\(\\s*(?:ref\\s+)?(?:mut\\s+)?\\w+\\s*\\)"
            + "\\s*=\\s*([^{;]{1,200}?)|([^{;]{1,200}?)\\s*\\.\\s*is_err\\s*\\(\\s*\\))\\s*\\{");
    /**
     * {@code let Ok(x) = call else { log; return Ok(()); }}: the let-else form, whose block must leave; group 1 is the
     * call. lsm-tree 3bca542c reversed: a blob indirection that failed to decode was logged and the item skipped.
     */
    private static final Pattern LET_OK = Pattern.compile("\\blet\\s++Ok\\s*+\\([^=;{}]{1,80}\\)\\s*=\\s*([^{;]{1,200}?)"
            + "\\s+else\\s*\\{");
    /** How a let-else block that swallows the error leaves: as a success, or on to the next item. */
    private static final Pattern SUCCESS_EXIT = Pattern.compile("\\breturn\\s+Ok\\s*\\(|\\bcontinue\\b|\\bbreak\\b");
    private static final Pattern FAILURE_EXIT = Pattern.compile("\\breturn\\b(?!\\s+Ok\\s*\\()|\\bErr\\s*\\(|panic!|unreachable!"
            + "|bail!|process\\s*::\\s*exit|(?<=[\\w)\\]}])\\?");
    private static final Pattern LOG = Pattern.compile("(?<![\\w:])" + RuleSupport.LOG_MACRO);
    private static final Pattern EXIT = Pattern.compile("\\b(?:return|break|continue|Err\\s*\\(|panic!|unreachable!|bail!"
            + "|process\\s*::\\s*exit)|(?<=[\\w)\\]}])\\?"); // `?error` in a tracing macro is a field sigil, not a try

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || file.newText() == null
                || !file.newText().contains("Err") && !file.newText().contains("is_err") && !file.newText().contains("Ok(")) {
            return out;
        }
        Set<String> propagated = new HashSet<>();
        String[] old = ItemOutline.before(file).masked().split("\n", -1);
        for (int l = 1; l <= old.length; l++) {
            // Fuzz run 63: `^\s*` on a removed line of 86,000 spaces backtracked over every split of the run.
            String line = file.removed(l) ? old[l - 1].strip() : "";
            Matcher m = line.length() <= MAX_LINE && line.endsWith(";") ? PROPAGATED.matcher(line) : null;
            if (m != null && m.matches()) {
                propagated.add(RuleSupport.squeezed(m.group(1)));
            }
        }
        ItemOutline before = ItemOutline.before(file);
        java.util.Map<String, ItemOutline.Item> oldFns = before.byKey(ItemOutline.Kind.FN);
        ItemOutline after = ItemOutline.after(file);
        String masked = after.masked();
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            String[] squeezed = null; // both bodies without whitespace, made once a fn and only when a logged call needs them
            for (Pattern shape : List.of(LOGGED, LET_OK)) {
            boolean letElse = shape == LET_OK;
            Matcher m = shape.matcher(masked).region(fn.bodyStart(), fn.bodyEnd());
            while (m.find() && out.size() < MAX_FINDINGS) {
                String written = letElse || m.group(1) != null ? m.group(1) : m.group(2);
                String call = RuleSupport.squeezed(written);
                String shown = RuleSupport.shorten(written.strip().replaceAll("\\s*\\n\\s*(?=\\.)", "").replaceAll("\\(\\s*\\n\\s*", "(").replaceAll(",\\s*\\n\\s*", ", ")
                        .replaceAll("\\s+", " "));
                int line = after.line(m.start());
                if (!file.added(line)) {
                    continue;
                }
                if (!propagated.contains(call)) {
                    ItemOutline.Item was = oldFns.get(fn.key());
                    if (was == null || call.length() < 4) {
                        continue;
                    }
                    if (squeezed == null) {
                        squeezed = new String[] {RuleSupport.squeezed(before.body(was)), RuleSupport.squeezed(after.body(fn))};
                    }
                    if (!propagates(squeezed[0], call) || propagates(squeezed[1], call)) {
                        continue;
                    }
                }
                int open = m.end() - 1;
                int close = Math.min(RuleSupport.closing(masked, open, '{', '}'), fn.bodyEnd());
                String block = masked.substring(open + 1, close);
                if (!LOG.matcher(block).find() || (letElse ? !SUCCESS_EXIT.matcher(block).find()
                        || FAILURE_EXIT.matcher(block).find() : EXIT.matcher(block).find())) {
                    continue;
                }
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn.name()).object(call).object("error only logged")
                        .title("`" + shown + "` in `" + fn.name() + "` now only logs its error")
                        .explanation("Before the change `" + shown + "?` returned the error to the "
                                + "caller. Now the error is logged and `" + fn.name() + "` "
                                + (letElse ? "leaves through the `else` as if nothing had failed" : "carries on as if the call had "
                                + "worked") + ": the caller is told the operation succeeded while what the call should have "
                                + "done (a save, a write, a registration) did not happen.")
                        .check("Keep `?` (log and return the error if the log line matters), unless the call is truly "
                                + "best-effort; then say why in a comment.")
                        .build());
            }
            }
        }
        return out;
    }

    /**
     * {@code call?}, or {@code call.inspect_err(..)?} / {@code .map_err(..)?} / {@code .context(..)?}, in a squeezed
     * body: the old fn propagated the call in a statement over several lines or through a wrapper
     * ({@code self.set\n.report(..)\n.await\n.inspect_err(|e| ..)?;}, litep2p 991aa12f reversed).
     */
    private static boolean propagates(String body, String call) {
        int seen = 0;
        for (int at = body.indexOf(call); at >= 0 && seen++ < 16; at = body.indexOf(call, at + 1)) {
            int end = at + call.length();
            Matcher wrap = WRAPPER.matcher(body).region(end, body.length());
            if (wrap.lookingAt()) {
                int open = wrap.end() - 1;
                end = RuleSupport.closing(body, open, '(', ')') + 1;
            }
            if (end > 0 && end < body.length() && body.charAt(end) == '?') {
                return true;
            }
        }
        return false;
    }

    private static final Pattern WRAPPER = Pattern.compile("\\.(?:inspect_err|map_err|context|with_context|wrap_err)\\(");
}
