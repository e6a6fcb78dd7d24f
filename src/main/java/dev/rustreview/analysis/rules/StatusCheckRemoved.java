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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ER36: a call whose status a checking macro turned into an error ({@code esp!(unsafe { f(..) })?},
 * {@code check!(f(..))?}) now made as a bare statement. A C function reports failure in its return value, which is
 * a plain integer: the compiler says nothing when it is dropped, and the code after it goes on as if the call had
 * worked. esp-idf-svc 789472f5 reversed: a failed registration of the Ethernet receive callback was ignored and the
 * callback stored as registered.
 */
public final class StatusCheckRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER36", RiskArea.ERRORS, Severity.MEDIUM, "status check removed from a call",
            "In a non-test fn that stays, a call the old fn made inside a macro whose result it propagated with `?` "
                    + "(`esp!(unsafe { f(..) })?`, `check!(f(..))?`) is made by a line the change adds as a statement of "
                    + "its own (`f(..);`, also inside `unsafe { }`), and the new fn no longer wraps `f` in that macro.",
            "It pairs the call by its name within one fn: a status checked in a helper, or compared by hand on "
                    + "another line (`if f(..) != 0`), is not told apart from one that is dropped.");

    /** {@code m!(unsafe { f(} or {@code m!(f(}: group 1 the macro, group 2 the callee. */
    private static final Pattern WRAPPED = Pattern.compile("(?<![\\w:])([a-z_]\\w*)\\s*!\\s*\\(\\s*(?:unsafe\\s*\\{\\s*)?"
            + "((?:[A-Za-z_]\\w*\\s*::\\s*)*[a-z_]\\w*)\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("!(")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Map<String, String> checked = checkedCalls(pair.oldBody());
            if (checked.isEmpty()) {
                continue;
            }
            String now = pair.newBody();
            for (Map.Entry<String, String> e : checked.entrySet()) {
                String callee = e.getKey();
                String macro = e.getValue();
                if (Pattern.compile("\\b" + Pattern.quote(macro) + "\\s*!\\s*\\(\\s*(?:unsafe\\s*\\{\\s*)?"
                        + Pattern.quote(callee) + "\\s*\\(").matcher(now).find()) {
                    continue;
                }
                int line = bareStatement(file, pair, now, callee);
                if (line > 0) {
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                            .object(fn).object(callee)
                            .title("status of `" + callee + "(..)` no longer checked in `" + fn + "`")
                            .explanation("Before the change `" + fn + "` wrapped `" + callee + "(..)` in `" + macro
                                    + "!(..)?`, which turned a failure status into an error it returned. Now the call "
                                    + "is a statement of its own and its result is dropped: a C-style status code is a "
                                    + "plain integer, so the compiler does not warn, and the fn goes on as if the call "
                                    + "had worked (state stored for a registration that never happened).")
                            .check("Keep `" + macro + "!(..)?` around the call, or handle the status it returns.")
                            .build());
                }
            }
        }
        return out;
    }

    /** The callees the body wraps in a macro whose result is propagated with {@code ?}, each with its macro. */
    private static Map<String, String> checkedCalls(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = WRAPPED.matcher(body);
        while (m.find() && out.size() < 16) {
            int open = body.indexOf('(', m.start(1) + m.group(1).length());
            int close = RuleSupport.closing(body, open, '(', ')');
            if (close + 1 < body.length() && body.substring(close + 1).stripLeading().startsWith("?")) {
                out.putIfAbsent(m.group(2).replaceAll("\\s+", ""), m.group(1));
            }
        }
        return out;
    }

    /** The added line where the new body calls {@code callee} as a statement whose value is dropped, or -1. */
    private static int bareStatement(ChangedFile file, ItemOutline.FnPair pair, String body, String callee) {
        Matcher call = Pattern.compile("(?:^|[;{}])\\s*(?:unsafe\\s*\\{\\s*)?(" + Pattern.quote(callee).replace("::", "\\E\\s*::\\s*\\Q")
                + ")\\s*\\(").matcher(body);
        while (call.find()) {
            int open = body.indexOf('(', call.end(1));
            int close = RuleSupport.closing(body, open, '(', ')');
            String rest = close + 1 < body.length() ? body.substring(close + 1).stripLeading() : "";
            int line = pair.after().line(pair.now().bodyStart() + call.start(1));
            if ((rest.startsWith(";") || rest.startsWith("}")) && file.added(line)) {
                return line;
            }
        }
        return -1;
    }
}
