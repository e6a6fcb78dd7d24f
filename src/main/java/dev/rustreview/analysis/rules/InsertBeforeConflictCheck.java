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
import java.util.regex.Pattern;

/**
 * SS20: a map insert used as the conflict check. {@code if self.binds.insert(addr, tx).is_some() { return
 * Err(AddrInUse) }} reports the conflict after the insert has already replaced the existing entry: the caller gets
 * an error, and the socket that held the port loses its binding anyway (turmoil 1df956bb reversed; the fix looks
 * with {@code entry()} first and inserts only into a vacant one).
 */
public final class InsertBeforeConflictCheck implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS20", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "insert replaces before the conflict is reported",
            "On a line the change adds to a non-test fn, `if m.insert(k, v).is_some() {` or `if let Some(old) = "
                    + "m.insert(k, v) {` whose block returns an error (`return Err(..)`, `bail!`, `Err(..)` as its "
                    + "value) without putting the old value back (no second `insert`).",
            "It reads the block's text: an error returned further away, or a map whose `insert` keeps the old value, "
                    + "is not told apart.");

    private static final Pattern INSERT_TEST = Pattern.compile("\\bif\\s+(?:let\\s+Some\\s*\\([^()]{0,40}\\)\\s*=\\s*)?"
            + "((?:self\\s*\\.\\s*)?[A-Za-z_][\\w.]{0,80}?)\\s*\\.\\s*insert\\s*\\(");
    private static final Pattern ERROR_EXIT = Pattern.compile("\\breturn\\s+Err\\b|\\bbail\\s*!|(?m)^\\s*Err\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains(".insert(")) {
            return out;
        }
        for (ItemOutline.AddedMatch m : ItemOutline.addedMatches(file, INSERT_TEST)) {
            if (out.size() >= 8) {
                break;
            }
            String body = m.body();
            int open = m.match().end() - 1;
            int close = RuleSupport.closing(body, open, '(', ')');
            if (close >= body.length()) {
                continue;
            }
            String rest = body.substring(close + 1, Math.min(body.length(), close + 40));
            boolean someTest = rest.matches("(?s)\\s*\\.\\s*is_some\\s*\\(\\s*\\)\\s*\\{.*");
            boolean letSome = m.match().group().contains("Some") && rest.matches("(?s)\\s*\\{.*");
            if (!someTest && !letSome) {
                continue;
            }
            int blockOpen = body.indexOf('{', close);
            int blockClose = RuleSupport.closing(body, blockOpen, '{', '}');
            if (blockOpen < 0 || blockClose >= body.length() || blockClose - blockOpen > 2_000) {
                continue;
            }
            String block = body.substring(blockOpen + 1, blockClose);
            if (!ERROR_EXIT.matcher(block).find() || block.contains(".insert(")) {
                continue;
            }
            String map = m.match().group(1).replaceAll("\\s+", "");
            String fn = m.fn().name();
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, m.line(), m.line())
                    .object(fn).object(map)
                    .title("`" + fn + "` inserts into `" + map + "` before it reports the conflict: the existing entry "
                            + "is already replaced")
                    .explanation("`" + map + ".insert(..)` returns the previous value after it has put the new one in. "
                            + "The block that treats a previous value as a conflict returns an error, but by then the "
                            + "entry it meant to protect is gone: the caller sees the error while the map holds the "
                            + "rejected value (turmoil: binding a port in use returned `AddrInUse` and still took the "
                            + "port from the socket bound to it).")
                    .check("Look first (`entry(k)` and insert only into `Vacant`, or `contains_key`), or put the old "
                            + "value back before returning the error.")
                    .build());
        }
        return out;
    }
}
