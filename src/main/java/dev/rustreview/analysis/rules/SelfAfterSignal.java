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
 * CC13: a {@code &self} fn that signals another thread through one of its own fields (a latch's {@code set()},
 * {@code notify_*()}, {@code wake()}, {@code unpark()}, a {@code Release} store or {@code fetch_sub}) and, after
 * the change, reads {@code self} again after that signal, where before the change it did not. The signal is what
 * lets the waiting thread go on, and the waiter often owns the memory {@code self} lives in (a job on its stack,
 * the last reference count): once it returns, every later {@code self.} read is a use after free. Before the
 * change the fn read what it needed first (a clone into a local) and touched nothing of {@code self} after.
 */
public final class SelfAfterSignal implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC13", RiskArea.CONCURRENCY, Severity.MEDIUM, "self read after the signal that frees it",
            "A non-test `&self` fn that stays where, after the change, `self` is read after a signal sent through "
                    + "one of its fields (`self.x.set()`, `.notify_one()`/`_all()`/`_waiters()`, `.wake()`, "
                    + "`.unpark()`, `.count_down()`, a `store`/`swap`/`fetch_sub` with `Release`, `AcqRel` or "
                    + "`SeqCst`), while before the change nothing of `self` was read after the same signal (a value "
                    + "cloned into a local before it).",
            "It cannot tell who owns the memory behind `self` (a waiter that may free it, or a long-lived "
                    + "structure that outlives every waiter), nor see a signal sent from a helper the fn calls.");

    private static final Pattern SIGNAL = Pattern.compile(
            "\\bself((?:\\s*\\.\\s*\\w+(?:\\s*\\(\\s*\\))?)*?)\\s*\\.\\s*"
                    + "(?:(set|notify_one|notify_all|notify_waiters|notify|wake|wake_by_ref|unpark|count_down)\\s*\\(\\s*\\)"
                    + "|(store|swap|fetch_sub)\\s*\\([^;{}]*?\\b(?:Release|AcqRel|SeqCst)\\b[^;{}]*?\\))");
    private static final Pattern SELF = Pattern.compile("\\bself\\b");
    private static final Pattern REF_SELF = Pattern.compile("&\\s*(?:'\\w+\\s+)?self\\b");
    /** Signals looked at per fn: a fuzzed fn with thousands of them is not read for each. */
    private static final int MAX_SIGNALS = 20;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            ItemOutline.Item now = pair.now();
            if (!REF_SELF.matcher(now.header()).find()) {
                continue;
            }
            String newBody = pair.newBody();
            String oldBody = pair.oldBody();
            Matcher signal = SIGNAL.matcher(newBody);
            int seen = 0;
            while (signal.find() && seen++ < MAX_SIGNALS) {
                String text = normal(signal.group());
                int end = statementEnd(newBody, signal.end());
                Matcher read = SELF.matcher(newBody).region(end, blockEnd(newBody, end));
                if (!read.find()) {
                    continue;
                }
                int readLine = pair.after().line(now.bodyStart() + read.start());
                if (!file.added(readLine) || !cleanInOld(oldBody, text)) {
                    continue;
                }
                out.add(finding(file, now.name(), text, pair.after().line(now.bodyStart() + signal.start()), readLine,
                        RuleSupport.shorten(lineAt(newBody, read.start()))));
                break;
            }
        }
        return out;
    }

    /** True when the old body sends the same signal and reads nothing of {@code self} after it. */
    private static boolean cleanInOld(String oldBody, String signalText) {
        Matcher signal = SIGNAL.matcher(oldBody);
        int seen = 0;
        boolean found = false;
        while (signal.find() && seen++ < MAX_SIGNALS) {
            if (!normal(signal.group()).equals(signalText)) {
                continue;
            }
            found = true;
            int end = statementEnd(oldBody, signal.end());
            if (SELF.matcher(oldBody).region(end, blockEnd(oldBody, end)).find()) {
                return false;
            }
        }
        return found;
    }

    /** The offset after the statement a signal ends in: its {@code ;}, or the brace that ends or opens a block. */
    private static int statementEnd(String body, int from) {
        int depth = 0;
        for (int i = from; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ';' && depth <= 0) {
                return i + 1;
            } else if ((c == '}' || c == '{') && depth <= 0) {
                return i; // a block's tail, or the condition of the block that follows
            }
        }
        return body.length();
    }

    /**
     * The end of the block a signal's statement is in: what runs after the signal on its path. A sibling
     * {@code match} arm or {@code else} branch after that block does not run after it.
     */
    private static int blockEnd(String body, int from) {
        int depth = 0;
        for (int i = from; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth < 0) {
                return i;
            }
        }
        return body.length();
    }

    private static String normal(String code) {
        return code.replaceAll("\\s+", "");
    }

    private static String lineAt(String body, int offset) {
        int start = body.lastIndexOf('\n', offset) + 1;
        int end = body.indexOf('\n', offset);
        return body.substring(start, end < 0 ? body.length() : end).strip();
    }

    private static Finding finding(ChangedFile file, String fn, String signal, int signalLine, int readLine, String read) {
        String shown = RuleSupport.shorten(signal);
        return FindingBuilder.lines(INFO, file, Side.NEW, readLine, readLine)
                .object(fn).object("self read after " + shown)
                .title("`" + fn + "` reads `self` after `" + shown + "` lets another thread go on")
                .explanation("Line " + signalLine + " signals through `self` (`" + shown + "`): the thread waiting on it "
                        + "may now return and free what `self` points into (a job on its stack, the last reference). "
                        + "After the change, line " + readLine + " (`" + read + "`) still reads `self` after that "
                        + "signal; before the change nothing of `self` was read after it, what was needed was taken "
                        + "first. If the waiter can free `self`, this is a use after free that only shows under a "
                        + "race.")
                .check("Check who owns the memory behind `self` once line " + signalLine + " has run; if it may be "
                        + "freed, read (clone) what line " + readLine + " needs before the signal, as the old code did.")
                .build();
    }
}
