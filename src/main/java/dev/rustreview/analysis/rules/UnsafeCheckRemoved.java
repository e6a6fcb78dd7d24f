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
 * US6: the change deletes a runtime check ({@code assert!}, {@code assert_eq!}, {@code assert_ne!}) from a fn
 * that keeps {@code unsafe} code. In a fn with {@code unsafe}, an assertion is usually the invariant the unsafe
 * block relies on ({@code assert!(len <= cap)} before {@code set_len}, a pointer the callee must not have
 * replaced): removing it turns a panic into undefined behaviour. Checks kept anywhere else in the file (moved
 * into a helper) do not count as removed; {@code debug_assert!} is not a runtime check in release builds.
 */
public final class UnsafeCheckRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US6", RiskArea.UNSAFE, Severity.MEDIUM, "check before unsafe removed",
            "An `assert!`/`assert_eq!`/`assert_ne!` that the change deletes from a non-test fn (also one inside a "
                    + "macro body) that had `unsafe` code and still has it, when the same check appears nowhere else in "
                    + "the file and the fn is left with fewer assertions (a reworded one is not a removal).",
            "It cannot tell whether the unsafe block relied on the removed check or whether an equivalent check "
                    + "(an `if` returning an error, a check in the caller or another file) still guards it.");

    private static final Pattern ASSERT = Pattern.compile("(?<![\\w:])assert(?:_eq|_ne)?!\\s*\\(");
    private static final Pattern UNSAFE = Pattern.compile("\\bunsafe\\s*\\{");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!file.isRust() || file.oldText() == null || file.newText() == null) {
            return List.of();
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        Map<String, Integer> kept = new HashMap<>();
        String newMasked = after.masked();
        for (String check : asserts(newMasked, 0, newMasked.length(), after, null)) {
            kept.merge(check, 1, Integer::sum);
        }
        Map<String, ItemOutline.Item> newFns = after.byKey(ItemOutline.Kind.FN);
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.Item was : before.byKey(ItemOutline.Kind.FN).values()) {
            ItemOutline.Item now = newFns.get(was.key());
            if (now == null || !UNSAFE.matcher(before.body(was)).find() || file.isTestPath() || after.inTest(now)) {
                continue;
            }
            Matcher unsafeNow = UNSAFE.matcher(after.body(now));
            if (!unsafeNow.find()) {
                continue;
            }
            List<Integer> lines = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<String> checks = asserts(before.masked(), was.bodyStart(), was.bodyEnd(), before, lines);
            for (int i = 0; i < checks.size(); i++) {
                if (file.removed(lines.get(i)) && kept.getOrDefault(checks.get(i), 0) == 0) {
                    removed.add(checks.get(i));
                }
            }
            // A rewritten assertion (same count, new wording) is not a removed check.
            int remaining = asserts(after.masked(), now.bodyStart(), now.bodyEnd(), after, null).size();
            if (!removed.isEmpty() && remaining < checks.size()) {
                int unsafeLine = after.line(now.bodyStart() + unsafeNow.start());
                out.add(finding(file, now, removed, unsafeLine));
            }
        }
        return out;
    }

    /**
     * The normalised text of each assertion in {@code [from, to)} (whitespace removed); when {@code lines} is
     * given, each one's first line is appended to it in the same order.
     */
    private static List<String> asserts(String masked, int from, int to, ItemOutline outline, List<Integer> lines) {
        List<String> out = new ArrayList<>();
        Matcher m = ASSERT.matcher(masked).region(from, to);
        while (m.find()) {
            int open = m.end() - 1;
            int depth = 0;
            int end = to;
            for (int i = open; i < to; i++) {
                char c = masked.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    end = i + 1;
                    break;
                }
            }
            out.add(masked.substring(m.start(), end).replaceAll("\\s+", ""));
            if (lines != null) {
                lines.add(outline.line(m.start()));
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, ItemOutline.Item fn, List<String> removed, int unsafeLine) {
        String checks = "`" + String.join("`, `", removed.stream().map(RuleSupport::shorten).toList()) + "`";
        return FindingBuilder.lines(INFO, file, Side.NEW, unsafeLine, unsafeLine)
                .object(fn.name()).object("check removed before unsafe")
                .title("Check removed from `" + fn.name() + "`, which still has `unsafe` code")
                .explanation("The change deletes " + checks + " from `" + fn.name() + "`, and the `unsafe` block on line "
                        + unsafeLine + " is still there. An assertion in a fn with `unsafe` code is often the invariant "
                        + "the block relies on (a length within capacity, a pointer the callee did not replace); "
                        + "without it a broken invariant is undefined behaviour instead of a panic.")
                .check("Read the unsafe block's safety argument: if it needs what " + checks + " checked, keep the "
                        + "check (or return an error) before the block.")
                .build();
    }
}
