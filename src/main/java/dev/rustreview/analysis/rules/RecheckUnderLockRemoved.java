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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC57: the second check of a double-checked lock removed. A condition tested before the lock is taken can be
 * false by the time the lock is held; the test repeated under the guard is what makes acting on it safe. buck2
 * 2555cc20 reversed: {@code AtomicWakerSetEntry::register} trusted its lock-free "still inserted" test, a concurrent
 * {@code wake_all} evicted the entry before the mutex was taken, and the waker swapped into the evicted entry was
 * never woken.
 */
public final class RecheckUnderLockRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC57", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "re-check under the lock removed",
            "In a non-test fn that stays, the change deletes a `let x = cond;` or `if cond {` line that ran while a "
                    + "guard bound by `let g = ...lock()/.read()/.write()` was alive, and that repeated a condition the fn "
                    + "still tests before taking that guard (the names in the deleted condition are all names of the "
                    + "earlier one, leaving aside `load`, `as_ptr`, `get` and orderings); the deleted condition is gone "
                    + "from the fn.",
            "It compares the names in the two conditions, not what they compute: a second check that was truly "
                    + "redundant (the first one already ran under the same lock) reads the same.");

    private static final Pattern ACQUIRE = Pattern.compile("^\\s*let\\s+(?:mut\\s+)?(\\w+)\\s*=\\s*[^;]*\\.\\s*(?:lock|read|"
            + "write|try_lock|lock_arc|write_arc|read_arc)\\s*\\(\\s*\\)[^;]*;\\s*$");
    private static final Pattern CONDITION = Pattern.compile("^\\s*(?:let\\s+(?:mut\\s+)?\\w+\\s*(?::\\s*bool\\s*)?=\\s*(.+?);"
            + "|(?:\\}\\s*else\\s+)?if\\s+(?!let\\b)(.+?)\\s*\\{)\\s*$");
    /** A condition worth re-checking compares or asks something. */
    private static final Pattern TEST = Pattern.compile("[!=]=|[<>]|\\bis_\\w+\\s*\\(|\\bcontains\\w*\\s*\\(");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_]\\w*");
    /** How the same state is read outside and under a lock: not names of the state itself. */
    private static final Set<String> ACCESS = Set.of("load", "as_ptr", "get", "get_mut", "borrow", "unwrap", "Ordering",
            "Acquire", "Relaxed", "SeqCst", "Release", "AcqRel", "self", "as", "usize", "u64", "u32", "lock", "read",
            "write", "clone", "deref");
    private static final int MAX_LINES = 400;
    private static final int MAX_FINDINGS = 16;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (out.size() >= MAX_FINDINGS) {
                break;
            }
            ItemOutline before = pair.before();
            int from = before.line(pair.was().bodyStart());
            int to = before.endLine(pair.was());
            if (to - from > MAX_LINES || !pair.oldBody().contains("lock") && !pair.oldBody().contains("read")
                    && !pair.oldBody().contains("write")) {
                continue;
            }
            Finding f = removedRecheck(file, pair, from, to);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    private static Finding removedRecheck(ChangedFile file, ItemOutline.FnPair pair, int from, int to) {
        ItemOutline before = pair.before();
        String masked = before.masked();
        String newBody = RuleSupport.squeezed(pair.newBody());
        for (int acq = from; acq <= to; acq++) {
            String acqText = lineText(before, acq);
            Matcher a = ACQUIRE.matcher(acqText);
            if (file.removed(acq) || !a.matches()) {
                continue;
            }
            int scopeEnd = before.line(blockEnd(masked, before.offset(acq), pair.was().bodyStart()));
            for (int r = acq + 1; r <= Math.min(scopeEnd, to); r++) {
                if (!file.removed(r)) {
                    continue;
                }
                String inner = condition(lineText(before, r));
                if (inner == null || newBody.contains(RuleSupport.squeezed(inner))) {
                    continue;
                }
                Set<String> innerNames = names(inner);
                if (innerNames.size() < 2) {
                    continue;
                }
                for (int o = from; o < acq; o++) {
                    String outer = file.removed(o) ? null : condition(lineText(before, o));
                    if (outer == null || !names(outer).containsAll(innerNames)
                            || !newBody.contains(RuleSupport.squeezed(outer))) {
                        continue;
                    }
                    int line = newLineOf(pair, acqText);
                    if (line < 0) {
                        return null;
                    }
                    String fn = pair.now().name();
                    String guard = a.group(1);
                    return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                            .object(fn).object(RuleSupport.squeezed(inner))
                            .title("`" + RuleSupport.shorten(inner) + "` is no longer checked again under `" + guard
                                    + "` in `" + fn + "`")
                            .explanation("`" + fn + "` tests `" + RuleSupport.shorten(outer.strip()) + "` before it "
                                    + "takes the lock, and used to test it again once `" + guard + "` held it (`"
                                    + RuleSupport.shorten(inner) + "`). The change deletes the second test: between the "
                                    + "first test and the lock another thread can change the state (evict the entry, "
                                    + "close the channel, take the slot), and the code under the lock now acts on "
                                    + "what was true before.")
                            .check("Keep the test under the lock (double-checked locking needs both), or take the "
                                    + "lock before the first test.")
                            .build();
                }
            }
        }
        return null;
    }

    /** The condition a line tests, or null: a {@code let x = ..;} whose value compares, or an {@code if}'s. */
    private static String condition(String line) {
        Matcher m = CONDITION.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String c = m.group(1) != null ? m.group(1) : m.group(2);
        return TEST.matcher(c).find() ? c.strip() : null;
    }

    private static Set<String> names(String condition) {
        Set<String> out = new HashSet<>();
        Matcher m = NAME.matcher(condition);
        while (m.find()) {
            if (!ACCESS.contains(m.group()) && !Character.isDigit(m.group().charAt(0))) {
                out.add(m.group());
            }
        }
        return out;
    }

    /** The offset of the brace closing the block that holds {@code at}, or the body's end. */
    private static int blockEnd(String masked, int at, int bodyStart) {
        int depth = 0;
        for (int i = at; i > bodyStart; i--) {
            char c = masked.charAt(i - 1);
            if (c == '}') {
                depth++;
            } else if (c == '{' && depth-- == 0) {
                return RuleSupport.closing(masked, i - 1, '{', '}');
            }
        }
        return masked.length() - 1;
    }

    /** The new side's line holding the same statement as the old line (spaces aside), or -1. */
    private static int newLineOf(ItemOutline.FnPair pair, String text) {
        ItemOutline after = pair.after();
        String wanted = RuleSupport.squeezed(text);
        for (int line = after.line(pair.now().bodyStart()); line <= after.endLine(pair.now()); line++) {
            if (RuleSupport.squeezed(lineText(after, line)).equals(wanted)) {
                return line;
            }
        }
        return -1;
    }

    private static String lineText(ItemOutline outline, int line) {
        return outline.masked().substring(outline.offset(line), Math.max(outline.offset(line), outline.offset(line + 1) - 1));
    }
}
