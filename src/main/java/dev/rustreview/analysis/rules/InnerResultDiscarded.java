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
 * ER5: work that returns a {@code Result} is run through something that wraps its outcome in a second
 * {@code Result} ({@code spawn_blocking}, {@code spawn}, a pool's {@code interact}, {@code catch_unwind},
 * {@code timeout}), and the chain then maps the outer {@code Ok} away with {@code .map(|_| ..)} before anything
 * unwraps the inner one. Only the wrapper's failure (a panic, a cancelled task, a timeout) is reported; the work's
 * own error becomes success. deadpool's diesel manager recycled broken connections that way until 5af2fcf5
 * flattened the inner result. The compiler is content: {@code Result<Result<..>>} mapped to {@code Result<()>} is
 * well typed, and {@code must_use} does not fire on a value that was used.
 */
public final class InnerResultDiscarded implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER5", RiskArea.ERRORS, Severity.MEDIUM, "inner Result mapped away",
            "In a non-test fn the change touches: a call to `spawn_blocking`, `spawn`, `spawn_local`, `interact`, "
                    + "`catch_unwind` or `timeout` whose closure or `async` block yields a `Result` (it ends in "
                    + "`Ok(..)`, `Err(..)` or `.map_err(..)`, or uses `?`), followed in the same chain by "
                    + "`.map(|_| ..)` or `.map(drop)` before a `?`, `.and_then(..)`, `.flatten()`, `.unwrap()` or "
                    + "`.expect(..)` takes the outer layer off.",
            "It reads one expression chain: a nested result stored in a variable and dropped later, or a wrapper of "
                    + "the crate's own with another name, is not seen.");

    private static final Pattern WRAPPER = Pattern.compile(
            "(?<![\\w])(spawn_blocking|spawn_local|spawn|interact|catch_unwind|timeout)\\s*\\(");
    private static final Pattern CLOSURE = Pattern.compile("(?:move\\s*)?\\|[^|]{0,200}\\|\\s*|\\basync\\s+(?:move\\s+)?\\{");
    private static final Pattern RESULT_TAIL = Pattern.compile(
            "(?s)(?:\\bOk\\s*\\(.*\\)|\\bErr\\s*\\(.*\\)|\\.\\s*map_err\\s*\\(.*\\))\\s*\\}?\\s*$");
    private static final Pattern STEP = Pattern.compile(
            "\\s*(?:\\.\\s*await\\b|\\?|\\.\\s*(\\w+)\\s*(?:::\\s*<[^>]{0,100}>\\s*)?\\()");
    private static final Pattern DISCARD = Pattern.compile("^\\s*(?:\\|\\s*_\\w*\\s*(?::[^|]{0,80})?\\|[^;]*|drop\\s*)\\)?$");
    private static final int MAX_PER_FN = 64;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.newText() == null || file.isTestPath()) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        Map<String, ItemOutline.Item> fns = new LinkedHashMap<>();
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            fns.put(fn.key(), fn);
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            fns.putIfAbsent(pair.now().key(), pair.now());
        }
        for (ItemOutline.Item fn : fns.values()) {
            if (after.inTest(fn)) {
                continue;
            }
            String body = after.body(fn);
            Matcher w = WRAPPER.matcher(body);
            int n = 0;
            while (w.find() && n++ < MAX_PER_FN) {
                int open = w.end() - 1;
                int close = RuleSupport.closing(body, open, '(', ')');
                if (close >= body.length() || !yieldsResult(body.substring(open + 1, close))) {
                    continue;
                }
                int discard = discardInChain(body, close + 1);
                if (discard < 0) {
                    continue;
                }
                int first = after.line(fn.bodyStart() + w.start());
                int line = after.line(fn.bodyStart() + discard);
                if (!RuleSupport.touched(file, first, line + 1)) {
                    continue;
                }
                String wrapper = w.group(1);
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn.name()).object("inner result of " + wrapper)
                        .title("`.map(|_| ..)` drops the inner `Result` of `" + wrapper + "` in `" + fn.name() + "`")
                        .explanation("The closure given to `" + wrapper + "` (line " + first + ") returns a `Result`, "
                                + "and `" + wrapper + "` wraps it in a second one (a panic, a cancelled task or a "
                                + "timeout is the outer error). Line " + line + " maps the outer `Ok` away while it "
                                + "still holds the inner `Result`, so the work's own error is reported as success: a "
                                + "failed query, write or ping reads as done.")
                        .check("Take the outer layer off first (`?`, `.and_then(|r| r)` or `.and_then(|r| "
                                + "r.map_err(..))`), then map; or say why the inner error may be ignored.")
                        .build());
            }
        }
        return out;
    }

    /** Whether the call's arguments hold a closure or async block whose value is a {@code Result}. */
    private static boolean yieldsResult(String args) {
        Matcher c = CLOSURE.matcher(args);
        if (!c.find()) {
            return false;
        }
        String body = args.substring(c.end());
        return body.contains("?") || RESULT_TAIL.matcher(body).find();
    }

    /** The offset of a {@code .map(|_| ..)} that discards the inner result in the chain from {@code from}, or -1. */
    private static int discardInChain(String body, int from) {
        int at = from;
        for (int steps = 0; steps < 32 && at < body.length(); steps++) {
            Matcher s = STEP.matcher(body).region(at, body.length());
            if (!s.lookingAt()) {
                return -1;
            }
            String method = s.group(1);
            if (s.group().strip().equals("?")) {
                return -1; // the outer layer is off: mapping the work's result keeps its error
            }
            if (method == null) {
                at = s.end();
                continue;
            }
            int close = RuleSupport.closing(body, s.end() - 1, '(', ')');
            if (close >= body.length()) {
                return -1;
            }
            switch (method) {
                case "and_then", "flatten", "unwrap", "expect", "unwrap_or_else", "unwrap_or", "unwrap_or_default" -> {
                    return -1;
                }
                case "map" -> {
                    if (DISCARD.matcher(body.substring(s.end(), close + 1)).find()) {
                        return s.start() + s.group().indexOf('.');
                    }
                    return -1;
                }
                default -> at = close + 1;
            }
        }
        return -1;
    }
}
