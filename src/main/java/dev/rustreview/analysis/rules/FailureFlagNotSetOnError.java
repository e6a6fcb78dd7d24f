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
 * ER24: an atomic failure flag ({@code self.is_poisoned.store(true, ..)}) that the error path no longer raises,
 * while the fn still refuses to run once the flag is up. The check stays, so the code reads as protected; but the
 * failure that should raise the flag now just returns its error, and the next call writes on top of the state that
 * failed. fjall a1d4738e reversed: {@code insert}/{@code remove} propagated a failed journal flush with {@code ?}
 * and left the keyspace writable after a fatal, possibly hardware, write error. ER18 covers plain {@code bool}
 * "finished" flags of iterators; this rule covers flags shared through atomics.
 */
public final class FailureFlagNotSetOnError implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER24", RiskArea.ERRORS, Severity.MEDIUM, "failure flag no longer raised on error",
            "In a non-test fn that stays, the change deletes `self.flag.store(true, ..)` from an error path (an "
                    + "`Err(..) =>` arm, a block that returns `Err(..)`, or the closure of `.map_err(|e| ..)`, "
                    + "`.inspect_err(..)`, `.or_else(..)`) while the new fn still tests `self.flag.load(..)` in an "
                    + "`if`/`while` condition and stores `true` to it nowhere.",
            "It reads one fn: a flag raised by a helper the new code calls, or by the caller on the error it "
                    + "receives, is not told apart.");

    private static final Pattern STORE = Pattern.compile("(?<![\\w.])self\\s*\\.\\s*([\\w.]{1,80}?)\\s*\\.\\s*store\\s*\\(\\s*true\\s*,");
    private static final Pattern ERROR_CLOSURE = Pattern.compile("\\b(?:map_err|inspect_err|or_else)\\s*\\(\\s*(?:move\\s*)?"
            + "\\|[^|]{0,80}\\|\\s*$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("store")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String masked = pair.before().masked();
            Matcher m = STORE.matcher(masked).region(pair.was().bodyStart(), pair.was().bodyEnd());
            Unguarded.Blocks blocks = null;
            while (m.find()) {
                if (!file.removed(pair.before().line(m.start()))) {
                    continue;
                }
                String flag = RuleSupport.squeezed(m.group(1));
                String path = "self\\s*\\.\\s*" + RuleSupport.spacedPath(flag);
                String newBody = pair.newBody();
                Pattern tested = Pattern.compile("\\b(?:if|while)\\s++[^{;]{0,120}?(?<![\\w.])" + path + "\\s*\\.\\s*load\\s*\\(");
                Pattern raised = Pattern.compile("(?<![\\w.])" + path + "\\s*\\.\\s*store\\s*\\(\\s*true\\b");
                if (!tested.matcher(newBody).find() || raised.matcher(newBody).find()) {
                    continue;
                }
                if (blocks == null) {
                    blocks = new Unguarded.Blocks(masked, pair.was().bodyStart(), pair.was().bodyEnd());
                }
                int block = blocks.innermost(m.start());
                if (block < 0 || !errorPath(masked, blocks, block)) {
                    continue;
                }
                out.add(finding(file, pair.now().name(), flag, DoneFlagSkippedOnError.anchor(file, pair)));
                break;
            }
        }
        return out;
    }

    /** The block is an error-mapping closure, or ER18's error path (an {@code Err(..) =>} arm, a block returning one). */
    private static boolean errorPath(String masked, Unguarded.Blocks blocks, int block) {
        String header = masked.substring(blocks.headerStart(block), blocks.open(block));
        return ERROR_CLOSURE.matcher(header).find() || DoneFlagSkippedOnError.errorPath(masked, blocks, block);
    }

    private static Finding finding(ChangedFile file, String fn, String flag, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object("self." + flag).object("failure flag not raised")
                .title("`" + fn + "` no longer raises `self." + flag + "` when it fails")
                .explanation("Before the change the error path of `" + fn + "` ran `self." + flag + ".store(true, ..)`; "
                        + "the fn still refuses to run once `self." + flag + "` is set, but nothing in it sets the flag "
                        + "any more. The failure now only returns its error: the next call passes the check and works "
                        + "on top of the state that failed (a half-written journal, a broken connection).")
                .check("Raise `self." + flag + "` on the error path again (`.map_err(|e| { self." + flag
                        + ".store(true, ..); e })?`), or show where the caller now does it.")
                .build();
    }
}
