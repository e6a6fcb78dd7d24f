package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.ParseLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The items of one Rust source text (structs, fns, impls, traits, modules) found by brace matching on the text
 * with comments and literals blanked out, so that two versions of a file can be compared item by item. Unlike
 * the syntax tree, it also sees items written inside macro bodies ({@code cfg_rt! { pub struct .. }}, common in
 * real crates), which tree-sitter keeps as opaque token trees. The rules that compare what the change removed
 * with what it kept (a marker field, a bound, a notify, an assertion) read items through it.
 */
final class ItemOutline {

    enum Kind { STRUCT, FN, IMPL, TRAIT, MOD }

    /**
     * One item.
     *
     * @param key       its path: enclosing modules, impls ({@code impl Drop for Guard}), traits and fns, then its
     *                  own label; a second item with the same path gets {@code #2}
     * @param name      the struct, fn, trait or module name; for an impl, the self type without generics
     * @param header    the blanked text from the item's start (attributes included) to its body
     * @param bodyStart offset just after the body's opening brace (or parenthesis of a tuple struct)
     * @param bodyEnd   offset of the body's closing brace (or parenthesis)
     */
    record Item(Kind kind, String key, String name, String header, int start, int bodyStart, int bodyEnd) {
    }

    private static final Pattern ATTRIBUTE = Pattern.compile("#!?\\[[^\\[\\]]*(?:\\[[^\\[\\]]*\\][^\\[\\]]*)*\\]");
    private static final Pattern VISIBILITY = Pattern.compile("\\bpub\\b(?:\\s*\\([^)]*\\))?");
    private static final Pattern FN = Pattern.compile(
            "^(?:(?:default|const|async|unsafe|extern(?:\\s*\"[^\"]*\")?)\\s+)*fn\\s+(\\w+)");
    private static final Pattern STRUCT = Pattern.compile("^(?:struct|union|enum)\\s+(\\w+)");
    private static final Pattern TRAIT = Pattern.compile("^(?:unsafe\\s+)?(?:auto\\s+)?trait\\s+(\\w+)");
    private static final Pattern MOD = Pattern.compile("^mod\\s+(\\w+)");
    private static final Pattern IMPL = Pattern.compile("^(?:unsafe\\s+)?impl\\b");

    private final String masked;
    private final int[] lineStarts;
    private final List<Item> items;
    /** The items of {@link #inTest}, found once: asked item by item, a fuzzed file of thousands of fns took minutes. */
    private final java.util.Set<Item> testItems;

    private ItemOutline(String text) {
        this.masked = mask(text);
        this.lineStarts = lineStarts(text);
        this.items = scan();
        this.testItems = testItems();
    }

    static ItemOutline of(String text) {
        // A file over the parse limit is not analysed (the parse says so); its outline is empty too.
        return new ItemOutline(text == null || text.length() > ParseLimits.DEFAULT.maxBytes() ? "" : text);
    }

    /** Braces below which nothing is taken for an item (real Rust nests items a few levels deep). */
    static final int MAX_ITEM_DEPTH = 200;
    /**
     * Fns inside this many fns are blocks too. Each fn's body holds the fns inside it, so the rules that read
     * every changed fn's body read nested ones again per level: 100 nested {@code impl S { fn f() {..} }} in one
     * 325 KB line made 65 MB of bodies and 45 s of rules (fuzz run 52). Real code nests fns two or three deep.
     */
    static final int MAX_FN_NESTING = 8;

    private enum Side { OLD, NEW }

    /** The outline of the file's old side, made once for all the rules that compare sides. */
    static ItemOutline before(ChangedFile file) {
        return file.derived(Side.OLD, ItemOutline.class, f -> of(f.oldText()));
    }

    /** The outline of the file's new side, made once for all the rules that compare sides. */
    static ItemOutline after(ChangedFile file) {
        return file.derived(Side.NEW, ItemOutline.class, f -> of(f.newText()));
    }

    /** A non-test fn present on both sides of a change (matched by key), with both sides' outlines. */
    record FnPair(ItemOutline before, Item was, ItemOutline after, Item now) {

