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
 * ER19: a write to the output moved ahead of a check that can still fail. Validating first and writing after means
 * an error leaves the output as it was; writing first means the error returns with a half-written record in the
 * stream, and the caller who carries on (skips the bad entry, writes the next one) produces a corrupt file. tar-rs
 * 9c5df0bf reversed: {@code prepare_header_path} appended the GNU long-name entry to the archive before validating
 * the truncated path, and a failed validation left an orphaned entry that corrupted the entries after it.
 */
public final class WriteMovedBeforeCheck implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER19", RiskArea.ERRORS, Severity.MEDIUM, "write moved before a check",
            "In a non-test fn that stays, the change moves a statement that writes out (a call to `write*`, "
                    + "`append*`, `send*`, `emit*`, `flush`, `serialize*` ending in `?;` or `;`) from after a statement "
                    + "that can fail (`..?;`, not itself a write) to before it: when that check fails now, the output already "
                    + "holds the write; or a statement that tears state down (`close`, `seal`, `destroy` and their "
                    + "`close_*` forms, `shutdown`, `remove_file`, `remove_dir`) moved the same way: when the step now after it fails, "
                    + "the old state is already gone and nothing replaced it; or `self.flag = true/false/None;`, a "
                    + "flag the type's `Drop` reads (itself or in a method of the file it calls), moved before a step "
                    + "that can fail (`..?`, also as a match arm's value): on that failure the drop skips its clean-up.",
            "It matches moved statements by their text and checks order only: whether the failing statement "
                    + "really validates what is written, or the write can be undone, is not read.");

    private static final Pattern WRITE = Pattern.compile("(?<![\\w])(?:write\\w*|append\\w*|send\\w*|emit\\w*|flush|serialize\\w*)"
            + "\\s*\\(");
    /** Statements that end what the fn still relies on until its replacement exists. */
    private static final Pattern TEARDOWN = Pattern.compile("(?<![\\w])(?:close|seal|destroy)(?:_\\w+)?\\s*\\(|(?<![\\w])"
            + "(?:shutdown|remove_file|remove_dir(?:_all)?)\\s*\\(");
    private static final Pattern FALLIBLE = Pattern.compile("\\?\\s*;\\s*$");
    /** A step that can fail, also as a match arm's value ({@code .map_err(to_db_err)?} before the arm's brace). */
    private static final Pattern FALLIBLE_STEP = Pattern.compile("\\?\\s*[;,]?\\s*$");
    /** {@code self.open = false;}: a flag set to a plain value. */
    private static final Pattern DROP_FLAG = Pattern.compile("^\\s*self\\s*\\.\\s*([a-z_]\\w*)\\s*=\\s*(?:true|false|None)\\s*;\\s*$");
    private static final Pattern SELF_CALL = Pattern.compile("\\bself\\s*\\.\\s*([a-z_]\\w*)\\s*\\(");

    /**
     * Whether the {@code Drop} impl of the fn's type reads {@code self.field}, itself or in a method of the file it
     * calls on {@code self}: the flag tells the drop what is left to undo (sea-orm's transaction rolls back while
     * {@code open}).
     */
    private static boolean readByDrop(ItemOutline.FnPair pair, String field) {
        ItemOutline after = pair.after();
        ItemOutline.Item impl = null;
        for (ItemOutline.Item item : after.items()) {
            if (item.kind() == ItemOutline.Kind.IMPL && item.bodyStart() <= pair.now().start()
                    && pair.now().bodyEnd() <= item.bodyEnd()) {
                impl = item;
            }
        }
        ItemOutline.Item drop = impl == null ? null : after.implOf("Drop", impl.name());
        if (drop == null) {
            return false;
        }
        Pattern read = Pattern.compile("\\bself\\s*\\.\\s*" + field + "\\b(?!\\s*\\()");
        String body = after.body(drop);
        if (read.matcher(body).find()) {
            return true;
        }
        Matcher calls = SELF_CALL.matcher(body);
        for (int n = 0; calls.find() && n < 8; n++) {
            for (ItemOutline.Item fn : after.items()) {
                if (fn.kind() == ItemOutline.Kind.FN && fn.name().equals(calls.group(1))
                        && read.matcher(after.body(fn)).find()) {
                    return true;
                }
            }
        }
        return false;
    }
    private static final int MAX_LINES = 400;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            List<PanickingTwinAdded.Line> removed = PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed);
            List<PanickingTwinAdded.Line> added = PanickingTwinAdded.lines(pair.after(), pair.now(), file::added);
            if (removed.isEmpty() || added.isEmpty() || removed.size() > MAX_LINES || added.size() > MAX_LINES) {
                continue;
            }
            Finding f = moved(file, pair, removed, added);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    private static Finding moved(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                 List<PanickingTwinAdded.Line> added) {
        java.util.Map<String, Integer> firstOld = null; // built on the first moved write only: most fns have none
        List<String> addedText = added.stream().map(a -> RuleSupport.squeezed(a.text())).toList();
        java.util.Map<String, Boolean> dropRead = new java.util.HashMap<>(); // per field: one look at the Drop impl
        for (PanickingTwinAdded.Line r : removed) {
            String statement = RuleSupport.squeezed(r.text());
            boolean write = WRITE.matcher(r.text()).find();
            Matcher flag = DROP_FLAG.matcher(r.text());
            boolean dropFlag = !write && flag.matches() && dropRead.computeIfAbsent(flag.group(1), f -> readByDrop(pair, f));
            if (!write && !dropFlag && !TEARDOWN.matcher(r.text()).find() || !statement.endsWith(";")) {
                continue;
            }
            for (int i = 0; i < added.size(); i++) {
                PanickingTwinAdded.Line a = added.get(i);
                if (!addedText.get(i).equals(statement)) {
                    continue;
                }
                if (firstOld == null) {
                    firstOld = firstLines(pair.before(), pair.was());
                }
                String check = overtaken(pair, firstOld, r.number(), a.number(), dropFlag ? FALLIBLE_STEP : FALLIBLE);
                if (check != null) {
                    return write ? finding(file, pair.now().name(), r.text().strip(), check, a.number())
                            : dropFlag ? flagCleared(file, pair.now().name(), flag.group(1), r.text().strip(), check,
                                    a.number())
                            : teardown(file, pair.now().name(), r.text().strip(), check, a.number());
                }
            }
        }
        return null;
    }

    /** Each line of the old fn, squeezed, to the first line that reads so. */
    private static java.util.Map<String, Integer> firstLines(ItemOutline outline, ItemOutline.Item fn) {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        int last = outline.endLine(fn);
        for (int line = outline.line(fn.bodyStart()); line <= last; line++) {
            out.putIfAbsent(RuleSupport.squeezed(lineText(outline, line)), line);
        }
        return out;
    }

    /**
     * A fallible statement that stood before the write (old line) and now stands after it (new line), whether it
     * stayed and the write moved up, or both were rewritten in the other order.
     */
    private static String overtaken(ItemOutline.FnPair pair, java.util.Map<String, Integer> firstOld, int oldLine,
                                    int newLine, Pattern fallible) {
        int last = pair.after().endLine(pair.now());
        for (int line = newLine + 1; line <= last; line++) {
            String text = lineText(pair.after(), line);
            if (!fallible.matcher(text).find() || WRITE.matcher(text).find() || TEARDOWN.matcher(text).find()) {
                continue;
            }
            Integer old = firstOld.get(RuleSupport.squeezed(text));
            if (old != null && old < oldLine) {
                return text.strip();
            }
        }
        return null;
    }

    private static String lineText(ItemOutline outline, int line) {
        return outline.masked().substring(outline.offset(line), Math.max(outline.offset(line), outline.offset(line + 1) - 1));
    }

    private static Finding finding(ChangedFile file, String fn, String write, String check, int line) {
        String w = RuleSupport.shorten(write.replaceAll("\\s+", " "));
        String c = RuleSupport.shorten(check.replaceAll("\\s+", " "));
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(RuleSupport.squeezed(write)).object("moved before a check")
                .title("`" + w + "` now runs before `" + c + "` in `" + fn + "`")
                .explanation("Before the change `" + fn + "` ran `" + c + "` first and wrote with `" + w
                        + "` only once it had passed. The change moves the write ahead of it: when `" + c + "` fails, "
                        + "the error returns with the write already made, and the output (a stream, an archive, a "
                        + "peer) holds a record the caller believes was not written.")
                .check("Check before writing: keep `" + c + "` ahead of `" + w + "`, or undo the write when it fails.")
                .build();
    }

    private static Finding flagCleared(ChangedFile file, String fn, String field, String statement, String step,
                                       int line) {
        String w = RuleSupport.shorten(statement.replaceAll("\\s+", " "));
        String c = RuleSupport.shorten(step.replaceAll("\\s+", " "));
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(RuleSupport.squeezed(statement)).object("drop flag set before a step")
                .title("`" + w + "` now runs before `" + c + "` in `" + fn + "`")
                .explanation("The type's `Drop` reads `self." + field + "` to know what is left to undo. Before the "
                        + "change `" + fn + "` set it only once `" + c + "` had succeeded; now it is set first, so when "
                        + "that step fails the error returns with the flag already saying the work is done, and the "
                        + "drop skips the clean-up (a transaction left open on a pooled connection, a lock file kept).")
                .check("Set `self." + field + "` after the step that can fail, as before.")
                .build();
    }

    private static Finding teardown(ChangedFile file, String fn, String closing, String step, int line) {
        String w = RuleSupport.shorten(closing.replaceAll("\\s+", " "));
        String c = RuleSupport.shorten(step.replaceAll("\\s+", " "));
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(RuleSupport.squeezed(closing)).object("teardown moved before a step")
                .title("`" + w + "` now runs before `" + c + "` in `" + fn + "`")
                .explanation("Before the change `" + fn + "` ran `" + c + "` first and only then `" + w + "`. "
                        + "The change tears down first: when `" + c + "` fails, the error returns with the old "
                        + "state already closed and nothing in its place, and every later call works on a closed "
                        + "resource (writes fail or are lost) until something rebuilds it.")
                .check("Set up the replacement first and tear down only once it exists, or restore the old state "
                        + "when the step fails.")
                .build();
    }
}
