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
 * CC30: a {@code let} guard turned into a statement temporary. {@code let mut page = self.page.lock();
 * swap(&mut *page, &mut self.received);} became {@code swap(&mut *self.page.lock(), &mut self.received);}: the guard
 * now dies at the end of that statement, and the code after it that the guard used to cover (a check of
 * {@code Arc::strong_count(&self.page)}) runs outside the critical section, so another thread can act between the
 * two (minitrace f705dcbe reversed: a sender pushed and dropped in between, and the receiver reported the channel
 * closed with a message still in it).
 */
public final class GuardNarrowed implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC30", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "lock guard narrowed to one statement",
            "In a non-test fn that stays, the change deletes `let g = R.lock();` (also `read()`/`write()`, with "
                    + "`.unwrap()`, `?` or `.await`) and adds a statement that takes `R.lock()` as a temporary, and "
                    + "before the change the guard was still alive over later code of its block that names `R` again "
                    + "without locking it (`Arc::strong_count(&self.page)`, `R.is_poisoned()`) or reads a local the "
                    + "guarded statements filled (`g.fetch_entries_to(.., &mut idx)?` then `for i in idx`): that code now runs "
                    + "after the lock is released; or the guard was taken before a call of a method on `self` that "
                    + "now runs before the lock is taken (`self.create_handle(..)?` then `R.write().insert(..)`).",
            "It reads the text of one fn: whether the later code needed the lock (a value computed once, a log "
                    + "line) is not told apart.");

    private static final Pattern LET_GUARD = Pattern.compile("\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*=\\s*"
            + "((?:self\\s*\\.\\s*)?[A-Za-z_][\\w.]{0,80})\\s*\\.\\s*(lock|read|write)\\s*\\(\\s*\\)\\s*"
            + "(?:\\.\\s*(?:unwrap\\s*\\(\\s*\\)|expect\\s*\\([^;]{0,120}?\\)|await)\\s*|\\?\\s*)*;");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String old = pair.before().masked();
            Matcher let = LET_GUARD.matcher(old).region(pair.was().bodyStart(), pair.was().bodyEnd());
            while (let.find()) {
                String guard = let.group(1);
                String lock = let.group(2).replaceAll("\\s+", "");
                String method = let.group(3);
                int temporary = temporaryLine(file, pair, lock, method);
                if (temporary < 0) {
                    continue;
                }
                String later = laterMention(old, pair, let.end(), guard, lock);
                if (later != null) {
                    out.add(finding(file, pair.now().name(), guard, lock + "." + method + "()", later, temporary));
                    break;
                }
                String earlier = earlierStep(old, pair, let.end(), guard);
                if (earlier != null) {
                    out.add(takenLater(file, pair.now().name(), guard, lock + "." + method + "()", earlier, temporary));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The added line of the new body that takes {@code lock.method()} as a temporary (not bound by {@code let}),
     * when the new body binds no guard of it by {@code let}; -1 otherwise.
     */
    private static int temporaryLine(ChangedFile file, ItemOutline.FnPair pair, String lock, String method) {
        String now = pair.after().masked();
        String q = Pattern.quote(lock);
        Matcher let = Pattern.compile("\\blet\\s[^;=]{0,80}=\\s*" + q + "\\s*\\.\\s*" + method + "\\s*\\(")
                .matcher(now).region(pair.now().bodyStart(), pair.now().bodyEnd());
        if (let.find()) {
            return -1;
        }
        Matcher use = Pattern.compile("(?<![\\w.])" + q + "\\s*\\.\\s*" + method + "\\s*\\(\\s*\\)")
                .matcher(now).region(pair.now().bodyStart(), pair.now().bodyEnd());
        while (use.find()) {
            int line = pair.after().line(use.start());
            if (file.added(line)) {
                return line;
            }
        }
        return -1;
    }

    /**
     * In the old body, after the statement that used guard {@code guard} last (or its {@code let}) and before the end
     * of the guard's block: a mention of {@code lock} that does not lock it again, or null. (The new body binds no
     * guard of the lock, so the {@code let} is one the change deleted.)
     */
    private static String laterMention(String old, ItemOutline.FnPair pair, int letEnd, String guard, String lock) {
        Unguarded.Blocks blocks = new Unguarded.Blocks(old, pair.was().bodyStart(), pair.was().bodyEnd());
        int block = blocks.innermost(letEnd);
        int end = block < 0 ? pair.was().bodyEnd() : blocks.close(block);
        Matcher uses = uses(guard).matcher(old).region(letEnd, end);
        int lastUse = letEnd;
        while (uses.find()) {
            lastUse = uses.end();
        }
        int statementEnd = old.indexOf(';', lastUse);
        if (statementEnd < 0 || statementEnd >= end) {
            return null;
        }
        String q = Pattern.quote(lock);
        Matcher mention = Pattern.compile("(?<![\\w.])" + q + "(?![\\w(])(?!\\s*\\.\\s*(?:lock|read|write|try_lock|try_read"
                + "|try_write)\\s*\\()").matcher(old).region(statementEnd, end);
        if (mention.find()) {
            return lineAt(old, mention.start(), end);
        }
        // a local the guarded statements filled (`guard.fetch_entries_to(.., &mut idx)?`) and the later code reads: a
        // snapshot taken under the lock and acted on after it (raft-engine de1ec937 reversed: entry indexes read
        // from files a concurrent rewrite had just purged)
        Matcher filled = FILLED.matcher(old).region(letEnd, statementEnd);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (filled.find() && seen.size() < 8) {
            if (!seen.add(filled.group(1))) {
                continue;
            }
            Matcher read = uses(filled.group(1)).matcher(old).region(statementEnd, end);
            if (read.find()) {
                return lineAt(old, read.start(), end);
            }
        }
        return null;
    }

    private static final Pattern FILLED = Pattern.compile("&\\s*mut\\s+([a-z_]\\w*)\\b(?!\\s*[.\\[(])");

    /** A name used as itself ({@code page}, not {@code self.page}). */
    private static Pattern uses(String name) {
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "\\b");
    }

    /** The line of {@code text} around offset {@code at}, cut at {@code limit}, shortened for a title. */
    private static String lineAt(String text, int at, int limit) {
        int lineStart = text.lastIndexOf('\n', at) + 1;
        int lineEnd = text.indexOf('\n', at);
        return RuleSupport.shorten(text.substring(lineStart, lineEnd < 0 ? limit : Math.min(lineEnd, limit)).strip());
    }

    private static final Pattern SELF_CALL = Pattern.compile("(?<![\\w.])self\\s*\\.\\s*(?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}"
            + "[A-Za-z_]\\w*\\s*\\(");

    /**
     * In the old body, between the guard's {@code let} and its first use: a call of a method on {@code self} (the
     * step the critical section also covered, {@code self.create_inner_cf_handle(..)}), as its shortened line, or null.
     */
    private static String earlierStep(String old, ItemOutline.FnPair pair, int letEnd, String guard) {
        Matcher use = uses(guard).matcher(old).region(letEnd, pair.was().bodyEnd());
        if (!use.find()) {
            return null;
        }
        Matcher call = SELF_CALL.matcher(old).region(letEnd, use.start());
        if (!call.find()) {
            return null;
        }
        return lineAt(old, call.start(), pair.was().bodyEnd());
    }

    private static Finding takenLater(ChangedFile file, String fn, String guard, String call, String step, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(call).object("guard taken later")
                .title("`" + call + "` in `" + fn + "` no longer covers `" + step + "`")
                .explanation("Before the change guard `" + guard + "` took `" + call + "` before `" + step + "` ran, "
                        + "so that step and the update under the guard were one critical section. Now the lock is "
                        + "a temporary of the update alone: between the step and the update another thread can "
                        + "observe the half-done state (a handle created but not yet registered) or do the same step "
                        + "itself, and both then update.")
                .check("Take the lock before the step, as before, or show that the step is safe to run twice or to "
                        + "be seen half done.")
                .build();
    }

    private static Finding finding(ChangedFile file, String fn, String guard, String call, String later, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(call).object("guard narrowed")
                .title("`" + call + "` in `" + fn + "` is now a temporary: `" + later + "` runs after it is released")
                .explanation("Before the change guard `" + guard + "` held `" + call + "` to the end of its block, "
                        + "over `" + later + "`. Now the lock is a temporary of one statement and is released at its "
                        + "`;`, so that later code runs outside the critical section: another thread can take the "
                        + "lock in between and change what the statement did (push after a swap, drop the last "
                        + "sender), and the fn acts on a state that no longer holds.")
                .check("Keep the guard in a `let` until the dependent code has run, or show that the later code "
                        + "does not depend on the locked state.")
                .build();
    }
}
