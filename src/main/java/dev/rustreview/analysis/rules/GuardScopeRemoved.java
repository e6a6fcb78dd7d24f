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
 * CC42: the bare block that ended a guard's life removed. {@code { let g = m.lock(); prepare(&mut g); }} drops the
 * guard at its {@code }}; without the block the guard lives to the end of the fn, over every later call, and one
 * that takes the same lock again (directly, through a helper, from another thread this fn waits for) deadlocks.
 * probe-rs d53dfc93 reversed: the session guard of a prepare step was still held when the run loop locked it.
 */
public final class GuardScopeRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC42", RiskArea.CONCURRENCY, Severity.MEDIUM, "guard's scope block removed",
            "In a non-test fn that stays, the change removes a bare block (`{` on a line of its own) that held "
                    + "`let g = ..;` taking a lock (`.lock()`, `.read()`, `.write()`, `.borrow_mut()`, or a method "
                    + "whose name says `lock`, `guard` or `blocking`), and adds the same `let` outside any block, "
                    + "with code after the line that last names `g`.",
            "It reads the text: a binding that is not a guard but is named like one is reported too, and it does "
                    + "not follow what the later code locks.");

    private static final Pattern GUARD_LET = Pattern.compile(
            "\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*(?::[^=;]{0,80})?=\\s*[^;]{0,160}?\\.\\s*(?:lock|read|write|borrow_mut|\\w*lock\\w*|\\w*guard\\w*|\\w*blocking\\w*)\\s*\\([^;]{0,80};");
    /** Calls the lock-ish names above also match that return no guard: {@code block_on}, {@code spawn_blocking}. */
    private static final Pattern NOT_A_GUARD = Pattern.compile("\\.\\s*(?:block_on|spawn_blocking|unblock)\\s*\\(");
    private static final Pattern BARE_OPEN = Pattern.compile("(?m)^\\s*\\{\\s*$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = pair.oldBody();
            String now = pair.newBody();
            Matcher let = GUARD_LET.matcher(was);
            while (let.find()) {
                if (!pair.removedAt(file, let.start()) || NOT_A_GUARD.matcher(let.group()).find()
                        || !inRemovedBareBlock(file, pair, was, let.start())) {
                    continue;
                }
                Finding f = movedOut(file, pair, now, RuleSupport.squeezed(let.group()), let.group(1));
                if (f != null) {
                    out.add(f);
                    break;
                }
            }
        }
        return out;
    }

    /** Whether the innermost block around {@code at} opens on a removed line that holds only its {@code {}. */
    private static boolean inRemovedBareBlock(ChangedFile file, ItemOutline.FnPair pair, String body, int at) {
        int open = RuleSupport.enclosingOpen(body, 0, at);
        if (open < 0 || !pair.removedAt(file, open)) {
            return false;
        }
        int lineStart = body.lastIndexOf('\n', open) + 1;
        int lineEnd = body.indexOf('\n', open);
        return BARE_OPEN.matcher(body.substring(lineStart, lineEnd < 0 ? body.length() : lineEnd)).matches();
    }

    /** Whether the fn has code after the line that last names {@code name} (past {@code from}). */
    private static boolean codeAfterLastUse(String body, int from, String name) {
        Matcher use = Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(body);
        int last = from;
        while (use.find(last)) {
            last = use.end();
        }
        int lineEnd = body.indexOf('\n', last);
        return lineEnd >= 0 && body.substring(lineEnd).strip().length() > 1;
    }

    /** The same {@code let} on an added line directly in the fn's body, with statements after it. */
    private static Finding movedOut(ChangedFile file, ItemOutline.FnPair pair, String now, String let, String name) {
        Matcher m = GUARD_LET.matcher(now);
        while (m.find()) {
            int line = pair.after().line(pair.now().bodyStart() + m.start());
            if (!file.added(line) || !RuleSupport.squeezed(m.group()).equals(let)
                    || RuleSupport.enclosingOpen(now, 0, m.start()) > 0 || !codeAfterLastUse(now, m.end(), name)) {
                continue;
            }
            return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(pair.now().name()).object(name)
                    .title("`" + name + "` now stays locked to the end of `" + pair.now().name() + "`")
                    .explanation("Before the change `" + name + "` lived in a block of its own and was dropped at "
                            + "its `}`. The change removes the block, so the guard is held over everything that "
                            + "follows in `" + pair.now().name() + "`: a later call that takes the same lock (directly, "
                            + "through a helper, or on a thread this fn waits for) deadlocks, and every other user "
                            + "waits longer.")
                    .check("Keep the block (or `drop(" + name + ")` once the guarded work is done).")
                    .build();
        }
        return null;
    }
}
