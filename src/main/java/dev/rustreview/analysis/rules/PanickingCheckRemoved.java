package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PN7: the change deletes a {@code std::thread::panicking()} check next to a panic. That check is how code that
 * runs during unwinding (a {@code Drop}, a guard's release, a macro a destructor reaches) keeps its own assertion
 * from firing a second time: a panic while panicking aborts the process and loses the first panic's message (loom
 * 9a546f6c: a branch-limit assertion hit again from a {@code MutexGuard}'s drop). Code without the check works
 * until the first unrelated panic, which then becomes an abort.
 *
 * <p>Read on the whole file, not per fn, because the check often lives in a {@code macro_rules!} body or a
 * {@code Drop} the fn outline does not pair.
 */
public final class PanickingCheckRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN7", RiskArea.PANICS, Severity.MEDIUM,
            "`thread::panicking()` check removed",
            "The change deletes a `thread::panicking()` call (the file has fewer after it) from a line whose "
                    + "enclosing block, outside test code, still asserts or panics (`assert!`, `panic!`, `.unwrap()`, "
                    + "`.expect(..)`): a panic during unwinding (from a `Drop`) then aborts the process.",
            "It does not know whether the code can run during unwinding; a check moved into a helper fn of another "
                    + "file reads as removed.");

    private static final Pattern PANICKING = Pattern.compile("(?<![\\w])panicking\\s*\\(\\s*\\)");
    private static final Pattern PANICS = Pattern.compile(
            "(?<![\\w:])(?:debug_)?(?:assert(?:_eq|_ne)?|panic|unreachable)!\\s*[({\\[]|\\.\\s*(?:unwrap|expect)\\s*\\(");
    /** A block longer than this is not the check's own (and scanning it would cost more than it tells). */
    private static final int MAX_BLOCK = 20_000;
    /** Checks read per file: a real file has a few, a fuzzed one thousands. */
    private static final int MAX_CHECKS = 64;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!file.isRust() || file.oldText() == null || file.newText() == null || file.isTestPath()) {
            return List.of();
        }
        ItemOutline before = ItemOutline.before(file);
        String old = before.masked();
        int was = RuleSupport.count(PANICKING, old);
        ItemOutline after = ItemOutline.after(file);
        if (was == 0 || RuleSupport.count(PANICKING, after.masked()) >= was || helperCalled(file, after)) {
            return List.of();
        }
        Matcher m = PANICKING.matcher(old);
        int n = 0;
        while (m.find() && n++ < MAX_CHECKS) {
            int line = before.line(m.start());
            if (!file.removed(line) || inTest(before, m.start())) {
                continue;
            }
            int open = RuleSupport.enclosingOpen(old, Math.max(-1, m.start() - MAX_BLOCK), m.start());
            if (open < 0) {
                continue;
            }
            int close = RuleSupport.closing(old, open, '{', '}');
            Matcher panic = PANICS.matcher(old).region(open, Math.min(close, old.length()));
            if (!panic.find()) {
                continue;
            }
            String what = old.substring(panic.start(), panic.end()).replaceAll("[\\s({\\[]+$", "").strip();
            return List.of(FindingBuilder.lines(INFO, file, Side.OLD, line, line)
                    .severity(Severity.MEDIUM)
                    .object("panicking check removed").object(what)
                    .title("`thread::panicking()` check removed beside `" + what + "`")
                    .explanation("The change deletes the `thread::panicking()` check on old line " + line + ", and the "
                            + "block around it still has `" + what + "`. That check kept the panic from firing while "
                            + "the thread is already unwinding (this code reached from a `Drop` during another "
                            + "panic); without it a second panic aborts the process and the first panic's message "
                            + "is lost.")
                    .check("Say why this code can no longer run during unwinding, or keep the check "
                            + "(`if !std::thread::panicking() { .. }` / `|| std::thread::panicking()`).")
                    .build());
        }
        return List.of();
    }

    /** Whether an added line calls a fn of the file that does the check itself (the check moved, not removed). */
    private static boolean helperCalled(ChangedFile file, ItemOutline after) {
        String text = after.masked();
        int helpers = 0;
        for (ItemOutline.Item item : after.items()) {
            if (item.kind() != ItemOutline.Kind.FN || !PANICKING.matcher(after.body(item)).find()) {
                continue;
            }
            if (++helpers > MAX_CHECKS) {
                return false; // each helper is a scan of the file; a real file has one or two
            }
            Matcher call = Pattern.compile("(?<![\\w])" + Pattern.quote(item.name()) + "\\s*\\(").matcher(text);
            while (call.find()) {
                if ((call.start() < item.start() || call.start() > item.bodyEnd()) && file.added(after.line(call.start()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean inTest(ItemOutline outline, int offset) {
        for (ItemOutline.Item item : outline.items()) {
            if (item.start() <= offset && offset < item.bodyEnd() && outline.inTest(item)) {
                return true;
            }
        }
        return false;
    }
}
