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
 * US23: a pointer into a buffer local to the fn stored in the value the fn returns. The buffer is dropped when the
 * fn returns, so the returned struct (typically a C configuration struct) holds a dangling pointer that the C side
 * reads later. esp-idf-svc a909b7a2 reversed: the ALPN list and the common name of an {@code esp_tls_cfg} pointed
 * into arrays of the conversion fn.
 */
public final class LocalPointerReturned implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US23", RiskArea.UNSAFE, Severity.MEDIUM, "pointer to a local buffer returned",
            "In a non-test fn, a line the change adds stores `buf.as_ptr()`/`as_mut_ptr()` (or the pointer of a call "
                    + "handed `&mut buf`, `to_c(&mut buf).as_ptr()`) into a field of a value the fn returns (`Ok(v)`, "
                    + "`return v`, or `v` as its last expression), where `buf` is a `let` of the fn holding an array, a "
                    + "`Vec`, a `String` or a `CString` it builds.",
            "It reads one fn's text: a buffer leaked or moved into the returned value as well (`mem::forget`, a "
                    + "field that owns it) is reported too.");

    private static final Pattern BUFFER = Pattern.compile("\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*(?::\\s*[^=;]{1,80})?=\\s*"
            + "(?:\\[|vec\\s*!|Vec\\s*::|String\\s*::|CString\\s*::|format\\s*!)");
    private static final Pattern STORED = Pattern.compile("(?<![\\w.])([a-z_]\\w*)\\s*\\.\\s*[\\w.]{1,80}?\\s*=\\s*([^;=]{0,200}?)"
            + "\\.\\s*as_(?:mut_)?ptr\\s*\\(\\s*\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("as_") || !file.newText().contains("ptr")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            String body = after.body(fn);
            if (!body.contains("_ptr")) {
                continue;
            }
            Set<String> buffers = new LinkedHashSet<>();
            Matcher b = BUFFER.matcher(body);
            while (b.find() && buffers.size() < 32) {
                buffers.add(b.group(1));
            }
            if (buffers.isEmpty()) {
                continue;
            }
            Matcher s = STORED.matcher(body);
            while (s.find()) {
                String target = s.group(1);
                String source = s.group(2);
                String buf = pointedInto(source, buffers);
                int line = after.line(fn.bodyStart() + s.start());
                int last = after.line(fn.bodyStart() + s.end());
                if (buf == null || !file.anyAdded(line, last) || !returned(body, target)) {
                    continue; // a statement split over lines counts when the change adds any of them
                }
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn.name()).object(target + " <- " + buf)
                        .title("`" + target + "` returned holding a pointer into the local `" + buf + "` of `" + fn.name() + "`")
                        .explanation("`" + buf + "` is a buffer of `" + fn.name() + "`; this line stores a pointer into "
                                + "it in `" + target + "`, which the fn returns. The buffer is dropped when the fn "
                                + "returns, so whoever reads that field afterwards (the C side of a configuration "
                                + "struct) reads freed stack or heap memory: undefined behaviour that often works "
                                + "until the memory is reused.")
                        .check("Keep the buffer alive as long as the pointer: own it in the returned value or a "
                                + "caller-provided holder, and say so in a `// SAFETY:` comment.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** The buffer the pointer expression points into: {@code buf.as_ptr()} or {@code f(.., &mut buf).as_ptr()}. */
    private static String pointedInto(String source, Set<String> buffers) {
        String s = source.strip();
        for (String buf : buffers) {
            if (s.equals(buf) || s.matches("(?s).*[(,]\\s*&\\s*(?:mut\\s+)?" + Pattern.quote(buf) + "\\s*\\)\\s*")) {
                return buf;
            }
        }
        return null;
    }

    /** Whether the body returns {@code name}: {@code Ok(name)}, {@code return name}, or {@code name} as its tail. */
    private static boolean returned(String body, String name) {
        String q = Pattern.quote(name);
        return Pattern.compile("\\bOk\\s*\\(\\s*" + q + "\\s*\\)|\\breturn\\s+" + q + "\\s*;|[;}]\\s*" + q + "\\s*$")
                .matcher(body.replaceFirst("\\s*}\\s*$", "")).find();
    }
}
