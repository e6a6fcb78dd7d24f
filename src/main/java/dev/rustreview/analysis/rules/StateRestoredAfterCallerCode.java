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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PN6: state put right only if the caller's closure returns. A fn changes a field for the duration of a call into a
 * closure its caller supplied, and puts it back after the call with a plain statement:
 *
 * <ul>
 *   <li>set on entry and restored on exit: {@code self.epoch.store(busy)}, {@code f(..)}, {@code self.epoch.store(idle)}
 *   (left-right's read handle: a reader whose closure panicked never marked its epoch idle, and the writer waited
 *   for it forever);</li>
 *   <li>copied out into the value handed to the closure and written back after it: {@code let mut cursor =
 *   Cursor { current: self.current, .. }}, {@code f(&mut cursor)}, {@code self.current = cursor.current}
 *   (intrusive-rs's owning cursors: a closure that removed the current node and then panicked left the cursor
 *   pointing at freed memory).</li>
 * </ul>
 *
 * A closure may panic, and a panic can be caught ({@code catch_unwind}, a thread boundary, a task runtime), so the
 * write after the call is skipped while the value stays reachable. This is the "panic safety" class of the RustSec
 * advisories and of Rudra's unsafe-dataflow checker. A drop guard ({@code impl Drop} in the fn or a guard type of
 * the file it names, {@code scopeguard}, {@code defer!}) or {@code catch_unwind} in the fn counts as handling it.
 * Reported when the change makes the order (the call or the write after it is on an added line) and the fn before
 * the change did not already have the same unguarded pair. Test code is skipped.
 */
