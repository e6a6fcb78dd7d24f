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
 * SS12: a fn that removed an entry from a collection and then inserted one into it now inserts first. When the two
 * keys are equal (an entry replaced by itself, two timestamps from the same clock tick) the remove now takes out
 * the entry just inserted, and the collection silently loses it. mini-redis 9b93f751 is the reverse of its fix:
 * {@code set} recorded the new {@code (when, key)} expiration and then removed the previous one, which was equal,
 * so the key never expired.
 */
public final class InsertBeforeRemove implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS12", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "insert moved before a remove on the same collection",
            "In a non-test fn that calls `R.remove(..)` and `R.insert(..)` once each on the same receiver `R` (same "
                    + "text, e.g. `state.expirations`) before and after the change, the remove came first before the "
                    + "change and the insert comes first after it.",
            "It compares the order of two calls by their place in the text: a reorder across fns, or across calls "
                    + "that are each made more than once, is not seen, and it cannot tell whether the two keys can be "
                    + "equal.");

    private static final Pattern CALL = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*){0,12})\\s*\\.\\s*"
            + "(insert|remove)\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String newBody = pair.newBody();
            if (!newBody.contains("insert") || !newBody.contains("remove")) {
                continue;
            }
            Map<String, int[]> before = calls(pair.oldBody());
            for (Map.Entry<String, int[]> e : calls(newBody).entrySet()) {
                int[] now = e.getValue();
                int[] was = before.get(e.getKey());
                if (!once(now) || was == null || !once(was) || !(was[2] < was[0]) || !(now[0] < now[2])) {
                    continue;
                }
                int insertLine = pair.after().line(pair.now().bodyStart() + now[0]);
                int removeLine = pair.after().line(pair.now().bodyStart() + now[2]);
                String r = e.getKey();
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, insertLine, insertLine)
                        .object(fn).object(r)
                        .title("`" + r + ".insert(..)` now runs before `" + r + ".remove(..)` in `" + fn + "`")
                        .explanation("Before the change `" + fn + "` removed from `" + r + "` and then inserted into "
                                + "it; now it inserts first (line " + insertLine + ") and removes afterwards (line "
                                + removeLine + "). Whenever the key removed equals the key inserted (the same entry "
                                + "replaced, two values from the same clock tick), the remove takes out the entry just "
                                + "inserted and `" + r + "` silently loses it: an index that no longer matches the data "
                                + "it indexes.")
                        .check("Keep remove-then-insert, or show that the removed key can never equal the inserted "
                                + "one.")
                        .build());
            }
        }
        return out;
    }

    /** Per receiver: {first insert offset, insert count, first remove offset, remove count}. */
    private static Map<String, int[]> calls(String body) {
        Map<String, int[]> out = new HashMap<>();
        Matcher m = CALL.matcher(body);
        while (m.find()) {
            int[] c = out.computeIfAbsent(RuleSupport.squeezed(m.group(1)), k -> new int[] {-1, 0, -1, 0});
            int at = m.group(2).equals("insert") ? 0 : 2;
            if (c[at + 1]++ == 0) {
                c[at] = m.start();
            }
        }
        return out;
    }

    private static boolean once(int[] c) {
        return c[1] == 1 && c[3] == 1;
    }
}
