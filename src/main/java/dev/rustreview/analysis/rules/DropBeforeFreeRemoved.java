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
 * US18: an explicit {@code drop(x)} deleted from just before memory is freed by hand. {@code drop(senders);} ahead of
 * {@code unsafe { desc.drop_in_place() }} ran the senders' {@code Drop}, which reads the descriptors, while they were
 * still alive; without it {@code senders} lives to the end of the scope and its {@code Drop} reads freed memory.
 * s2n-quic e1442c78 reversed: the race-loser path of {@code Pool::grow} freed descriptors the pending senders still
 * pointed at.
 */
public final class DropBeforeFreeRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US18", RiskArea.UNSAFE, Severity.MEDIUM, "early drop before a free removed",
            "In a non-test fn that stays, the change deletes `drop(x);` that came, within the next few statements, "
                    + "before an `unsafe` call that frees memory by hand (`drop_in_place`, `dealloc`, `free`, "
                    + "`Box::from_raw`, `munmap`), the fn still frees it and still names `x`, and no `drop(x)` is left: "
                    + "`x` now lives past the free, and its `Drop` may read what was freed.",
            "It reads one fn: whether `x` points into the freed memory is not checked.");

    private static final Pattern DROP = Pattern.compile("(?<![\\w.])(?:std\\s*::\\s*)?(?:mem\\s*::\\s*)?drop\\s*\\(\\s*([a-z_]\\w*)\\s*\\)\\s*;");
    private static final Pattern FREE = Pattern.compile("\\.\\s*drop_in_place\\s*\\(|\\bdrop_in_place\\s*\\(|\\bdealloc\\s*\\("
            + "|\\bfree\\s*\\(|\\bBox\\s*::\\s*from_raw\\s*\\(|\\bmunmap\\s*\\(");
    /** How far after the deleted drop the free may start: a few statements. */
    private static final int NEAR = 400;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("unsafe")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String old = pair.before().masked();
            Matcher drop = DROP.matcher(old).region(pair.was().bodyStart(), pair.was().bodyEnd());
            while (drop.find()) {
                String name = drop.group(1);
                int until = Math.min(pair.was().bodyEnd(), drop.end() + NEAR);
                Matcher free = FREE.matcher(old).region(drop.end(), until);
                if (!free.find()
                        || old.lastIndexOf("unsafe", free.start()) < drop.end()) {
                    continue;
                }
                String now = pair.newBody();
                boolean named = Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "\\b").matcher(now).find();
                boolean dropped = Pattern.compile("\\bdrop\\s*\\(\\s*" + Pattern.quote(name) + "\\s*\\)").matcher(now).find();
                if (named && !dropped && FREE.matcher(now).find()) {
                    out.add(finding(file, pair, name));
                    break;
                }
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, ItemOutline.FnPair pair, String name) {
        // the free that now runs while `name` is alive
        Matcher free = FREE.matcher(pair.after().masked()).region(pair.now().bodyStart(), pair.now().bodyEnd());
        int line = free.find() ? pair.after().line(free.start()) : pair.after().headerLine(pair.now());
        String fn = pair.now().name();
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(name).object("lives past the free")
                .title("`" + name + "` is no longer dropped before `" + fn + "` frees memory by hand")
                .explanation("Before the change `drop(" + name + ")` ran just before the unsafe free, so whatever `"
                        + name + "`'s `Drop` reads was still alive. Now `" + name + "` lives to the end of its scope, "
                        + "after the free: if it points into what was freed (a descriptor, a node, a buffer), its "
                        + "`Drop` reads freed memory.")
                .check("Drop `" + name + "` before the free again, or show that nothing `" + name + "` owns or "
                        + "borrows points into the freed memory.")
                .build();
    }
}
