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
 * PN22: a string that was walked by characters ({@code s.chars()}) is now sliced at a fixed byte offset
 * ({@code s[1..]}). A {@code str} index is a byte offset and must fall on a character boundary: when the first
 * character takes more than one byte (any non-ASCII input), {@code s[1..]} panics with "byte index 1 is not a char
 * boundary". vector ef57b231 reversed: the statsd gauge parser sliced the sign off a value with
 * {@code parts[0][1..]}, and a metric starting with a multi-byte character crashed the source.
 */
public final class StrSlicedAtByteOffset implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN22", RiskArea.PANICS, Severity.MEDIUM, "string sliced at a byte offset",
            "In a non-test fn that stays, the change leaves fewer walks of `s` by characters (`s.chars()`, "
                    + "`s.char_indices()`) than the old fn had and adds a slice of the same `s` at an integer "
                    + "literal (`s[1..]`, `s[..2]`), with no `is_char_boundary` or `as_bytes` on `s` in the fn.",
            "It matches `s` by its text and cannot see the string's contents: a value known to be ASCII (checked "
                    + "before, or produced by the program) is reported too.",
            "string_slice");

    private static final Pattern SLICE = Pattern.compile("(?<![\\w.\\]])([A-Za-z_][\\w.]{0,60}(?:\\[[^\\[\\]\\n]{1,20}\\])?)"
            + "\\s*\\[\\s*(?:\\d+\\s*\\.\\.\\s*|\\.\\.\\s*\\d+\\s*)\\]");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("char")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String oldBody = pair.oldBody();
            if (!oldBody.contains("char")) {
                continue;
            }
            String masked = pair.after().masked();
            Matcher slice = SLICE.matcher(masked).region(pair.now().bodyStart(), pair.now().bodyEnd());
            while (slice.find()) {
                int line = pair.after().line(slice.start());
                if (!file.added(line)) {
                    continue;
                }
                String s = slice.group(1);
                String path = "(?<![\\w.])" + spaced(RuleSupport.squeezed(s));
                Pattern walked = Pattern.compile(path + "\\s*\\.\\s*(?:chars|char_indices)\\s*\\(");
                Pattern safe = Pattern.compile(path + "\\s*\\.\\s*(?:is_char_boundary|as_bytes)\\s*\\(");
                // Fewer walks than before: a `chars()` left in a condition (vector's first-digit test) still counts.
                if (RuleSupport.count(walked, oldBody) <= RuleSupport.count(walked, pair.newBody())
                        || safe.matcher(pair.newBody()).find()) {
                    continue;
                }
                String text = masked.substring(slice.start(), slice.end());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(pair.now().name()).object(RuleSupport.squeezed(s)).object("byte slice of a str")
                        .title("`" + RuleSupport.shorten(text) + "` slices a string at a byte offset where `chars()` "
                                + "walked it")
                        .explanation("Before the change `" + pair.now().name() + "` stepped through `"
                                + RuleSupport.shorten(s) + "` by characters. `" + RuleSupport.shorten(text) + "` counts "
                                + "bytes instead, and a `str` may only be cut at a character boundary: when a character "
                                + "before the offset takes more than one byte (any non-ASCII input), the slice panics "
                                + "with \"byte index .. is not a char boundary\".")
                        .check("Keep walking by characters (`s.chars().skip(1)`, `s.char_indices()`), use "
                                + "`s.get(1..)` and handle `None`, or slice `as_bytes()` if the value is bytes.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** {@code s} as a pattern that allows whitespace around its dots and brackets; every other character quoted. */
    private static String spaced(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '.' -> out.append("\\s*\\.\\s*");
                case '[' -> out.append("\\s*\\[\\s*");
                case ']' -> out.append("\\s*\\]");
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
