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
 * rtic 0a01fde4 reversed: the wait queue was popped and woken after the section that freed the slot.
 */
public final class CriticalSectionLeft implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC44", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "statement moved out of a critical section",
            "In a non-test fn that stays and still enters a critical section (`critical_section::with(|cs| ..)`, "
                    + "`cs::with`, `interrupt::free`, `free(|cs| ..)`, a blocking mutex's `.lock(|x| ..)`), a line the "
                    + "change removes from inside such a section comes back, the same text, outside every section of "
                    + "the fn: a condition (`if`, `while`, `match`) or a call that is not logging or a bare "
                    + "`Ok(..)`/`Err(..)`/`Some(..)`.",
            "It pairs lines by their text within one fn: a statement rewritten on the way out, or moved into a helper "
                    + "called outside the section, is not seen; whether the statement touches shared state is not "
                    + "checked.");

    /** The call that opens a section; its argument list (the closure) is the section. */
    private static final Pattern SECTION = Pattern.compile("(?:(?<![\\w.])(?:[A-Za-z_]\\w*\\s*::\\s*)*(?:critical_section"
            + "|cs|interrupt)\\s*::\\s*(?:with|free)|(?<![\\w.:])free|\\.\\s*lock)\\s*\\(\\s*(?=(?:move\\s*)?\\|)");
    private static final Pattern MEANINGFUL = Pattern.compile("^(?:\\}\\s*else\\s+)?(?:if|while|match)\\b|[\\w>)\\]]\\s*\\(");
    private static final Pattern TRIVIAL = Pattern.compile("^(?:return\\s+)?(?:Ok|Err|Some|drop)\\s*\\([^;]*\\)[;,]?$"
            + "|^" + RuleSupport.LOG_MACRO);
    private static final int MAX_SECTIONS = 64;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.oldText();
        if (text == null || !(text.contains("::with") || text.contains("free") || text.contains("lock"))) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            List<int[]> before = sections(pair.oldBody());
            List<int[]> after = before.isEmpty() ? List.of() : sections(pair.newBody());
            if (after.isEmpty()) {
                continue; // no section left (or none before): not a statement moved out of one
            }
            Map<String, Integer> movedOut = new HashMap<>();
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                String line = RuleSupport.squeezed(r.text().strip());
                int at = pair.before().offset(r.number()) - pair.was().bodyStart();
                if (inside(before, at) && MEANINGFUL.matcher(line).find() && !TRIVIAL.matcher(line).find()) {
                    movedOut.putIfAbsent(line, r.number());
                }
            }
            if (movedOut.isEmpty()) {
                continue;
            }
            for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(pair.after(), pair.now(), file::added)) {
                String line = RuleSupport.squeezed(a.text().strip());
                int at = pair.after().offset(a.number()) - pair.now().bodyStart();
                Integer old = movedOut.get(line);
                if (old == null || inside(after, at)) {
                    continue;
                }
                String fn = pair.now().name();
                String shown = RuleSupport.shorten(a.text().strip());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                        .object(fn).object("left the critical section: " + line)
                        .title("`" + shown + "` moved out of the critical section in `" + fn + "`")
                        .explanation("Before the change this ran inside the critical section of `" + fn + "` (old line "
                                + old + "); now it runs outside it, and the fn still enters the section. Between the "
                                + "two an interrupt handler or the other core can run: a check made out here can be "
                                + "stale when the section acts on it, and an update or wake made out here races the "
                                + "code that takes the section.")
                        .check("Keep the statement inside the section unless it touches nothing an interrupt or "
                                + "another core shares; a check belongs with the action it guards.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** The argument lists of the section calls in a masked fn body, as [start, end) offsets. */
    private static List<int[]> sections(String body) {
        List<int[]> out = new ArrayList<>();
        Matcher m = SECTION.matcher(body);
        while (m.find() && out.size() < MAX_SECTIONS) {
            int open = body.lastIndexOf('(', m.end());
            out.add(new int[] {open, RuleSupport.closing(body, open, '(', ')')});
        }
        return out;
    }

    private static boolean inside(List<int[]> sections, int at) {
        for (int[] s : sections) {
            if (at > s[0] && at < s[1]) {
                return true;
            }
        }
        return false;
    }
}
