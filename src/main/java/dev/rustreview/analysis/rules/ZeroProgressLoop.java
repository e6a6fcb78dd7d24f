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
 * ER17: a loop that advances by the count {@code read}/{@code write} returns and never asks whether it was zero.
 * {@code Ok(0)} is how a writer says it can take no more and how a reader says end of input; a loop that only stops
 * once its buffer is drained or filled then spins forever on it, burning a core with no error. {@code write_all}
 * and {@code read_exact} turn the zero into {@code WriteZero}/{@code UnexpectedEof}; a hand-written loop has to.
 * flate2 3aaff5ff reversed: {@code GzEncoder::write_header} looped {@code while !self.header.is_empty()} on
 * {@code inner.write(&self.header)?} and hung on a writer that returned 0.
 */
public final class ZeroProgressLoop implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER17", RiskArea.ERRORS, Severity.MEDIUM, "read/write loop ignores a zero count",
            "A line the change adds to a non-test fn binds the count of `.write(..)`, `.read(..)` or `.peek(..)` (`let n = "
                    + "w.write(&buf[..])?;`, also through `.await` or `.unwrap()`), or the change deletes the zero check "
                    + "of such a count, inside a `while` or `loop` body "
                    + "that never compares that count with zero (`n == 0`, `n > 0`, `0 == n`, `if n != 0`) and never "
                    + "names `WriteZero` or `UnexpectedEof`: an `Ok(0)` (a full writer, the end of input) leaves the "
                    + "loop where it was, forever.",
            "It reads the loop's text: a zero handled by a helper the count is passed to, or a loop bounded by "
                    + "another counter that a zero still advances, is not told apart.",
            "unused_io_amount");

    private static final Pattern COUNT = Pattern.compile("\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*(?::\\s*usize\\s*)?=\\s*"
            + "[^;]{0,200}?\\.\\s*(write|read|peek)\\s*\\(\\s*[^\\s)][^;]{0,200}\\)\\s*(?:\\.\\s*await\\s*)?(?:\\?|\\.\\s*unwrap\\s*\\(\\s*\\))"
            + "\\s*;");
    private static final Pattern LOOP = Pattern.compile("^(?:'\\w+\\s*:\\s*)?(?:while\\b.*|loop)$", Pattern.DOTALL);
    private static final int MAX_PER_FN = 16;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains(".write(") && !file.newText().contains(".read(")
                && !file.newText().contains(".peek(")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        String masked = after.masked();
        java.util.Map<String, String> removedByFn = new java.util.HashMap<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            StringBuilder removed = new StringBuilder();
            PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed).forEach(l -> removed.append(l.text()).append('\n'));
            removedByFn.put(pair.now().key(), removed.toString());
        }
        for (ItemOutline.Item fn : ItemOutline.touchedFns(file)) {
            Matcher m = COUNT.matcher(masked).region(fn.bodyStart(), fn.bodyEnd());
            Unguarded.Blocks blocks = null;
            String removed = removedByFn.getOrDefault(fn.key(), "");
            for (int n = 0; m.find() && n < MAX_PER_FN; n++) {
                int line = after.line(m.start());
                if (!file.added(line) && !checksZero(removed, m.group(1))) {
                    continue; // neither the count nor its zero check is what the change touched
                }
                if (blocks == null) {
                    blocks = new Unguarded.Blocks(masked, fn.bodyStart(), fn.bodyEnd());
                }
                int loop = enclosingLoop(blocks, m.start());
                if (loop < 0) {
                    continue;
                }
                String count = m.group(1);
                String body = masked.substring(blocks.open(loop), blocks.close(loop));
                if (!checksZero(body, count)) {
                    out.add(finding(file, fn.name(), count, m.group(2), blocks.header(loop), line));
                    break;
                }
            }
        }
        return out;
    }

    /** The innermost {@code while}/{@code loop} block around {@code at}, or -1 (a {@code for} ends by itself). */
    private static int enclosingLoop(Unguarded.Blocks blocks, int at) {
        int inner = blocks.innermost(at);
        for (int depth = 0; inner >= 0 && depth < 8; depth++, inner = blocks.parent(inner)) {
            String header = blocks.header(inner).strip();
            if (header.startsWith("for ") || header.contains("=>") || header.matches("(?s).*\\|\\s*$")) {
                return -1; // a bounded loop, or a closure or match arm between: not this loop's own count
            }
            if (LOOP.matcher(header).matches()) {
                return inner;
            }
        }
        return -1;
    }

    private static boolean checksZero(String body, String count) {
        String c = Pattern.quote(count);
        return Pattern.compile("(?<![\\w.])" + c + "\\s*(?:==|!=|>|<=)\\s*0\\b|\\b0\\s*(?:==|!=|<)\\s*" + c
                        + "(?!\\w)|(?<![\\w.])" + c + "\\s*<\\s*1\\b|WriteZero|UnexpectedEof|(?<![\\w.])0\\s*=>")
                .matcher(body).find();
    }

    private static Finding finding(ChangedFile file, String fn, String count, String op, String header, int line) {
        String loop = RuleSupport.shorten(header.strip().replaceAll("\\s+", " "));
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(count).object(op + " count unchecked for zero")
                .title("`" + loop + "` in `" + fn + "` never stops on a " + op + " of 0 bytes")
                .explanation("`" + count + "` is what `" + op + "` returned, and the loop `" + loop + "` goes on "
                        + "until its own condition says done, without ever comparing `" + count + "` with zero. `"
                        + op + "` returns `Ok(0)` when " + (op.equals("write") ? "the writer cannot take more bytes"
                        : "the input has ended") + "; the loop then makes no progress and spins forever, "
                        + "with no error returned.")
                .check("Stop on zero (`if " + count + " == 0 { return Err(io::ErrorKind::"
                        + (op.equals("write") ? "WriteZero" : "UnexpectedEof") + ".into()); }`)"
                        + (op.equals("peek") ? ", or treat it as the peer having gone." : ", or use `"
                        + (op.equals("write") ? "write_all" : "read_exact") + "`."))
                .build();
    }
}
