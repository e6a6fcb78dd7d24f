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
 * CC27: a state of a lock-free retry loop that used to leave the loop now spins in it. In a {@code loop} over a
 * compare-and-swap, each arm of the {@code match} on the outcome either returns, breaks, moves on ({@code continue
 * 'probe}) or updates what it retries with; the change empties one arm that left ({@code => {}}), so in that state the
 * loop retries the same operation on the same input forever. papaya 93715908 reversed: an entry deleted while an
 * update raced it made {@code insert} spin instead of probing on.
 */
public final class RetryArmEmptied implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC27", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "retry-loop arm emptied",
            "In a non-test fn of a file with atomic orderings (`Ordering::Acquire`, ..), the change replaces a "
                    + "`match` arm whose block left the loop or moved on (`continue`, `break`, `return`) by the same "
                    + "pattern with an empty body (`=> {}`, `=> ()`), inside a `loop`/`while`: in that state the loop "
                    + "now retries the same operation with the same input, and spins.",
            "It does not check whether the retried operation can come out differently the next time (another "
                    + "thread may change the state it reads), so an arm emptied on purpose to retry is reported too.");

    private static final Pattern ORDERING = Pattern.compile(
            "\\bOrdering\\s*::\\s*(?:Relaxed|Acquire|Release|AcqRel|SeqCst)\\b");
    /** A match arm opening a block, at the start of a line: the pattern in group 1. */
    private static final Pattern ARM = Pattern.compile("(?m)^[ \\t]*([^\\n{};]{1,200}?)\\s*=>\\s*\\{");
    private static final Pattern EXIT = Pattern.compile("\\b(?:continue|break|return)\\b");
    /**
     * A block that only continues the innermost loop: emptying it changes nothing when the match ends the loop body,
     * which is what clippy's {@code needless_continue} asks for (hyper d32b294f).
     */
    private static final Pattern BARE_CONTINUE = Pattern.compile("\\{\\s*continue\\s*;?\\s*");
    private static final Pattern LOOP_HEADER = Pattern.compile("(?:'\\w+\\s*:\\s*)?(?:loop|while)\\b[^;{}]*$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !ORDERING.matcher(file.newText()).find()) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String oldBody = pair.oldBody();
            Matcher arm = ARM.matcher(oldBody);
            while (arm.find()) {
                int open = arm.end() - 1;
                String block = oldBody.substring(open, RuleSupport.closing(oldBody, open, '{', '}'));
                if (!pair.removedAt(file, arm.start(1))
                        || !EXIT.matcher(block).find() || BARE_CONTINUE.matcher(block).matches()) {
                    continue;
                }
                String pattern = arm.group(1).strip();
                // One `\s*` a gap: a run of spaces read as one `\s*` each backtracked exponentially (fuzz run 85: an arm
                // pattern of many spaced tokens took minutes).
                Matcher empty = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(pattern.replaceAll("\\s+", " "))
                        .replace(" ", "\\E\\s*\\Q")
                        + "\\s*=>\\s*(?:\\{\\s*\\}|\\(\\s*\\))").matcher(pair.newBody());
                while (empty.find()) {
                    int line = pair.after().line(pair.now().bodyStart() + empty.start());
                    if (file.added(line) && inLoop(pair.newBody(), empty.start())) {
                        out.add(finding(file, pair, line, pattern));
                        return out;
                    }
                }
            }
        }
        return out;
    }

    /** Whether a {@code loop}/{@code while} block encloses {@code at}. */
    private static boolean inLoop(String body, int at) {
        int open = RuleSupport.enclosingOpen(body, -1, at);
        for (int depth = 0; open >= 0 && depth < 64; depth++) {
            int from = open;
            while (from > 0 && "{};".indexOf(body.charAt(from - 1)) < 0) {
                from--;
            }
            if (LOOP_HEADER.matcher(body.substring(from, open).strip()).find()) {
                return true;
            }
            open = RuleSupport.enclosingOpen(body, -1, open);
        }
        return false;
    }

    private static Finding finding(ChangedFile file, ItemOutline.FnPair pair, int line, String pattern) {
        String fn = pair.now().name();
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object("`" + fn + "`").object("arm emptied: " + pattern)
                .title("`" + RuleSupport.shorten(pattern) + "` in `" + fn + "` no longer leaves the loop")
                .explanation("Before the change the `" + pattern + "` arm left the loop or moved on; now its body is "
                        + "empty, so in that state `" + fn + "` goes round the loop again and retries the same "
                        + "operation on the same input. Unless another thread changes that state in the meantime, the "
                        + "loop spins for ever (a livelock that looks like a hang).")
                .check("Check what the loop must do in that state (probe the next slot, reload, give up) and do it "
                        + "in the arm.")
                .build();
    }
}
