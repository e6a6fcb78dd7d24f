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
 * ER10: a fn that returned {@code Result} or {@code Option} now returns the bare value, and the change adds a panic
 * to it ({@code panic!}, {@code unreachable!}, {@code .unwrap()}, {@code .expect(..)}): the failure its callers could
 * handle is now a crash, including in callers whose own contract is to report it ({@code try_reserve},
 * {@code try_with_capacity}). hyperium/http 691af725 is the reverse of its fix: {@code to_raw_capacity} panicked on
 * overflow, so {@code HeaderMap::try_with_capacity} panicked on a huge capacity instead of returning
 * {@code MaxSizeReached}.
 */
public final class FallibleMadePanicking implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER10", RiskArea.ERRORS, Severity.MEDIUM, "error return replaced by a panic",
            "A non-test fn whose return type was a `Result` or `Option` (any alias ending in `Result`) returns a type "
                    + "with neither after the change, and the change adds `panic!`/`unreachable!`/`.unwrap()`/"
                    + "`.expect(..)` to it (more than its body had before); or a non-test fn replaces `x.try_name(..)?` "
                    + "with `x.name(..)` where the crate's `name` panics (the model's summary).",
            "It reads one fn's signature and body: a failure made impossible by the change (so the panic cannot "
                    + "happen) reads the same, and an error turned into a default value without a panic is not seen.",
            "panic_in_result_fn", "unwrap_used", "expect_used");

    /** {@code device.try_new_output_stream()?}: group 1 the receiver, group 2 the name after {@code try_}. */
    private static final Pattern TRY_PROPAGATED = Pattern.compile("(?<![\\w.])((?:self\\s*\\.\\s*)?[a-z_]\\w{0,40}(?:\\s*\\.\\s*"
            + "[a-z_]\\w{0,40}){0,3})\\s*\\.\\s*try_([a-z]\\w{2,60})\\s*\\(");

    /**
     * A crate's fallible method whose error was propagated ({@code device.try_new_output_stream()?}) replaced by its
     * infallible twin on the same receiver ({@code device.new_output_stream()}), whose body panics where the other
     * returned the error (the crate model's summary): rodio c397a4d8 reversed, where {@code OutputStream::try_from_device}
     * called the twin that {@code .expect()}s a stream configuration, so a fallible constructor panicked without an
     * audio device.
     */
    private static void tryTwinReplaced(ChangedFile file, ItemOutline.FnPair pair, List<Finding> out) {
        dev.rustreview.analysis.crate.FileView view = null;
        int looked = 0;
        for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
            Matcher m = TRY_PROPAGATED.matcher(r.text());
            while (m.find() && looked++ < 8) {
                String receiver = m.group(1).replaceAll("\\s+", "");
                String twin = m.group(2);
                Pattern plain = Pattern.compile("(?<![\\w.])" + Pattern.quote(receiver).replace(".", "\\E\\s*\\.\\s*\\Q")
                        + "\\s*\\.\\s*" + twin + "\\s*\\(");
                for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(pair.after(), pair.now(), file::added)) {
                    if (!plain.matcher(a.text()).find()) {
                        continue;
                    }
                    if (view == null) {
                        view = dev.rustreview.analysis.crate.FileView.of(file).orElse(null);
                        if (view == null) {
                            return;
                        }
                    }
                    String panics = twinPanics(view, a.number(), a.last(), twin);
                    if (panics == null) {
                        break;
                    }
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                            .object(fn).object("try_" + twin + " -> " + twin)
                            .title("`" + receiver + "." + twin + "(..)` replaces `" + receiver + ".try_" + twin + "(..)?` in `"
                                    + fn + "`")
                            .explanation("Before the change `" + fn + "` passed the error of `try_" + twin + "` to its "
                                    + "caller. `" + twin + "` is the twin that panics instead (" + panics + "), so the "
                                    + "failure a caller could handle (no device, a bad configuration) now takes the process "
                                    + "down.")
                            .check("Keep `try_" + twin + "(..)?` in a fn that can return the error.")
                            .build());
                    return;
                }
            }
        }
    }

    /**
     * Why the twin called on lines {@code line} to {@code last} (one statement continued with {@code .name(..)} lines)
     * panics (the crate model's summary of the fn the call runs), or null. The
     * call is resolved by its receiver's type, as the lock rules resolve a helper: a method of the crate's type, a
     * method an extension trait of the crate adds to another crate's type ({@code impl CpalDeviceExt for
     * cpal::Device}), or, for a receiver whose type the model cannot follow, the crate's one method of that name.
     * A receiver of a known type that has no such method is some other crate's {@code name}: not this crate's twin.
     */
    private static String twinPanics(dev.rustreview.analysis.crate.FileView view, int line, int last, String twin) {
        dev.rustreview.analysis.Node fn = view.fnHolding(line).orElse(null);
        if (fn == null) {
            return null;
        }
        dev.rustreview.analysis.crate.Nav nav = view.nav();
        dev.rustreview.analysis.crate.CrateModel crate = view.crate();
        for (dev.rustreview.analysis.Node call : nav.findInFn(fn, "call_expression")) {
            boolean named = nav.field(call, "function").flatMap(f -> nav.field(f, "field"))
                    .filter(m -> dev.rustreview.analysis.RustTree.startLine(m) >= line
                            && dev.rustreview.analysis.RustTree.startLine(m) <= last).isPresent();
            if (!named || !dev.rustreview.analysis.crate.Exprs.methodName(nav, call).filter(twin::equals).isPresent()) {
                continue;
            }
            dev.rustreview.analysis.crate.Refs.CallRef ref = view.call(fn, call).orElse(null);
            if (ref == null || !ref.isMethod()) {
                return null;
            }
            List<dev.rustreview.analysis.crate.FnFacts> callees = crate.callees(ref);
            String type = crate.typeOf(ref.receiver());
            if (callees.isEmpty() && type != null && type.startsWith("::")) {
                callees = crate.methods(dev.rustreview.analysis.crate.Exprs.lastSegment(type), twin);
            } else if (callees.isEmpty() && type == null) {
                callees = crate.uniqueMethod(twin).map(List::of).orElse(List.of());
            }
            for (dev.rustreview.analysis.crate.FnFacts f : callees) {
                String panics = f.test() ? null : crate.summary(f).panics();
                if (panics != null) {
                    return panics;
                }
            }
            return null;
        }
        return null;
    }

    private static final Pattern RETURN = Pattern.compile("->\\s*(.+?)\\s*(?:\\bwhere\\b.*)?$");
    private static final Pattern FALLIBLE = Pattern.compile("\\b(?:\\w*Result|Option)\\b");
    private static final Pattern PANICS = Pattern.compile("(?<![\\w:])(?:panic|unreachable)\\s*!|\\.\\s*(?:unwrap|expect)"
            + "\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (out.size() < 8 && pair.oldBody().contains("try_")) {
                tryTwinReplaced(file, pair, out);
            }
            String was = returnType(pair.was());
            String now = returnType(pair.now());
            if (was == null || !FALLIBLE.matcher(was).find() || (now != null && FALLIBLE.matcher(now).find())
                    || RuleSupport.count(PANICS, pair.oldBody()) >= RuleSupport.count(PANICS, pair.newBody())) {
                continue;
            }
            Matcher m = PANICS.matcher(pair.newBody());
            while (m.find()) {
                int line = pair.after().line(pair.now().bodyStart() + m.start());
                if (!file.added(line)) {
                    continue;
                }
                String fn = pair.now().name();
                String shownNow = now == null ? "()" : now;
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn).object(was + " -> " + shownNow)
                        .title("`" + fn + "` returned `" + RuleSupport.shorten(was) + "` and now panics instead")
                        .explanation("Before the change `" + fn + "` handed its failure to the caller as `"
                                + RuleSupport.shorten(was) + "`; now it returns `" + RuleSupport.shorten(shownNow)
                                + "` and this line panics in that case. Every caller loses the choice: one that "
                                + "passed the error on with `?` (or whose own contract is to return it, a `try_*` fn) "
                                + "now crashes the thread on input it used to reject.")
                        .check("Keep the `" + RuleSupport.shorten(was) + "` return unless the failure is impossible; "
                                + "if it is, say why where the panic is, and check callers named `try_*`.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** The fn's return type as written (whitespace collapsed), or null when it returns {@code ()}. */
    static String returnType(ItemOutline.Item fn) {
        String header = ItemOutline.plain(fn.header());
        Matcher name = Pattern.compile("\\bfn\\s+" + Pattern.quote(fn.name()) + "\\b").matcher(header);
        if (!name.find()) {
            return null;
        }
        // The parameter list is the first `(` outside the generics (`fn f<F: Fn(u8)>(f: F)`).
        int open = -1;
        for (int i = name.end(), angle = 0; i < header.length() && open < 0; i++) {
            char c = header.charAt(i);
            angle += c == '<' ? 1 : c == '>' && header.charAt(i - 1) != '-' ? -1 : 0;
            open = c == '(' && angle == 0 ? i : -1;
        }
        int depth = 0;
        for (int i = Math.max(open, 0); open >= 0 && i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                Matcher m = RETURN.matcher(header.substring(i + 1).replaceAll("\\{\\s*$", "").strip());
                return m.find() ? m.group(1) : null;
            }
        }
        return null;
    }
}
