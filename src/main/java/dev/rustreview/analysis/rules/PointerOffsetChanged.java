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
 * US14: the change edits, outside any unsafe block, the computation of a value that an unsafe block of the same
 * fn uses as a pointer offset or a length. The unsafe block itself is untouched, so US1 says nothing, yet its
 * soundness rests on that arithmetic: memchr's fallback {@code memrchr} read misaligned words on ARMv7 after the
 * line {@code offset = len - cmp::min(..)} outside the block changed (d31a572a).
 */
public final class PointerOffsetChanged implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US14", RiskArea.UNSAFE, Severity.MEDIUM,
            "pointer offset computed by changed safe code",
            "In a non-test fn that is not an `unsafe fn`, a line the change adds or edits outside any `unsafe` block "
                    + "binds or assigns a variable (`let n = ..`, `offset = ..`, `offset -= ..`) that an unchanged "
                    + "`unsafe` block of the fn passes to pointer arithmetic or a length: `.add(n)`, `.offset(n)`, "
                    + "`.sub(n)`, `get_unchecked(n)`, `from_raw_parts(p, n)`, `copy_nonoverlapping(s, d, n)`, "
                    + "`set_len(n)`.",
            "It follows one variable by name within one fn: a value passed through a helper, a struct field or a "
                    + "second variable is not traced, and it cannot tell whether the new arithmetic keeps the value "
                    + "in bounds.",
            "undocumented_unsafe_blocks");

    private static final Pattern UNSAFE_BLOCK = Pattern.compile("\\bunsafe\\s*\\{");
    private static final Pattern POINTER_USE = Pattern.compile(
            "\\.\\s*(?:offset|add|sub|byte_add|byte_sub|byte_offset|wrapping_offset|get_unchecked(?:_mut)?|set_len)"
                    + "\\s*\\(|\\b(?:from_raw_parts(?:_mut)?|copy_nonoverlapping|copy|write_bytes)\\s*\\(");
    private static final Pattern BINDING = Pattern.compile(
            "^\\s*(?:let\\s+(?:mut\\s+)?(\\w+)\\s*(?::[^=;]{1,80})?=(?!=)|(\\w+)\\s*(?:[-+*/%&|^]|<<|>>)?=(?!=))");
    private static final Pattern WORD = Pattern.compile("(?<![\\w.:])([a-z_][a-z0-9_]*)\\b(?!\\s*[(!:])");
    private static final Set<String> NOT_VALUES = Set.of("as", "mut", "const", "usize", "isize", "u8", "u16", "u32",
            "u64", "i8", "i16", "i32", "i64", "self", "true", "false", "let", "if", "else");
    /** Unsafe blocks and pointer uses read per fn at most. */
    private static final int MAX_PER_FN = 256;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        List<ItemOutline.Item> fns = ItemOutline.changedFns(file);
        if (fns.isEmpty() || file.oldText() == null) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : fns) {
            if (after.inTest(fn) || ItemOutline.isUnsafeFn(fn.header())) {
                continue;
            }
            String body = after.body(fn);
            List<int[]> blocks = unsafeBlocks(body);
            if (blocks.isEmpty()) {
                continue;
            }
            Set<String> used = new LinkedHashSet<>();
            for (int[] block : blocks) {
                if (RuleSupport.touched(file, after.line(fn.bodyStart() + block[0]), after.line(fn.bodyStart() + block[1]))) {
                    continue; // an edited unsafe block is US1's
                }
                pointerOperands(body, block, used);
            }
            if (used.isEmpty()) {
                continue;
            }
            Finding found = firstBinding(file, after, fn, body, blocks, used);
            if (found != null) {
                out.add(found);
            }
        }
        return out;
    }

    private static List<int[]> unsafeBlocks(String body) {
        List<int[]> out = new ArrayList<>();
        Matcher m = UNSAFE_BLOCK.matcher(body);
        while (m.find() && out.size() < MAX_PER_FN) {
            int open = m.end() - 1;
            int close = RuleSupport.closing(body, open, '{', '}');
            out.add(new int[] {open, Math.min(close, body.length() - 1)});
        }
        return out;
    }

    /** The lower-case variable names in the operands of the pointer arithmetic inside one unsafe block. */
    private static void pointerOperands(String body, int[] block, Set<String> out) {
        Matcher m = POINTER_USE.matcher(body).region(block[0], block[1]);
        int n = 0;
        while (m.find() && n++ < MAX_PER_FN) {
            int open = m.end() - 1;
            int close = Math.min(RuleSupport.closing(body, open, '(', ')'), block[1]);
            Matcher w = WORD.matcher(body.substring(open + 1, Math.max(open + 1, close)));
            while (w.find()) {
                if (!NOT_VALUES.contains(w.group(1))) {
                    out.add(w.group(1));
                }
            }
        }
    }

    private static Finding firstBinding(ChangedFile file, ItemOutline after, ItemOutline.Item fn, String body,
                                        List<int[]> blocks, Set<String> used) {
        int at = 0;
        while (at < body.length()) {
            int end = body.indexOf('\n', at);
            int stop = end < 0 ? body.length() : end;
            int offset = at;
            at = stop + 1;
            int line = after.line(fn.bodyStart() + offset);
            if (!file.added(line) || inside(blocks, offset)) {
                continue;
            }
            String text = body.substring(offset, stop);
            Matcher b = BINDING.matcher(text);
            if (!b.find()) {
                continue;
            }
            String name = b.group(1) != null ? b.group(1) : b.group(2);
            if (!used.contains(name)) {
                continue;
            }
            String shown = RuleSupport.shorten(file.newText().substring(fn.bodyStart() + offset,
                    fn.bodyStart() + stop).strip());
            return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(fn.name()).object("offset " + name)
                    .title("`" + name + "` feeds pointer arithmetic in `" + fn.name() + "`'s unsafe block")
                    .explanation("Line " + line + " (`" + shown + "`) changes how `" + name + "` is computed, outside "
                            + "any `unsafe` block; an unchanged `unsafe` block of `" + fn.name() + "` uses `" + name
                            + "` as a pointer offset or a length. The block's safety argument (in bounds, aligned, "
                            + "initialised) depends on this arithmetic, so the change is an unsafe change even though "
                            + "no `unsafe` line moved.")
                    .check("Re-derive the bounds and alignment the unsafe block needs from the new computation, at "
                            + "both ends (empty input, a length that is not a multiple of the word size, an address "
                            + "already aligned); run the fn's tests under Miri if they exist.")
                    .build();
        }
        return null;
    }

    private static boolean inside(List<int[]> blocks, int offset) {
        for (int[] block : blocks) {
            if (block[0] <= offset && offset <= block[1]) {
                return true;
            }
        }
        return false;
    }
}
