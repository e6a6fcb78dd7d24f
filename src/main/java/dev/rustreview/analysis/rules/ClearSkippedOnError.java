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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ER20: a handle released with {@code ?} before the field that holds it is cleared. {@code abort_txn(self.txn)?;
 * self.txn = ptr::null_mut();} returns on an error with {@code self.txn} still set, and the type's {@code Drop},
 * which releases whatever {@code self.txn} holds, runs on it a second time: a double abort, close or free. heed
 * 9ac0afd0 reversed: {@code RoTxn::abort} aborted the LMDB transaction again from {@code Drop} when the first abort
 * failed.
 */
public final class ClearSkippedOnError implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER20", RiskArea.ERRORS, Severity.MEDIUM,
            "handle released again by Drop after an error",
            "In a non-test fn of a type whose `impl Drop` in the same file reads `self.f`, a line the change adds "
                    + "passes `self.f` to a call that ends in `?` (`abort_txn(self.txn)?;`, `close(self.fd)?;`), "
                    + "and a later line of the fn clears the field (`self.f = ..`): on an error the fn returns "
                    + "before the field is cleared, so `Drop` releases the same handle again. The same for a flag: "
                    + "an added line ends in `?` before a later `self.flag = false;` while that `Drop` tests "
                    + "`if self.flag` and calls this fn or the failing line's method (`end` in `if self.in_txn { "
                    + "self.end(false) }`): on an error `Drop` runs the cleanup a second time.",
            "It reads one file: a `Drop` in another file, or a call that consumes the handle only on success, "
                    + "are not told apart, nor whether retrying the cleanup from `Drop` after an error is intended.");

    private static final Pattern DROP_IMPL = Pattern.compile("(?:.*::)?impl Drop for \\w+(?:#\\d+)?");
    private static final Pattern SELF_FIELD = Pattern.compile("\\bself\\s*\\.\\s*([A-Za-z_]\\w*)");
    private static final int MAX_LINES = 400;
    /** Lines longer than this are not read by the flag form: no hand-written statement is (fuzzed ones are). */
    private static final int MAX_LINE_CHARS = 400;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("Drop")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        Map<String, Set<String>> dropped = droppedFields(after);
        if (dropped.isEmpty()) {
            return out;
        }
        String masked = after.masked();
        for (ItemOutline.Item fn : ItemOutline.touchedFns(file)) {
            ItemOutline.Item impl = enclosingImpl(after, fn);
            Set<String> fields = impl == null ? null : dropped.get(impl.name());
            if (fields == null) {
                continue;
            }
            int firstLine = after.line(fn.bodyStart());
            String[] lines = masked.substring(fn.bodyStart(), fn.bodyEnd()).split("\n", -1);
            for (int i = 0; i < lines.length && i < MAX_LINES; i++) {
                if (!file.added(firstLine + i) || !lines[i].strip().endsWith("?;")) {
                    continue;
                }
                String field = releasedField(lines[i], fields);
                if (field == null) {
                    Finding flag = flagClearedAfter(file, after, impl, fn, lines, i, firstLine);
                    if (flag != null) {
                        out.add(flag);
                        return out;
                    }
                    continue;
                }
                Pattern clear = Pattern.compile("^\\s*self\\s*\\.\\s*" + Pattern.quote(field) + "\\s*=[^=]");
                for (int j = i + 1; j < lines.length && j < MAX_LINES; j++) {
                    if (clear.matcher(lines[j]).find()) {
                        out.add(finding(file, impl.name(), fn.name(), field, firstLine + i, firstLine + j));
                        return out;
                    }
                }
            }
        }
        return out;
    }

    /**
     * The flag form (turso 0c86f44f reversed): {@code self.conn.wal_insert_end(c)?; self.in_txn = false;} in
     * {@code end}, whose type's {@code Drop} runs {@code if self.in_txn { self.end(false) }}. On an error the flag
     * stays set and {@code Drop} runs the same cleanup a second time, after a failure that may already have ended
     * the transaction. Only when {@code Drop} tests the flag and calls this fn or the method the failing line calls.
     */
    private static Finding flagClearedAfter(ChangedFile file, ItemOutline after, ItemOutline.Item impl,
                                            ItemOutline.Item fn, String[] lines, int i, int firstLine) {
        if (lines[i].length() > MAX_LINE_CHARS) {
            return null;
        }
        String drop = dropBody(after, impl.name());
        Matcher called = LAST_METHOD.matcher(lines[i]);
        String method = called.find() ? called.group(1) : null;
        if (drop == null || !(drop.contains("." + fn.name() + "(") || method != null && drop.contains("." + method + "("))) {
            return null;
        }
        for (int j = i + 1; j < lines.length && j < MAX_LINES; j++) {
            if (lines[j].length() > MAX_LINE_CHARS) {
                continue;
            }
            Matcher clear = FLAG_CLEARED.matcher(lines[j]);
            if (clear.find() && Pattern.compile("\\bif\\s+self\\s*\\.\\s*" + Pattern.quote(clear.group(1))
                    + "\\s*(?:\\{|&&)").matcher(drop).find()) {
                String flag = clear.group(1);
                return FindingBuilder.lines(INFO, file, Side.NEW, firstLine + i, firstLine + i)
                        .object(fn.name()).object("self." + flag).object("flag cleared after ?")
                        .title("`" + fn.name() + "` returns on an error before it clears `self." + flag
                                + "`, and `Drop` cleans up again while it is set")
                        .explanation("Line " + (firstLine + i) + " returns its error with `?`; only line "
                                + (firstLine + j) + " sets `self." + flag + " = false`. When the call fails, `"
                                + fn.name() + "` returns with the flag still set, and `impl Drop for " + impl.name()
                                + "` (which tests `self." + flag + "`) runs the cleanup a second time, after a failure "
                                + "that may already have done it.")
                        .check("Keep the result, clear `self." + flag + "` first, then return the result, unless "
                                + "retrying the cleanup from `Drop` after this error is what you want.")
                        .build();
            }
        }
        return null;
    }

    private static final Pattern LAST_METHOD = Pattern.compile("\\.\\s*([a-z_]\\w*)\\s*\\([^()]*\\)\\s*\\?;\\s*$");
    private static final Pattern FLAG_CLEARED = Pattern.compile("^\\s*self\\s*\\.\\s*([A-Za-z_]\\w*)\\s*=\\s*false\\s*;");

    /** The body of {@code type}'s {@code Drop} impl in the file, or null. */
    private static String dropBody(ItemOutline outline, String type) {
        for (ItemOutline.Item item : outline.items()) {
            if (item.kind() == ItemOutline.Kind.IMPL && DROP_IMPL.matcher(item.key()).matches()
                    && item.name().equals(type)) {
                return outline.body(item);
            }
        }
        return null;
    }

    /** The fields each type's {@code Drop::drop} reads, by type name. */
    private static Map<String, Set<String>> droppedFields(ItemOutline outline) {
        Map<String, Set<String>> out = new HashMap<>();
        for (ItemOutline.Item item : outline.items()) {
            if (item.kind() == ItemOutline.Kind.IMPL && DROP_IMPL.matcher(item.key()).matches()) {
                Set<String> fields = new LinkedHashSet<>();
                Matcher m = SELF_FIELD.matcher(outline.body(item));
                while (m.find()) {
                    fields.add(m.group(1));
                }
                if (!fields.isEmpty()) {
                    out.computeIfAbsent(item.name(), k -> new LinkedHashSet<>()).addAll(fields);
                }
            }
        }
        return out;
    }

    /** The innermost impl around {@code fn}, or null. */
    private static ItemOutline.Item enclosingImpl(ItemOutline outline, ItemOutline.Item fn) {
        ItemOutline.Item best = null;
        for (ItemOutline.Item item : outline.items()) {
            if (item.kind() == ItemOutline.Kind.IMPL && item.bodyStart() <= fn.start() && item.bodyEnd() >= fn.bodyEnd()
                    && (best == null || item.bodyStart() > best.bodyStart())) {
                best = item;
            }
        }
        return best;
    }

    /** The field of {@code fields} that {@code line} passes to a call as a whole argument ({@code f(self.txn)}). */
    private static String releasedField(String line, Set<String> fields) {
        for (String field : fields) {
            if (Pattern.compile("[(,]\\s*self\\s*\\.\\s*" + Pattern.quote(field) + "\\s*[,)]").matcher(line).find()) {
                return field;
            }
        }
        return null;
    }

    private static Finding finding(ChangedFile file, String type, String fn, String field, int line, int clearLine) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object("self." + field).object("cleared after ?")
                .title("`" + fn + "` returns on an error before it clears `self." + field + "`, which `Drop` releases")
                .explanation("Line " + line + " hands `self." + field + "` to a call and returns its error with `?`; "
                        + "only line " + clearLine + " clears the field. When the call fails, `" + fn + "` returns "
                        + "with `self." + field + "` still set, and `impl Drop for " + type + "` releases it again: "
                        + "a double abort, close or free of a handle the failed call may already have released.")
                .check("Keep the result, clear `self." + field + "` first, then return the result (`let r = "
                        + "release(self." + field + "); self." + field + " = ..; r`).")
                .build();
    }
}
