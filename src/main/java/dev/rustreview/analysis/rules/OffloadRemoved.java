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
 * CC36: a call the old code ran off the async worker ({@code block_in_place}, {@code spawn_blocking}) or with the
 * Python GIL released (pyo3's {@code allow_threads}, {@code py.detach}), directly or through a helper fn of the file
 * that does, now runs outside any of them in the same fn. rerun 91825937 reversed: {@code set_token} called tokio's
 * {@code blocking_write} without its {@code wrap_blocking_lock} (a {@code block_in_place} helper), which panics on a
 * runtime thread; rerun 7f72b232 reversed: {@code record_row} ran holding the GIL and deadlocked with a destructor
 * that takes the GIL on another thread.
 */
public final class OffloadRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC36", RiskArea.CONCURRENCY, Severity.HIGH,
            "call taken out of block_in_place or allow_threads",
            "In a non-test fn that stays, a call (`name(..)` or `.name(..)`, not awaited) that before the change "
                    + "ran only inside the closure of `block_in_place`, `spawn_blocking`, pyo3's `allow_threads` or "
                    + "`py.detach`, or inside the closure handed to a helper fn of the file whose body calls one of them, now "
                    + "runs on a line the change adds, outside all of them and not in a closure handed to another "
                    + "call (a runner the rule does not know).",
            "It pairs calls by name within one fn and finds helpers in the same file: a call moved to another fn, "
                    + "a helper from another file, or an offload moved up into every caller is not followed.");

    private static final Pattern WRAPPER = Pattern.compile(
            "(?<![\\w])(block_in_place|spawn_blocking|allow_threads|(?<=py\\s{0,4}\\.\\s{0,4})detach)\\s*\\(");
    private static final Pattern CALL = Pattern.compile("(?<![\\w])([a-z_]\\w{0,60})\\s*(?:::\\s*<[^<>()]*>\\s*)?\\(");
    private static final Pattern AWAITED = Pattern.compile("^\\s*\\.\\s*await\\b");
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("if", "while", "match", "for", "return",
            "in", "as", "move", "loop", "let", "fn", "else", "unsafe", "async", "await", "where", "impl");
    /** Result, Option and conversion adapters: they shape a value and never are the blocking work. */
    private static final java.util.Set<String> ADAPTERS = java.util.Set.of("map", "map_err", "and_then", "or_else",
            "ok", "err", "ok_or", "ok_or_else", "unwrap", "unwrap_or", "unwrap_or_else", "unwrap_or_default", "expect",
            "and", "or", "into", "from", "clone", "to_string", "to_owned", "as_ref", "as_mut", "iter", "collect",
            "len", "is_empty", "is_some", "is_none", "is_ok", "is_err", "new", "default");
    private static final int MAX_SPANS = 64;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        List<ItemOutline.FnPair> pairs = ItemOutline.changedFnPairs(file);
        if (pairs.isEmpty()) {
            return out;
        }
        Map<String, String> oldHelpers = helpers(ItemOutline.before(file));
        Map<String, String> newHelpers = helpers(ItemOutline.after(file));
        for (ItemOutline.FnPair pair : pairs) {
            String oldBody = pair.oldBody();
            if (!WRAPPER.matcher(oldBody).find() && oldHelpers.keySet().stream().noneMatch(oldBody::contains)) {
                continue;
            }
            List<Span> was = spans(oldBody, oldHelpers, pair.was().name());
            if (was.isEmpty()) {
                continue;
            }
            Map<String, Span> onlyInside = onlyInside(oldBody, was);
            String newBody = pair.newBody();
            List<Span> now = spans(newBody, newHelpers, pair.now().name());
            Matcher call = CALL.matcher(newBody);
            Finding first = null;
            int candidates = 0; // each candidate reads the rest of the body; a bound keeps a long fn linear
            while (call.find() && candidates < 16) {
                Span from = onlyInside.get(call.group(1));
                int open = call.end() - 1;
                int line = pair.after().line(pair.now().bodyStart() + call.start(1));
                if (from == null || inside(now, call.start()) || !file.added(line)) {
                    continue;
                }
                candidates++;
                int closure = closureArgument(newBody, call.start());
                if (closure >= 0 && file.added(pair.after().line(pair.now().bodyStart() + closure))) {
                    continue; // handed to a runner the change introduces, which this rule does not know
                }
                int close = RuleSupport.closing(newBody, open, '(', ')');
                if (close < newBody.length() && AWAITED.matcher(newBody.substring(close + 1)).find()) {
                    continue; // the work became a future: an async twin, not the blocking call
                }
                Finding f = finding(file, line, pair.now().name(), call.group(1), from);
                if (BLOCKING_NAME.matcher(call.group(1)).find()) {
                    first = f; // the call that blocks names the finding: ntpd-rs 9586e8a2 read `empty(..)` before
                    break;     // `load_native_certs(..)`
                }
                first = first != null ? first : f;
            }
            if (first != null) {
                out.add(first);
            }
        }
        return out;
    }

    /** A call whose name says it waits on the disk, the network or another thread. */
    private static final Pattern BLOCKING_NAME = Pattern.compile("(?i)load|read|write|open|connect|recv|wait|sleep|sync"
            + "|flush|join|lock|fetch|request|send|query|exec|resolve|copy|remove|create|dir|file|certs");

    /** A wrapper call in a body: its name, the kind of offload it does, and its argument list's offsets. */
    private record Span(String wrapper, String kind, int open, int close) {
    }

    /** The file's fns that call a wrapper, each with the wrapper it calls. */
    private static Map<String, String> helpers(ItemOutline outline) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ItemOutline.Item item : outline.items()) {
            if (item.kind() != ItemOutline.Kind.FN || outline.inTest(item)) {
                continue;
            }
            Matcher m = WRAPPER.matcher(outline.body(item));
            if (m.find()) {
                out.putIfAbsent(item.name(), m.group(1));
            }
        }
        return out;
    }

    private static List<Span> spans(String body, Map<String, String> helpers, String self) {
        List<Span> out = new ArrayList<>();
        Matcher m = WRAPPER.matcher(body);
        while (m.find() && out.size() < MAX_SPANS) {
            out.add(span(body, m.group(1), m.group(1), m.end() - 1));
        }
        Matcher c = CALL.matcher(body);
        while (c.find() && out.size() < MAX_SPANS) {
            String helper = helpers.get(c.group(1));
            if (helper != null && !c.group(1).equals(self)) {
                out.add(span(body, c.group(1), helper, c.end() - 1));
            }
        }
        return out;
    }

    /**
     * The span of the closure the wrapper call is handed, from its body's start to the call's end. Only a closure's
     * body runs inside the wrapper: the other arguments are evaluated by the caller before the call (old
     * {@code self.put(key, serialize(v))}, where {@code put} offloads its own work, never ran {@code serialize}
     * off the worker). Without a closure the span is empty.
     */
    private static Span span(String body, String wrapper, String kind, int open) {
        int close = RuleSupport.closing(body, open, '(', ')');
        int depth = 0;
        for (int i = open; i < close; i++) {
            char c = body.charAt(i);
            if (i > open && (c == '(' || c == '[' || c == '{')) {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && (i == open || c == ',')) {
                // a top-level argument starts after the paren or a comma: is it a closure?
                Matcher head = CLOSURE_ARGUMENT.matcher(body.substring(i + 1, close));
                if (head.lookingAt()) {
                    return new Span(wrapper, kind, i + head.end(), close);
                }
            }
        }
        // a block argument whose value is a closure: `spawn_blocking({ let p = p.clone(); move || .. })`
        Matcher tail = BLOCK_CLOSURE.matcher(body.substring(open, close));
        return tail.find() ? new Span(wrapper, kind, open + tail.end(), close) : new Span(wrapper, kind, close, close);
    }

    private static final Pattern BLOCK_CLOSURE = Pattern.compile("[{;]\\s*(?:move\\s*)?\\|[^|]{0,120}\\|");
    private static final Pattern CLOSURE_ARGUMENT = Pattern.compile("\\s*(?:move\\s*)?\\|[^|]{0,120}\\|");

    /**
     * Where the closure starts that holds the call and is handed to some call ({@code SyncWrapper::new(rt, move ||
     * ..)}), or -1. When the change adds that closure, the work went to another runner this rule does not know, not
     * back onto the caller's thread (deadpool f5067f99); a closure that was there before (an axum route's
     * {@code post(move |p| async move { .. })}, gitbutler 580583e5) runs the call where the offload used to.
     */
    private static int closureArgument(String body, int at) {
        int depth = 0;
        for (int i = at - 1, levels = 0; i >= 0 && levels < 6 && at - i < 4_000; i--) {
            char c = body.charAt(i);
            if (c == ')' || c == ']' || c == '}') {
                depth++;
            } else if ((c == '(' || c == '[' || c == '{') && depth > 0) {
                depth--;
            } else if (c == '[' || c == '{') {
                levels++;
            } else if (c == '(') {
                levels++;
                int start = argumentStart(body, i, at);
                Matcher closure = CLOSURE_ARGUMENT.matcher(body.substring(start, at));
                if (closure.lookingAt()) {
                    return start + closure.end() - closure.group().stripLeading().length();
                }
            }
        }
        return -1;
    }

    /** Where the top-level argument of the call whose list opens at {@code open} and that holds {@code at} starts. */
    private static int argumentStart(String body, int open, int at) {
        int start = open + 1;
        int depth = 0;
        for (int i = open + 1; i < at; i++) {
            char c = body.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                start = i + 1;
            }
        }
        return start;
    }

    private static boolean inside(List<Span> spans, int at) {
        return spans.stream().anyMatch(s -> at > s.open() && at < s.close());
    }

    /** Calls of the old body that only ever run inside a wrapper, each with the (first) wrapper holding it. */
    private static Map<String, Span> onlyInside(String body, List<Span> spans) {
        Map<String, Span> inside = new LinkedHashMap<>();
        java.util.Set<String> outside = new java.util.HashSet<>();
        Matcher c = CALL.matcher(body);
        while (c.find()) {
            String name = c.group(1);
            if (KEYWORDS.contains(name) || ADAPTERS.contains(name) || spans.stream().anyMatch(s -> s.wrapper().equals(name))) {
                continue;
            }
            Span holder = spans.stream().filter(s -> c.start() > s.open() && c.start() < s.close()).findFirst()
                    .orElse(null);
            if (holder == null) {
                outside.add(name);
            } else {
                inside.putIfAbsent(name, holder);
            }
        }
        outside.forEach(inside::remove);
        return inside;
    }

    private static Finding finding(ChangedFile file, int line, String fn, String call, Span from) {
        boolean gil = from.kind().equals("allow_threads") || from.kind().equals("detach");
        String where = from.wrapper().equals(from.kind()) ? "`" + from.wrapper() + "`"
                : "`" + from.wrapper() + "` (which runs its work in `" + from.kind() + "`)";
        String why = gil
                ? "Before the change `" + call + "(..)` ran inside " + where + ", with the Python GIL released. Now it "
                        + "runs holding the GIL: if it blocks (a full channel, a lock another thread holds while it "
                        + "waits for the GIL) or drops data whose destructor takes the GIL, this thread and the "
                        + "Python threads wait on each other."
                : "Before the change `" + call + "(..)` ran inside " + where + ", off the async runtime's worker. "
                        + "Now it runs directly: reached from async code, a blocking call stalls the worker and "
                        + "every task queued on it, and tokio's `blocking_*` methods and `block_on` panic on a "
                        + "runtime thread (\"Cannot block the current thread from within a runtime\").";
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(call)
                .title("`" + call + "(..)` no longer runs inside " + "`" + from.wrapper() + "` in `" + fn + "`")
                .explanation(why)
                .check(gil ? "Keep the call inside `allow_threads`, or show that it neither blocks nor drops "
                        + "Python-owned data."
                        : "Keep the call inside `" + from.wrapper() + "`, or show that no caller reaches this fn "
                        + "from async code.")
                .build();
    }
}
