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
 * ER18: an iterator or stream that marks itself finished ({@code self.done = true}) stops doing so on its error
 * path. The fn still checks the flag and still sets it at the normal end, so the success path is tested; but after
 * an error the next call tries again, from the same broken state, and yields the same error: {@code for e in
 * entries} never ends. tar-rs d193ec71 reversed: {@code EntriesFields::next} returned {@code Some(Err(e))} without
 * setting {@code self.done}, and iterating a corrupt archive looped forever.
 */
public final class DoneFlagSkippedOnError implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER18", RiskArea.ERRORS, Severity.MEDIUM, "finished flag no longer set on error",
            "In a non-test fn that stays, the change deletes `self.flag = true;` from a block that returns an error "
                    + "(an `Err(..) =>` arm, a block with `return Err(..)`, `Some(Err(..))` or `Ready(Some(Err(..)))`), "
                    + "while the fn still tests `self.flag` in a condition and still sets it to `true` elsewhere: "
                    + "after an error the iterator or stream is not finished, and the next call yields the error again.",
            "It reads one fn: a flag set by a helper on the error path, or an error that really is recoverable so "
                    + "that trying again is the intent, is not told apart.");

    private static final Pattern SET = Pattern.compile("(?<![\\w.])self\\s*\\.\\s*(\\w+)\\s*=\\s*true\\s*;");
    private static final Pattern ERROR_EXIT = Pattern.compile("\\bErr\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String masked = pair.before().masked();
            Matcher m = SET.matcher(masked).region(pair.was().bodyStart(), pair.was().bodyEnd());
            Unguarded.Blocks blocks = null;
            while (m.find()) {
                if (!file.removed(pair.before().line(m.start()))) {
                    continue;
                }
                String flag = m.group(1);
                String newBody = pair.newBody();
                Pattern tested = Pattern.compile("\\b(?:if|while)\\s+!?\\s*self\\s*\\.\\s*" + flag + "\\b");
                Pattern set = Pattern.compile("(?<![\\w.])self\\s*\\.\\s*" + flag + "\\s*=\\s*true\\s*;");
                if (!tested.matcher(newBody).find() || !set.matcher(newBody).find()) {
                    continue;
                }
                if (blocks == null) {
                    blocks = new Unguarded.Blocks(masked, pair.was().bodyStart(), pair.was().bodyEnd());
                }
                int block = blocks.innermost(m.start());
                if (block < 0 || !errorPath(masked, blocks, block)) {
                    continue;
                }
                int line = anchor(file, pair);
                out.add(finding(file, pair.now().name(), flag, line));
                break;
            }
        }
        return out;
    }

    /** The block is an {@code Err(..) =>} arm or itself returns an error. */
    static boolean errorPath(String masked, Unguarded.Blocks blocks, int block) {
        String header = blocks.header(block);
        if (header.contains("=>") && ERROR_EXIT.matcher(header).find()) {
            return true;
        }
        return ERROR_EXIT.matcher(masked).region(blocks.open(block), blocks.close(block)).find();
    }

    /** The first added line of the new fn (where the error path now is), else the fn's first body line. */
    static int anchor(ChangedFile file, ItemOutline.FnPair pair) {
        int first = pair.after().line(pair.now().bodyStart());
        int last = pair.after().endLine(pair.now());
        for (int line = first; line <= last; line++) {
            if (file.added(line)) {
                return line;
            }
        }
        return first;
    }

    private static Finding finding(ChangedFile file, String fn, String flag, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object("self." + flag).object("not set on error")
                .title("`" + fn + "` no longer sets `self." + flag + "` when it returns an error")
                .explanation("Before the change the error path of `" + fn + "` set `self." + flag + " = true`, "
                        + "the flag the fn tests to stop. The change deletes that assignment while the normal end "
                        + "still sets it: after an error the next call starts again from the state that failed and "
                        + "returns the same error, so a caller looping until the end (`for item in ..`, `while let "
                        + "Some(..)`) never finishes.")
                .check("Set `self." + flag + " = true` before returning the error, unless retrying after this "
                        + "error is the documented behaviour.")
                .build();
    }
}
