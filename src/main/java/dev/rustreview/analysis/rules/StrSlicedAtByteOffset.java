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
                    + "literal (`s[1..]`, `s[..2]`), with no `is_char_boundary` or `as_bytes` on `s` in the fn; or it adds a "
                    + "slice at `i` (`x[i..]`, `x[i..end]`, `x[..i]`) where the old fn counted `i` characters "
                    + "(`.chars().nth(i)`, `.chars().skip(i)`, `.take(i)`) more often than the new one does; or it removes "
                    + "`s.as_bytes()[r]` and adds `s[r]` (the same `s` and range) in the fn.",
            "It matches `s` by its text and cannot see the string's contents: a value known to be ASCII (checked "
                    + "before, or produced by the program) is reported too.",
            "string_slice");

    private static final Pattern SLICE = Pattern.compile("(?<![\\w.\\]])([A-Za-z_][\\w.]{0,60}(?:\\[[^\\[\\]\\n]{1,20}\\])?)"
            + "\\s*\\[\\s*(?:\\d+\\s*\\.\\.\\s*|\\.\\.\\s*\\d+\\s*)\\]");

    /** {@code x[i..]}, {@code x[i..x.len()]}, {@code x[..i]}, {@code x[..=i]} at a path {@code i}: the index. */
    private static final Pattern SLICE_AT = Pattern.compile(
            "\\[\\s*(?:([A-Za-z_][\\w.]{0,60})\\s*\\.\\.[^\\]\\[;\\n]{0,60}|\\.\\.=?\\s*([A-Za-z_][\\w.]{0,60})\\s*)\\]");

    /** {@code data.as_bytes()[..PREFIX.len()]}: the value and the range. */
    private static final Pattern BYTE_SLICE = Pattern.compile(
            "(?<![\\w.])([A-Za-z_][\\w.]{0,60})\\s*\\.\\s*as_bytes\\s*\\(\\s*\\)\\s*\\[([^\\[\\]\\n]{1,60})\\]");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("char") && !file.oldText().contains("as_bytes")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String oldBody = pair.oldBody();
            if (!oldBody.contains("char") && !oldBody.contains("as_bytes")) {
                continue;
            }
            Finding counted = slicedAtCharCount(file, pair);
            if (counted == null) {
                counted = bytesMadeStr(file, pair);
            }
            if (counted != null) {
                out.add(counted);
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

    /**
     * A slice the change adds at an index that the old fn used as a count of characters: egui f0190320 reversed
     * sliced the text buffer at {@code line_start.index}, a character index, and Shift+Tab after non-ASCII text
     * panicked.
     */
    private static Finding slicedAtCharCount(ChangedFile file, ItemOutline.FnPair pair) {
        String masked = pair.after().masked();
        Matcher slice = SLICE_AT.matcher(masked).region(pair.now().bodyStart(), pair.now().bodyEnd());
        while (slice.find()) {
            int line = pair.after().line(slice.start());
            String index = slice.group(1) != null ? slice.group(1) : slice.group(2);
            if (!file.added(line) || index.matches("\\d+")) {
                continue;
            }
            Pattern counted = Pattern.compile("\\b(?:chars|char_indices)\\s*\\(\\s*\\)[^;{}]{0,80}?\\.\\s*(?:nth|skip|take)"
                    + "\\s*\\(\\s*" + spaced(RuleSupport.squeezed(index)) + "\\s*\\)");
            if (RuleSupport.count(counted, pair.oldBody()) <= RuleSupport.count(counted, pair.newBody())) {
                continue;
            }
            int lineStart = masked.lastIndexOf('\n', slice.start()) + 1;
            String text = masked.substring(Math.max(lineStart, slice.start() - 40), slice.end()).strip();
            return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(pair.now().name()).object(RuleSupport.squeezed(index)).object("char count as byte offset")
                    .title("`" + RuleSupport.shorten(text) + "` slices at `" + RuleSupport.shorten(index)
                            + "`, which counted characters")
                    .explanation("Before the change `" + pair.now().name() + "` used `" + RuleSupport.shorten(index)
                            + "` as a number of characters (`.chars().nth(..)`, `.skip(..)`, `.take(..)`). A "
                            + "slice index is a byte offset instead: after any multi-byte character the two differ, "
                            + "so the slice cuts the wrong place or panics with \"byte index .. is not a char "
                            + "boundary\".")
                    .check("Keep counting characters, or turn the count into a byte offset first "
                            + "(`s.char_indices().nth(i).map_or(s.len(), |(b, _)| b)`).")
                    .build();
        }
        return null;
    }

    /**
     * {@code s.as_bytes()[r]} on a removed line and {@code s[r]} on an added one: the slice moved from bytes to the
     * string, where the range must fall on character boundaries. rust-lightning ae852b58 reversed: a peer's TXT
     * record was cut at the length of the {@code bitcoin:} prefix and a multi-byte character there panicked.
     */
    private static Finding bytesMadeStr(ChangedFile file, ItemOutline.FnPair pair) {
        Matcher bytes = BYTE_SLICE.matcher(pair.oldBody());
        while (bytes.find()) {
            if (!pair.removedAt(file, bytes.start())) {
                continue;
            }
            String s = RuleSupport.squeezed(bytes.group(1));
            String range = RuleSupport.squeezed(bytes.group(2));
            Matcher str = Pattern.compile("(?<![\\w.])" + spaced(s) + "\\s*\\[([^\\[\\]\\n]{1,60})\\]").matcher(pair.newBody());
            while (str.find()) {
                int line = pair.after().line(pair.now().bodyStart() + str.start());
                if (!file.added(line) || !RuleSupport.squeezed(str.group(1)).equals(range)) {
                    continue;
                }
                String text = s + "[" + range + "]";
                return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(pair.now().name()).object(s).object("bytes slice made a str slice")
                        .title("`" + RuleSupport.shorten(text) + "` slices the string where `as_bytes()` sliced bytes")
                        .explanation("Before the change `" + pair.now().name() + "` cut `" + RuleSupport.shorten(s)
                                + ".as_bytes()`, which any offset may cut. `" + RuleSupport.shorten(text) + "` cuts the "
                                + "`str` itself, and a `str` may only be cut at a character boundary: when a multi-byte "
                                + "character spans the offset (any non-ASCII input), the slice panics with \"byte "
                                + "index .. is not a char boundary\".")
                        .check("Keep slicing `as_bytes()`, or use `s.get(" + RuleSupport.shorten(range)
                                + ")` and handle `None`.")
                        .build();
            }
        }
        return null;
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
