package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guard clauses the change deletes from a fn that stays: an {@code if} whose block ends by leaving the fn or the
 * loop early ({@code if refs >= MAX { return None; }}, {@code if let Some(v) = slot { return v; }}), or the leading
 * branch of an {@code if .. else if ..} chain ({@code if len == 0 { .. } else if len < self.len}). Either way the
 * code after it now also runs in the state the guard sent elsewhere. A guard is reported only when its whole text
 * is deleted and its condition's words are gone from the fn (a guard moved into a helper or rewritten reads as
 * removed; a guard re-indented or moved within the fn does not).
 *
 * <p>Works on the masked text of {@link ItemOutline}, so strings and comments never match, and fns written inside
 * {@code macro_rules!} bodies are read too.
 */
final class GuardClauses {

    /** Guards read per fn at most: a real fn has a handful, a fuzzed one thousands. */
    private static final int MAX_PER_FN = 256;
    /** A condition longer than this is not one guard's test. */
    private static final int MAX_CONDITION = 400;
    /** A block longer than this is a branch of logic, not a guard clause. */
    private static final int MAX_BLOCK = 1_200;
    private static final Pattern IF = Pattern.compile("(?<![\\w.])if\\s");
    /**
     * What leaves the fn or loop: {@code return}, {@code break}, {@code continue}, and the early returns spelled as
     * {@code Err(e)?} or {@code bail!(..)} (x11rb 7c1e198a's null-reply guard returned with {@code Err(..)?}).
     */
    private static final Pattern EXIT = Pattern.compile("^(?:return|break|continue)\\b|^Err\\s*\\([\\s\\S]{0,400}\\)\\s*\\?\\s*;?$"
            + "|^(?:anyhow\\s*::\\s*)?bail\\s*!");
    private static final Pattern KEYWORDS = Pattern.compile("\\b(?:if|let)\\b|[!\\s]");

    /**
     * A deleted guard: the fn, the old guard's condition (one line), whether it was the leading branch of a chain,
     * and where the code it guarded now starts in the new body (an offset into {@code pair.newBody()}).
     */
    record Site(ItemOutline.FnPair pair, String condition, boolean chain, int newOffset, int line) {
    }

    private GuardClauses() {
    }

    /** The guard clauses the change deletes from the file's fns that stay (computed once per file). */
    static List<Site> sites(ChangedFile file) {
        return file.derived(Side.NEW, Sites.class, f -> new Sites(find(f))).sites();
    }

    private record Sites(List<Site> sites) {
    }

