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
 * ER21: a step that ran on every path now runs only on success. Before the change the fn marked its batch done and
 * published it whatever the result ({@code batch.mark_applied(); self.publish();} after the {@code match}); after it
 * those calls sit in the {@code Ok(..)} arm and the {@code Err(..)} arm returns early. The failure path now leaves
 * the batch half-finished: a queue slot never freed, a waiter never woken, a counter never brought back. surrealkv
 * bf772f7c reversed: after a few failed memtable applies the zombie batches filled the commit queue and the next
 * enqueue panicked.
 */
public final class StepSkippedOnError implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER21", RiskArea.ERRORS, Severity.MEDIUM, "step now skipped on error",
            "In a non-test fn that stays, a call statement (`batch.mark_applied();`, `self.publish();`; not a "
                    + "logging macro) that the change moves from an unconditional place into the `Ok(..)` arm of a "
                    + "`match` (or the block of an `if let Ok(..)`) whose `Err(..)` arm or `else` returns early, when "
                    + "the statement does not use a name the `Ok(..)` pattern binds and the fn runs it nowhere else "
                    + "unconditionally: the error path no longer runs it.",
            "It compares statements as text: a step the error path now runs another way (in a `Drop`, in the "
                    + "caller, in a helper) reads as skipped.");

    private static final Pattern CALL_STATEMENT = Pattern.compile("(?:[A-Za-z_]\\w*\\s*\\.\\s*){0,4}[A-Za-z_]\\w*\\s*\\([^;]{0,200}\\)\\s*(?:\\.\\s*await\\s*)?;?");
    private static final Pattern OK_ARM = Pattern.compile("(?s)(?:if\\s+let\\s+)?Ok\\s*\\(.*");
    private static final Pattern ERR_ARM = Pattern.compile("(?s)Err\\s*\\(.*=>");
    private static final Pattern ERR_ARM_RETURNS = Pattern.compile("Err\\s*\\([^)]{0,80}\\)\\s*=>\\s*return\\b");
    private static final Pattern RETURN = Pattern.compile("\\breturn\\b");
    private static final int MAX_STATEMENTS = 200;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("Ok(")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Finding f = skipped(file, pair);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    private static Finding skipped(ChangedFile file, ItemOutline.FnPair pair) {
        String now = pair.after().masked();
        Unguarded.Blocks blocks = new Unguarded.Blocks(now, pair.now().bodyStart(), pair.now().bodyEnd());
        int n = 0;
        for (int b = 0; b < blocks.size() && n < MAX_STATEMENTS; b++) {
            String header = blocks.header(b);
            if (!OK_ARM.matcher(header).matches() || !errorReturns(now, blocks, b)) {
                continue;
            }
            Pattern bound = boundNames(header);
            for (int[] s : statements(now, blocks.open(b) + 1, blocks.close(b))) {
                n++;
                int start = s[0];
                while (start < s[1] && Character.isWhitespace(now.charAt(start))) {
                    start++;
                }
                String statement = now.substring(start, s[1]).strip();
                int line = pair.after().line(start);
                if (!file.added(line) || !CALL_STATEMENT.matcher(statement).matches()
                        || (bound != null && bound.matcher(statement).find())) {
                    continue;
                }
                String normal = Unguarded.normal(statement);
                if (!unconditional(pair.after().masked(), blocks, pair.now().bodyStart(), pair.now().bodyEnd(), normal)
                        && unconditionalBefore(file, pair, normal)) {
                    String arm = header.replaceAll("\\s+", " ").replace("=>", "").strip();
                    return finding(file, pair.now().name(), statement, arm, line);
                }
            }
        }
        return null;
    }

    /**
     * The names the {@code Ok(..)} pattern binds, as one pattern, or null: a step that uses the success value
     * ({@code buf.advance(n)} under {@code Ok(n)}) never ran on the error path (tokio's {@code poll_read} left
     * through {@code ?} before it), so moving it into the arm skips nothing.
     */
    private static Pattern boundNames(String header) {
        // the pattern alone: `if let Ok(v) = self.apply(b)` binds `v`, not `self` or `b`
        int open = header.indexOf('(', Math.max(0, header.indexOf("Ok")));
        int close = open < 0 ? -1 : RuleSupport.closing(header, open, '(', ')');
        if (open < 0 || close <= open || close >= header.length()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?<![\\w:.])([a-z_][a-z0-9_]*)\\b(?!\\s*[(:])").matcher(header.substring(open + 1, close));
        while (m.find()) {
            String name = m.group(1);
            if (!name.equals("_") && !name.equals("ref") && !name.equals("mut")) {
                names.add(Pattern.quote(name));
            }
        }
        return names.isEmpty() ? null : Pattern.compile("(?<![\\w.])(?:" + String.join("|", names) + ")\\b");
    }

    /**
     * Whether the arm's {@code match} has an {@code Err(..)} arm that returns ({@code Err(e) => return ..} or a block
     * holding a {@code return}), or the {@code if let}'s {@code else} block holds one.
     */
    private static boolean errorReturns(String text, Unguarded.Blocks blocks, int b) {
        boolean ifLet = blocks.header(b).startsWith("if");
        for (int j = 0; j < blocks.size(); j++) {
            boolean sibling = ifLet ? blocks.headerStart(j) == blocks.close(b) + 1 && blocks.header(j).equals("else")
                    : blocks.parent(j) == blocks.parent(b) && j != b && ERR_ARM.matcher(blocks.header(j)).matches();
            if (sibling && RETURN.matcher(text).region(blocks.open(j), blocks.close(j)).find()) {
                return true;
            }
        }
        int parent = blocks.parent(b);
        return !ifLet && parent >= 0 && ERR_ARM_RETURNS.matcher(text).region(blocks.open(parent), blocks.close(parent)).find();
    }

    /** The top-level statements of a block: spans between {@code ;} and braces at depth 0. */
    private static List<int[]> statements(String text, int from, int to) {
        List<int[]> out = new ArrayList<>();
        int start = from;
        int depth = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0 && c == '}') {
                    start = i + 1;
                }
            } else if (c == ';' && depth == 0) {
                out.add(new int[] {start, i + 1});
                start = i + 1;
            }
        }
        return out;
    }

    /** Whether the old fn ran the same statement (whitespace aside) on a removed line outside every condition. */
    private static boolean unconditionalBefore(ChangedFile file, ItemOutline.FnPair pair, String statement) {
        String old = pair.before().masked();
        Unguarded.Blocks blocks = null;
        Matcher m = spaced(statement).matcher(old).region(pair.was().bodyStart(), pair.was().bodyEnd());
        while (m.find()) {
            if (!file.removed(pair.before().line(m.start()))) {
                continue;
            }
            blocks = blocks != null ? blocks : new Unguarded.Blocks(old, pair.was().bodyStart(), pair.was().bodyEnd());
            if (blocks.conditions(m.start()).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the new fn still runs the statement somewhere outside every condition (yamux 70ed2262 moved it down). */
    private static boolean unconditional(String text, Unguarded.Blocks blocks, int from, int to, String statement) {
        Matcher m = spaced(statement).matcher(text).region(from, to);
        while (m.find()) {
            if (blocks.conditions(m.start()).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The statement as a pattern that allows whitespace between its characters. */
    private static Pattern spaced(String statement) {
        StringBuilder spaced = new StringBuilder("(?<![\\w.])");
        for (int i = 0; i < statement.length(); i++) {
            spaced.append(i == 0 ? "" : "\\s*").append(Pattern.quote(String.valueOf(statement.charAt(i))));
        }
        return Pattern.compile(spaced.toString());
    }

    private static Finding finding(ChangedFile file, String fn, String statement, String arm, int line) {
        String shown = RuleSupport.shorten(statement.replaceAll("\\s+", " "));
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(Unguarded.normal(statement)).object("only on success")
                .title("`" + shown + "` in `" + fn + "` now runs only in `" + arm + "`")
                .explanation("Before the change `" + fn + "` ran `" + shown + "` whatever the result; now it sits in "
                        + "the `" + arm + "` arm, and the error path returns before reaching it. Whatever the step "
                        + "finished (a batch marked done, a queue slot freed, a waiter woken, a state published) stays "
                        + "unfinished after a failure, and the next caller meets it.")
                .check("Run `" + shown + "` on the error path too (before the early return), or show that a failed "
                        + "call leaves nothing for it to finish.")
                .build();
    }
}
