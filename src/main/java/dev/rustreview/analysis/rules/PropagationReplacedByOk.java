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
 * ER29: in a fn that returns a {@code Result}, the change stops propagating a call's error with {@code ?} and turns
 * it into an {@code Option} with {@code .ok()} instead, so the failure becomes "nothing" (an empty list, a default)
 * on its way to the caller. rustup a0e0b7be reversed: {@code rustup show} built the active toolchain's targets
 * through {@code DistributableToolchain::new(..).ok()} and {@code components().ok()}, so a broken toolchain showed
 * no targets instead of an error.
 */
public final class PropagationReplacedByOk implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER29", RiskArea.ERRORS, Severity.MEDIUM, "propagated error now dropped with .ok()",
            "In a non-test fn that returns a `Result` (an alias ending in `Result` too), the change removes a "
                    + "`name(..)?` and adds `name(..).ok()` (with or without a following `?`, which inside a closure "
                    + "yields `None`) for the same call name, or a statement `opt.map(|x| recv.name(x));` that drops the "
                    + "`Result` with the `Option`.",
            "It pairs calls by name within the fn: a call renamed on the way, or an error now reported by a "
                    + "helper before `.ok()`, is not told apart.",
            "unused_result_ok");

    private static final Pattern RESULT = Pattern.compile("->\\s*(?:[\\w:]*::)?\\w*Result\\b");
    private static final String ARGS = "\\((?:[^()]++|\\((?:[^()]++|\\([^()]*+\\)){0,20}\\)){0,20}\\)";
    private static final Pattern PROPAGATED = Pattern.compile("(?<![\\w])([a-z_]\\w{0,60})\\s*" + ARGS + "\\s*\\?");
    private static final Pattern OKED = Pattern.compile("(?<![\\w])([a-z_]\\w{0,60})\\s*" + ARGS + "\\s*\\.\\s*ok\\s*\\(\\s*\\)");
    /**
     * {@code opt.map(|f| scanner.filter(f));} as a statement: the {@code Result} the closure returns is built and
     * dropped with the {@code Option} (lancedb 90af5cf0 reversed: an invalid filter string was ignored).
     */
    private static final Pattern MAPPED = Pattern.compile("\\.\\s*map\\s*\\(\\s*(?:move\\s*)?\\|[^|]{0,80}\\|\\s*"
            + "(?:[A-Za-z_][\\w.]{0,80}\\.\\s*)?([a-z_]\\w{0,60})\\s*" + ARGS + "\\s*\\)\\s*;");
    private static final int MAX_MATCHES = 128;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (!RESULT.matcher(ItemOutline.plain(pair.now().header())).find()) {
                continue;
            }
            Set<String> dropped = new LinkedHashSet<>();
            Matcher was = PROPAGATED.matcher(pair.oldBody());
            for (int n = 0; was.find() && n < MAX_MATCHES; n++) {
                if (pair.removedAt(file, was.end() - 1)) {
                    dropped.add(was.group(1));
                }
            }
            if (dropped.isEmpty()) {
                continue;
            }
            for (Pattern sink : List.of(OKED, MAPPED)) {
                Finding f = dropped(file, pair, dropped, sink);
                if (f != null) {
                    out.add(f);
                    break;
                }
            }
        }
        return out;
    }

    private static Finding dropped(ChangedFile file, ItemOutline.FnPair pair, Set<String> dropped, Pattern sink) {
        Matcher now = sink.matcher(pair.newBody());
        for (int n = 0; now.find() && n < MAX_MATCHES; n++) {
            int line = pair.after().line(pair.now().bodyStart() + now.end() - 1);
            String call = now.group(1);
            if (!dropped.contains(call) || !file.added(line)) {
                continue;
            }
            String fn = pair.now().name();
            if (sink == MAPPED) {
                return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn).object(call)
                        .title("`" + call + "(..)` no longer passes its error on in `" + fn + "`: the `Result` "
                                + "inside `.map(..)` is dropped")
                        .explanation("Before the change `" + fn + "` returned the error of `" + call + "(..)` to "
                                + "its caller with `?`. Now the call runs inside `Option::map` as a statement: "
                                + "the `Option<Result<..>>` it makes is thrown away, `Option` is not `#[must_use]`, "
                                + "and a failure (an invalid filter, a rejected setting) goes unnoticed while the "
                                + "fn carries on as if it had been applied.")
                        .check("Use `if let Some(x) = .. { " + call + "(x)?; }`, or `.map(..).transpose()?`.")
                        .build();
            }
            return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(fn).object(call)
                    .title("`" + call + "(..)` no longer passes its error on in `" + fn + "`: `.ok()` drops it")
                    .explanation("Before the change `" + fn + "` returned the error of `" + call + "(..)` to its "
                            + "caller with `?`. Now `.ok()` turns it into `None`, and the value built from it "
                            + "becomes empty or a default: the caller sees a successful result that is missing "
                            + "what failed, with no trace of why.")
                    .check("Keep the `?`, or say why an error here means \"nothing\" and log it before "
                            + "dropping it.")
                    .build();
        }
        return null;
    }
}
