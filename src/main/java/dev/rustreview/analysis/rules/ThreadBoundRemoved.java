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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC10: a {@code Send} or {@code Sync} bound removed from a generic parameter, an {@code impl Trait}/{@code dyn}
 * argument or the return type of a fn or impl that the change keeps. Code that moves a value to another thread
 * through safe APIs would no longer compile without the bound, so a removal that compiles means either the value
 * never crosses threads (fine) or it crosses them through code the compiler does not check (a raw task, an
 * {@code unsafe impl Send} wrapper): tokio's {@code spawn_blocking} without {@code R: Send} was exactly that.
 */
public final class ThreadBoundRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC10", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "Send/Sync bound removed",
            "A `Send` or `Sync` bound that the change removes from a generic parameter (inline or in the `where` "
                    + "clause), an `impl Trait`/`dyn Trait` argument or the return type of a fn or impl it keeps (also "
                    + "one declared inside a macro body), while the parameter is still there.",
            "It compares signatures only: it cannot tell whether the value still reaches another thread (through "
                    + "`unsafe` code, a raw task or a wrapper with an `unsafe impl Send`) or never did, nor follow a "
                    + "bound moved into a trait alias or supertrait.");

    private static final Pattern AUTO = Pattern.compile("\\b(Send|Sync)\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!file.isRust() || file.oldText() == null || file.newText() == null) {
            return List.of();
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.Kind kind : List.of(ItemOutline.Kind.FN, ItemOutline.Kind.IMPL)) {
            Map<String, ItemOutline.Item> old = before.byKey(kind);
            for (ItemOutline.Item now : after.byKey(kind).values()) {
                ItemOutline.Item was = old.get(now.key());
                if (was == null || !file.anyRemoved(before.headerLine(was), before.line(was.bodyStart()))) {
                    continue;
                }
                String oldHeader = ItemOutline.plain(was.header());
                String newHeader = ItemOutline.plain(now.header());
                Map<String, Set<String>> oldBounds = bounds(oldHeader, kind);
                Map<String, Set<String>> newBounds = bounds(newHeader, kind);
                Map<String, Set<String>> lost = new LinkedHashMap<>();
                oldBounds.forEach((subject, set) -> {
                    if (!stillThere(subject, newHeader)) {
                        return;
                    }
                    Set<String> gone = new LinkedHashSet<>(set);
                    gone.removeAll(newBounds.getOrDefault(subject, Set.of()));
                    if (!gone.isEmpty()) {
                        lost.put(subject, gone);
                    }
                });
                if (!lost.isEmpty()) {
                    out.add(finding(file, after, now, kind, lost));
                }
            }
        }
        return out;
    }

    /** Subject (a type parameter, {@code param x}, {@code return}) to the auto-trait bounds it carries. */
    static Map<String, Set<String>> bounds(String header, ItemOutline.Kind kind) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        String rest = header;
        if (kind == ItemOutline.Kind.FN) {
            Matcher name = Pattern.compile("\\bfn\\s+\\w+\\s*").matcher(rest);
            if (!name.find()) {
                return out;
            }
            rest = rest.substring(name.end());
        } else {
            rest = rest.replaceFirst("^(?:unsafe\\s+)?impl\\s*", "");
        }
        if (rest.startsWith("<")) {
            int close = ItemOutline.skipAngles(rest, 0);
            predicates(rest.substring(1, Math.max(1, close - 1)), out, "");
            rest = rest.substring(close);
        }
        int where = ItemOutline.indexOfWord(rest, "where");
        String signature = where >= 0 ? rest.substring(0, where) : rest;
        if (where >= 0) {
            predicates(rest.substring(where + 5), out, "");
        }
        if (kind == ItemOutline.Kind.FN) {
            int open = signature.indexOf('(');
            int close = open < 0 ? -1 : closing(signature, open);
            if (open >= 0 && close > open) {
                for (String param : split(signature.substring(open + 1, close))) {
                    int colon = topLevelColon(param);
                    if (colon > 0 && param.substring(colon).matches("(?s).*\\b(impl|dyn)\\b.*")) {
                        add(out, "param " + param.substring(0, colon).strip(), param.substring(colon + 1));
                    }
                }
                String ret = signature.substring(close + 1);
                if (ret.contains("->") && ret.matches("(?s).*\\b(impl|dyn)\\b.*")) {
                    add(out, "return", ret);
                }
            }
        }
        return out;
    }

    private static void predicates(String list, Map<String, Set<String>> out, String prefix) {
        for (String predicate : split(list)) {
            String p = predicate.strip();
            if (p.startsWith("'") || p.startsWith("const ")) {
                continue;
            }
            int colon = topLevelColon(p);
            if (colon > 0) {
                add(out, prefix + p.substring(0, colon).replaceAll("\\s+", ""), p.substring(colon + 1));
            }
        }
    }

    private static void add(Map<String, Set<String>> out, String subject, String boundText) {
        Set<String> set = out.computeIfAbsent(subject, k -> new LinkedHashSet<>());
        Matcher m = AUTO.matcher(boundText);
        while (m.find()) {
            set.add(m.group(1));
        }
        if (set.isEmpty()) {
            out.remove(subject);
        }
    }

    private static boolean stillThere(String subject, String newHeader) {
        String word = subject.startsWith("param ") ? subject.substring(6) : subject.equals("return") ? "->" : subject;
        if (word.equals("->")) {
            return newHeader.contains("->");
        }
        String head = word.replaceAll("[^\\w].*$", "");
        return !head.isEmpty() && Pattern.compile("\\b" + Pattern.quote(head) + "\\b").matcher(newHeader).find();
    }

    /** Comma-separated parts at depth 0 of {@code <>}, {@code ()} and {@code []}. */
    static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '<' || c == '(' || c == '[') {
                depth++;
            } else if ((c == '>' && (i == 0 || list.charAt(i - 1) != '-')) || c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(list.substring(from, i));
                from = i + 1;
            }
        }
        if (from < list.length() && !list.substring(from).isBlank()) {
            out.add(list.substring(from));
        }
        return out;
    }

    private static int topLevelColon(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<' || c == '(' || c == '[') {
                depth++;
            } else if ((c == '>' && (i == 0 || s.charAt(i - 1) != '-')) || c == ')' || c == ']') {
                depth--;
            } else if (c == ':' && depth == 0) {
                boolean path = (i + 1 < s.length() && s.charAt(i + 1) == ':') || (i > 0 && s.charAt(i - 1) == ':');
                if (!path) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static Finding finding(ChangedFile file, ItemOutline after, ItemOutline.Item now, ItemOutline.Kind kind,
                                   Map<String, Set<String>> lost) {
        List<String> parts = new ArrayList<>();
        lost.forEach((subject, gone) -> parts.add("`" + subject.replaceFirst("^param ", "") + ": "
                + String.join(" + ", gone) + "`"));
        String what = kind == ItemOutline.Kind.FN ? "fn `" + now.name() + "`"
                : "`" + now.key().replaceAll("^.*::(impl )", "$1").replaceAll("#\\d+$", "") + "`";
        int start = after.headerLine(now);
        int end = Math.max(start, after.line(now.bodyStart()));
        FindingBuilder b = FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .object(now.name())
                .title("Thread-safety bound removed from " + what + ": " + String.join(", ", parts))
                .explanation("The change drops " + String.join(", ", parts) + " from " + what + ". Safe code that moves "
                        + "these values to another thread (spawning, sending) needs the bound, so if the code still "
                        + "compiles the values either never cross a thread boundary or cross it through code the "
                        + "compiler does not check: a raw task, a wrapper with `unsafe impl Send`, `unsafe` pointer "
                        + "passing. In the second case a non-Send value (an `Rc`, a `RefCell` borrow, a thread-bound "
                        + "handle) can now reach another thread.")
                .check("Follow where " + what + " sends the values; keep the bound (for a spawned closure usually "
                        + "`F: FnOnce() -> R + Send + 'static, R: Send + 'static`) unless they provably stay on the "
                        + "calling thread.");
        lost.keySet().forEach(s -> b.object(s + " lost " + String.join("+", lost.get(s))));
        return b.build();
    }
}
