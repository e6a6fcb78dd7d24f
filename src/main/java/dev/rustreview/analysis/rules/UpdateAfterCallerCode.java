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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PN4: bookkeeping moved after a call into the caller's code. A statement that records progress through an
 * out-parameter or a field ({@code *read += used}, {@code self.len = n}) ran before a call on a value of a generic
 * type (a reader, a closure: code this fn does not control and that may panic); the change keeps both statements
 * and swaps them. If the call unwinds, the unwind guard or {@code Drop} that reads the counter sees the stale
 * value: futures' {@code read_line} validated the wrong length as UTF-8 that way (#3020), and the RustSec
 * "panic safety" advisories (a {@code set_len} after a user closure, then a double drop) are the same shape.
 */
public final class UpdateAfterCallerCode implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN4", RiskArea.PANICS, Severity.MEDIUM, "bookkeeping moved after caller code",
            "A non-test fn that stays where the change swaps two statements it keeps: an update through a "
                    + "dereference or a `self.` field (`*read += used`, `self.len = n`, `.set_len(..)`) that ran "
                    + "before a call on a parameter of generic or `impl Trait` type (a reader's method, a closure) "
                    + "now runs after it.",
            "It only sees a swap of unchanged statements, not a new fn written in the risky order, and cannot tell "
                    + "whether anything reads the counter during unwinding.");

    private static final Pattern UPDATE = Pattern.compile(
            "^(?:\\*\\s*\\w+|self\\s*\\.\\s*\\w+(?:\\s*\\.\\s*\\w+)*)\\s*(?:[-+*/|&^]|<<|>>)?=(?!=)"
                    + "|\\.\\s*set_len\\s*\\(");
    private static final Pattern PARAM = Pattern.compile("(?:\\bmut\\s+)?\\b(\\w+)\\s*:\\s*([^,()]*(?:\\([^()]*\\)[^,()]*)*)");
    private static final Pattern FN_NAME = Pattern.compile("\\bfn\\s+\\w+\\s*");
    private static final Pattern GENERIC_NAME = Pattern.compile("(?:^|[<,])\\s*([A-Z]\\w*)\\s*(?=[:,>=])");
    /** Statements compared per fn: a fuzzed fn with thousands of them is not compared pairwise. */
    private static final int MAX_STATEMENTS = 400;
    /** Generic parameters and parameters read per fn header (a fuzzed header can list thousands). */
    private static final int MAX_NAMES = 64;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Set<String> callers = callerValues(pair.now().header());
            if (callers.isEmpty()) {
                continue;
            }
            Map<String, Integer> oldOrder = order(pair.oldBody());
            List<int[]> newStatements = new ArrayList<>();
            List<String> newTexts = statements(pair.newBody(), newStatements);
            if (newTexts.size() > MAX_STATEMENTS) {
                continue;
            }
            Map<String, Integer> newOrder = order(pair.newBody());
            Finding found = null;
            for (int u = 0; u < newTexts.size() && found == null; u++) {
                String update = newTexts.get(u);
                if (!UPDATE.matcher(update).find() || !oldOrder.containsKey(update) || !newOrder.containsKey(update)) {
                    continue;
                }
                int updateLine = pair.after().line(pair.now().bodyStart() + newStatements.get(u)[0]);
                if (!file.added(updateLine)) {
                    continue;
                }
                for (int c = 0; c < u; c++) {
                    String call = newTexts.get(c);
                    Integer oldCall = oldOrder.get(call);
                    if (oldCall != null && newOrder.containsKey(call) && oldOrder.get(update) < oldCall
                            && callsCaller(call, callers)) {
                        found = finding(file, pair.now().name(), update, call, updateLine);
                        break;
                    }
                }
            }
            if (found != null) {
                out.add(found);
            }
        }
        return out;
    }

    /** Parameters whose type is one of the fn's generic parameters or an {@code impl Trait}. */
    static Set<String> callerValues(String header) {
        Matcher fn = FN_NAME.matcher(header);
        if (!fn.find()) {
            return Set.of();
        }
        int i = fn.end();
        Set<String> generics = new HashSet<>();
        if (i < header.length() && header.charAt(i) == '<') {
            int close = RuleSupport.closing(header, i, '<', '>');
            Matcher g = GENERIC_NAME.matcher(header.substring(i, Math.min(header.length(), close + 1)));
            while (g.find() && generics.size() < MAX_NAMES) {
                generics.add(g.group(1));
            }
            i = close;
        }
        int open = header.indexOf('(', i);
        if (open < 0) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        Matcher p = PARAM.matcher(header.substring(open + 1, RuleSupport.closing(header, open, '(', ')')));
        int params = 0;
        while (p.find() && params++ < MAX_NAMES) {
            String type = p.group(2);
            if (type.contains("impl ") || generics.stream().anyMatch(g -> Pattern.compile("\\b" + g + "\\b").matcher(type).find())) {
                out.add(p.group(1));
            }
        }
        return out;
    }

    private static boolean callsCaller(String statement, Set<String> callers) {
        for (String name : callers) {
            if (Pattern.compile("^(?:let\\b[^=]*=\\s*)?" + name + "\\b[^;]*?(?:\\.\\s*\\w+\\s*)?\\(").matcher(statement).find()) {
                return true;
            }
        }
        return false;
    }

    /** Statement text (spaces collapsed) to its index, for statements that occur once in the body. */
    private static Map<String, Integer> order(String body) {
        List<String> texts = statements(body, new ArrayList<>());
        Map<String, Integer> out = new HashMap<>();
        Set<String> repeated = new HashSet<>();
        for (int i = 0; i < texts.size(); i++) {
            if (out.put(texts.get(i), i) != null) {
                repeated.add(texts.get(i));
            }
        }
        repeated.forEach(out::remove);
        return out;
    }

    /** The {@code ;}-ended statements of a body at any block depth, outside parentheses, with their offsets. */
    private static List<String> statements(String body, List<int[]> spans) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length() && out.size() <= MAX_STATEMENTS; i++) {
            char c = body.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if (depth == 0 && (c == '{' || c == '}')) {
                start = i + 1;
            } else if (depth == 0 && c == ';') {
                String text = body.substring(start, i).replaceAll("\\s+", " ").strip();
                int lead = start;
                while (lead < i && Character.isWhitespace(body.charAt(lead))) {
                    lead++;
                }
                if (!text.isEmpty()) {
                    out.add(text);
                    spans.add(new int[] {lead, i});
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, String fn, String update, String call, int line) {
        String shownUpdate = RuleSupport.shorten(update);
        String shownCall = RuleSupport.shorten(call);
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object("update after caller code: " + shownUpdate)
                .title("`" + shownUpdate + "` now runs after `" + shownCall + "`, which may panic")
                .explanation("In `" + fn + "`, `" + shownUpdate + "` recorded progress before `" + shownCall + "` "
                        + "ran; the change swaps them. That call runs code of a generic parameter, which the caller "
                        + "supplies and which may panic. If it unwinds, whatever reads the counter during unwinding (an "
                        + "unwind guard, a `Drop`) sees the value from before this step: it can validate, expose or "
                        + "drop the wrong range.")
                .check("Check what reads the value `" + shownUpdate + "` updates while unwinding; keep the update "
                        + "before the call unless nothing does.")
                .build();
    }
}
