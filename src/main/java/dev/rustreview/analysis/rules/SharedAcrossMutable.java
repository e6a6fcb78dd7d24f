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
 * US11: in one fn, a shared reference made from a raw pointer ({@code let state = unsafe { &*self.state.get() }})
 * is still used after a {@code &mut *} of the same pointer was made. Two references to one place, one of them
 * mutable, alive together is undefined behaviour even on one thread (Stacked Borrows; Miri reports it), and the
 * compiler cannot see it because both came from a raw pointer. bus kept {@code state} alive to an explicit
 * {@code drop(state)} below the branch that took {@code &mut *self.state.get()} (95aa5bf8).
 *
 * <p>A use counts only if its block encloses the {@code &mut}: a use in the other branch of the {@code if} that
 * made the {@code &mut} is a different path.
 */
public final class SharedAcrossMutable implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US11", RiskArea.UNSAFE, Severity.HIGH,
            "shared reference alive across a `&mut` to the same place",
            "In a non-test fn the change touches, `let x = &*p` (or `unsafe { &*p }`, `p` a raw pointer or an "
                    + "`UnsafeCell::get()`), then `&mut *p` of the same `p`, then `x` used again (`drop(x)` "
                    + "included) in a block that holds the `&mut`.",
            "It matches the pointer expression as text in one fn: a copy of the pointer under another name, a "
                    + "reference passed into a helper, or the two references made in different fns are not seen.");

    /** {@code let x = &*p}: the binding and the pointer expression ({@code self.state.get()}, {@code ptr}). */
    private static final Pattern SHARED = Pattern.compile("\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*(?::[^=;]{1,100})?="
            + "\\s*(?:unsafe\\s*\\{\\s*)?&\\s*\\*\\s*([\\w.]{1,200}(?:\\(\\))?)(?![\\w.(\\[])");
    /** Shared references read per fn, and uses read per reference: a real fn has a few; a fuzzed one thousands. */
    private static final int MAX_SHARED = 32;
    private static final int MAX_USES = 64;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        ItemOutline outline = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            String body = outline.body(fn);
            if (!body.contains("&") || !body.contains("mut")) {
                continue;
            }
            Matcher shared = SHARED.matcher(body);
            int seen = 0;
            while (shared.find() && seen++ < MAX_SHARED) {
                String name = shared.group(1);
                String pointer = shared.group(2);
                Matcher mutable = Pattern.compile("&\\s*mut\\s*\\*\\s*" + Pattern.quote(pointer) + "(?![\\w.(\\[])")
                        .matcher(body).region(shared.end(), body.length());
                if (!mutable.find()) {
                    continue;
                }
                int useAt = laterUse(body, name, shared.end(), mutable.start(), mutable.end());
                if (useAt < 0) {
                    continue;
                }
                int base = fn.bodyStart();
                int sharedLine = outline.line(base + shared.start());
                int mutLine = outline.line(base + mutable.start());
                int useLine = outline.line(base + useAt);
                if (!RuleSupport.touched(file, sharedLine, useLine)) {
                    continue;
                }
                out.add(finding(file, fn.name(), name, pointer, sharedLine, mutLine, useLine));
                break;
            }
        }
        return out;
    }

    /**
     * The offset of the first use of {@code name} after the {@code &mut} (which spans {@code mutStart..mutEnd}) whose
     * innermost block also holds the {@code &mut}, or -1. A new {@code let name} after the shared reference's own
     * ends its life.
     */
    private static int laterUse(String body, String name, int sharedEnd, int mutStart, int mutEnd) {
        Matcher use = Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "\\b(?!\\s*:)").matcher(body)
                .region(mutEnd, body.length());
        Pattern rebound = Pattern.compile("\\blet\\s+(?:mut\\s+)?" + Pattern.quote(name) + "\\b");
        int uses = 0;
        while (use.find() && uses++ < MAX_USES) {
            if (rebound.matcher(body).region(sharedEnd, use.start()).find()) {
                return -1; // shadowed (`let slot = unsafe { &mut *p }` included): a new binding, not the reference
            }
            int open = RuleSupport.enclosingOpen(body, -1, use.start()); // -1: the fn's own block
            if (open < 0 || open <= mutStart && RuleSupport.closing(body, open, '{', '}') >= mutEnd) {
                return use.start();
            }
        }
        return -1;
    }

    private static Finding finding(ChangedFile file, String fn, String name, String pointer, int sharedLine,
                                   int mutLine, int useLine) {
        return FindingBuilder.lines(INFO, file, Side.NEW, useLine, useLine)
                .object(fn).object(name + " across &mut *" + pointer)
                .title("`" + name + "` (`&*" + pointer + "`) is used after `&mut *" + pointer + "` in `" + fn + "`")
                .explanation("`" + name + "` is a shared reference made from `" + pointer + "` on line " + sharedLine
                        + "; line " + mutLine + " makes a mutable reference to the same place, and `" + name
                        + "` is used again on line " + useLine + ". A `&` and a `&mut` to one place alive together is "
                        + "undefined behaviour even on one thread: the compiler may assume the place did not change "
                        + "under `" + name + "`, or that nothing else reads it while the `&mut` lives (Miri reports "
                        + "it as a Stacked Borrows violation). The borrow checker cannot see it because both came from "
                        + "a raw pointer.")
                .check("End `" + name + "`'s last use (or `drop(" + name + ")`) before line " + mutLine + ", or read "
                        + "what you need from it into a value first; run the tests under Miri.")
                .build();
    }
}
