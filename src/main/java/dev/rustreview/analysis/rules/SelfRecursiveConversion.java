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
 * PN30: a trait method that calls itself through the blanket impl the trait gives. {@code impl From<A> for B}
 * provides {@code A: Into<B>}, so {@code fn from(a: A) -> B { a.into() }} calls {@code from} again, forever; and
 * {@code write!(f, "{}", self)} in {@code Display::fmt} formats {@code self} with the same {@code fmt}. Both compile
 * without a warning and overflow the stack on the first call. wasm-bindgen d4b21e7d reversed: {@code From<Number> for
 * f64} recursed through {@code n.into()}.
 */
public final class SelfRecursiveConversion implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN30", RiskArea.PANICS, Severity.HIGH, "conversion calls itself",
            "A `from` in an `impl From<..> for ..` whose whole body, written or changed by the change, is "
                    + "`x.into()` on its parameter, and a `fmt` in an `impl Display for ..` that formats `self` with "
                    + "`{}` (`write!(f, \"{}\", self)`, `self.to_string()`): the call resolves to the method itself "
                    + "and recurses until the stack overflows.",
            "It reads the method's text: a recursion through a helper, or through `Into` of another type that "
                    + "happens to convert back, is not seen.");

    private static final Pattern FROM_PARAM = Pattern.compile("\\bfn\\s+from\\s*\\(\\s*(?:mut\\s+)?([a-z_]\\w*)\\s*:");
    private static final Pattern DISPLAY_SELF = Pattern.compile(
            "(?:write|writeln|format)\\s*!\\s*\\([^;]*?\"[^\"]*\\{\\}[^\"]*\"\\s*,\\s*self\\s*\\)|\\bself\\s*\\.\\s*to_string\\s*\\(\\s*\\)");

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
        for (ItemOutline.Item fn : fns) {
            String key = fn.key();
            String body = after.body(fn).strip();
            if (fn.name().equals("from") && key.matches("(?:.*::)?impl From for [^:]+::from(?:#\\d+)?")) {
                Matcher p = FROM_PARAM.matcher(ItemOutline.plain(fn.header()));
                if (p.find() && body.replaceAll("\\s+", "").equals(p.group(1) + ".into()")) {
                    out.add(finding(file, after, fn, "`" + p.group(1) + ".into()`", "`from`",
                            "`impl From` gives the argument's type `Into` of this very target through the blanket impl, "
                                    + "so `" + p.group(1) + ".into()` is a call of this `from`"));
                }
            } else if (fn.name().equals("fmt") && key.matches("(?:.*::)?impl (?:fmt::|std::fmt::|core::fmt::)?Display for [^:]+::fmt(?:#\\d+)?")
                    && file.newText() != null && fn.bodyEnd() <= file.newText().length()) {
                String raw = file.newText().substring(fn.bodyStart(), fn.bodyEnd());
                Matcher m = DISPLAY_SELF.matcher(raw);
                if (m.find() && file.added(after.line(fn.bodyStart() + m.start()))) {
                    out.add(finding(file, after, fn, "`" + RuleSupport.shorten(m.group()) + "`", "`Display::fmt`",
                            "formatting `self` with `{}` (or `to_string()`, which uses `Display`) calls this `fmt` again"));
                }
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, ItemOutline after, ItemOutline.Item fn, String call, String method,
                                   String why) {
        int line = after.line(fn.bodyStart());
        return FindingBuilder.lines(INFO, file, Side.NEW, after.headerLine(fn), Math.max(line, after.headerLine(fn)))
                .object(fn.key()).object(call)
                .title(call + " in " + method + " calls itself")
                .explanation("In `" + fn.key().replaceAll("::[^:]*$", "") + "`, " + why + ": every call recurses until "
                        + "the stack overflows, which aborts the process. The compiler does not warn, because the "
                        + "recursion goes through a trait.")
                .check("Call the conversion or formatting you meant explicitly (`<T as From<&U>>::from(&x)`, "
                        + "`write!(f, \"{}\", self.0)`).")
                .build();
    }
}
