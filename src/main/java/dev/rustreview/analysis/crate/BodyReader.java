package dev.rustreview.analysis.crate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fn body read from tokens: lock acquisitions with the stretch of tokens their guard lives for (a
 * {@code let} guard to the end of its block or its {@code drop}, a {@code match}/{@code if let}/
 * {@code while let}/{@code for} scrutinee guard to the end of the body it heads, any other temporary to the end
 * of its statement), calls, and calls or locks made while a guard lives.
 */
final class BodyReader {

    private static final Set<String> LOCK_METHODS = Set.of("lock", "read", "write", "try_lock", "try_read",
            "try_write", "borrow_mut", "lock_owned", "read_owned", "write_owned", "blocking_lock");
    private static final Set<String> KEYWORDS = Set.of("if", "while", "match", "for", "return", "loop", "fn", "in",
            "let", "move", "async", "await", "as", "else", "where", "unsafe", "impl", "dyn", "ref", "mut", "break",
            "continue", "yield", "box", "pub", "crate", "self", "super", "Self", "Some", "Ok", "Err", "None");
    private static final Set<String> PANIC_MACROS = Set.of("panic", "unreachable", "todo", "unimplemented",
            "assert", "assert_eq", "assert_ne");
    private static final Set<String> AWAIT_MACROS = Set.of("select", "join", "try_join");
    private static final Set<String> BLOCKING_METHODS = Set.of("blocking_recv", "blocking_send", "blocking_lock",
            "blocking_read", "blocking_write", "block_on");

    /** Tokens a statement may span before it is taken as pathological (see {@link #statementStart}). */
    private static final int MAX_STATEMENT = 2_000;

    private final Tokens t;
    private final int[] match;
    private final int[] lines;
    private final LexicalTypes types;
    private final String selfType;
    private final Map<String, String> locals = new HashMap<>();
    private final Set<String> params;
    /** Untyped locals that stand for a place: a guard ({@code g} is {@code self.m} + deref), an element. */
    private final Map<String, Refs.Place> places = new HashMap<>();

    /** A guard alive over tokens {@code (from, to]}; {@code name} for a let guard. */
    private record Live(FnFacts.Acquire acquire, int from, int to, String name) {
    }

    BodyReader(Tokens t, int[] match, int[] lines, LexicalTypes types, String selfType, Map<String, String> params) {
        this.t = t;
        this.match = match;
        this.lines = lines;
        this.types = types;
        this.selfType = selfType;
        this.locals.putAll(params);
        this.params = Set.copyOf(params.keySet());
    }

