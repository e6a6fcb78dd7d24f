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
 * ER9: the change replaces a checked integer conversion ({@code x.try_into()}, {@code off_t::try_from(x)}) by an
 * {@code as} cast of the same value. The checked form reported a value that does not fit; the cast keeps its low
 * bits (or flips its sign) and the fn goes on with a different number. memmap2 1e1c34cd is the reverse of its fix:
 * a file offset past 4 GB cast to a 32-bit {@code off_t} mapped the wrong region of the file.
 */
public final class CheckedConversionDropped implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER9", RiskArea.ERRORS, Severity.MEDIUM, "checked conversion replaced by `as`",
            "In a non-test fn the change removes a `try_into()`/`try_from(..)` conversion and adds an `as` cast to an "
                    + "integer type (`u32`, `usize`, `libc::off_t`, `c_int`, ...) of the same value, or of the name the "
                    + "removed conversion was bound to, and the fn no longer converts that value with `try_*`.",
            "It matches values by name: a cast of a value known to fit (checked by a comparison the fn keeps) is "
                    + "reported too, and a conversion moved to a helper reads as dropped.",
            "cast_possible_truncation", "cast_possible_wrap", "cast_sign_loss");

    private static final String OPERAND = "[A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*(?:\\s*\\(\\s*\\))?)*";
    /** {@code (a - b).try_into()} or {@code x.try_into()}: the converted expression. */
    private static final Pattern TRY_INTO = Pattern.compile("(\\([^()]{1,120}\\)|(?<![\\w.])" + OPERAND
            + ")\\s*\\.\\s*try_into\\s*\\(\\s*\\)");
    private static final Pattern TRY_FROM = Pattern.compile("(?<![\\w.])(?:[\\w:]+\\s*::\\s*)?\\w+\\s*::\\s*try_from\\s*\\("
            + "\\s*(" + OPERAND + "|[^()]{1,120})\\s*\\)");
    private static final Pattern LET = Pattern.compile("\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\b");
    private static final String INTEGER = "(?:(?:std|core)\\s*::\\s*(?:ffi|os::raw)\\s*::\\s*|libc\\s*::\\s*)?"
            + "(?:u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize|c_int|c_uint|c_long|c_ulong|c_short|c_ushort|"
            + "c_char|c_uchar|off_t|off64_t|size_t|ssize_t|time_t|pid_t|uid_t|gid_t|mode_t|socklen_t|DWORD)\\b";
    private static final Pattern CAST = Pattern.compile("(\\([^()]{1,120}\\)|(?<![\\w.])" + OPERAND + ")\\s+as\\s+("
            + INTEGER + ")");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_]\\w*");
    private static final Set<String> NEUTRAL = Set.of("self", "as", "usize", "u64", "u32", "i64", "isize", "clone");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String oldBody = pair.oldBody();
            if (!oldBody.contains("try_into") && !oldBody.contains("try_from")) {
                continue;
            }
            Set<String> converted = convertedNames(file, pair);
            if (converted.isEmpty() || stillChecked(pair.newBody(), converted)) {
                continue;
            }
            cast(file, pair, converted, out);
        }
        return out;
    }

    /** The names in the values that removed lines converted with {@code try_*}, and the names they were bound to. */
    private static Set<String> convertedNames(ChangedFile file, ItemOutline.FnPair pair) {
        Set<String> out = new LinkedHashSet<>();
        for (PanickingTwinAdded.Line line : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
            for (Pattern p : List.of(TRY_INTO, TRY_FROM)) {
                Matcher m = p.matcher(line.text());
                while (m.find()) {
                    out.addAll(words(m.group(1)));
                    Matcher let = LET.matcher(line.text().substring(0, m.start()));
                    if (let.find()) {
                        out.add(let.group(1));
                    }
                }
            }
        }
        return out;
    }

    /** Whether the new body still converts one of the names with {@code try_*}. */
    private static boolean stillChecked(String body, Set<String> names) {
        // Line by line, overlong lines skipped: the operand pattern's repeated group overflowed the stack on a
        // fuzzed line of tens of thousands of characters (fuzz run 37).
        for (String line : body.split("\n")) {
            if (line.length() > PanickingTwinAdded.MAX_LINE) {
                continue;
            }
            for (Pattern p : List.of(TRY_INTO, TRY_FROM)) {
                Matcher m = p.matcher(line);
                while (m.find()) {
                    if (words(m.group(1)).stream().anyMatch(names::contains)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void cast(ChangedFile file, ItemOutline.FnPair pair, Set<String> converted, List<Finding> out) {
        for (PanickingTwinAdded.Line line : PanickingTwinAdded.lines(pair.after(), pair.now(), file::added)) {
            Matcher m = CAST.matcher(line.text());
            while (m.find()) {
                if (words(m.group(1)).stream().noneMatch(converted::contains)) {
                    continue;
                }
                String shown = RuleSupport.shorten(m.group().replaceAll("\\s+", " "));
                String fn = pair.now().name();
                String type = m.group(2).replaceAll("\\s+", "");
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line.number(), line.number())
                        .object(fn).object("checked conversion to cast: " + shown)
                        .title("`" + shown + "` replaces a checked conversion in `" + fn + "`")
                        .explanation("Before the change `" + fn + "` converted this value with `try_into`/`try_from` "
                                + "and handled a value that does not fit. `as " + type + "` never fails: a value "
                                + "too large keeps only its low bits, a negative one becomes huge or the sign flips, "
                                + "and the fn goes on with a different number (an offset into the wrong place, a "
                                + "length that is too short).")
                        .check("Check the value's range on every path (a 64-bit file offset on a target with a 32-bit `"
                                + type + "`, a length from input); if it can exceed `" + type + "`, keep the checked "
                                + "conversion and its error.")
                        .build());
                return;
            }
        }
    }

    private static Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher w = WORD.matcher(text);
        while (w.find()) {
            if (!NEUTRAL.contains(w.group())) {
                out.add(w.group());
            }
        }
        return out;
    }
}
