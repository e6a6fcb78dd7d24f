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
 * US25: a container's length written only after its elements are dropped in place. {@code for i in 0..self.len {
 * drop_in_place(..) } self.len = 0;}: when one element's {@code Drop} panics, unwinding leaves {@code len} covering
 * elements already dropped, and the container's own {@code Drop} (or a caught panic and a later use) drops them a
 * second time: undefined behaviour. The standard library's {@code Vec::truncate} sets the length first for this
 * reason. rkyv 5828cf5c reversed: {@code InlineVec::clear} and {@code SerVec::clear}.
 */
public final class LengthResetAfterDrop implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US25", RiskArea.UNSAFE, Severity.HIGH,
            "length updated after in-place drops",
            "In a non-test fn other than `Drop::drop` whose lines the change adds or edits, the first write of a length "
                    + "field (`self.len = ..`, `self.len -= ..`, `self.buf.len = ..`, also `length`, `size`, `count`, "
                    + "`*_len`, or `.set_len(..)`) comes after a `drop_in_place`, with no such write before it, and the "
                    + "drop or the write is on a line the change adds.",
            "It reads one fn's text: a length restored by a guard's `Drop` on unwind, or elements that cannot panic "
                    + "when dropped (`Copy` data), are not told apart.");

    private static final Pattern DROP = Pattern.compile("\\bdrop_in_place\\s*(?:::\\s*<[^;]{0,80}?>\\s*)?\\(");
    private static final Pattern LENGTH_WRITE = Pattern.compile("\\bself\\s*\\.\\s*(?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}"
            + "(len|length|size|count|\\w+_len|len_\\w+|\\w+_count)\\s*(?:-=|=(?!=))|\\.\\s*set_len\\s*\\(");
    private static final Pattern DROP_FN = Pattern.compile("\\bfn\\s+drop\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("drop_in_place")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            String body = after.body(fn);
            Matcher drop = DROP.matcher(body);
            if (out.size() >= 8 || !drop.find()
                    || DROP_FN.matcher(after.masked().substring(fn.start(), fn.bodyStart())).find()) {
                continue;
            }
            Matcher write = LENGTH_WRITE.matcher(body);
            if (!write.find() || write.start() < drop.start()) {
                continue; // the length is settled before anything is dropped (the fix), or never written
            }
            int dropLine = after.line(fn.bodyStart() + drop.start());
            int writeLine = after.line(fn.bodyStart() + write.start());
            if (!file.added(dropLine) && !file.added(writeLine)) {
                continue;
            }
            int eol = body.indexOf('\n', write.start());
            String written = RuleSupport.shorten(body.substring(write.start(), eol < 0 ? body.length() : eol).strip());
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, writeLine, writeLine)
                    .object(fn.name()).object("length after drop_in_place")
                    .title("`" + fn.name() + "` updates its length after dropping elements in place")
                    .explanation("`" + fn.name() + "` drops elements with `drop_in_place` (line " + dropLine
                            + ") before it writes the length (`" + written + "`). If one element's `Drop` panics, "
                            + "the write never runs: the length still covers the elements already dropped, and the "
                            + "container's own `Drop` (or the code that catches the panic and goes on using it) "
                            + "drops them again: a double drop, undefined behaviour reachable from safe code.")
                    .check("Set the length first (`let len = self.len; self.len = 0;` then drop `0..len`), as "
                            + "`Vec::truncate` does, or restore it from a guard's `Drop` on unwind.")
                    .build());
        }
        return out;
    }
}
