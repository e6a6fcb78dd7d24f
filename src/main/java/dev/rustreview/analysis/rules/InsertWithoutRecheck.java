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
 * CC29: get-or-create across two critical sections without a second look. The fn looks a key up under one guard
 * ({@code if let Some(m) = self.map.read().get(k) { return m; }}), lets it go, takes the lock again to write, and
 * {@code insert}s the key unconditionally. Another thread can insert the same key in the gap; the second
 * {@code insert} replaces its value, so two callers hold different objects for one key and one's updates are lost.
 * {@code entry(k).or_insert_with(..)} under the write guard checks again. prometheus client_rust 8494288c reversed:
 * {@code Family::get_or_create} inserted a fresh metric over one another thread had just created.
 */
public final class InsertWithoutRecheck implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC29", RiskArea.CONCURRENCY, Severity.MEDIUM, "insert without a second look",
            "In a non-test fn the change touches, an `if` condition or `match` scrutinee looks a key up (`.get(k)`, `.contains_key(k)`) "
                    + "under a guard of `x.read()`/`x.lock()`/`x.borrow()` (in the condition itself, or through a guard "
                    + "bound by `let g = x.read();` or `if let Ok(g) = x.lock()` that the condition reads), and later in the fn a guard of the same "
                    + "`x` taken with `.write()`/`.lock()`/`.borrow_mut()` calls `.insert(k, ..)` with no `entry`, "
                    + "`get` or `contains_key` on it before, when the change adds the insert or the guard.",
            "It matches the lock and the key as text within one fn: a lock reached through a helper, or a map whose "
                    + "values make a replaced insert harmless (a cache of equal values), is not told apart.");

    private static final Pattern ACQUIRE = Pattern.compile("(?<![\\w.])((?:self\\s*\\.\\s*)?[A-Za-z_][\\w.]{0,80}?)\\s*\\.\\s*"
            + "(read|lock|write|borrow|borrow_mut)\\s*\\(\\s*\\)(?:\\s*\\.\\s*unwrap\\s*\\(\\s*\\))?");
    private static final Pattern LOOKUP = Pattern.compile("\\.\\s*(?:get|contains_key|get_mut)\\s*\\(\\s*&?\\s*([^()]{1,80}?(?:\\([^()]{0,40}\\))?)\\s*\\)");
    private static final Pattern RECHECK = Pattern.compile("\\.\\s*(?:entry|get|contains_key|get_mut|try_insert)\\s*\\(");
    private static final Pattern LET_GUARD = Pattern.compile("\\blet\\s+(?:(?:Ok|Some)\\s*\\(\\s*)?(?:mut\\s+)?([a-z_]\\w*)\\s*\\)?\\s*=\\s*$");
    private static final int MAX_ACQUISITIONS = 32;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains(".insert(")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        String masked = after.masked();
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            List<Acquisition> acquisitions = new ArrayList<>();
            Matcher m = ACQUIRE.matcher(masked).region(fn.bodyStart(), fn.bodyEnd());
            while (m.find() && acquisitions.size() < MAX_ACQUISITIONS) {
                acquisitions.add(new Acquisition(m.start(), m.end(), RuleSupport.squeezed(m.group(1))));
            }
            Finding f = firstRace(file, after, masked, fn, acquisitions);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    private static Finding firstRace(ChangedFile file, ItemOutline after, String masked, ItemOutline.Item fn,
                                     List<Acquisition> acquisitions) {
        for (int i = 0; i < acquisitions.size(); i++) {
            Acquisition check = acquisitions.get(i);
            Lookup lookup = inCondition(masked, fn, check);
            if (lookup == null) {
                lookup = throughGuard(masked, fn, check);
            }
            if (lookup == null) {
                continue;
            }
            int end = lookup.end();
            String lock = check.lock();
            String key = lookup.key();
            for (int j = i + 1; j < acquisitions.size(); j++) {
                Acquisition write = acquisitions.get(j);
                // A read guard needs no exclusion here: code that compiles cannot insert through one.
                if (write.start() < end || !write.lock().equals(lock)) {
                    continue;
                }
                int insert = insertAfter(masked, write, fn.bodyEnd(), key);
                if (insert < 0) {
                    continue;
                }
                int line = after.line(insert);
                if (file.added(line) || file.added(after.line(write.start()))) {
                    return finding(file, fn.name(), lock, key, after.line(lookup.at()), line);
                }
            }
        }
        return null;
    }

    /** The key looked up in the {@code if}/{@code match} head that holds the acquisition itself, or null. */
    private static Lookup inCondition(String masked, ItemOutline.Item fn, Acquisition check) {
        int start = statementStart(masked, fn.bodyStart(), check.start());
        int end = conditionEnd(masked, start, check.end(), fn.bodyEnd());
        String head = end < 0 ? "" : masked.substring(start, end).strip();
        if (!head.startsWith("if ") && !head.startsWith("match ")) {
            return null;
        }
        Matcher lookup = LOOKUP.matcher(masked).region(check.end(), end);
        return lookup.find() ? new Lookup(bare(lookup.group(1)), check.start(), end) : null;
    }

    /**
     * The key looked up through a {@code let} guard ({@code let pools = self.pools.read();}) in an {@code if}/{@code match}
     * head, or null (a lookup after the write acquisition is no first look: the caller wants the write after it): pingora 82342e13 reversed, where the read guard
     * lived in a block of its own and the write guard inserted without looking again.
     */
    private static Lookup throughGuard(String masked, ItemOutline.Item fn, Acquisition check) {
        String before = masked.substring(Math.max(fn.bodyStart(), check.start() - 60), check.start());
        Matcher let = LET_GUARD.matcher(before);
        if (!let.find()) {
            return null;
        }
        Matcher use = Pattern.compile("(?<![\\w.])" + let.group(1) + "\\s*\\.\\s*(?:get|contains_key|get_mut)\\s*\\(")
                .matcher(masked).region(check.end(), fn.bodyEnd());
        while (use.find()) {
            int start = statementStart(masked, fn.bodyStart(), use.start());
            int end = conditionEnd(masked, start, use.end(), fn.bodyEnd());
            String head = end < 0 ? "" : masked.substring(start, end).strip();
            Matcher lookup = LOOKUP.matcher(masked).region(use.start(), end < 0 ? use.end() : end);
            if ((head.startsWith("if ") || head.startsWith("match ")) && lookup.find()) {
                return new Lookup(bare(lookup.group(1)), use.start(), end);
            }
        }
        return null;
    }

    private record Lookup(String key, int at, int end) {
    }

    /** The offset of {@code .insert(key, ..)} on the write guard, with no second look before it, or -1. */
    private static int insertAfter(String masked, Acquisition write, int fnEnd, String key) {
        String before = masked.substring(Math.max(0, write.start() - 60), write.start());
        Matcher let = LET_GUARD.matcher(before);
        String target = let.find() ? "(?<![\\w.])" + let.group(1) : Pattern.quote(masked.substring(write.start(), write.end()));
        Matcher insert = Pattern.compile(target + "\\s*\\.\\s*insert\\s*\\(\\s*([^,()]{1,80}(?:\\([^()]{0,40}\\))?)\\s*,")
                .matcher(masked).region(write.start(), fnEnd);
        while (insert.find()) {
            if (bare(insert.group(1)).equals(key)) {
                boolean rechecked = RECHECK.matcher(masked).region(write.end(), Math.max(write.end(), insert.start())).find();
                return rechecked ? -1 : insert.start();
            }
        }
        return -1;
    }

    private record Acquisition(int start, int end, String lock) {
    }

    /** A key as compared: without {@code &}/{@code *} and a trailing {@code .clone()}/{@code .to_owned()}-like call. */
    private static String bare(String key) {
        return RuleSupport.squeezed(key).replaceAll("^[&*]+", "")
                .replaceAll("\\.(?:clone|to_owned|to_string|into|to_vec)\\(\\)$", "");
    }

    private static int statementStart(String masked, int from, int at) {
        for (int i = at - 1; i > from; i--) {
            char c = masked.charAt(i);
            if (c == ';' || c == '{' || c == '}') {
                return i + 1;
            }
        }
        return from + 1;
    }

    /** The {@code {} that opens the body of the condition starting at {@code start}, past {@code after}, or -1. */
    private static int conditionEnd(String masked, int start, int after, int limit) {
        int depth = 0;
        for (int i = start; i < limit; i++) {
            char c = masked.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (depth == 0 && i >= after && (c == '{' || c == ';')) {
                return c == '{' ? i : -1;
            }
        }
        return -1;
    }

    private static Finding finding(ChangedFile file, String fn, String lock, String key, int checkLine, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(lock).object("insert " + key + " without a second look")
                .title("`" + fn + "` inserts `" + key + "` into `" + lock + "` without looking again under the write guard")
                .explanation("Line " + checkLine + " looks `" + key + "` up under one guard of `" + lock + "`; that "
                        + "guard is gone before the fn takes `" + lock + "` again to write, and the insert does not "
                        + "check again. Another thread can insert the same key in between: this insert then replaces "
                        + "its value, so two callers end up with different objects for one key (a counter, a handle, "
                        + "a channel) and the updates made through the replaced one are lost.")
                .check("Under the write guard use `entry(" + key + ").or_insert_with(..)` (or check `get` again), "
                        + "or downgrade the write guard instead of releasing it.")
                .build();
    }
}
