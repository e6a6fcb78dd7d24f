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
 * ER32: a panic payload read as only one of its two usual types. {@code panic!("literal")} carries a
 * {@code &'static str} and {@code panic!("{x}")} a {@code String}; code that downcasts to one of them loses the
 * message of every panic of the other kind. aws-lambda-rust-runtime fd6f5288 reversed: a handler's formatted panic
 * message was reported as a bare "Lambda panicked".
 */
public final class PanicPayloadHalfRead implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER32", RiskArea.ERRORS, Severity.MEDIUM, "panic payload read as one type only",
            "A non-test fn the change touches downcasts a value to `&str` (`downcast_ref::<&str>()`, also "
                    + "`&'static str` and `downcast::<..>`) but never to `String`, or the other way round, where "
                    + "the change writes that downcast or removes the fn's downcast to the other type.",
            "It reads one fn's text: a payload whose other type is read by a helper the fn calls, or a value that "
                    + "is not a panic payload and holds only one of the two types, is reported too.");

    private static final Pattern DOWNCAST = Pattern.compile(
            "\\.\\s*downcast(?:_ref)?\\s*::\\s*<\\s*(&\\s*(?:'static\\s+)?str|(?:std\\s*::\\s*string\\s*::\\s*)?String)\\s*>");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.newText() == null || !file.newText().contains("downcast")
                && (file.oldText() == null || !file.oldText().contains("downcast"))) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        java.util.Map<String, ItemOutline.FnPair> pairs = new java.util.HashMap<>();
        ItemOutline.changedFnPairs(file).forEach(p -> pairs.put(p.now().key(), p));
        for (ItemOutline.Item fn : ItemOutline.touchedFns(file)) {
            String body = after.body(fn);
            int[] str = {-1, -1};
            Matcher m = DOWNCAST.matcher(body);
            boolean added = false;
            while (m.find()) {
                int kind = isStr(m.group(1)) ? 0 : 1;
                int line = after.line(fn.bodyStart() + m.start());
                if (str[kind] < 0 || file.added(line) && !added) {
                    str[kind] = line;
                }
                added |= file.added(line);
            }
            if ((str[0] < 0) == (str[1] < 0)) {
                continue;
            }
            int kind = str[0] >= 0 ? 0 : 1;
            if (added || otherRemoved(file, pairs.get(fn.key()), 1 - kind)) {
                out.add(finding(file, fn.name(), kind, str[kind]));
            }
        }
        return out;
    }

    private static boolean isStr(String type) {
        return type.startsWith("&");
    }

    /** Whether the old side of the fn read the payload as {@code kind} on a line the change removes. */
    private static boolean otherRemoved(ChangedFile file, ItemOutline.FnPair pair, int kind) {
        if (pair == null) {
            return false;
        }
        Matcher m = DOWNCAST.matcher(pair.oldBody());
        while (m.find()) {
            if ((isStr(m.group(1)) ? 0 : 1) == kind
                    && pair.removedAt(file, m.start())) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(ChangedFile file, String fn, int kind, int line) {
        String read = kind == 0 ? "&str" : "String";
        String lost = kind == 0 ? "String" : "&str";
        String example = kind == 0 ? "`panic!(\"{}\", x)` and `.expect(&msg)`" : "`panic!(\"literal\")` and `.expect(\"literal\")`";
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object("downcast " + read + " only")
                .title("`" + fn + "` reads the payload as `" + read + "` but not as `" + lost + "`")
                .explanation("A panic payload is a `&'static str` when the message is a literal and a `String` "
                        + "when it is formatted (" + example + " give a `" + lost + "`). `" + fn + "` downcasts only "
                        + "to `" + read + "`, so the message of every panic of the other kind is lost and reported "
                        + "as an unknown panic.")
                .check("Downcast to both: `p.downcast_ref::<&str>().copied().or_else(|| "
                        + "p.downcast_ref::<String>().map(String::as_str))`.")
                .build();
    }
}
