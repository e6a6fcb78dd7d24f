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
 * SS7: a type whose {@code Drop} takes one off a shared count ({@code inner.receivers -= 1}, {@code
 * count.fetch_sub(1, ..)}) and whose {@code Clone} does not add one: a derived {@code Clone}, or a hand-written one
 * that only clones fields. Every clone's drop then takes off a count no clone put on: the count underflows (a panic
 * in debug builds, a wrap in release) or reaches zero while owners remain, and the last-owner logic (close the
 * channel, free the slot) runs early. async-broadcast's {@code InactiveReceiver} derived {@code Clone} while its
 * {@code Drop} decremented the inactive-receiver count (issue #13).
 *
 * <p>A decrement of the value's own field ({@code self.len -= 1}) is not a shared count and is left alone; so is a
 * {@code Clone} that calls anything but {@code clone} (it may count through a helper).
 */
public final class CloneDropImbalance implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS7", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "clone does not count what drop uncounts",
            "A type whose `impl Drop` decrements a shared count (`fetch_sub`, or `-=` on anything but the value's own "
                    + "field) and that is `Clone` by `#[derive(Clone)]` or by a hand-written `clone` that only clones "
                    + "fields, when the change adds the derive or adds or removes a line of the `Clone` or `Drop` impl.",
            "It reads one file: a `Clone` or `Drop` impl in another file, or a count kept through a helper fn, is "
                    + "not seen.");

    private static final Pattern DERIVE_CLONE = Pattern.compile("#\\[\\s*derive\\s*\\([^\\]]*\\bClone\\b");
    /** A decrement: an atomic {@code fetch_sub}, or {@code target -= n} with the target captured. */
    private static final Pattern DECREMENT = Pattern.compile(
            "\\.\\s*fetch_sub\\s*\\(|([\\w.()\\[\\]]{1,200})\\s*-=\\s*[\\w.]+");
    private static final Pattern OWN_FIELD = Pattern.compile("self\\s*\\.\\s*\\w+");
    private static final Pattern INCREMENT = Pattern.compile("\\+=|\\.\\s*fetch_(add|update)\\s*\\(");
    /** A call that is not a {@code clone}: a hand-written clone calling it may count through it. */
    private static final Pattern OTHER_CALL = Pattern.compile("(?<![\\w.:])(?!clone\\b)[a-z_]\\w*\\s*\\(|(?:\\.|::)\\s*(?!clone\\b)\\w+\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!file.isRust() || file.newText() == null || file.isTestPath()) {
            return List.of();
        }
        ItemOutline after = ItemOutline.after(file);
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.Item type : after.byKey(ItemOutline.Kind.STRUCT).values()) {
            if (after.inTest(type)) {
                continue;
            }
            ItemOutline.Item drop = after.implOf("Drop", type.name());
            String decrement = drop == null ? null : sharedDecrement(after.body(drop));
            if (decrement == null) {
                continue;
            }
            ItemOutline.Item clone = after.implOf("Clone", type.name());
            boolean derived = DERIVE_CLONE.matcher(type.header()).find();
            if (!derived && (clone == null || countsOrCalls(after.body(clone)))) {
                continue;
            }
            int cloneLine = derived ? deriveLine(after, type) : after.headerLine(clone);
            ItemOutline.Item cloneItem = derived ? type : clone;
            // A removed line counts: taking the increment out of a hand-written clone is the bug on its own.
            boolean touched = file.added(cloneLine) || RuleSupport.touched(file, after.headerLine(drop), after.endLine(drop))
                    || (!derived && RuleSupport.touched(file, after.headerLine(cloneItem), after.endLine(cloneItem)));
            if (touched) {
                out.add(finding(file, type.name(), derived, decrement, cloneLine, after.headerLine(drop)));
            }
        }
        return out;
    }

    /** The text of the first decrement in a drop body that is not of the value's own field, or null. */
    private static String sharedDecrement(String body) {
        Matcher m = DECREMENT.matcher(body);
        while (m.find()) {
            if (m.group(1) == null) {
                return "fetch_sub";
            }
            String target = m.group(1).replaceAll("\\s+", "");
            if (!OWN_FIELD.matcher(target).matches()) {
                return target + " -= ..";
            }
        }
        return null;
    }

    private static boolean countsOrCalls(String body) {
        return INCREMENT.matcher(body).find() || OTHER_CALL.matcher(body).find();
    }

    private static int deriveLine(ItemOutline outline, ItemOutline.Item type) {
        Matcher m = DERIVE_CLONE.matcher(type.header());
        m.find();
        return outline.line(type.start() + m.start());
    }

    private static Finding finding(ChangedFile file, String type, boolean derived, String decrement, int line,
                                   int dropLine) {
        String how = derived ? "`#[derive(Clone)]`" : "its hand-written `clone`, which only clones fields,";
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(type).object("clone without count, drop " + decrement)
                .title("`" + type + "` is cloned without counting, but its `Drop` does `" + decrement + "`")
                .explanation("`" + type + "` gets `Clone` from " + how + " so a clone adds nothing to the count, "
                        + "while its `Drop` (line " + dropLine + ") takes one off with `" + decrement + "`. Each "
                        + "clone dropped takes off a count no clone put on: the count underflows (a panic in debug "
                        + "builds, a wrap in release) or reaches zero while owners remain, and whatever the last "
                        + "owner does (close the channel, free the slot, wake the sender) runs early or twice.")
                .check("Write `Clone` by hand and add one to the same count in it (under the same lock or with "
                        + "`fetch_add`), or do not make `" + type + "` `Clone`; a test that clones and drops both "
                        + "copies shows it.")
                .build();
    }
}
