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
 * PN23: {@code format!} or {@code to_string()} of a value whose {@code Display} can return an error, which both turn
 * into a panic. Two shapes: chrono's {@code .format(fmt)} with a format string that is not a literal (its
 * {@code Display} fails on an invalid strftime spec: just b31c0fa0 reversed, where a justfile's {@code datetime()}
 * argument went straight to chrono), and {@code self} formatted inside the impl of a type of the file whose own
 * {@code Display} returns {@code Err} (opendal 448b988e reversed: {@code BytesRange::to_header}).
 */
public final class FallibleDisplayFormatted implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN23", RiskArea.PANICS, Severity.MEDIUM,
            "formatting a Display that can fail",
            "A line the change adds in a non-test fn calls `.to_string()` on chrono's `.format(f)` where `f` is not "
                    + "a string literal (in a file that names chrono), or formats `self` (`format!(\"{self}\")`, "
                    + "`format!(\"{}\", self)`, `self.to_string()`) inside an impl of a type whose `Display` impl in "
                    + "the same file returns an `Err`.",
            "It knows chrono's `format` and the file's own `Display` impls: another type whose `Display` fails, or "
                    + "a format string checked before the call, is not told apart.",
            "to_string_in_format_args");

    private static final Pattern CHRONO_FORMAT = Pattern.compile("\\.\\s*format\\s*\\(");
    private static final Pattern TO_STRING = Pattern.compile("^\\s*\\.\\s*to_string\\s*\\(\\s*\\)");
    private static final Pattern DISPLAY_IMPL = Pattern.compile("\\bimpl\\b.*?\\bDisplay\\s+for\\s+");
    private static final Pattern ERR = Pattern.compile("(?<![\\w])Err\\s*\\(");
    private static final Pattern SELF_FORMATTED = Pattern.compile(
            "format!\\s*\\(\\s*\"[^\"]*\\{self(?::[^}]*)?\\}|format!\\s*\\(\\s*\"[^\"]*\\{\\}[^\"]*\"\\s*,\\s*&?self\\s*[,)]"
                    + "|(?<![\\w.])self\\s*\\.\\s*to_string\\s*\\(\\s*\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        List<ItemOutline.Item> fns = ItemOutline.changedFns(file);
        if (fns.isEmpty()) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        String text = file.newText();
        boolean chrono = text.contains("chrono");
        Set<String> failing = failingDisplays(after);
        for (ItemOutline.Item fn : fns) {
            String body = after.body(fn);
            if (chrono) {
                chronoFormat(file, after, fn, body).ifPresent(out::add);
            }
            String type = failing.stream().filter(t -> fn.key().contains("impl " + t + "::")
                    || fn.key().contains(" for " + t + "::")).findFirst().orElse(null);
            if (type != null && !fn.name().equals("fmt")) {
                Matcher self = SELF_FORMATTED.matcher(text.substring(fn.bodyStart(), fn.bodyEnd()));
                while (self.find()) {
                    int line = after.line(fn.bodyStart() + self.start());
                    if (file.added(line)) {
                        out.add(finding(file, line, fn.name(), "`" + type + "`'s own `Display` returns an `Err` on "
                                + "some values, and formatting `self` here with `format!`/`to_string()` turns that "
                                + "error into a panic (\"a Display implementation returned an error unexpectedly\")."));
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static java.util.Optional<Finding> chronoFormat(ChangedFile file, ItemOutline after, ItemOutline.Item fn,
                                                            String body) {
        Matcher m = CHRONO_FORMAT.matcher(body);
        while (m.find()) {
            int open = m.end() - 1;
            int close = RuleSupport.closing(body, open, '(', ')');
            String arg = body.substring(open + 1, Math.min(close, body.length())).strip();
            int line = after.line(fn.bodyStart() + m.start());
            if (arg.isEmpty() || arg.startsWith("\"") || arg.startsWith("r\"") || arg.startsWith("r#")
                    || arg.contains(",") || close >= body.length() || !file.added(line)
                    || !TO_STRING.matcher(body.substring(close + 1)).find()) {
                continue;
            }
            return java.util.Optional.of(finding(file, line, fn.name(), "chrono's `format(" + arg + ")` checks its "
                    + "format string only when it is displayed: an invalid strftime spec (`%!`, a lone `%`) makes "
                    + "`Display` return an error, and `to_string()` turns it into a panic. `" + arg + "` is not a "
                    + "literal, so whoever supplies it can crash this fn."));
        }
        return java.util.Optional.empty();
    }

    /** Self types of the file's {@code Display} impls whose body returns an {@code Err}. */
    private static Set<String> failingDisplays(ItemOutline after) {
        Set<String> out = new LinkedHashSet<>();
        for (ItemOutline.Item item : after.items()) {
            if (item.kind() == ItemOutline.Kind.IMPL && DISPLAY_IMPL.matcher(ItemOutline.plain(item.header())).find()
                    && ERR.matcher(after.body(item)).find()) {
                out.add(item.name());
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, int line, String fn, String why) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn)
                .title("`" + fn + "` formats a value whose `Display` can fail: `format!`/`to_string()` panics then")
                .explanation(why)
                .check("Write into a `String` with `write!` and handle the `fmt::Error`, or validate the input "
                        + "first (chrono: `StrftimeItems::new(f).parse()`) and return an error.")
                .build();
    }
}
