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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ER34: a {@code flush()} the change deletes from a fn that still writes the same writer. A buffered writer
 * ({@code BufWriter}, a tokio {@code File}) reports a failed write only on the next write or flush; dropping it
 * ({@code BufWriter}'s drop ignores the error) or syncing the underlying file does not. nativelink 76b19241 reversed:
 * without the flush before {@code sync_all}, an {@code ENOSPC} on the last chunk was lost and the truncated temporary
 * file was renamed into the content store.
 */
public final class FlushRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER34", RiskArea.ERRORS, Severity.MEDIUM, "flush removed after writes",
            "In a non-test fn that stays, the change deletes `x.flush()` (with or without `.await`, `?` or an error "
                    + "wrapper) while the fn still writes `x` (`write_all`, `write_all_buf`, `write`, `write_fmt`, "
                    + "`write!`/`writeln!`) and no longer flushes it: the error of the last buffered write is lost "
                    + "when `x` is dropped or its file synced.",
            "It follows the writer by its name in one fn: a flush done by a callee (or on `Drop` by a type that "
                    + "reports it) reads as removed, and an unbuffered writer, where flush does nothing, is reported "
                    + "the same.");

    private static final Pattern FLUSH = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*){0,4})"
            + "\\s*\\.\\s*flush\\s*\\(\\s*\\)");
    private static final int MAX_WRITERS = 16;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String old = file.oldText();
        if (old == null || !old.contains("flush")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Set<String> dropped = new LinkedHashSet<>();
            Matcher m = FLUSH.matcher(pair.oldBody());
            while (m.find() && dropped.size() < MAX_WRITERS) {
                if (pair.removedAt(file, m.start())) {
                    dropped.add(RuleSupport.squeezed(m.group(1)));
                }
            }
            Matcher still = FLUSH.matcher(pair.newBody());
            while (still.find() && !dropped.isEmpty()) {
                dropped.remove(RuleSupport.squeezed(still.group(1)));
            }
            for (String writer : dropped) {
                String w = RuleSupport.spacedPath(writer);
                Matcher write = Pattern.compile("(?<![\\w.])" + w + "\\s*\\.\\s*write(?:_all(?:_buf)?|_fmt)?\\s*\\("
                        + "|(?<![\\w:])write(?:ln)?\\s*!\\s*\\(\\s*&?\\s*(?:mut\\s+)?" + w + "\\s*,")
                        .matcher(pair.newBody());
                int line = -1;
                while (write.find()) {
                    line = pair.after().line(pair.now().bodyStart() + write.start()); // the last write
                }
                if (line < 0) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn).object("flush removed: " + writer)
                        .title("`" + writer + ".flush()` removed from `" + fn + "`, which still writes it")
                        .explanation("Before the change `" + fn + "` flushed `" + writer + "` after writing it; now "
                                + "the last write here is never flushed in this fn. A buffered writer (`BufWriter`, a "
                                + "tokio `File`, a compressor) reports a failed write only on the next write or "
                                + "flush: dropping it ignores the error, and syncing the file underneath does not "
                                + "see it, so a full disk or a closed peer leaves truncated output that looks "
                                + "written.")
                        .check("Keep the `flush()` and its error handling, or show that `" + writer
                                + "` is flushed (and its error reported) where it goes next.")
                        .build());
                break;
            }
        }
        return out;
    }
}
