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
 * ER15: the change moves where an error leaves a fn relative to the fn's bookkeeping, both ways. An error that
 * returned at once now returns after the fn resets its state: {@code self.flush()?; self.buffered = 0;} clears
 * the buffer only when the flush succeeded; {@code let ret = self.flush(); self.buffered = 0; ret} clears it on
 * the error path too, dropping what the failed flush did not write (async-compression a063a3e0 reversed). And an
 * error that was returned after the fn recorded the input it had used ({@code let res = decode(..);
 * reader.consume(len); if res? {..}}) now returns before ({@code let done = decode(..)?;}), so the consumed bytes
 * are read again and the next read panics or decodes garbage (async-compression cb122d41 reversed).
 */
public final class ErrorDeferredPastReset implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER15", RiskArea.ERRORS, Severity.MEDIUM,
            "error and bookkeeping reordered",
            "In a non-test fn that stays, the change removes the `?` from a call (`ready!(self.flush(..))?;`) and "
                    + "binds its result instead (`let ret = ready!(self.flush(..));`), and a later line assigns a "
                    + "field of `self` (`self.buffered = 0;`) before the bound result is returned: the assignment "
                    + "now runs when the call failed too; or the other way: a result bound with `let r = ..;` and "
                    + "tried later (`if r? {`) after a `consume(..)`/`advance(..)` of the input it used is now tried "
                    + "at the binding, so on an error the input is never consumed.",
            "It matches the call's text on the removed and added lines; whether the assignment is harmless on the "
                    + "error path is not checked.");

    private static final Pattern TRIED = Pattern.compile("^\\s*(\\S.{0,200}?)\\s*\\?\\s*;\\s*$");
    private static final Pattern BOUND =
            Pattern.compile("^\\s*let\\s+(?:mut\\s+)?(\\w+)\\s*=\\s*(\\S.{0,200}?)\\s*;\\s*$");
    private static final Pattern RESET = Pattern.compile("^\\s*self\\s*\\.\\s*[\\w.]+\\s*=[^=]");
    /** A bound result tried where it is used: {@code if res? {}, {@code res?;}. */
    private static final Pattern TRIED_LATER = Pattern.compile("(?<![\\w.)\\]])([a-z_]\\w*)\\s*\\?(?!\\s*Sized)");
    private static final Pattern BOOKKEEPING = Pattern.compile("\\.\\s*(consume|advance)\\s*\\(");
    private static final Pattern TRY = Pattern.compile("[\\w)\\]]\\s*\\?\\s*[;.)]");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            List<PanickingTwinAdded.Line> removed = PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed);
            List<PanickingTwinAdded.Line> added = PanickingTwinAdded.lines(pair.after(), pair.now(), file::added);
            triedEarlier(file, pair, removed, added, out);
            // the added bindings by the call they bind, read once (a scan of every added line per removed `?` took
            // 20 s on 4,000 of each)
            java.util.Map<String, PanickingTwinAdded.Line> bindings = null;
            java.util.Map<String, String> names = new java.util.HashMap<>();
            for (PanickingTwinAdded.Line r : removed) {
                Matcher t = TRIED.matcher(r.text());
                if (!t.matches()) {
                    continue;
                }
                if (bindings == null) {
                    bindings = new java.util.HashMap<>();
                    for (PanickingTwinAdded.Line a : added) {
                        Matcher b = BOUND.matcher(a.text());
                        if (b.matches()) {
                            String bound = b.group(2).replaceAll("\\s+", "");
                            if (bindings.putIfAbsent(bound, a) == null) {
                                names.put(bound, b.group(1));
                            }
                        }
                    }
                }
                String call = t.group(1).replaceAll("\\s+", "");
                PanickingTwinAdded.Line a = bindings.get(call);
                if (a != null) {
                    reset(file, pair, a, names.get(call), out);
                }
            }
        }
        return out;
    }

    /** The first assignment to a field of {@code self} after the binding and before the bound value is used. */
    private static void reset(ChangedFile file, ItemOutline.FnPair pair, PanickingTwinAdded.Line bound, String name,
                              List<Finding> out) {
        String[] lines = pair.newBody().split("\n", -1);
        int first = pair.after().line(pair.now().bodyStart());
        Pattern use = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
        for (int n = bound.last() - first + 1; n >= 0 && n < lines.length; n++) {
            if (use.matcher(lines[n]).find()) {
                return; // the result is looked at before any reset
            }
            if (RESET.matcher(lines[n]).find()) {
                String fn = pair.now().name();
                String assignment = RuleSupport.shorten(lines[n].strip());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, first + n, first + n)
                        .object(fn).object(name).object("error deferred")
                        .title("`" + assignment + "` now runs before `" + fn + "` returns the error in `" + name + "`")
                        .explanation("Before the change `" + fn + "` returned the error with `?` on line "
                                + bound.number() + "'s call. Now the result waits in `" + name + "` while `"
                                + assignment + "` runs, so the state is reset on the error path too: what the failed "
                                + "call did not finish (buffered bytes, a position, a pending count) is dropped, "
                                + "and a caller that retries after the error finds it gone.")
                        .check("Return the error before resetting (`?` on the call), or reset only in the `Ok` case.")
                        .build());
                return;
            }
        }
    }

    /** {@code let r = f(..); input.consume(n); if r? {..}} become {@code let r = f(..)?; input.consume(n);}. */
    private static void triedEarlier(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                     List<PanickingTwinAdded.Line> added, List<Finding> out) {
        String old = pair.oldBody();
        String now = pair.newBody();
        java.util.Set<String> asked = new java.util.HashSet<>(); // each name is three scans of the bodies
        for (PanickingTwinAdded.Line r : removed) {
            Matcher t = TRIED_LATER.matcher(r.text());
            while (t.find()) {
                String name = t.group(1);
                if (asked.size() >= 32 || !asked.add(name)) {
                    continue;
                }
                Matcher let = Pattern.compile("\\blet\\s+(?:mut\\s+)?" + Pattern.quote(name) + "\\s*=").matcher(old);
                Matcher later = Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "\\s*\\?").matcher(old);
                if (!let.find() || !later.find(let.end())
                        || Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "\\s*\\?").matcher(now).find()) {
                    continue; // not tried later before the change, or still tried later after it
                }
                Matcher used = BOOKKEEPING.matcher(old).region(let.end(), later.start());
                if (!used.find()) {
                    continue;
                }
                String method = used.group(1);
                for (PanickingTwinAdded.Line a : added) {
                    if (!TRY.matcher(a.text()).find()) {
                        continue;
                    }
                    int at = pair.after().offset(a.number()) - pair.now().bodyStart();
                    if (at < 0 || !BOOKKEEPING.matcher(now).region(Math.min(now.length(), at), now.length()).find()) {
                        continue;
                    }
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.last())
                            .object(fn).object(name).object("error before " + method)
                            .title("`" + fn + "` returns the error before it calls `" + method + "(..)`")
                            .explanation("Before the change `" + fn + "` kept the result in `" + name + "` and tried "
                                    + "it only after `" + method + "(..)` recorded the input the call had used. The "
                                    + "`?` now returns at the call, so on an error that input is never consumed: "
                                    + "the next read sees the same bytes again, and a buffer that checks its "
                                    + "bookkeeping panics (\"cannot consume from pending buffer\").")
                            .check("Call `" + method + "(..)` before returning the error, as the old code did.")
                            .build());
                    return;
                }
            }
        }
    }
}
