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
 * SS25: a file written through a temporary file and an atomic rename ({@code NamedTempFile} + {@code persist},
 * {@code fs::rename}) now written in place ({@code File::create(path)}, {@code fs::write(path, ..)}). Another
 * process or thread that opens the path meanwhile reads a half-written file, and two writers interleave. ruffle
 * 23d4a61f reversed: the OpenH264 download wrote straight into the library's final path after an
 * {@code is_file()} check, and concurrent players loaded a partial library.
 */
public final class AtomicWriteMadeInPlace implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS25", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "atomic write replaced by an in-place write",
            "In a non-test fn that stays, the change removes a temporary-file write (`NamedTempFile`, `tempfile`, "
                    + "`.persist(..)`, `fs::rename(..)`) and adds `File::create(..)` or `fs::write(..)`, the new fn "
                    + "renaming and persisting nothing.",
            "It reads the fn alone: a path only this process ever touches, where a half-written file cannot be "
                    + "seen, is reported too.");

    private static final Pattern ATOMIC = Pattern.compile("\\bNamedTempFile\\b|\\btempfile\\s*::|\\.\\s*persist(?:_noclobber)?\\s*\\("
            + "|\\bfs\\s*::\\s*rename\\s*\\(|\\brename\\s*\\(");
    private static final Pattern IN_PLACE = Pattern.compile("\\bFile\\s*::\\s*create\\s*\\(|\\bfs\\s*::\\s*write\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || file.newText() == null || file.isTestPath()
                || !IN_PLACE.matcher(file.newText()).find() || !ATOMIC.matcher(file.oldText()).find()) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (ATOMIC.matcher(pair.newBody()).find()) {
                continue; // still renames: the in-place write is something else
            }
            String removedAtomic = null;
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                if (ATOMIC.matcher(r.text()).find()) {
                    removedAtomic = r.text().strip();
                    break;
                }
            }
            if (removedAtomic == null) {
                continue;
            }
            for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(pair.after(), pair.now(), file::added)) {
                Matcher m = IN_PLACE.matcher(a.text());
                if (!m.find()) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                        .object(fn).object("write in place")
                        .title("`" + fn + "` now writes the file in place instead of through a temporary file")
                        .explanation("The change removes `" + RuleSupport.shorten(removedAtomic) + "` and writes with `"
                                + RuleSupport.shorten(a.text().strip()) + "`. A rename publishes a finished file at once; "
                                + "a write in place is visible while it runs, so another process or thread that opens "
                                + "the path (or checks that it exists) meanwhile reads a partial file, and two writers "
                                + "interleave.")
                        .check("Keep writing to a temporary file in the same directory and renaming it into place "
                                + "(`NamedTempFile::persist`), unless no one else can open the path while it is written.")
                        .build());
                break;
            }
        }
        return out;
    }
}