        String oldBody() {
            return before.body(was);
        }

        String newBody() {
            return after.body(now);
        }

        /** Whether the change removes the line at {@code offset} into the old body. */
        boolean removedAt(ChangedFile file, int offset) {
            return file.removed(before.line(was.bodyStart() + offset));
        }
    }

    /**
     * The non-test fns of a modified Rust file (not under a test path) that exist before and after the change,
     * in the old side's order, and that have at least one removed line: where the rules that read what a change
     * takes away look.
     */
    static List<FnPair> changedFnPairs(ChangedFile file) {
        if (!file.isRust() || file.oldText() == null || file.newText() == null || file.isTestPath()) {
            return List.of();
        }
        ItemOutline before = before(file);
        ItemOutline after = after(file);
        Map<String, Item> newFns = after.byKey(Kind.FN);
        List<FnPair> out = new ArrayList<>();
        for (Item was : before.byKey(Kind.FN).values()) {
            Item now = newFns.get(was.key());
            if (now != null && !after.inTest(now) && file.anyRemoved(before.line(was.bodyStart()), before.endLine(was))) {
                out.add(new FnPair(before, was, after, now));
            }
        }
        return out;
    }

    /**
     * The non-test fns of a Rust file's new side (the file not under a test path) in which the change adds a line,
     * from the fn's own keyword to its end, in source order: where the rules that read what a change writes into a
     * fn look (each then asks about the lines it cares for).
     */
    static List<Item> changedFns(ChangedFile file) {
        if (!file.isRust() || file.newText() == null || file.isTestPath()) {
            return List.of();
        }
        // Several rules ask; each asking anew cost seconds on a fuzzed file of thousands of fns.
        return file.derived(Side.NEW, ChangedFns.class, f -> new ChangedFns(findChangedFns(f))).fns();
    }

    private record ChangedFns(List<Item> fns) {
    }

    /** A match of a pattern in a changed fn's (blanked) body that starts on a line the change adds. */
    record AddedMatch(Item fn, String body, java.util.regex.MatchResult match, int line) {
    }

    /**
     * Every match of {@code pattern} in the bodies of {@link #changedFns} that starts on an added line, fn by fn in
     * source order: what the rules that look for one risky expression the change writes (an integer logarithm, a
     * {@code len() - 1}) iterate over.
     */
    static List<AddedMatch> addedMatches(ChangedFile file, Pattern pattern) {
        List<Item> fns = changedFns(file);
        if (fns.isEmpty()) {
            return List.of();
        }
        ItemOutline after = after(file);
        List<AddedMatch> out = new ArrayList<>();
        for (Item fn : fns) {
            String body = after.body(fn);
            Matcher m = pattern.matcher(body);
            while (m.find()) {
                int line = after.line(fn.bodyStart() + m.start());
                if (file.added(line)) {
                    out.add(new AddedMatch(fn, body, m.toMatchResult(), line));
                }
            }
        }
        return out;
    }

    /**
     * The new side of every non-test fn the change touches: {@link #changedFns} (a line added) and then the fns
     * of {@link #changedFnPairs} it does not hold (lines only removed, as when a guard statement is deleted),
     * in that order, each once.
     */
    static List<Item> touchedFns(ChangedFile file) {
        java.util.Map<String, Item> fns = new java.util.LinkedHashMap<>();
        changedFns(file).forEach(fn -> fns.put(fn.key(), fn));
        changedFnPairs(file).forEach(pair -> fns.putIfAbsent(pair.now().key(), pair.now()));
        return List.copyOf(fns.values());
    }

    private static List<Item> findChangedFns(ChangedFile file) {
        ItemOutline after = after(file);
        List<Item> out = new ArrayList<>();
        for (Item fn : after.byKey(Kind.FN).values()) {
            if (!after.inTest(fn) && file.anyAdded(after.headerLine(fn), after.endLine(fn))) {
                out.add(fn);
            }
        }
        return out;
    }

