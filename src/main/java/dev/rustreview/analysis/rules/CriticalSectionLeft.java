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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC44: statements that ran inside a critical section ({@code critical_section::with(|cs| ..)},
 * {@code interrupt::free}, a blocking mutex's {@code lock(|x| ..)}) run outside it after the change, while the fn
 * keeps the section. Embedded code has no other lock: between a check made outside and the section that acts on it an
 * interrupt handler (or the other core) can change the state. rtic e10866ff reversed: {@code if self.is_popped()
 * { return; }} moved in front of {@code cs::with}, so a link popped by an interrupt in between was unlinked twice;
 * rtic 0a01fde4 reversed: the wait queue was popped and woken after the section that freed the slot. A lock guard
 * bound by {@code let} is such a section too, from its statement to its {@code drop} or the end of its block:
 * nativelink 41c77898 reversed dropped a watch receiver before taking the write lock under which the map counted the
 * receivers left, so a subscriber arriving in between was removed with the entry.
 */
public final class CriticalSectionLeft implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC44", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "statement moved out of a critical section or lock",
            "In a non-test fn that stays and still enters a critical section (`critical_section::with(|cs| ..)`, "
                    + "`cs::with`, `interrupt::free`, `free(|cs| ..)`, a blocking mutex's `.lock(|x| ..)`, or a guard "
                    + "bound by `let g = x.lock()`/`.read()`/`.write()` up to its `drop(g)` or the end of its block), a "
                    + "line the "
                    + "change removes from inside such a section comes back, the same text, outside every section of "
                    + "the fn: a condition (`if`, `while`, `match`) or a call that is not logging or a bare "
                    + "`Ok(..)`/`Err(..)`/`Some(..)` (a `drop(x)` counts: dropping a receiver or a handle is an effect).",
            "It pairs lines by their text within one fn: a statement rewritten on the way out, or moved into a helper "
                    + "called outside the section, is not seen; whether the statement touches shared state is not "
                    + "checked.");

    /** The call that opens a section; its argument list (the closure) is the section. */
    private static final Pattern SECTION = Pattern.compile("(?:(?<![\\w.])(?:[A-Za-z_]\\w*\\s*::\\s*)*(?:critical_section"
            + "|cs|interrupt)\\s*::\\s*(?:with|free)|(?<![\\w.:])free|\\.\\s*lock)\\s*\\(\\s*(?=(?:move\\s*)?\\|)");
    private static final Pattern MEANINGFUL = Pattern.compile("^(?:\\}\\s*else\\s+)?(?:if|while|match)\\b|[\\w>)\\]]\\s*\\(");
    private static final Pattern TRIVIAL = Pattern.compile("^(?:return\\s+)?(?:Ok|Err|Some)\\s*\\([^;]*\\)[;,]?$"
            + "|^" + RuleSupport.LOG_MACRO);
    private static final int MAX_SECTIONS = 64;
    /**
     * {@code let mut g = self.state.write();} (also {@code .lock().unwrap()}, {@code .await}, {@code ?}). Read as
     * text because the rule compares the old fn with the new and the crate model ({@code FileView}) describes only
     * the new side; a {@code let} of a non-lock {@code read()} therefore reads as a guard here. Moving this onto a
     * model view of the old side (as {@code BaseFindings.wholeFile} builds one) is left for the next session.
     */
    private static final Pattern GUARD = Pattern.compile("\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*=\\s*([A-Za-z_][\\w.]{0,120}?)"
            + "\\s*\\.\\s*(?:lock|write|read)\\s*\\(\\s*\\)[^;{}]{0,80};");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.oldText();
        if (text == null || !(text.contains("::with") || text.contains("free") || text.contains("lock")
                || text.contains(".write(") || text.contains(".read("))) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            List<int[]> before = sections(pair.oldBody());
            List<int[]> after = before.isEmpty() ? List.of() : sections(pair.newBody());
            if (after.isEmpty()) {
                continue; // no section left (or none before): not a statement moved out of one
            }
            Map<String, int[]> movedOut = new HashMap<>();
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                String line = RuleSupport.squeezed(r.text().strip());
                int at = pair.before().offset(r.number()) - pair.was().bodyStart();
                int kind = inside(before, at);
                if (kind >= 0 && MEANINGFUL.matcher(line).find() && !TRIVIAL.matcher(line).find()) {
                    movedOut.putIfAbsent(line, new int[] {r.number(), kind});
                }
            }
            if (movedOut.isEmpty()) {
                continue;
            }
            for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(pair.after(), pair.now(), file::added)) {
                String line = RuleSupport.squeezed(a.text().strip());
                int at = pair.after().offset(a.number()) - pair.now().bodyStart();
                int[] was = movedOut.get(line);
                if (was == null || inside(after, at) >= 0) {
                    continue;
                }
                int old = was[0];
                String section = was[1] == 0 ? "the critical section" : "the lock";
                String fn = pair.now().name();
                String shown = RuleSupport.shorten(a.text().strip());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                        .object(fn).object("left the critical section: " + line)
                        .title("`" + shown + "` moved out of " + section + " in `" + fn + "`")
                        .explanation("Before the change this ran inside " + section + " of `" + fn + "` (old line "
                                + old + "); now it runs outside it, and the fn still takes it. Between the two "
                                + (was[1] == 0 ? "an interrupt handler or the other core" : "another thread or task")
                                + " can run: a check made out here can be stale when the protected code acts on "
                                + "it, and an update, drop or wake made out here races the code that holds it.")
                        .check("Keep the statement inside " + section + " unless it touches nothing the other side "
                                + "shares; a check belongs with the action it guards.")
                        .build());
                break;
            }
        }
        return out;
    }

    /**
     * The sections of a masked fn body as [start, end) offsets: the argument lists of the section calls, and for a
     * guard bound by {@code let}, from its statement to {@code drop(guard)} or the end of its block.
     */
    private static List<int[]> sections(String body) {
        List<int[]> out = new ArrayList<>();
        Matcher m = SECTION.matcher(body);
        while (m.find() && out.size() < MAX_SECTIONS) {
            int open = body.lastIndexOf('(', m.end());
            out.add(new int[] {open, RuleSupport.closing(body, open, '(', ')'), 0});
        }
        Matcher g = GUARD.matcher(body);
        while (g.find() && out.size() < MAX_SECTIONS) {
            int open = RuleSupport.enclosingOpen(body, -1, g.start());
            int end = open < 0 ? body.length() : RuleSupport.closing(body, open, '{', '}');
            Matcher drop = Pattern.compile("\\bdrop\\s*\\(\\s*" + g.group(1) + "\\s*\\)").matcher(body);
            if (drop.find(g.end()) && drop.start() < end) {
                end = drop.start();
            }
            out.add(new int[] {g.end() - 1, end, 1});
        }
        return out;
    }

    /** The kind of the first section holding {@code at} (0 a section call, 1 a guard), or -1 when none does. */
    private static int inside(List<int[]> sections, int at) {
        for (int[] s : sections) {
            if (at > s[0] && at < s[1]) {
                return s[2];
            }
        }
        return -1;
    }
}
