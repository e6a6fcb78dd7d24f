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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US16: the order in which a value's parts are destroyed changes. Rust drops a struct's fields in declaration
 * order, after its {@code Drop::drop} body has run; code that wraps a native library or a kernel interface often
 * depends on that order (a queue destroyed before the consumer that owns it, a ring closed before the buffers the
 * kernel still writes into are freed). Two edits change it silently:
 *
 * <ul>
 *   <li>a field moved within a struct whose comments say the order matters, or that is {@code #[repr(C)]}
 *   (rust-rdkafka cbf4f552d reversed: the native queue declared after the consumer, so closing the consumer blocked
 *   forever);</li>
 *   <li>an explicit early drop of a field ({@code ManuallyDrop::drop(&mut self.ring)}, {@code drop(self.x.take())})
 *   deleted from a {@code Drop::drop} that still does other work: the field now goes after that work (compio
 *   b5d311928 reversed: in-flight buffers freed while the io_uring ring could still write into them).</li>
 * </ul>
 */
public final class DropOrderChanged implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US16", RiskArea.UNSAFE, Severity.MEDIUM,
            "drop order changed",
            "A struct that stays has a field moved relative to the others while a comment in it says the order matters "
                    + "(\"dropped before\", \"drop order\", \"must outlive\") or it is `#[repr(C)]`; or the change "
                    + "deletes, from a `Drop::drop` that still has statements, an explicit early drop of a field "
                    + "(`ManuallyDrop::drop(&mut self.f)`, `ManuallyDrop::take(&mut self.f)`, `drop(self.f.take())`, "
                    + "`self.f.take();`), with fewer early drops of that field left in the fn: the field is now dropped after "
                    + "the rest of `drop`.",
            "It reads declarations and one fn: a field whose order matters with no comment saying so, or an order "
                    + "kept by a wrapper type's own `Drop`, is not seen.");

    private static final Pattern ORDER_COMMENT = Pattern.compile("(?i)\\bdrop(?:s|ped|ping)?\\b[^\\n]{0,60}?"
            + "\\b(?:before|after|first|last|order)\\b|\\b(?:before|after)\\b[^\\n]{0,60}?\\bdrop(?:s|ped)?\\b"
            + "|\\bmust\\s+outlive\\b|\\bdestroy(?:ed)?\\b[^\\n]{0,40}?\\b(?:before|after)\\b");
    private static final Pattern FIELD = Pattern.compile("^(?:pub\\b(?:\\s*\\([^)]*\\))?\\s*)?([A-Za-z_]\\w*)\\s*:");
    private static final Pattern ATTRIBUTE = Pattern.compile("#\\[[^\\]]*\\]");
    private static final Pattern EARLY_DROP = Pattern.compile("\\bManuallyDrop\\s*::\\s*(?:drop|take)\\s*\\(\\s*&\\s*mut\\s+"
            + "self\\s*\\.\\s*(\\w+)|\\bdrop\\s*\\(\\s*self\\s*\\.\\s*(\\w+)\\s*\\.\\s*take\\s*\\(\\s*\\)\\s*\\)"
            + "|(?<![\\w.=]\\s{0,8})\\bself\\s*\\.\\s*(\\w+)\\s*\\.\\s*take\\s*\\(\\s*\\)\\s*;");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.oldText() == null || file.newText() == null || file.isTestPath()) {
            return out;
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        fieldsMoved(file, before, after, out);
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (pair.now().name().equals("drop") && pair.now().key().contains("impl Drop for")) {
                earlyDropRemoved(file, pair, out);
            }
        }
        return out;
    }

    private static void fieldsMoved(ChangedFile file, ItemOutline before, ItemOutline after, List<Finding> out) {
        Map<String, ItemOutline.Item> now = after.byKey(ItemOutline.Kind.STRUCT);
        for (ItemOutline.Item was : before.byKey(ItemOutline.Kind.STRUCT).values()) {
            ItemOutline.Item is = now.get(was.key());
            if (is == null || after.inTest(is) || !ItemOutline.plain(was.header()).startsWith("struct")
                    || !file.anyAdded(after.line(is.bodyStart()), after.endLine(is))) {
                continue;
            }
            List<String> oldFields = fields(before.body(was));
            List<String> newFields = fields(after.body(is));
            List<String> oldOrder = new ArrayList<>(oldFields);
            oldOrder.retainAll(newFields);
            List<String> newOrder = new ArrayList<>(newFields);
            newOrder.retainAll(oldFields);
            if (oldOrder.size() < 2 || oldOrder.equals(newOrder)) {
                continue;
            }
            String reason = reason(file, before, was, after, is);
            if (reason != null) {
                String field = moved(oldOrder, newOrder);
                int line = fieldLine(after, is, field);
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(is.name()).object(field).object("field moved")
                        .title("`" + is.name() + "." + field + "` moved: its fields are now dropped in another order")
                        .explanation("The change moves `" + field + "` within `" + is.name() + "` (now: "
                                + String.join(", ", newOrder) + "; before: " + String.join(", ", oldOrder) + "). Rust "
                                + "drops fields in declaration order, " + reason + ", so the new order can destroy a "
                                + "part while another that still uses it is alive (a blocking close, a use after free "
                                + "in native code).")
                        .check("Keep the order the drop needs, and say it in a comment on the field; or make the "
                                + "order explicit in a `Drop` impl (`ManuallyDrop` fields dropped in sequence).")
                        .build());
            }
        }
    }

    /** Why the order matters here, or null: a comment that says so, or a C layout. */
    private static String reason(ChangedFile file, ItemOutline before, ItemOutline.Item was, ItemOutline after,
                                 ItemOutline.Item is) {
        String comments = comments(file.oldText(), before.masked(), was.start(), was.bodyEnd())
                + "\n" + comments(file.newText(), after.masked(), is.start(), is.bodyEnd());
        Matcher m = ORDER_COMMENT.matcher(comments);
        if (m.find()) {
            return "and a comment in the struct says the order matters (\"" + RuleSupport.shorten(lineAround(comments, m.start()))
                    + "\")";
        }
        if (is.header().replaceAll("\\s+", "").contains("repr(C")) {
            return "and `#[repr(C)]` fixes the layout C code sees by the same order";
        }
        return null;
    }

    /** The text the outline blanked between two offsets: comments and string contents. */
    private static String comments(String raw, String masked, int from, int to) {
        StringBuilder out = new StringBuilder();
        int end = Math.min(Math.min(raw.length(), masked.length()), to);
        for (int i = Math.max(0, from); i < end; i++) {
            char c = raw.charAt(i);
            out.append(c != masked.charAt(i) || c == '\n' ? c : ' ');
        }
        return out.toString();
    }

    private static String lineAround(String text, int at) {
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf('\n', at);
        return text.substring(start, end < 0 ? text.length() : end).replaceAll("\\s+", " ").strip();
    }

    /** Named fields of a struct body, in order (a tuple struct has none). */
    static List<String> fields(String body) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            char c = i < body.length() ? body.charAt(i) : ',';
            if (c == '(' || c == '[' || c == '{' || c == '<') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}' || c == '>') && depth > 0 && !(c == '>' && i > 0
                    && body.charAt(i - 1) == '-')) {
                depth--;
            } else if (c == ',' && depth == 0) {
                String part = ATTRIBUTE.matcher(body.substring(start, i)).replaceAll(" ").strip();
                Matcher m = FIELD.matcher(part);
                if (m.find()) {
                    out.add(m.group(1));
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** The field whose removal makes both orders agree (a single move), else the first that differs. */
    private static String moved(List<String> oldOrder, List<String> newOrder) {
        for (String f : oldOrder) {
            List<String> a = new ArrayList<>(oldOrder);
            List<String> b = new ArrayList<>(newOrder);
            a.remove(f);
            b.remove(f);
            if (a.equals(b)) {
                return f;
            }
        }
        for (int i = 0; i < oldOrder.size(); i++) {
            if (!oldOrder.get(i).equals(newOrder.get(i))) {
                return oldOrder.get(i);
            }
        }
        return oldOrder.get(0);
    }

    private static int fieldLine(ItemOutline after, ItemOutline.Item is, String field) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(field) + "\\s*:").matcher(after.body(is));
        return m.find() ? after.line(is.bodyStart() + m.start()) : after.headerLine(is);
    }

    private static void earlyDropRemoved(ChangedFile file, ItemOutline.FnPair pair, List<Finding> out) {
        String oldBody = pair.oldBody();
        String newBody = pair.newBody();
        if (newBody.strip().isEmpty()) {
            return; // nothing runs before the fields drop: the order is the declaration order either way
        }
        Matcher m = EARLY_DROP.matcher(oldBody);
        while (m.find()) {
            String field = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            int oldLine = pair.before().line(pair.was().bodyStart() + m.start());
            if (!file.removed(oldLine) || count(newBody, field) >= count(oldBody, field)) {
                continue;
            }
            int line = WakeupPathRemoved.firstAdded(file, pair.after(), pair.now());
            String what = RuleSupport.shorten(m.group().replaceAll("\\s+", " ").strip());
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(pair.now().key()).object(field).object("early drop removed")
                    .title("`" + pair.now().name() + "` no longer drops `self." + field + "` before the rest of it")
                    .explanation("Before the change, `Drop::drop` destroyed `self." + field + "` explicitly (`" + what
                            + "`) before the code after it ran; the change deletes that, so `" + field + "` is now "
                            + "dropped only after `drop` returns, after everything else the body does (freeing buffers, "
                            + "closing handles) that the early drop was ordered before.")
                    .check("Check why `" + field + "` was dropped first (a kernel or native library still using memory "
                            + "the rest of `drop` frees?); if the order still matters, keep the early drop and say why in "
                            + "a comment.")
                    .build());
            return;
        }
    }

    private static int count(String body, String field) {
        Matcher m = EARLY_DROP.matcher(body);
        int n = 0;
        while (m.find()) {
            String f = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (field.equals(f)) {
                n++;
            }
        }
        return n;
    }
}