public final class StateRestoredAfterCallerCode implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN6", RiskArea.PANICS, Severity.MEDIUM,
            "state restored only if caller code returns",
            "A non-test fn calls a closure parameter (`f(..)`, `.map(f)`) between two writes to the same `self.` field "
                    + "or atomic (set before the call, restored after it), or copies a `self.` field into the value it "
                    + "hands the closure and writes it back after the call, with no drop guard or `catch_unwind` in "
                    + "the fn; reported when the change adds that order or removes the guard.",
            "It reads one fn's text: a guard made by a helper fn (not a type of this file) counts as no guard, a "
                    + "restore through a local reference is not seen, and it cannot tell whether anything reads the "
                    + "field after a caught panic.");

    /** A generic parameter bounded by a closure trait ({@code F: FnOnce(&T) -> R}, also in {@code where}). */
    private static final Pattern CLOSURE_GENERIC = Pattern.compile(
            "(?<![\\w:])([A-Z]\\w*)\\s*:\\s*(?:'\\w+\\s*\\+\\s*|\\?Sized\\s*\\+\\s*)*(?:\\w+::)*(?:Fn|FnMut|FnOnce)\\s*\\(");
    private static final Pattern FN_NAME = Pattern.compile("\\bfn\\s+\\w+\\s*");
    private static final Pattern CLOSURE_TYPE = Pattern.compile("\\b(?:Fn|FnMut|FnOnce)\\s*\\(");
    private static final Pattern PARAM = Pattern.compile("(?:\\bmut\\s+)?\\b(\\w+)\\s*:\\s*([^,()]*(?:\\([^()]*\\)[^,()]*)*)");
    private static final Pattern FIELD = Pattern.compile("\\bself(?:\\s*\\.\\s*[A-Za-z_]\\w*)+");
    private static final Pattern ASSIGN = Pattern.compile("^\\s*(?:[-+*/|&^]|<<|>>)?=(?![=>])");
    private static final Pattern ATOMIC_METHOD = Pattern.compile(
            "store|swap|fetch_\\w+|compare_exchange(?:_weak)?|compare_and_swap");
    private static final Pattern GUARD = Pattern.compile(
            "\\bDrop\\s+for\\b|\\bscopeguard\\b|\\bdefer!|\\bcatch_unwind\\b|(?<![\\w.])guard\\s*\\(|\\bon_unwind\\b");
    private static final Pattern DROP_IMPL = Pattern.compile("\\bimpl\\s*(?:<[^{;]*?>)?\\s*(?:[\\w:]+::)?Drop\\s+for\\s+(\\w+)");
    private static final Pattern IDENT = Pattern.compile("(?<![\\w.])[a-z_]\\w*");
    /** Closure parameters and fields read per fn: a fuzzed fn with thousands of them is not compared pairwise. */
    private static final int MAX_NAMES = 32;
    private static final int MAX_WRITES = 200;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<ItemOutline.Item> changed = ItemOutline.changedFns(file);
        if (changed.isEmpty()) {
            return List.of();
        }
        ItemOutline after = ItemOutline.after(file);
        ItemOutline before = file.oldText() == null ? null : ItemOutline.before(file);
        Map<String, ItemOutline.Item> oldFns = before == null ? Map.of() : before.byKey(ItemOutline.Kind.FN);
        Set<String> newGuardTypes = guardTypes(after.masked());
        Set<String> oldGuardTypes = before == null ? Set.of() : guardTypes(before.masked());
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.Item fn : changed) {
            String body = after.body(fn);
            Optional<Pair> pair = unguardedPair(fn.header(), body, newGuardTypes);
            if (pair.isEmpty()) {
                continue;
            }
            Pair p = pair.get();
            int callLine = after.line(fn.bodyStart() + p.callAt());
            int restoreLine = after.line(fn.bodyStart() + p.restoreAt());
            if (!file.added(callLine) && !file.added(restoreLine)) {
                continue;
            }
            ItemOutline.Item was = oldFns.get(fn.key());
            boolean guardRemoved = false;
            if (was != null) {
                String oldBody = before.body(was);
                if (unguardedPair(was.header(), oldBody, oldGuardTypes).filter(o -> o.field().equals(p.field())).isPresent()) {
                    continue; // the fn had the same unguarded pair before: not this change's doing
                }
                guardRemoved = isGuarded(oldBody, oldGuardTypes);
            }
            out.add(finding(file, fn.name(), p, restoreLine, guardRemoved));
        }
        return out;
    }

    /**
     * The first closure call of a fn whose field is written again after it (restore), with the same field written
     * before it (enter) or copied into the call's arguments (write-back), and no guard in the body.
     */
    static Optional<Pair> unguardedPair(String header, String body, Set<String> guardTypes) {
        Set<String> closures = closureParams(header);
        if (closures.isEmpty() || isGuarded(body, guardTypes)) {
            return Optional.empty();
        }
        int[] depth = depths(body);
        List<Write> writes = writes(body);
        if (writes.isEmpty()) {
            return Optional.empty();
        }
        for (String closure : closures) {
            Matcher call = Pattern.compile("(?<![\\w.:])" + Pattern.quote(closure) + "\\s*\\(|[(,]\\s*(?:&\\s*(?:mut\\s+)?)?"
                    + Pattern.quote(closure) + "\\s*[),]").matcher(body);
            if (!call.find()) {
                continue;
            }
            boolean direct = body.startsWith(closure, call.start());
            int open = direct ? body.indexOf('(', call.start()) : call.start();
            // A direct call ends at its own parenthesis; a closure passed on (`.map(f)`, `with(key, f)`) at the
            // parenthesis that closes the call it is an argument of.
            int end = direct || body.charAt(open) == '(' ? RuleSupport.closing(body, open, '(', ')')
                    : RuleSupport.closing("(" + body.substring(open + 1), 0, '(', ')') + open;
            String args = direct ? body.substring(open + 1, Math.max(open + 1, end)) : "";
            // The lowest brace depth between the call's end and each later write, kept as the writes go by.
            int lowest = Integer.MAX_VALUE;
            int from = end;
            for (Write restore : writes) {
                if (restore.at() < end) {
                    continue;
                }
                lowest = Math.min(lowest, lowest(depth, from, restore.at()));
                from = restore.at();
                // A write in a sibling `else` or a later `if` block is not on the way out of the call's block.
                if (lowest < depth[restore.at()]) {
                    continue;
                }
                boolean entered = writes.stream().anyMatch(w -> w.at() < call.start() && w.field().equals(restore.field()));
                boolean writtenBack = !args.isBlank() && readsFrom(restore.value(), args)
                        && Pattern.compile(fieldPattern(restore.field())).matcher(body.substring(0, call.start())).find();
                if (entered || writtenBack) {
                    return Optional.of(new Pair(closure, restore.field(), entered, call.start(), restore.at(),
                            RuleSupport.shorten(body.substring(call.start(), Math.min(body.length(), end + 1)))));
                }
            }
        }
        return Optional.empty();
    }

    record Pair(String closure, String field, boolean entered, int callAt, int restoreAt, String call) {
    }

    private record Write(String field, int at, String value) {
    }

    /** Parameters that are closures: {@code impl FnOnce(..)}, {@code &dyn Fn(..)}, or a generic bounded by one. */
    static Set<String> closureParams(String header) {
        Set<String> generics = new HashSet<>();
        Matcher g = CLOSURE_GENERIC.matcher(header);
        while (g.find() && generics.size() < MAX_NAMES) {
            generics.add(g.group(1));
        }
        Matcher name = FN_NAME.matcher(header);
        if (!name.find()) {
            return Set.of();
        }
        int at = name.end();
        if (at < header.length() && header.charAt(at) == '<') {
            at = ItemOutline.skipAngles(header, at); // `<F: FnMut(&T)>` has parentheses of its own
        }
        int open = header.indexOf('(', at);
        if (open < 0) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        Matcher p = PARAM.matcher(header.substring(open + 1, RuleSupport.closing(header, open, '(', ')')));
        int seen = 0;
        while (p.find() && seen++ < MAX_NAMES) {
            String type = p.group(2);
            if (CLOSURE_TYPE.matcher(type).find()
                    || generics.stream().anyMatch(n -> Pattern.compile("(?<![\\w:])" + n + "(?![\\w:])").matcher(type).find())) {
                out.add(p.group(1));
            }
        }
        return out;
    }

    /** Writes to {@code self.} fields: assignments and compound assignments, atomic stores and read-modify-writes. */
    private static List<Write> writes(String body) {
        List<Write> out = new ArrayList<>();
        Matcher f = FIELD.matcher(body);
        while (f.find() && out.size() < MAX_WRITES) {
            if (f.start() > 0 && (Character.isJavaIdentifierPart(body.charAt(f.start() - 1)) || body.charAt(f.start() - 1) == '.')) {
                continue;
            }
            String path = f.group().replaceAll("\\s+", "");
            int after = f.end();
            while (after < body.length() && Character.isWhitespace(body.charAt(after))) {
                after++;
            }
            if (after < body.length() && body.charAt(after) == '(') {
                // `self.epoch.store(..)`: the last segment is the method, the field is what comes before it.
                int dot = path.lastIndexOf('.');
                if (dot > "self".length() && ATOMIC_METHOD.matcher(path.substring(dot + 1)).matches()) {
                    out.add(new Write(path.substring(0, dot), f.start(), ""));
                }
                continue;
            }
            String rest = body.substring(f.end(), Math.min(body.length(), f.end() + 8));
            if (ASSIGN.matcher(rest).find()) {
                int semi = body.indexOf(';', f.end());
                out.add(new Write(path, f.start(), body.substring(f.end(), semi < 0 ? body.length() : semi)));
            }
        }
        return out;
    }

    private static boolean isGuarded(String body, Set<String> guardTypes) {
        if (GUARD.matcher(body).find()) {
            return true;
        }
        for (String type : guardTypes) {
            if (Pattern.compile("(?<![\\w:])" + Pattern.quote(type) + "\\b").matcher(body).find()) {
                return true;
            }
        }
        return false;
    }

    /** The types of the file with a {@code Drop} impl: naming one in a fn is taken as a guard. */
    private static Set<String> guardTypes(String masked) {
        Set<String> out = new HashSet<>();
        Matcher m = DROP_IMPL.matcher(masked);
        while (m.find() && out.size() < 256) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Whether the value written names a local that the closure was given ({@code cursor.current} after {@code f(&mut cursor)}). */
    private static boolean readsFrom(String value, String args) {
        Set<String> given = new HashSet<>();
        Matcher a = IDENT.matcher(args);
        while (a.find()) {
            if (!a.group().equals("mut") && !a.group().equals("self")) {
                given.add(a.group());
            }
        }
        Matcher v = IDENT.matcher(value);
        while (v.find()) {
            if (given.contains(v.group())) {
                return true;
            }
        }
        return false;
    }

    private static String fieldPattern(String field) {
        return "(?<![\\w.])" + String.join("\\s*\\.\\s*", java.util.Arrays.stream(field.split("\\."))
                .map(Pattern::quote).toList()) + "(?![\\w(])";
    }

    /** Brace depth before each offset. */
    private static int[] depths(String body) {
        int[] out = new int[body.length() + 1];
        int d = 0;
        for (int i = 0; i < body.length(); i++) {
            out[i] = d;
            char c = body.charAt(i);
            d += c == '{' ? 1 : c == '}' ? -1 : 0;
        }
        out[body.length()] = d;
        return out;
    }

    private static int lowest(int[] depth, int from, int to) {
        int out = Integer.MAX_VALUE;
        for (int i = Math.max(0, from); i < to && i < depth.length; i++) {
            out = Math.min(out, depth[i]);
        }
        return out;
    }


    private static Finding finding(ChangedFile file, String fn, Pair p, int line, boolean guardRemoved) {
        String shape = p.entered()
                ? "`" + fn + "` sets `" + p.field() + "` before calling `" + p.closure() + "` and restores it after"
                : "`" + fn + "` hands `" + p.closure() + "` a copy of `" + p.field() + "` and writes it back after";
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object("`" + fn + "`").object(p.field())
                .title(shape + (guardRemoved ? ", and the change removed its drop guard" : ""))
                .explanation("`" + p.call() + "` runs code the caller supplied, which may panic. The write to `"
                        + p.field() + "` after it is a plain statement, so an unwinding panic skips it, and a panic can "
                        + "be caught (`catch_unwind`, a thread's join, a task runtime) while `self` stays reachable: "
                        + "the field keeps the value it had during the call. "
                        + (p.entered() ? "A flag or epoch that says \"busy\" stays busy, and whoever waits for it "
                        + "waits forever." : "A position or length copied out may no longer be valid after what the "
                        + "closure did (a node removed and freed), and later calls use it.")
                        + (guardRemoved ? " Before the change a drop guard made the restore happen on unwinding too." : ""))
                .check("Restore `" + p.field() + "` in a drop guard (a small struct whose `Drop` writes it, or "
                        + "`scopeguard`), or show that nothing reads it after a caught panic.")
                .build();
    }
}