    /** The first {@code impl Trait for Type} of this outline ({@code Type} by its base name), or null. */
    Item implOf(String trait, String typeName) {
        Pattern key = Pattern.compile("(?:.*::)?impl " + Pattern.quote(trait) + " for \\w+(?:#\\d+)?");
        for (Item item : items) {
            if (item.kind() == Kind.IMPL && item.name().equals(typeName) && key.matcher(item.key()).matches()) {
                return item;
            }
        }
        return null;
    }

    List<Item> items() {
        return items;
    }

    /** Items of one kind by key, in source order. */
    Map<String, Item> byKey(Kind kind) {
        Map<String, Item> out = new LinkedHashMap<>();
        for (Item item : items) {
            if (item.kind() == kind) {
                out.put(item.key(), item);
            }
        }
        return out;
    }

    /** The text with comments, string and char literal contents replaced by spaces (offsets and lines kept). */
    String masked() {
        return masked;
    }

    String body(Item item) {
        return masked.substring(item.bodyStart(), item.bodyEnd());
    }

    /** 1-based line of an offset. */
    int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1; // not found: -(insertion point) - 1, and the insertion point is the line
    }

    /** Offset of the first character of 1-based {@code line} (the text's length past its last line). */
    int offset(int line) {
        return line >= 1 && line <= lineStarts.length ? lineStarts[line - 1] : masked.length();
    }

    /** Line of the item's own keyword (after its attributes and doc comments). */
    int headerLine(Item item) {
        int at = item.start();
        while (at < item.bodyStart() && Character.isWhitespace(masked.charAt(at))) {
            at++;
        }
        String header = item.header();
        Matcher attr = ATTRIBUTE.matcher(header);
        int skip = 0;
        while (attr.find() && header.substring(skip, attr.start()).isBlank()) {
            skip = attr.end();
        }
        int offset = item.start() + skip;
        while (offset < item.bodyStart() && Character.isWhitespace(masked.charAt(offset))) {
            offset++;
        }
        return line(offset);
    }

    /**
     * Whether the item is test code: it, or an item enclosing it, carries {@code #[test]}, {@code #[cfg(test)]}
     * or a test attribute of a runtime ({@code #[tokio::test(flavor = ..)]}).
     */
    boolean inTest(Item item) {
        return testItems.contains(item);
    }

    /**
     * Every item that carries a test attribute or sits inside one that does, in one pass over the items in source
     * order with the test items still open on a stack (items nest like their braces).
     */
    private java.util.Set<Item> testItems() {
        List<Item> byStart = new ArrayList<>(items);
        byStart.sort(java.util.Comparator.comparingInt(Item::start).thenComparing(Item::bodyEnd, java.util.Comparator.reverseOrder()));
        java.util.Set<Item> out = new java.util.HashSet<>();
        java.util.ArrayDeque<Item> open = new java.util.ArrayDeque<>();
        for (Item item : byStart) {
            while (!open.isEmpty() && open.peek().bodyEnd() < item.bodyEnd()) {
                open.pop();
            }
            boolean test = hasTestAttribute(item.header());
            if (test || (!open.isEmpty() && open.peek().start() <= item.start())) {
                out.add(item);
                open.push(item);
            }
        }
        return out;
    }

    int endLine(Item item) {
        return line(item.bodyEnd());
    }

    /**
     * The longest header whose braces are read as const generic blocks. A header keeps growing across such blocks,
     * and each of its braces reads it again: unbounded, a generated {@code impl<} followed by thousands of braces
     * would be quadratic. Real headers with const blocks (napi-rs) are a few hundred characters.
     */
    static final int MAX_GENERIC_HEADER = 2048;

    /** An open brace: the item it starts (or null for a block, match, macro body ...) and the paren depth before. */
    private record Frame(Item pending, String path, int parens, boolean genericArgument) {
    }

    private List<Item> scan() {
        List<Item> out = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        Map<String, Integer> seen = new HashMap<>();
        String path = "";
        int headerStart = 0;
        int parens = 0;
        int fns = 0;
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            switch (c) {
                case '(', '[' -> parens++;
                case ')', ']' -> parens = Math.max(0, parens - 1);
                case '{' -> {
                    // Items nested deeper than any real code are blocks: each key holds its whole path, so
                    // thousands of nested `mod m {` would make the keys' total size quadratic.
                    String header = masked.substring(headerStart, i);
                    if (stack.size() < MAX_ITEM_DEPTH && header.length() <= MAX_GENERIC_HEADER && openAngles(header) > 0
                            && isItemHeader(header)) {
                        // `{ CalleeHandled }` inside an item's generic arguments (a const generic block, napi-rs's
                        // `impl<..> ThreadsafeFunction<T, { CalleeHandled }>`): part of the header, not its body
                        stack.push(new Frame(null, path, parens, true));
                        continue;
                    }
                    Item item = stack.size() >= MAX_ITEM_DEPTH ? null : classify(header, headerStart, i + 1, path, seen);
                    if (item != null && item.kind() == Kind.FN && ++fns > MAX_FN_NESTING) {
                        fns--;
                        item = null;
                    }
                    stack.push(new Frame(item, path, parens, false));
                    if (item != null) {
                        path = item.key();
                    }
                    parens = 0;
                    headerStart = i + 1;
                }
                case '}' -> {
                    if (!stack.isEmpty() && stack.peek().genericArgument()) {
                        stack.pop();
                        continue;
                    }
                    if (!stack.isEmpty()) {
                        Frame frame = stack.pop();
                        if (frame.pending() != null) {
                            Item p = frame.pending();
                            fns -= p.kind() == Kind.FN ? 1 : 0;
                            out.add(new Item(p.kind(), p.key(), p.name(), p.header(), p.start(), p.bodyStart(), i));
                        }
                        path = frame.path();
                        parens = frame.parens();
                    }
                    headerStart = i + 1;
                }
                case ';' -> {
                    if (parens == 0) {
                        tupleStruct(masked.substring(headerStart, i), headerStart, path, seen, out);
                        headerStart = i + 1;
                    }
                }
                default -> {
                }
            }
        }
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return List.copyOf(out);
    }

    /** {@code struct Guard<'a, T>(Locked<'a, T>);}: a tuple struct ends at its semicolon, with no braces. */
    private void tupleStruct(String header, int start, String path, Map<String, Integer> seen, List<Item> out) {
        if (!header.contains("struct") && !header.contains("union")) {
            return; // most semicolons end statements: skip the regexes below for them
        }
        String plain = plain(header);
        Matcher m = STRUCT.matcher(plain);
        if (!m.find()) {
            return;
        }
        Matcher named = Pattern.compile("\\b(?:struct|union)\\s+\\w+").matcher(header);
        if (!named.find()) {
            return;
        }
        int open = header.indexOf('(', named.end());
        int close = header.lastIndexOf(')');
        if (open < 0 || close < open) {
            return;
        }
        String key = unique(path + "::" + m.group(1), seen);
        out.add(new Item(Kind.STRUCT, key, m.group(1), header, start, start + open + 1, start + close));
    }

    private static Item classify(String header, int start, int bodyStart, String path, Map<String, Integer> seen) {
        if (!mayNameItem(header)) {
            return null; // a block, closure or match arm: none of the patterns below can match
        }
        String plain = plain(header);
        Kind kind;
        String name;
        String label;
        Matcher m;
        if ((m = FN.matcher(plain)).find()) {
            kind = Kind.FN;
            name = m.group(1);
            label = name;
        } else if ((m = STRUCT.matcher(plain)).find()) {
            kind = Kind.STRUCT;
            name = m.group(1);
            label = name;
        } else if ((m = TRAIT.matcher(plain)).find()) {
            kind = Kind.TRAIT;
            name = m.group(1);
            label = "trait " + name;
        } else if ((m = MOD.matcher(plain)).find()) {
            kind = Kind.MOD;
            name = m.group(1);
            label = name;
        } else if (IMPL.matcher(plain).find()) {
            kind = Kind.IMPL;
            String[] traitAndType = implParts(plain);
            name = baseName(traitAndType[1]);
            label = traitAndType[0].isEmpty() ? "impl " + name : "impl " + baseName(traitAndType[0]) + " for " + name;
        } else {
            return null;
        }
        return new Item(kind, unique(path + "::" + label, seen), name, header, start, bodyStart, bodyStart);
    }

    /**
     * How many {@code <} of an item header are still open at its end ({@code ->} and {@code =>} are not brackets,
     * nor anything inside a const generic block).
     */
    private static int openAngles(String header) {
        int depth = 0;
        int braces = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '{' || c == '}') {
                braces = Math.max(0, braces + (c == '{' ? 1 : -1));
            } else if (braces > 0) {
                continue; // `{ N < 3 }` inside the arguments compares, it does not open a bracket
            } else if (c == '<') {
                depth++;
            } else if (c == '>' && (i == 0 || header.charAt(i - 1) != '-' && header.charAt(i - 1) != '=')) {
                depth = Math.max(0, depth - 1);
            }
        }
        return depth;
    }

    /** Whether {@code header} starts an item {@link #classify} would name (without counting its key as seen). */
    private static boolean isItemHeader(String header) {
        if (!mayNameItem(header)) {
            return false;
        }
        String plain = plain(header);
        return FN.matcher(plain).find() || STRUCT.matcher(plain).find() || TRAIT.matcher(plain).find()
                || MOD.matcher(plain).find() || IMPL.matcher(plain).find();
    }

    /** Whether {@code header} holds a word that every item pattern of {@link #classify} needs. */
    private static boolean mayNameItem(String header) {
        for (String word : ITEM_WORDS) {
            if (header.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] ITEM_WORDS = {"fn", "struct", "union", "enum", "trait", "mod", "impl"};

    private static String unique(String key, Map<String, Integer> seen) {
        int n = seen.merge(key, 1, Integer::sum);
        return n == 1 ? key : key + "#" + n;
    }

    private static final Pattern UNSAFE_FN = Pattern.compile("\\bunsafe\\s+(?:extern\\s+\"[^\"]*\"\\s+)?fn\\b");

    /** Whether a fn header declares an {@code unsafe fn} (its callers, not its body, carry the proof obligation). */
    static boolean isUnsafeFn(String header) {
        return UNSAFE_FN.matcher(plain(header)).find();
    }

    /** The header without attributes and visibility, whitespace collapsed. */
    static String plain(String header) {
        String s = ATTRIBUTE.matcher(header).replaceAll(" ");
        s = VISIBILITY.matcher(s).replaceAll(" ");
        return s.replaceAll("\\s+", " ").strip();
    }

    /** {trait, self type} of an impl header ({@code ""} for an inherent impl's trait); generics of the impl skipped. */
    static String[] implParts(String plain) {
        String s = plain.replaceFirst("^(?:unsafe\\s+)?impl\\s*", "");
        if (s.startsWith("<")) {
            s = s.substring(skipAngles(s, 0)).strip();
        }
        int where = indexOfWord(s, "where");
        if (where >= 0) {
            s = s.substring(0, where).strip();
        }
        int depth = 0;
        for (int i = 0; i + 5 <= s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<' || c == '(') {
                depth++;
            } else if ((c == '>' && (i == 0 || s.charAt(i - 1) != '-')) || c == ')') {
                depth--;
            } else if (depth == 0 && s.startsWith(" for ", i)) {
                return new String[] {s.substring(0, i).strip(), s.substring(i + 5).strip()};
            }
        }
        return new String[] {"", s.strip()};
    }

    /** Offset just after the {@code >} that closes the {@code <} at {@code open} ({@code ->} arrows skipped). */
    static int skipAngles(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>' && (i == 0 || s.charAt(i - 1) != '-')) {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return s.length();
    }

    static int indexOfWord(String s, String word) {
        Matcher m = Pattern.compile("\\b" + word + "\\b").matcher(s);
        return m.find() ? m.start() : -1;
    }

    /** {@code !Send}, {@code lock_api::MutexGuard<'a, R, T>} and {@code &'a Foo} give {@code Send}, {@code MutexGuard}, {@code Foo}. */
    static String baseName(String type) {
        String s = type.replaceAll("^[&!\\s]*(?:'\\w+\\s*)?(?:mut\\s+)?(?:dyn\\s+)?", "");
        int lt = s.indexOf('<');
        if (lt >= 0) {
            s = s.substring(0, lt);
        }
        s = s.strip();
        int colons = s.lastIndexOf("::");
        return colons >= 0 ? s.substring(colons + 2) : s;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        int[] out = new int[starts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = starts.get(i);
        }
        return out;
    }

    /**
     * Comments (nested block comments too), string literals (raw ones included) and char literals replaced by
     * spaces; newlines stay, so offsets and line numbers are those of the source. Lifetimes ({@code 'a}) are kept.
     */
    static String mask(String text) {
        StringBuilder out = new StringBuilder(text);
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                blank(out, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int depth = 1;
                int j = i + 2;
                while (j < n && depth > 0) {
                    if (text.startsWith("/*", j)) {
                        depth++;
                        j += 2;
                    } else if (text.startsWith("*/", j)) {
                        depth--;
                        j += 2;
                    } else {
                        j++;
                    }
                }
                blank(out, i, j);
                i = j;
            } else if (c == 'r' && rawStringAt(text, i) && (i == 0 || !isIdent(text.charAt(i - 1)) || text.charAt(i - 1) == 'b')) {
                int j = i + 1;
                int hashes = 0;
                while (j < n && text.charAt(j) == '#') {
                    hashes++;
                    j++;
                }
                String close = "\"" + "#".repeat(hashes);
                int end = text.indexOf(close, j + 1);
                end = end < 0 ? n : end + close.length();
                blank(out, j + 1, Math.max(j + 1, end - close.length()));
                i = end;
            } else if (c == '"') {
                int j = i + 1;
                while (j < n && text.charAt(j) != '"') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                blank(out, i + 1, Math.min(j, n));
                i = j + 1;
            } else if (c == '\'') {
                int end = charLiteralEnd(text, i);
                if (end > 0) {
                    blank(out, i + 1, end - 1);
                    i = end;
                } else {
                    i++;
                }
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static boolean rawStringAt(String text, int i) {
        int j = i + 1;
        while (j < text.length() && text.charAt(j) == '#') {
            j++;
        }
        return j < text.length() && text.charAt(j) == '"';
    }

    private static boolean isIdent(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** End offset (after the closing quote) of a char literal starting at {@code i}, or -1 for a lifetime. */
    private static int charLiteralEnd(String text, int i) {
        int n = text.length();
        if (i + 2 < n && text.charAt(i + 1) == '\\') {
            int close = text.indexOf('\'', i + 2);
            return close > 0 && close - i <= 12 ? close + 1 : -1;
        }
        if (i + 2 < n && text.charAt(i + 2) == '\'') {
            return i + 3;
        }
        if (i + 3 < n && Character.isHighSurrogate(text.charAt(i + 1)) && text.charAt(i + 3) == '\'') {
            return i + 4;
        }
        return -1;
    }

    private static void blank(StringBuilder out, int from, int to) {
        for (int k = from; k < to && k < out.length(); k++) {
            if (out.charAt(k) != '\n') {
                out.setCharAt(k, ' ');
            }
        }
    }

    /** Whether a header's attributes include one that marks test code, as {@link TestCode} decides for the model. */
    private static boolean hasTestAttribute(String header) {
        for (int at = header.indexOf("#["); at >= 0; at = header.indexOf("#[", at + 2)) {
            int depth = 0;
            for (int i = at + 1; i < header.length(); i++) {
                char c = header.charAt(i);
                if (c == '[') {
                    depth++;
                } else if (c == ']' && --depth == 0) {
                    if (dev.rustreview.analysis.crate.TestCode.isTestAttribute(header.substring(at, i + 1))) {
                        return true;
                    }
                    break;
                }
            }
        }
        return false;
    }
}
