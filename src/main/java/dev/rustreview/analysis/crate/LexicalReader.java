package dev.rustreview.analysis.crate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a file's {@link FileFacts} from tokens: items (modules, structs with their field types, type aliases,
 * statics, impl blocks, fns) by matching brackets, then each fn body with {@link BodyReader}. About a hundred
 * times cheaper than a syntax tree, which is what lets the index read a whole workspace; the changed files'
 * own rules still work on their trees.
 */
public final class LexicalReader {

    private final Tokens t;
    private final int[] match;
    private final int[] lines;
    private final String path;
    private final boolean testPath;
    private final LexicalTypes types;
    private final Map<String, List<FileFacts.Field>> structs = new LinkedHashMap<>();
    private final Map<String, FileFacts.Field> aliases = new HashMap<>();
    private final Map<String, FileFacts.Field> statics = new HashMap<>();
    private final List<FnFacts> fns = new ArrayList<>();
    private final Map<String, FileFacts.LockMacro> lockMacros = new HashMap<>();
    private final Map<String, String> derefs = new HashMap<>();

    private LexicalReader(String path, String text, boolean testPath) {
        this.t = Tokens.of(text);
        this.match = brackets(t);
        this.lines = t.lineStarts();
        this.path = path;
        this.testPath = testPath;
        this.types = new LexicalTypes(t);
    }

    /** The facts of one file; {@code testPath} marks every fn as test code. */
    public static FileFacts read(String path, String text, boolean testPath) {
        LexicalReader r = new LexicalReader(path, text, testPath);
        r.items(0, r.t.size(), null, testPath, 0);
        return new FileFacts(path, r.structs, r.aliases, r.statics, r.fns, r.lockMacros, r.derefs);
    }

