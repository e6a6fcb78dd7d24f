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
 * SS9: a {@code Drop} that took its value's entry out of a shared collection ({@code self.epochs.lock().remove(i)},
 * {@code registry.deregister(key)}) loses that call, or is removed whole, while the file still adds entries to
 * the same collection. Every value dropped from then on leaves its entry behind: the collection grows with each
 * handle created, and whoever walks it (a writer waiting on every reader's epoch, a notifier waking every
 * registered waker) does more work each time, for owners that are gone (evmap 78cf5027: dropped read handles
 * left their epochs in the writer's list).
 */
public final class UnregisterOnDropRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS9", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "`Drop` no longer removes its entry",
            "The change deletes, from a `Drop` impl outside test code (or with the impl), a call that took the "
                    + "value's entry out of a collection (`x.remove(..)`, `swap_remove`, `retain`, `unregister*`, "
                    + "`deregister*`, through `.lock()`/`.write()`/`.borrow_mut()`), the file has fewer such calls on "
                    + "that collection after it, and it still adds to it (`push`, `insert`, `register*`, `subscribe*`).",
            "It matches the collection by its last name (`epochs`), not by type: two collections of one name in one "
                    + "file are one, and an entry now removed by another file's code reads as never removed.");

    private static final String LOCKED = "\\s*(?:\\.\\s*(?:lock|write|read|borrow_mut|get_mut)\\s*\\(\\s*\\)\\s*"
            + "(?:\\.\\s*(?:unwrap|expect)\\s*\\([^()]*\\)\\s*)?)?";
    private static final Pattern REMOVAL = Pattern.compile("(?<![\\w])(\\w+)" + LOCKED
            + "\\.\\s*(remove|swap_remove|try_remove|retain|unregister\\w*|deregister\\w*)\\s*\\(");
    private static final Pattern DROP_KEY = Pattern.compile("::impl Drop for (\\w+)::drop(?:#\\d+)?$");
    private static final int MAX_CALLS = 64;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!file.isRust() || file.oldText() == null || file.newText() == null || file.isTestPath()) {
            return List.of();
        }
        // A Drop can only have lost a removal if the file lost one: one count before any outline is read.
        if (RuleSupport.count(REMOVAL, file.newText()) >= RuleSupport.count(REMOVAL, file.oldText())) {
            return List.of();
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        List<Finding> out = new ArrayList<>();
        int scans = 0;
        for (ItemOutline.Item was : before.byKey(ItemOutline.Kind.FN).values()) {
            Matcher drop = DROP_KEY.matcher(was.key());
            if (!drop.find() || before.inTest(was)) {
                continue;
            }
            Matcher call = REMOVAL.matcher(before.body(was));
            int n = 0;
            while (call.find() && n++ < MAX_CALLS) {
                int line = before.line(was.bodyStart() + call.start(2));
                String collection = call.group(1);
                if (collection.equals("self") || !file.removed(line)) {
                    continue;
                }
                if (++scans > MAX_CALLS) {
                    return out; // each candidate is three scans of the file; a real change has one or two
                }
                Pattern same = Pattern.compile("(?<![\\w])" + Pattern.quote(collection) + LOCKED + "\\.\\s*"
                        + Pattern.quote(call.group(2)) + "\\s*\\(");
                if (RuleSupport.count(same, after.masked()) >= RuleSupport.count(same, before.masked())) {
                    continue; // moved, not removed
                }
                Matcher adds = Pattern.compile("(?<![\\w])" + Pattern.quote(collection) + LOCKED
                        + "\\.\\s*(push(?:_back|_front)?|insert|register\\w*|subscribe\\w*|add)\\s*\\(").matcher(after.masked());
                if (!adds.find()) {
                    continue;
                }
                String owner = drop.group(1);
                String removal = collection + "…" + call.group(2) + "(..)";
                int addLine = after.line(adds.start());
                out.add(FindingBuilder.lines(INFO, file, Side.OLD, line, line)
                        .severity(Severity.MEDIUM)
                        .object("`" + owner + "`").object("drop no longer removes from " + collection)
                        .title("`Drop` of `" + owner + "` no longer removes its entry from `" + collection + "`")
                        .explanation("Before the change, dropping a `" + owner + "` took its entry out of `" + collection
                                + "` (`" + removal + "`, old line " + line + "); the change deletes that, and the file "
                                + "still adds entries to `" + collection + "` (`." + adds.group(1) + "(..)`, line "
                                + addLine + "). Each value dropped from now on leaves its entry behind: the collection "
                                + "grows with every value created, and code that walks it (waiting on each entry, "
                                + "waking each one) keeps working for owners that are gone.")
                        .check("Find what removes a dropped `" + owner + "`'s entry from `" + collection + "` now; if "
                                + "nothing does, keep the removal in `Drop`.")
                        .build());
                break;
            }
        }
        return out;
    }
}
