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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ER14: a call with an effect written inside {@code debug_assert!}. Release builds compile the whole assertion
 * out, call included, so the effect happens only in debug builds and tests: isahc 2edd2927 reversed wrapped the
 * send that resolved each request's future in {@code debug_assert!(future.send(Ok(response)).is_ok())}, and in
 * release every request failed as cancelled. Tests, which run debug builds, pass.
 */
public final class EffectInDebugAssertion implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER14", RiskArea.ERRORS, Severity.MEDIUM, "effect inside debug_assert!",
            "A `debug_assert!`, `debug_assert_eq!` or `debug_assert_ne!` the change adds to a non-test fn calls a "
                    + "method that changes state (`send`, `insert`, `remove`, `push`, `pop`, `take`, `fill`, `set`, "
                    + "`cancel`, `store`, `fetch_add`, `compare_exchange`, `write`, `notify_one`, `wake` ...): release "
                    + "builds compile the assertion out with the call in it, so the effect and its error check "
                    + "happen only in debug builds.",
            "It knows methods by name, not by their `&mut self`: a pure method named like a mutator is reported, and "
                    + "a mutating method with another name is not.",
            "debug_assert_with_mut_call");

    private static final Pattern ASSERTION = Pattern.compile("\\bdebug_assert(?:_eq|_ne)?!\\s*\\(");
    private static final Pattern METHOD = Pattern.compile("\\.\\s*([a-z_]\\w*)\\s*(?:::\\s*<[^()]{0,80}>\\s*)?\\(");
    private static final Set<String> MUTATORS = Set.of("send", "try_send", "send_to", "fill", "set", "insert",
            "remove", "push", "push_back", "push_front", "pop", "pop_back", "pop_front", "take", "replace", "swap",
            "store", "cancel", "close", "write", "write_all", "flush", "clear", "truncate", "drain", "append",
            "extend", "retain", "notify_one", "notify_all", "notify_waiters", "wake", "wake_by_ref", "unpark",
            "register", "complete", "fetch_add", "fetch_sub", "fetch_or", "fetch_and", "fetch_xor", "fetch_update",
            "fetch_max", "fetch_min", "compare_exchange", "compare_exchange_weak", "compare_and_swap",
            "get_or_insert", "get_or_insert_with", "release", "shutdown", "abort", "kill", "spawn", "commit",
            "rollback", "submit", "unpause_read", "unpause_write");
    /** Lines of one assertion read at most: real ones span a few. */
    private static final int MAX_LINES = 6;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("debug_assert")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            List<PanickingTwinAdded.Line> added = PanickingTwinAdded.lines(after, fn, file::added);
            for (int i = 0; i < added.size(); i++) {
                Matcher a = ASSERTION.matcher(added.get(i).text());
                if (!a.find()) {
                    continue;
                }
                String args = arguments(added, i, a.end());
                Matcher m = METHOD.matcher(args);
                while (m.find()) {
                    if (MUTATORS.contains(m.group(1))) {
                        out.add(finding(file, fn.name(), call(args, m), m.group(1), added.get(i).number()));
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The assertion's argument text from {@code from}, over the added lines that follow it until it closes. */
    private static String arguments(List<PanickingTwinAdded.Line> added, int index, int from) {
        StringBuilder text = new StringBuilder(added.get(index).text().substring(from));
        int depth = 1;
        int scanned = 0;
        for (int line = index; ; ) {
            for (; scanned < text.length() && depth > 0; scanned++) {
                char c = text.charAt(scanned);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
            line++;
            if (depth <= 0 || line >= added.size() || line - index >= MAX_LINES
                    || added.get(line).number() != added.get(line - 1).last() + 1) {
                return depth <= 0 ? text.substring(0, Math.max(0, scanned - 1)) : text.toString();
            }
            text.append(' ').append(added.get(line).text().strip());
        }
    }

    /** The receiver and method of the call, as written ({@code future.send}). */
    private static String call(String args, Matcher method) {
        int start = method.start();
        while (start > 0 && (Character.isJavaIdentifierPart(args.charAt(start - 1)) || args.charAt(start - 1) == '.')) {
            start--;
        }
        return RuleSupport.squeezed(args.substring(start, method.start())) + "." + method.group(1);
    }

    private static Finding finding(ChangedFile file, String fn, String call, String method, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(call).object("debug_assert")
                .title("`" + call + "(..)` runs only in debug builds: it is inside `debug_assert!` in `" + fn + "`")
                .explanation("`" + call + "(..)` changes state (`" + method + "`), and it is written inside a "
                        + "`debug_assert!`, which release builds compile out entirely: the call is not made at all "
                        + "there, not merely unchecked. Debug builds and tests run it, so they pass, while the "
                        + "released program skips the effect (a future never resolved, an entry never inserted, a "
                        + "request never cancelled).")
                .check("Make the call unconditionally and assert on its result (`let r = " + call + "(..); "
                        + "debug_assert!(r.is_ok());`), or handle the error it returns.")
                .build();
    }
}