    /** For every opening bracket the index of its closing one (and back); -1 when unbalanced. */
    private static int[] brackets(Tokens t) {
        int[] m = new int[t.size()];
        java.util.Arrays.fill(m, -1);
        int[] stack = new int[Math.max(16, t.size())];
        int sp = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.kind(i) != Tokens.PUNCT) {
                continue;
            }
            if (t.is(i, "{") || t.is(i, "(") || t.is(i, "[")) {
                stack[sp++] = i;
            } else if (t.is(i, "}") || t.is(i, ")") || t.is(i, "]")) {
                if (sp > 0) {
                    int open = stack[--sp];
                    m[open] = i;
                    m[i] = open;
                }
            }
        }
        return m;
    }

    private int close(int open, int limit) {
        int c = match[open];
        return c < 0 || c > limit ? limit : c;
    }

    private int line(int token) {
        return t.line(Math.min(token, t.size() - 1), lines);
    }

    private void items(int from, int to, String selfType, boolean test, int depth) {
        boolean pendingTest = false;
        int i = from;
        while (i < to) {
            if (t.is(i, "#") && (t.is(i + 1, "[") || (t.is(i + 1, "!") && t.is(i + 2, "[")))) {
                int open = t.is(i + 1, "[") ? i + 1 : i + 2;
                int end = close(open, to - 1);
                if (TestCode.isTestAttribute("#[" + t.compact(open + 1, end - 1) + "]")) {
                    pendingTest = true;
                }
                i = end + 1;
                continue;
            }
            if (t.kind(i) != Tokens.IDENT) {
                if (t.is(i, "{")) {
                    i = close(i, to - 1) + 1;
                    pendingTest = false;
                } else {
                    if (t.is(i, ";")) {
                        pendingTest = false;
                    }
                    i++;
                }
                continue;
            }
            String word = t.text(i);
            int next = switch (word) {
                case "mod", "trait" -> container(i, to, test || pendingTest, depth, word.equals("trait"));
                case "impl" -> impl(i, to, test || pendingTest, depth);
                case "struct", "union" -> struct(i, to);
                case "type" -> alias(i, to);
                case "static" -> staticItem(i, to);
                case "fn" -> fn(i, to, selfType, test || pendingTest);
                case "macro_rules" -> macroRules(i, to);
                default -> -1;
            };
            if (next >= 0) {
                pendingTest = false;
                i = Math.max(next, i + 1);
            } else {
                i++;
            }
        }
    }

    /** Lock methods a macro may call on its argument; the first plain one names the acquisition. */
    private static final List<String> MACRO_LOCK_METHODS = List.of("lock", "read", "write", "try_lock", "try_read",
            "try_write");
    /** Tokens of a macro read as a lock macro at most: such macros are one or two lines. */
    private static final int MAX_LOCK_MACRO_TOKENS = 120;

    /**
     * {@code macro_rules! zread { ($var:expr) => { $var.read().unwrap() }; }}: a small macro with one metavariable
     * whose expansion calls a lock method on it is recorded as a lock macro (a try-then-block body,
     * {@code if let Ok(g) = $var.try_write() { g } else { $var.write().unwrap() }}, takes the blocking method).
     */
    private int macroRules(int i, int to) {
        int next = skipBlock(i, to);
        if (!t.is(i + 1, "!") || t.kind(i + 2) != Tokens.IDENT || next - i > MAX_LOCK_MACRO_TOKENS) {
            return next;
        }
        java.util.Set<String> vars = new java.util.HashSet<>();
        String method = null;
        boolean awaited = false;
        for (int j = i + 3; j < next; j++) {
            // `$var` is one identifier token (the tokenizer reads `$` as Java does).
            boolean metavariable = t.kind(j) == Tokens.IDENT && t.text(j).startsWith("$") && t.text(j).length() > 1;
            if (metavariable && t.is(j + 1, ":")) {
                vars.add(t.text(j));
            }
            if (metavariable && t.is(j + 1, ".") && t.kind(j + 2) == Tokens.IDENT
                    && t.is(j + 3, "(") && t.is(j + 4, ")") && MACRO_LOCK_METHODS.contains(t.text(j + 2))) {
                String m = t.text(j + 2);
                if (method == null || method.startsWith("try_") && !m.startsWith("try_")) {
                    method = m;
                }
            }
            awaited |= t.is(j, ".") && t.is(j + 1, "await");
        }
        if (method != null && vars.size() == 1) {
            lockMacros.put(t.text(i + 2), new FileFacts.LockMacro(method, awaited));
        }
        return next;
    }

    /** {@code type Target = DbStatsInner;} in an {@code impl Deref for ..} block: the target's type text. */
    private java.util.Optional<String> derefTarget(int from, int to) {
        for (int k = from; k + 3 < to; k++) {
            if (t.is(k, "type") && t.is(k + 1, "Target") && t.is(k + 2, "=")) {
                int e = k + 3;
                while (e < to && !t.is(e, ";")) {
                    e++;
                }
                // through the file's imports: `type Target = LsmTree;` under `use crate::{Tree as LsmTree}` is `Tree`
                return e > k + 3 ? java.util.Optional.of(types.resolve(t.compact(k + 3, e - 1))) : java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    private int skipBlock(int i, int to) {
        for (int j = i; j < to; j++) {
            if (t.is(j, "{") || t.is(j, "(") || t.is(j, "[")) {
                return close(j, to - 1) + 1;
            }
        }
        return to;
    }

    /** {@code mod name { .. }} or {@code trait Name { .. }}; a {@code mod name;} is one token. */
    private int container(int i, int to, boolean test, int depth, boolean trait) {
        int j = i + 1;
        while (j < to && !t.is(j, "{") && !t.is(j, ";")) {
            j++;
        }
        if (j >= to || t.is(j, ";") || depth > 64) {
            return j + 1;
        }
        int end = close(j, to - 1);
        items(j + 1, end, trait ? t.text(i + 1) : null, test, depth + 1);
        return end + 1;
    }

    /** {@code impl<..> [Trait for] Type<..> [where ..] { .. }}: the self type is the head of the type. */
    private int impl(int i, int to, boolean test, int depth) {
        int j = i + 1;
        int angle = 0;
        int typeStart = i + 1;
        if (t.is(j, "<")) {
            for (; j < to; j++) {
                if (t.is(j, "<")) {
                    angle++;
                } else if (t.is(j, ">")) {
                    angle--;
                    if (angle == 0) {
                        break;
                    }
                }
            }
            typeStart = j + 1;
            j++;
        }
        while (j < to && !t.is(j, "{") && !t.is(j, ";")) {
            if (t.is(j, "for") && angle == 0) {
                typeStart = j + 1;
            } else if (t.is(j, "where")) {
                break;
            } else if (t.is(j, "<")) {
                angle++;
            } else if (t.is(j, ">")) {
                angle--;
            }
            j++;
        }
        String selfType = null;
        for (int k = typeStart; k < j; k++) {
            if (t.kind(k) == Tokens.IDENT && !t.is(k, "dyn") && !t.is(k, "mut") && !t.is(k + 1, "::")) {
                selfType = t.text(k);
                break;
            }
        }
        while (j < to && !t.is(j, "{") && !t.is(j, ";")) {
            j++;
        }
        if (j >= to || t.is(j, ";") || depth > 64) {
            return j + 1;
        }
        int end = close(j, to - 1);
        if (selfType != null && typeStart >= i + 3 && t.is(typeStart - 1, "for") && t.is(typeStart - 2, "Deref")) {
            String owner = selfType;
            derefTarget(j + 1, end).ifPresent(target -> derefs.put(owner, target));
        }
        items(j + 1, end, selfType, test, depth + 1);
        return end + 1;
    }

    private int struct(int i, int to) {
        String name = t.text(i + 1);
        int j = i + 2;
        int angle = 0;
        while (j < to && !(angle == 0 && (t.is(j, "{") || t.is(j, "(") || t.is(j, ";")))) {
            if (t.is(j, "<")) {
                angle++;
            } else if (t.is(j, ">")) {
                angle--;
            }
            j++;
        }
        if (j >= to || t.is(j, ";")) {
            return j + 1;
        }
        int end = close(j, to - 1);
        List<FileFacts.Field> fields = new ArrayList<>();
        boolean tuple = t.is(j, "(");
        int index = 0;
        int start = j + 1;
        int nest = 0;
        for (int k = j + 1; k <= end; k++) {
            boolean sep = k == end || (nest == 0 && t.is(k, ","));
            if (t.is(k, "<") || t.is(k, "(") || t.is(k, "[")) {
                nest++;
            } else if ((t.is(k, ">") && !t.is(k - 1, "-")) || t.is(k, ")") || t.is(k, "]")) {
                nest = Math.max(0, nest - 1);
            }
            if (sep) {
                field(start, k, tuple ? String.valueOf(index++) : null).ifPresent(fields::add);
                start = k + 1;
            }
        }
        structs.put(name, fields);
        return end + 1;
    }

    /** One field in tokens {@code [from, to)}: attributes and visibility skipped, {@code name: Type}. */
    private java.util.Optional<FileFacts.Field> field(int from, int to, String tupleName) {
        int k = from;
        while (k < to && t.is(k, "#")) {
            k = close(k + 1, to - 1) + 1;
        }
        if (t.is(k, "pub")) {
            k++;
            if (t.is(k, "(")) {
                k = close(k, to - 1) + 1;
            }
        }
        if (k >= to) {
            return java.util.Optional.empty();
        }
        if (tupleName != null) {
            return java.util.Optional.of(types.field(tupleName, t.compact(k, to - 1)));
        }
        if (t.kind(k) == Tokens.IDENT && t.is(k + 1, ":")) {
            return java.util.Optional.of(types.field(t.text(k), t.compact(k + 2, to - 1)));
        }
        return java.util.Optional.empty();
    }

    private int alias(int i, int to) {
        String name = t.text(i + 1);
        int j = i + 2;
        while (j < to && !t.is(j, "=") && !t.is(j, ";")) {
            j++;
        }
        int end = j;
        while (end < to && !t.is(end, ";")) {
            end++;
        }
        if (t.is(j, "=") && end > j + 1) {
            aliases.put(name, types.field(name, t.compact(j + 1, end - 1)));
        }
        return end + 1;
    }

    private int staticItem(int i, int to) {
        int j = i + 1;
        if (t.is(j, "mut") || t.is(j, "ref")) {
            j++;
        }
        String name = t.text(j);
        if (!t.is(j + 1, ":")) {
            return j;
        }
        int end = j + 2;
        int nest = 0;
        while (end < to && !(nest == 0 && (t.is(end, "=") || t.is(end, ";")))) {
            if (t.is(end, "<")) {
                nest++;
            } else if (t.is(end, ">")) {
                nest--;
            }
            end++;
        }
        statics.put(name, types.field(name, t.compact(j + 2, end - 1)));
        return end;
    }

    private int fn(int i, int to, String selfType, boolean test) {
        if (t.kind(i + 1) != Tokens.IDENT) {
            return i + 1;
        }
        String name = t.text(i + 1);
        boolean async = false;
        for (int k = i - 1; k >= Math.max(0, i - 5) && t.kind(k) == Tokens.IDENT; k--) {
            async |= t.is(k, "async");
        }
        int j = i + 2;
        if (t.is(j, "<")) {
            // Generics first: `with<F: FnOnce(&Stack) -> R, R>(&self, f: F)` has a `(` before its parameters.
            for (int depth = 0; j < to; j++) {
                depth += t.is(j, "<") ? 1 : t.is(j, ">") ? -1 : 0;
                if (depth == 0 || t.is(j, "{") || t.is(j, ";")) {
                    break;
                }
            }
        }
        while (j < to && !t.is(j, "(") && !t.is(j, "{") && !t.is(j, ";")) {
            j++;
        }
        if (!t.is(j, "(")) {
            return j;
        }
        int paramsEnd = close(j, to - 1);
        Map<String, String> params = params(j + 1, paramsEnd);
        int k = paramsEnd + 1;
        while (k < to && !t.is(k, "{") && !t.is(k, ";")) {
            k++;
        }
        if (k >= to || t.is(k, ";")) {
            return k + 1;
        }
        int end = close(k, to - 1);
        String key = selfType == null ? name : selfType + "::" + name;
        // The return type only, up to `where` (a bound `L: BorrowMut<MutexGuard<..>>` is a parameter's).
        boolean guard = false;
        for (int r = paramsEnd + 1; r < k && !t.is(r, "where"); r++) {
            // `MutexGuard`, and keepcalm's `SharedReadLock`/`SharedWriteLock`, which are guards too
            guard |= t.kind(r) == Tokens.IDENT && (t.text(r).endsWith("Guard") || t.text(r).endsWith("ReadLock")
                    || t.text(r).endsWith("WriteLock"));
        }
        fns.add(new BodyReader(t, match, lines, types, selfType, params).read(key, path, line(i), async, test,
                k, end).withSignature(guard, params.keySet()));
        return end + 1;
    }

    /** Parameter names and type texts ({@code self} is left to the body reader). */
    private Map<String, String> params(int from, int to) {
        Map<String, String> out = new HashMap<>();
        int start = from;
        int nest = 0;
        for (int k = from; k <= to; k++) {
            if (t.is(k, "<") || t.is(k, "(") || t.is(k, "[")) {
                nest++;
            } else if ((t.is(k, ">") && !t.is(k - 1, "-")) || t.is(k, ")") || t.is(k, "]")) {
                nest--;
            }
            if (k == to || (nest == 0 && t.is(k, ","))) {
                int n = start;
                if (t.is(n, "mut")) {
                    n++;
                }
                if (t.kind(n) == Tokens.IDENT && t.is(n + 1, ":") && k > n + 2) {
                    out.put(t.text(n), t.compact(n + 2, k - 1));
                }
                start = k + 1;
            }
        }
        return out;
    }
}
