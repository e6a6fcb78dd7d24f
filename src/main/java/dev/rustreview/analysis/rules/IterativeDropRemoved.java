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
 * PN35: the iterative {@code Drop} of a self-linked type removed. {@code LinCowCellInner} links each generation to
 * the next through {@code pin: Mutex<Option<Arc<LinCowCellInner<R>>>>}; its {@code Drop} unlinked the chain in a
 * loop. Without it the compiler's drop glue recurses once per link, and a chain of a few ten thousand (one
 * long-lived reader, many commits) overflows the stack and aborts the process. concread 8394e6e7 reversed.
 */
public final class IterativeDropRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN35", RiskArea.PANICS, Severity.MEDIUM, "iterative drop of a linked type removed",
            "The change removes `impl Drop for T` whose `drop` walks a chain in a loop (`while`/`loop` with `take()`, "
                    + "`mem::take` or `mem::replace`), while `T` in the new file still has a field that holds another "
                    + "`T` through `Box`, `Arc` or `Rc` (`Option<Box<Node<T>>>`, `Mutex<Option<Arc<Inner<R>>>>`).",
            "It reads one file: a chain bounded to a few links by design is not told apart.");

    private static final Pattern DROP_KEY = Pattern.compile("(?:^|::)impl Drop for (\\w+)::drop$");
    private static final Pattern WALKS = Pattern.compile("\\b(?:while|loop|for)\\b");
    private static final Pattern UNLINKS = Pattern.compile("\\.\\s*take\\s*\\(|\\bmem\\s*::\\s*(?:take|replace)\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || file.newText() == null || file.isTestPath() || !file.oldText().contains("Drop for")) {
            return out;
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        Map<String, ItemOutline.Item> nowFns = after.byKey(ItemOutline.Kind.FN);
        Map<String, ItemOutline.Item> structs = after.byKey(ItemOutline.Kind.STRUCT);
        for (ItemOutline.Item drop : before.byKey(ItemOutline.Kind.FN).values()) {
            Matcher key = DROP_KEY.matcher(drop.key());
            if (!key.find() || nowFns.containsKey(drop.key()) || out.size() >= 4) {
                continue;
            }
            String body = before.body(drop);
            if (!WALKS.matcher(body).find() || !UNLINKS.matcher(body).find()) {
                continue;
            }
            String type = key.group(1);
            Pattern self = Pattern.compile("\\b(?:Box|Arc|Rc)\\s*<\\s*" + Pattern.quote(type) + "\\b");
            for (ItemOutline.Item s : structs.values()) {
                if (!s.name().equals(type) || !self.matcher(after.body(s)).find()) {
                    continue;
                }
                int line = after.line(s.bodyStart());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(type).object("iterative drop removed")
                        .title("`" + type + "` links to another `" + type + "` but lost the `Drop` that unlinked the "
                                + "chain in a loop")
                        .explanation("`" + type + "` holds the next `" + type + "` through a `Box`/`Arc`/`Rc` field, so "
                                + "a chain of them is a linked list. Its `Drop` used to take the links out one by one "
                                + "in a loop; without it the compiler's drop glue drops each link from inside the "
                                + "previous one's drop, one stack frame per link, and a long chain (thousands of "
                                + "versions behind one long-lived reader, a long queue) overflows the stack: the "
                                + "process aborts.")
                        .check("Keep the iterative `Drop` (take the next link before the current one is dropped), or "
                                + "show that the chain stays a few links long.")
                        .build());
                break;
            }
        }
        return out;
    }
}
