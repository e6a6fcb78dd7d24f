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
 * US20: an {@code unsafe fn} made safe while its body still runs unsafe code. The {@code unsafe} on a signature is
 * the caller's promise to keep a contract the body relies on; without it any safe caller can break the contract.
 * gitoxide 59b8104a reversed: {@code gix::interrupt::init_handler} handed a caller's closure to
 * {@code signal_hook::low_level::register}, so safe code could run allocation and locks in a signal handler.
 */
public final class UnsafeContractRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US20", RiskArea.UNSAFE, Severity.MEDIUM,
            "`unsafe fn` made safe around unsafe code",
            "A non-test fn that stays loses `unsafe` from its signature on a line the change edits, and its body "
                    + "still holds an `unsafe` block.",
            "It does not check whether the body now proves what callers used to promise (a new bounds or "
                    + "alignment check can make the fn truly safe): it asks the reviewer to find that proof.",
            "missing_safety_doc");

    private static final Pattern UNSAFE_BLOCK = Pattern.compile("\\bunsafe\\s*\\{");
    private static final Pattern FN = Pattern.compile("\\bfn\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.oldText() == null || file.newText() == null || file.isTestPath()) {
            return out;
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        Map<String, ItemOutline.Item> now = after.byKey(ItemOutline.Kind.FN);
        for (ItemOutline.Item was : before.byKey(ItemOutline.Kind.FN).values()) {
            ItemOutline.Item fn = now.get(was.key());
            if (fn == null || after.inTest(fn) || !ItemOutline.isUnsafeFn(was.header())
                    || ItemOutline.isUnsafeFn(fn.header()) || !UNSAFE_BLOCK.matcher(after.body(fn)).find()) {
                continue;
            }
            Matcher kw = FN.matcher(fn.header());
            int line = after.line(fn.start() + (kw.find() ? kw.start() : 0));
            if (!file.added(line) || !file.anyRemoved(before.line(was.start()), before.line(was.bodyStart()))) {
                continue;
            }
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(fn.name())
                    .title("`" + fn.name() + "` is no longer an `unsafe fn`, but its body still runs unsafe code")
                    .explanation("Before the change every caller of `" + fn.name() + "` wrote `unsafe` and took on "
                            + "the fn's contract (what its `# Safety` section asked: valid pointers, no aliasing, "
                            + "what a callback may do). Now safe code can call it with anything, and the `unsafe` "
                            + "block inside relies on what no caller promises any more.")
                    .check("Find where the body itself now guarantees each condition the contract asked of callers; "
                            + "if one is still up to the caller, keep the fn `unsafe`.")
                    .build());
        }
        return out;
    }
}