    private static List<Site> find(ChangedFile file) {
        List<Site> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String oldBody = pair.oldBody();
            String newBody = pair.newBody();
            String newNormal = newBody.replaceAll("\\s+", "");
            String oldNormal = oldBody.replaceAll("\\s+", "");
            String releaseNormal = null;
            Matcher m = IF.matcher(oldBody);
            int n = 0;
            while (m.find() && n++ < MAX_PER_FN) {
                if (!statementStart(oldBody, m.start())) {
                    continue;
                }
                int open = conditionEnd(oldBody, m.end());
                if (open < 0) {
                    continue;
                }
                int close = RuleSupport.closing(oldBody, open, '{', '}');
                if (close >= oldBody.length() || close - open > MAX_BLOCK) {
                    continue;
                }
                String condition = oldBody.substring(m.end(), open).strip();
                int after = skipSpace(oldBody, close + 1);
                boolean chain = oldBody.startsWith("else", after)
                        && oldBody.startsWith("if", skipSpace(oldBody, after + 4));
                if (!chain && (!exits(oldBody.substring(open + 1, close)) || oldBody.startsWith("else", after))) {
                    continue;
                }
                int guardEnd = chain ? skipSpace(oldBody, after + 4) : close + 1;
                int newOffset = follower(oldBody, guardEnd, newBody);
                if (newOffset < 0) {
                    continue; // the code the guard kept from running is gone too
                }
                if (!chain && exitMoved(file, pair, lastStatement(oldBody.substring(open + 1, close)), newOffset,
                        oldNormal, newNormal)) {
                    continue; // the exit moved (into a let-else, or a guard rewritten in place), not gone
                }
                if (!wholeGuardRemoved(file, pair, m.start(), guardEnd)) {
                    continue;
                }
                String words = KEYWORDS.matcher(condition).replaceAll("");
                if (releaseNormal == null) {
                    releaseNormal = withoutDebugAsserts(newBody).replaceAll("\\s+", "");
                }
                if (words.length() < 3 || releaseNormal.contains(words)
                        || newNormal.contains(oldBody.substring(m.start(), close + 1).replaceAll("\\s+", ""))) {
                    continue;
                }
                int line = pair.after().line(pair.now().bodyStart() + newOffset);
                out.add(new Site(pair, condition.replaceAll("\\s+", " "), chain, newOffset, line));
            }
        }
        return out;
    }

    private static final Pattern DEBUG_ASSERT = Pattern.compile("\\bdebug_assert(?:_eq|_ne)?\\s*!\\s*\\(");

    /**
     * The body without its {@code debug_assert!(..)} calls: a condition that survives only in one no longer guards
     * release builds (openraft f994c862 reversed: the empty-result exit became {@code debug_assert!(!logs.is_empty())}).
     */
    static String withoutDebugAsserts(String body) {
        Matcher m = DEBUG_ASSERT.matcher(body);
        if (!m.find()) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        do {
            out.append(body, from, m.start());
            from = Math.min(body.length(), RuleSupport.closing(body, m.end() - 1, '(', ')') + 1);
        } while (m.find(from));
        return out.append(body, from, body.length()).toString();
    }

    /** Whether an {@code if} at {@code at} starts a statement (not {@code else if}, not a value in an expression). */
    static boolean statementStart(String body, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(body.charAt(i))) {
            i--;
        }
        return i < 0 || body.charAt(i) == ';' || body.charAt(i) == '{' || body.charAt(i) == '}';
    }

    /**
     * The offset of the block's opening brace after a condition starting at {@code from}, or -1. A brace at the
     * top level of the condition opens its block, except an {@code unsafe { .. }} inside the condition.
     */
    static int conditionEnd(String body, int from) {
        int depth = 0;
        for (int i = from; i < body.length() && i - from < MAX_CONDITION; i++) {
            char c = body.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == '{' && depth == 0) {
                if (!body.substring(from, i).stripTrailing().endsWith("unsafe")) {
                    return i;
                }
                i = RuleSupport.closing(body, i, '{', '}');
            } else if (c == ';' || c == '}') {
                return -1;
            }
        }
        return -1;
    }

    /** Whether a block's last statement at its own top level leaves the fn or loop. */
    static boolean exits(String block) {
        return EXIT.matcher(lastStatement(block)).lookingAt();
    }

    /**
     * Whether the exit statement {@code exit} (spaces aside) moved: the new body has it more often inside an
     * {@code else} block (the guard became a let-else), or right before {@code newOffset}, where the code the guard
     * kept from running starts, on a line the change adds (the guard was rewritten in place). {@code was} and
     * {@code now} are the fn's old and new bodies without whitespace.
     */
    private static boolean exitMoved(ChangedFile file, ItemOutline.FnPair pair, String exit, int newOffset,
                                     String was, String now) {
        String wanted = exit.replaceAll("\\s+", "").replaceAll(";$", "");
        if (wanted.isEmpty()) {
            return false;
        }
        String newBody = pair.newBody();
        // Into a let-else, or rewritten in place (another bound, right before the code it guarded). A guard replaced
        // by one with another test somewhere else also keeps the count of exits, and is a removal: pgwire 97b4f1f8
        // reversed checked for an empty buffer before its scan instead of for a scan that found nothing after it.
        Pattern elseExit = Pattern.compile("else\\{[^{}]{0,400}?" + Pattern.quote(wanted));
        if (elseExit.matcher(now).results().count() > elseExit.matcher(was).results().count()) {
            return true;
        }
        String before = newBody.substring(0, newOffset).replaceAll("\\s+", "");
        if (!before.endsWith(wanted + ";}") && !before.endsWith(wanted + "}")) {
            return false;
        }
        // the guard in front is the change's own, not an older one that was already there (sharded-slab aea693f3
        // reversed deleted an overflow guard that sat right after another `return None` guard)
        int exitAt = newBody.lastIndexOf(exit.strip().split("\\s+")[0], newOffset);
        return exitAt >= 0 && file.added(pair.after().line(pair.now().bodyStart() + exitAt));
    }

    /** A block's last statement at its own top level, stripped. */
    private static String lastStatement(String block) {
        int depth = 0;
        int last = 0;
        String text = block.strip();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0 && c == '}' && i + 1 < text.length()) {
                    last = i + 1; // a nested block statement ends here
                }
            } else if (c == ';' && depth == 0 && i + 1 < text.length()) {
                last = i + 1;
            }
        }
        return text.substring(last).strip();
    }

    /** Whether every line from the {@code if} to the end of the guard is a line the change removes. */
    private static boolean wholeGuardRemoved(ChangedFile file, ItemOutline.FnPair pair, int from, int to) {
        int base = pair.was().bodyStart();
        int first = pair.before().line(base + from);
        int last = pair.before().line(base + Math.max(from, to - 1));
        for (int line = first; line <= last; line++) {
            if (!file.removed(line)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the code that followed the guard starts in the new body: the first later line of the old body that is
     * not blank, found (spaces aside) as a whole line of the new body; -1 when that code is gone too.
     */
    private static int follower(String oldBody, int from, String newBody) {
        int end = oldBody.indexOf('\n', from);
        String first = oldBody.substring(from, end < 0 ? oldBody.length() : end).strip();
        int start = end;
        while (first.isEmpty() && start >= 0 && start < oldBody.length()) {
            int next = oldBody.indexOf('\n', start + 1);
            first = oldBody.substring(start + 1, next < 0 ? oldBody.length() : next).strip();
            start = next;
        }
        if (first.isEmpty() || first.equals("}")) {
            return -1;
        }
        int at = 0;
        while (at < newBody.length()) {
            int lineEnd = newBody.indexOf('\n', at);
            int stop = lineEnd < 0 ? newBody.length() : lineEnd;
            String line = newBody.substring(at, stop).strip();
            if (line.equals(first) || line.endsWith("else " + first) && line.startsWith("}")) {
                return at + (newBody.substring(at, stop).length() - newBody.substring(at, stop).stripLeading().length());
            }
            at = stop + 1;
        }
        // The first statement rewritten across lines, its start kept (`Ok(message[..N].try_into().unwrap())` now
        // `Ok(message[..N]` then `.map_err(..)?)`): ockam b93ce409 reversed dropped the length guard while
        // reformatting the slice it protected.
        at = 0;
        while (at < newBody.length()) {
            int lineEnd = newBody.indexOf('\n', at);
            int stop = lineEnd < 0 ? newBody.length() : lineEnd;
            String line = newBody.substring(at, stop).strip();
            if (line.length() >= MIN_KEPT_START && first.startsWith(line) || first.length() >= MIN_KEPT_START
                    && line.startsWith(first)) {
                return at + (newBody.substring(at, stop).length() - newBody.substring(at, stop).stripLeading().length());
            }
            at = stop + 1;
        }
        return -1;
    }

    /** How much of the statement after a guard must stay for a rewritten one to be the same statement. */
    private static final int MIN_KEPT_START = 12;

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