    FnFacts read(String key, String path, int line, boolean async, boolean test, int open, int close) {
        List<FnFacts.Acquire> acquires = new ArrayList<>();
        List<Refs.CallRef> calls = new ArrayList<>();
        List<FnFacts.HeldCall> heldCalls = new ArrayList<>();
        List<FnFacts.Nested> nested = new ArrayList<>();
        List<Refs.CallRef> forwards = new ArrayList<>();
        List<Live> live = new ArrayList<>();
        String panics = null;
        String blocks = null;
        boolean awaits = async;
        boolean notifies = false;
        String wakes = null;
        String atomic = null;
        for (int i = open + 1; i < close; i++) {
            if (t.is(i, "let")) {
                letType(i, close);
            }
            if (t.is(i, "|") && t.kind(i + 1) == Tokens.IDENT && t.is(i + 2, "|") && t.is(i - 1, "(")
                    && t.kind(i - 2) == Tokens.IDENT && t.is(i - 3, ".") && Refs.ELEMENT_ADAPTERS.contains(t.text(i - 2))) {
                bindElement(t.text(i + 1), iterated(i - 4, false));
            }
            if (t.is(i, "for") && t.kind(i + 1) == Tokens.IDENT && t.is(i + 2, "in")) {
                int end = i + 3;
                while (end < close && !t.is(end, "{")) {
                    end = (t.is(end, "(") || t.is(end, "[")) && match[end] > 0 ? match[end] + 1 : end + 1;
                }
                int from = t.is(i + 3, "&") ? i + 4 : i + 3;
                bindElement(t.text(i + 1), end - 1 >= from ? iteratedFrom(from, end - 1) : null);
            }
            if (t.is(i, "drop") && t.is(i + 1, "(") && t.kind(i + 2) == Tokens.IDENT && t.is(i + 3, ")")) {
                String dropped = t.text(i + 2);
                int at = i;
                live.replaceAll(l -> dropped.equals(l.name()) && l.to() > at ? new Live(l.acquire(), l.from(), at, null) : l);
            }
            if (t.is(i, ".") && t.is(i + 1, "await")) {
                awaits = true;
                continue;
            }
            if (t.kind(i) == Tokens.IDENT && t.is(i + 1, "!") && !t.is(i - 1, ".")) {
                String macro = t.text(i);
                if (panics == null && PANIC_MACROS.contains(macro)) {
                    panics = macro + "!";
                }
                awaits |= AWAIT_MACROS.contains(macro);
                continue;
            }
            boolean method = t.is(i, ".") && t.kind(i + 1) == Tokens.IDENT && t.is(i + 2, "(");
            boolean pathCall = t.kind(i) == Tokens.IDENT && t.is(i + 1, "(") && !t.is(i - 1, ".")
                    && !t.is(i - 1, "fn") && !KEYWORDS.contains(t.text(i));
            if (!method && !pathCall) {
                continue;
            }
            int at = method ? i + 1 : i;
            String name = t.text(at);
            int argsEnd = match[at + 1] < 0 ? at + 1 : match[at + 1];
            if (method && LOCK_METHODS.contains(name) && argsEnd == at + 2) {
                Refs.Place place = receiver(i - 1);
                FnFacts.Acquire a = new FnFacts.Acquire(place, name, LockOrigin.UNKNOWN,
                        !name.contains("read") && !name.equals("borrow"), t.line(at, lines));
                acquires.add(a);
                for (Live l : live) {
                    if (i > l.from() && i <= l.to()) {
                        nested.add(new FnFacts.Nested(l.acquire(), a));
                    }
                }
                Live guard = guard(a, i, argsEnd, close);
                int handed = guard == null ? paramCalledWith(i, open) : -1;
                if (handed >= 0) {
                    // `writer(&mut self.0.write())`: the temporary guard lives while the parameter runs.
                    heldCalls.add(new FnFacts.HeldCall(a, new Refs.CallRef(null, t.text(handed), t.text(handed),
                            t.text(handed) + "(..)"), t.line(handed, lines)));
                }
                if (guard != null) {
                    live.add(guard);
                    if (guard.name() != null && place.base() != null) {
                        places.put(guard.name(), place.withFields(List.of(Refs.DEREF)));
                    }
                }
                continue;
            }
            Refs.CallRef call;
            if (method) {
                call = new Refs.CallRef(receiver(i - 1), null, name, t.compact(Math.max(open + 1, i - 3), argsEnd));
                if (name.equals("notify_one") || name.equals("notify_all") || name.equals("notify_waiters")) {
                    notifies = true;
                }
                if ((name.equals("unwrap") || name.equals("expect")) && panics == null && !afterLock(i - 1)) {
                    panics = "." + name + "()";
                }
                if (atomic == null && orderingArgument(at + 1, argsEnd)) {
                    atomic = t.compact(Math.max(open + 1, i - 3), argsEnd);
                }
                if (wakes == null && (name.equals("wake") || name.equals("wake_by_ref")) && argsEnd == at + 2) {
                    wakes = "." + name + "()";
                }
                if (blocks == null && BLOCKING_METHODS.contains(name)) {
                    blocks = "." + name + "()";
                }
                if (t.is(i - 1, "self") && !t.is(i - 2, "::") && !t.is(i - 2, ".") && forwardsParam(at + 1, argsEnd)) {
                    forwards.add(call);
                }
            } else {
                if (Character.isUpperCase(name.charAt(0)) && !t.is(i - 1, "::")) {
                    continue;
                }
                String callPath = path(i);
                if (callPath.startsWith("Self::") && selfType != null) {
                    callPath = selfType + callPath.substring(4);
                }
                call = new Refs.CallRef(null, callPath, name, callPath + "(..)");
                if (blocks == null && isBlockingPath(callPath)
                        && !(t.is(argsEnd + 1, ".") && t.is(argsEnd + 2, "await"))) {
                    blocks = callPath + "(..)";
                }
            }
            calls.add(call);
            for (Live l : live) {
                if (i > l.from() && i <= l.to()) {
                    heldCalls.add(new FnFacts.HeldCall(l.acquire(), call, t.line(at, lines)));
                }
            }
        }
        return new FnFacts(key, path, line, async, test, acquires, calls, heldCalls, nested, panics, blocks, awaits,
                notifies, wakes, atomic, false, false, List.copyOf(forwards));
    }

