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
 * US28: a pointer from {@code as_ptr()}, which a shared borrow gives, cast to {@code *mut} and made a {@code &mut}
 * ({@code &mut *(slice.as_ptr() as *mut Rgb<T>)}), or put where the fn had {@code as_mut_ptr()}. Writing through
 * it is undefined behaviour whatever the pointer's address: its provenance allows reads only (clippy's
 * {@code as_ptr_cast_mut}). image 5cbe1e67 reversed: {@code Pixel::from_slice_mut} built its {@code &mut} pixel
 * from {@code slice.as_ptr()}, which Miri rejects.
 */
public final class MutCastOfSharedPointer implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US28", RiskArea.UNSAFE, Severity.HIGH,
            "`as_ptr()` cast to `*mut` and written through",
            "A line the change adds in a non-test fn makes a `&mut` from `x.as_ptr() as *mut T` (`&mut *(x.as_ptr() "
                    + "as *mut T)`); (medium) or casts `x.as_ptr()` to `*mut` where the old fn had `x.as_mut_ptr()`.",
            "It reads the cast's own line: a pointer cast there and written through elsewhere, or a foreign fn that "
                    + "writes through a `*mut` made from `as_ptr()`, is not seen.",
            "as_ptr_cast_mut");

    private static final String RECEIVER = "((?:self\\s*\\.\\s*)?[A-Za-z_]\\w{0,40}(?:\\s*\\.\\s*[A-Za-z_]\\w{0,40}){0,3})";
    private static final Pattern REBORROWED = Pattern.compile("&\\s*mut\\s*\\*\\s*\\(\\s*" + RECEIVER
            + "\\s*\\.\\s*as_ptr\\s*\\(\\s*\\)\\s*as\\s*\\*\\s*mut\\b");
    private static final Pattern CAST = Pattern.compile("(?<![\\w.])" + RECEIVER + "\\s*\\.\\s*as_ptr\\s*\\(\\s*\\)\\s*as\\s*\\*\\s*mut\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || file.isTestPath() || !text.contains("as_ptr")) {
            return out;
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (ItemOutline.AddedMatch m : ItemOutline.addedMatches(file, REBORROWED)) {
            if (out.size() >= 8) {
                return out;
            }
            if (seen.add(m.line())) {
                out.add(finding(file, m, m.match().group(1), true));
            }
        }
        if (file.oldText() == null) {
            return out;
        }
        Map<String, ItemOutline.Item> oldFns = ItemOutline.before(file).byKey(ItemOutline.Kind.FN);
        for (ItemOutline.AddedMatch m : ItemOutline.addedMatches(file, CAST)) {
            ItemOutline.Item was = oldFns.get(m.fn().key());
            if (was == null || seen.contains(m.line()) || out.size() >= 8) {
                continue;
            }
            String receiver = m.match().group(1).replaceAll("\\s+", "");
            Pattern mutPtr = Pattern.compile("(?<![\\w.])" + Pattern.quote(receiver).replace(".", "\\E\\s*\\.\\s*\\Q")
                    + "\\s*\\.\\s*as_mut_ptr\\s*\\(");
            if (mutPtr.matcher(ItemOutline.before(file).body(was)).find()
                    && !mutPtr.matcher(m.body()).find() && seen.add(m.line())) {
                out.add(finding(file, m, m.match().group(1), false));
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, ItemOutline.AddedMatch m, String receiver, boolean reborrowed) {
        String r = receiver.replaceAll("\\s+", "");
        String fn = m.fn().name();
        return FindingBuilder.lines(INFO, file, Side.NEW, m.line(), m.line())
                .severity(reborrowed ? Severity.HIGH : Severity.MEDIUM)
                .object(fn).object(r + ".as_ptr() as *mut")
                .title("`" + r + ".as_ptr()` cast to `*mut` in `" + fn + "`"
                        + (reborrowed ? " and made a `&mut`" : " where it used `as_mut_ptr()`"))
                .explanation("`as_ptr()` borrows `" + r + "` shared: the pointer it returns may only be read through. "
                        + "Casting it to `*mut` does not change that, so "
                        + (reborrowed ? "the `&mut` made from it, and any write through it, is undefined behaviour"
                                : "a write through the cast pointer (which `as_mut_ptr()` allowed) is now undefined behaviour")
                        + " even though the address is right; Miri reports it and the optimiser may assume no write.")
                .check("Use `" + r + ".as_mut_ptr()` (it needs `&mut " + r + "`), or keep the pointer `*const` if "
                        + "nothing writes through it.")
                .build();
    }
}
