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
 * ER33: the {@code true}/{@code false} inside an {@code Ok} no longer told apart. A call that answers
 * {@code Ok(bool)} (a try-lock that was contended, an insert that found the key, a write that was refused) says
 * whether it did its work; {@code Ok(_) =>} takes both answers as success. cargo-binstall d8ecdcae reversed: a
 * contended file lock was taken as held, so two processes both went ahead.
 */
public final class BoolResultIgnored implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER33", RiskArea.ERRORS, Severity.MEDIUM, "`Ok(bool)` answer ignored",
            "In a non-test fn that stays, the change removes a match arm `Ok(true) =>` or `Ok(false) =>` (also "
                    + "`Some(..)`), no such arm is left in the fn, and it adds an arm `Ok(_) =>` (`Some(_) =>`); or it removes "
                    + "`if call(..) {` (also `if !call(..)`, `call(..)?`) and adds the same call as a statement `call(..);`.",
            "It reads the arms' text: it cannot tell whether the call still returns a `bool` (an API that changed "
                    + "to `Ok(())` makes the rewrite correct).");

    private static final Pattern BOOL_ARM = Pattern.compile("\\b(Ok|Some)\\s*\\(\\s*(?:true|false)\\s*\\)\\s*(?:=>|if\\b)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (out.size() < 8) {
                conditionMadeStatement(file, pair, out);
            }
            String was = pair.oldBody();
            if (!was.contains("true") && !was.contains("false")) {
                continue;
            }
            Matcher removed = BOOL_ARM.matcher(was);
            while (removed.find()) {
                String wrapper = removed.group(1);
                if (!pair.removedAt(file, removed.start()) || sameWrapper(BOOL_ARM.matcher(pair.newBody()), wrapper)) {
                    continue;
                }
                Matcher wildcard = Pattern.compile("\\b" + wrapper + "\\s*\\(\\s*_\\s*\\)\\s*=>").matcher(pair.newBody());
                Finding found = null;
                while (found == null && wildcard.find()) {
                    int line = pair.after().line(pair.now().bodyStart() + wildcard.start());
                    if (file.added(line)) {
                        found = finding(file, pair.now().name(), wrapper, line);
                    }
                }
                if (found != null) {
                    out.add(found);
                    break;
                }
            }
        }
        return out;
    }

    /** {@code if tx_pool.add_pending(entry.clone()) {}: a call whose answer decides an {@code if}; group 1 the call. */
    private static final Pattern CALL_CONDITION = Pattern.compile("^\\s*(?:\\}\\s*else\\s+)?if\\s+!?\\s*((?:self\\s*\\.\\s*)?"
            + "[a-z_]\\w{0,40}(?:\\s*\\.\\s*[a-z_]\\w{0,40}){0,4}\\s*\\((?:[^(){};]|\\([^(){};]{0,80}\\)){0,160}\\)\\s*\\??)\\s*\\{\\s*$");

    /**
     * A call whose {@code bool} answer decided an {@code if} ({@code if tx_pool.add_pending(entry.clone()) { .. } else
     * { return Err(Duplicated) }}) made a plain statement ({@code tx_pool.add_pending(entry.clone());}): ckb 12eb4032
     * reversed, where a transaction submitted twice ran the pending callbacks for an entry the pool had refused and
     * returned Ok.
     */
    private static void conditionMadeStatement(ChangedFile file, ItemOutline.FnPair pair, List<Finding> out) {
        List<PanickingTwinAdded.Line> added = null;
        int looked = 0;
        for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
            Matcher m = r.text().length() <= PanickingTwinAdded.MAX_LINE ? CALL_CONDITION.matcher(r.text()) : null;
            if (m == null || !m.matches() || looked++ >= 16) {
                continue;
            }
            String call = RuleSupport.squeezed(m.group(1));
            if (added == null) {
                added = PanickingTwinAdded.lines(pair.after(), pair.now(), file::added);
            }
            for (PanickingTwinAdded.Line a : added) {
                if (!RuleSupport.squeezed(a.text()).equals(call + ";")) {
                    continue;
                }
                String fn = pair.now().name();
                String shown = RuleSupport.shorten(a.text().strip());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                        .object(fn).object("answer dropped: " + call)
                        .title("`" + shown + "` in `" + fn + "` no longer decides anything")
                        .explanation("Before the change the `bool` this call answers decided an `if` in `" + fn + "`. "
                                + "Now it is a statement and the answer is thrown away: when the call says no (an insert "
                                + "refused as a duplicate, a slot already taken), the code after it runs as if it had "
                                + "said yes.")
                        .check("Keep testing the answer (`if " + shown.replaceAll(";$", "") + " { .. } else { .. }`), unless "
                                + "the call no longer returns one.")
                        .build());
                return;
            }
        }
    }

    private static boolean sameWrapper(Matcher arms, String wrapper) {
        while (arms.find()) {
            if (arms.group(1).equals(wrapper)) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(ChangedFile file, String fn, String wrapper, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(wrapper + "(_)")
                .title("`" + wrapper + "(_) =>` in `" + fn + "` no longer reads the `bool` the call answered")
                .explanation("Before the change `" + fn + "` matched `" + wrapper + "(true)` and `" + wrapper
                        + "(false)` apart. `" + wrapper + "(_)` takes both as the same outcome: when the call answers "
                        + "`false` (a try-lock that was contended, an insert that was refused), the code goes on as "
                        + "if it had succeeded.")
                .check("Keep the two arms, or check the `bool` (`" + wrapper + "(true) => .., " + wrapper
                        + "(false) => ..`), unless the call no longer returns one.")
                .build();
    }
}