    /**
     * The token of a parameter called with the lock call at {@code dot} among its arguments
     * ({@code writer(&mut self.0.write())}), or -1.
     */
    private int paramCalledWith(int dot, int open) {
        for (int k = dot - 1; k > open && k > dot - 64; k--) {
            if ((t.is(k, ")") || t.is(k, "]")) && match[k] >= 0 && match[k] < k) {
                k = match[k];
            } else if (t.is(k, "(")) {
                return t.kind(k - 1) == Tokens.IDENT && params.contains(t.text(k - 1)) && !t.is(k - 2, ".")
                        && !t.is(k - 2, "::") ? k - 1 : -1;
            } else if (t.is(k, ";") || t.is(k, "{") || t.is(k, "}")) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Whether the arguments {@code (open, end)} call one of the fn's parameters ({@code |ctx| reader(ctx)}) or pass
     * one on whole ({@code self.write(reader)}).
     */
    private boolean forwardsParam(int open, int end) {
        for (int k = open + 1; k < end; k++) {
            if (t.kind(k) != Tokens.IDENT || !params.contains(t.text(k)) || t.is(k - 1, ".") || t.is(k - 1, "::")) {
                continue;
            }
            if (t.is(k + 1, "(") || (t.is(k - 1, "(") || t.is(k - 1, ",")) && (t.is(k + 1, ")") || t.is(k + 1, ","))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the arguments {@code (open, end)} name a memory {@code Ordering} (an atomic operation). */
    private boolean orderingArgument(int open, int end) {
        for (int k = open + 1; k < end; k++) {
            if (t.kind(k) == Tokens.IDENT && t.text(k).matches("Ordering|SeqCst|Acquire|Release|AcqRel|Relaxed")) {
                return true;
            }
        }
        return false;
    }

    private boolean isBlockingPath(String path) {
        String full = types.resolve(path);
        return full.equals("std::thread::sleep") || full.startsWith("std::fs::") && !BlockingPaths.fsBuilder(full)
                || full.startsWith("std::net::")
                || full.equals("futures::executor::block_on") || full.startsWith("reqwest::blocking::");
    }

    /** Whether the token before a {@code .unwrap} closes a lock call ({@code .lock().unwrap()}, the poisoning idiom). */
    private boolean afterLock(int before) {
        return t.is(before, ")") && t.is(before - 1, "(") && LOCK_METHODS.contains(t.text(before - 2));
    }

    /** {@code a::b::f} ending at token {@code i}. */
    private String path(int i) {
        int k = i;
        while (k >= 2 && t.is(k - 1, "::") && t.kind(k - 2) == Tokens.IDENT) {
            k -= 2;
        }
        return t.compact(k, i);
    }

    /** A tuple field's index ({@code self.0}): a literal of digits only. */
    private boolean tupleIndex(int k) {
        return t.kind(k) == Tokens.LITERAL && t.text(k).chars().allMatch(Character::isDigit);
    }

    /** The place a method's receiver ending at token {@code end} names: {@code self.a.b}, {@code pool.shared}. */
    private Refs.Place receiver(int end) {
        List<String> fields = new ArrayList<>();
        int k = end;
        for (int step = 0; step < 64; step++) {
            while (k >= 2 && (t.kind(k) == Tokens.IDENT || tupleIndex(k)) && t.is(k - 1, ".")) {
                fields.add(0, t.text(k));
                k -= 2;
            }
            if (t.is(k, "?") && k > 0) {
                k--; // `self.inner.as_ref()?.lock()`
            } else if (t.is(k, "]") && match[k] > 1 && match[k] < k && t.kind(match[k] - 1) == Tokens.IDENT) {
                // `self.mutation_lock[i].lock()`: an element of the collection field, as Refs.place reads it
                // (garage e4c9a8cd reversed: the accessor that locks one of the per-hash mutexes)
                fields.add(0, Refs.ELEMENT);
                k = match[k] - 1;
            } else if (t.is(k, ")") && match[k] > 2 && match[k] < k && t.kind(match[k] - 1) == Tokens.IDENT
                    && t.is(match[k] - 2, ".") && Refs.PLACE_ADAPTERS.contains(t.text(match[k] - 1))) {
                k = match[k] - 3; // `.clone()`, `.as_ref()`, `.expect("..")`: the same place
            } else {
                break;
            }
        }
        String text = t.compact(Math.max(0, k), end);
        if (t.kind(k) == Tokens.IDENT && places.containsKey(t.text(k)) && !t.is(k - 1, "::") && !t.is(k - 1, ".")) {
            Refs.Place p = places.get(t.text(k)).withFields(fields);
            return new Refs.Place(p.base(), p.fields(), text);
        }
        if (t.is(k, "self") && !t.is(k - 1, "::")) {
            return new Refs.Place(selfType, fields, text);
        }
        if (t.kind(k) == Tokens.IDENT && !t.is(k - 1, "::") && !t.is(k - 1, ".")) {
            String type = locals.get(t.text(k));
            return new Refs.Place(type == null ? null : Refs.typeHead(type), fields, text);
        }
        return new Refs.Place(null, fields, text);
    }

    private void bindElement(String name, Refs.Place element) {
        if (element != null && element.base() != null) {
            places.put(name, element);
        } else {
            places.remove(name);
        }
    }

    /**
     * One element of what the expression ending at token {@code end} iterates: {@code self.shards.iter()}
     * (through {@code filter}/{@code skip}/{@code rev}-like adapters); with {@code bare}, a field chain itself
     * ({@code for s in &self.shards}).
     */
    private Refs.Place iterated(int end, boolean bare) {
        int k = end;
        for (int step = 0; step < 6 && k > 2; step++) {
            if (t.is(k, ")") && match[k] > 2 && t.kind(match[k] - 1) == Tokens.IDENT && t.is(match[k] - 2, ".")) {
                String m = t.text(match[k] - 1);
                if (Refs.ITERATORS.contains(m)) {
                    return receiver(match[k] - 3).withFields(List.of(Refs.ELEMENT));
                }
                if (!m.matches("filter|skip|take|rev|skip_while|take_while|step_by|by_ref")) {
                    return null;
                }
                k = match[k] - 3;
                continue;
            }
            break;
        }
        if (bare && t.kind(k) == Tokens.IDENT) {
            return receiver(k).withFields(List.of(Refs.ELEMENT));
        }
        return null;
    }

    /** {@link #iterated} for a {@code for} loop's expression over tokens {@code [from, end]}: nothing else in it. */
    private Refs.Place iteratedFrom(int from, int end) {
        int k = end;
        while (k > from) {
            if ((t.is(k, ")") || t.is(k, "]")) && match[k] >= from) {
                k = match[k] - 1;
            } else if (t.is(k, ".") || t.kind(k) == Tokens.IDENT) {
                k--;
            } else {
                return null;
            }
        }
        boolean bare = !t.is(end, ")");
        return t.is(from, "self") || t.kind(from) == Tokens.IDENT ? iterated(end, bare) : null;
    }

    /** {@code let x: T = ..} or {@code let x = T::new(..)}: the local's type, for later receivers. */
    private void letType(int i, int close) {
        int n = i + 1;
        if (t.is(n, "mut")) {
            n++;
        }
        if (t.kind(n) != Tokens.IDENT) {
            return;
        }
        String name = t.text(n);
        places.remove(name);
        if (t.is(n + 1, ":")) {
            int k = n + 2;
            while (k < close && !t.is(k, "=") && !t.is(k, ";")) {
                k++;
            }
            locals.put(name, t.compact(n + 2, k - 1));
        } else if (t.is(n + 1, "=")) {
            int k = n + 2;
            while (t.is(k + 1, "::") && t.kind(k) == Tokens.IDENT && (t.is(k, "Arc") || t.is(k, "Rc")
                    || t.is(k, "Box")) && t.is(k + 3, "(")) {
                k += 4;
            }
            if (t.kind(k) == Tokens.IDENT && Character.isUpperCase(t.text(k).charAt(0)) && t.is(k + 1, "::")) {
                locals.put(name, t.text(k));
            } else {
                locals.remove(name);
            }
        }
    }

    /**
     * How long the guard of a lock call (receiver ending at the {@code .}, arguments closing at
     * {@code argsEnd}) lives, or null when it dies with its statement.
     */
    private Live guard(FnFacts.Acquire a, int dot, int argsEnd, int close) {
        int k = argsEnd + 1;
        while (true) {
            if (t.is(k, "?")) {
                k++;
            } else if (t.is(k, ".") && (t.is(k + 1, "unwrap") || t.is(k + 1, "expect") || t.is(k + 1, "unwrap_or_else")
                    || t.is(k + 1, "map_err")) && t.is(k + 2, "(")) {
                // As Locks peels them: `.unwrap_or_else(PoisonError::into_inner)` recovers the guard of a poisoned lock.
                k = (match[k + 2] < 0 ? k + 2 : match[k + 2]) + 1;
            } else if (t.is(k, ".") && t.is(k + 1, "await")) {
                k += 2;
            } else {
                break;
            }
        }
        int stmt = statementStart(dot);
        if (t.is(stmt, "let") && t.is(k, ";")) {
            int n = t.is(stmt + 1, "mut") ? stmt + 2 : stmt + 1;
            String name = t.kind(n) == Tokens.IDENT && (t.is(n + 1, "=") || t.is(n + 1, ":")) ? t.text(n) : null;
            return new Live(a, k, blockEnd(stmt, close), name);
        }
        for (int h = stmt; h < dot; h++) {
            boolean head = t.is(h, "match") || t.is(h, "for") || (t.is(h, "if") && t.is(h + 1, "let"))
                    || (t.is(h, "while") && t.is(h + 1, "let"));
            if (head) {
                int body = k;
                while (body < close && !t.is(body, "{") && !t.is(body, ";")) {
                    body = t.is(body, "(") || t.is(body, "[") ? Math.max(body + 1, match[body] + 1) : body + 1;
                }
                if (t.is(body, "{") && match[body] > 0) {
                    return new Live(a, body, match[body], null);
                }
            }
        }
        return null;
    }

    /**
     * The first token of the statement holding token {@code i}: after the last {@code ;}, {@code {} or {@code }}.
     * A statement is looked for at most {@link #MAX_STATEMENT} tokens back (then {@code i} itself is the start, so
     * the guard dies with its expression): each lock call scans its statement, and a generated chain of thousands
     * of calls in one statement made that quadratic.
     */
    private int statementStart(int i) {
        int k = i - 1;
        int floor = i - MAX_STATEMENT;
        while (k >= 0) {
            if (k < floor) {
                return i;
            }
            if (t.is(k, ";") || t.is(k, "{") || t.is(k, "}")) {
                return k + 1;
            }
            if ((t.is(k, ")") || t.is(k, "]")) && match[k] >= 0) {
                k = match[k] - 1;
                continue;
            }
            k--;
        }
        return 0;
    }

    /** The closing brace of the block holding token {@code i}. */
    private int blockEnd(int i, int close) {
        int k = i - 1;
        int depth = 0;
        while (k >= 0) {
            if (t.is(k, "}")) {
                depth++;
            } else if (t.is(k, "{")) {
                if (depth == 0) {
                    return match[k] < 0 ? close : match[k];
                }
                depth--;
            }
            k--;
        }
        return close;
    }
}
