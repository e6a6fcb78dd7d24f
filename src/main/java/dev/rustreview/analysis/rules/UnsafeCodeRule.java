package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US1: an {@code unsafe} block, fn, impl or trait that the change adds or edits. A region nested in another
 * reported region is not reported again, and {@code unsafe impl Send/Sync} is left to US2.
 */
public final class UnsafeCodeRule implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US1", RiskArea.UNSAFE, Severity.HIGH, "unsafe code added",
            "An unsafe block, unsafe fn, unsafe impl or unsafe trait whose lines the change adds or edits, also an "
                    + "unsafe block written in a macro's arguments (`defer!(unsafe { .. })`, items inside `cfg_*! { .. }`). A "
                    + "block whose only operation is one call of a foreign fn on plain values (`unsafe { libc::getpid() }`, "
                    + "`unsafe { esp!(esp_timer_stop(handle)) }`) is medium.",
            "It cannot tell whether the safety invariants hold; it only notes whether a // SAFETY: comment is present. "
                    + "Unsafe blocks in `macro_rules!` templates are not code until expanded and are not reported.",
            "undocumented_unsafe_blocks", "multiple_unsafe_ops_per_block");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        RustTree tree = file.newTree();
        if (tree == null) {
            return List.of();
        }
        SafetySyntax.Lines lines = new SafetySyntax.Lines(file.newText());
        List<Finding> out = new ArrayList<>();
        List<Node> reported = new ArrayList<>();
        TreeIndex index = TreeIndex.of(tree);
        for (Node node : index.nodes("unsafe_block", "function_item", "function_signature_item",
                "impl_item", "trait_item")) {
            String kind = unsafeKind(tree, index, node);
            if (kind == null || insideAny(node, reported)) {
                continue;
            }
            int start = RustTree.startLine(node);
            int end = RustTree.endLine(node);
            if (!SafetySyntax.addedCode(file, lines, start, end)) {
                continue;
            }
            reported.add(node);
            boolean documented = hasSafetyComment(lines, node);
            String what = describe(tree, node, kind);
            // An unsafe fn the old side already had, whose header the change rewrites (`pub` narrowed to
            // `pub(crate)`, an attribute added: capnproto-rust 7b7e5fd6), is an edit of it, not a new one.
            boolean isNew = file.added(start) && !(kind.equals("fn") && unsafeFnBefore(file, SafetySyntax.name(tree, node)));
            // An edit inside an existing region that performs no unsafe operation itself is worth a look, not
            // a full re-proof of the region: medium.
            // An old unsafe fn's rewritten header names `unsafe` and raw pointer types: no operation, so its body is read.
            int from = !isNew && kind.equals("fn")
                    ? Syntax.field(node, "body").filter(b -> RustTree.endLine(b) > RustTree.startLine(b))
                            .map(b -> RustTree.startLine(b) + 1).orElse(start) : start; // a one-line body is read whole
            boolean safeEdit = !isNew && !SafetySyntax.addsUnsafeOperation(file, lines, from, end);
            boolean oneCall = kind.equals("block") && foreignCall(file, inside(tree, node));
            out.add(FindingBuilder.at(INFO, file, node)
                    .severity(safeEdit || oneCall ? Severity.MEDIUM : INFO.severity())
                    .object(what)
                    .title(what + (isNew ? " added" : " changed") + index.where(tree, node))
                    .explanation("The change " + (isNew ? "adds " : "edits code inside ") + what
                            + index.where(tree, node)
                            + ": inside it the compiler no longer checks aliasing, lifetimes or validity of raw "
                            + "pointers, so a mistake here is undefined behaviour rather than a compile error. "
                            + (documented ? "A // SAFETY: comment states the invariant it relies on."
                            : "No // SAFETY: comment states the invariant it relies on.")
                            + (safeEdit ? " The edited lines themselves perform no unsafe operation (no dereference, "
                            + "raw-pointer cast or unchecked call)." : "")
                            + (oneCall ? ONE_CALL : ""))
                    .check("Name the invariant each unsafe operation needs and find where it is established; "
                            + "prefer a safe API if one exists.")
                    .build());
        }
        inMacros(file, tree, index, lines, reported, out);
        return out;
    }

    private static final String ONE_CALL = " Its only operation is one call of a foreign fn with plain value "
            + "arguments (no reference, dereference or pointer cast in the block): what needs checking is that fn's "
            + "contract (a handle still valid, the state it requires), so it weighs less than pointer work.";

    /** Whether the block is one call of a foreign fn on plain values, the callee defined nowhere in the crate. */
    private static boolean foreignCall(ChangedFile file, String inside) {
        String callee = ForeignCallBlock.callee(inside);
        if (callee == null) {
            return false;
        }
        return !ForeignCallBlock.bare(callee) || !file.derived(UnsafeCodeRule.class, CrateFnNames.class,
                UnsafeCodeRule::crateFnNames).names().contains(callee);
    }

    private record CrateFnNames(java.util.Set<String> names) {
    }

    private static final Pattern FN_WITH_BODY = Pattern.compile("\\bfn\\s+([A-Za-z_]\\w*)\\s*[<(][^;{]*\\{");

    /** The names of the fns with a body in the file and (when the model has it) in its crate. */
    private static CrateFnNames crateFnNames(ChangedFile file) {
        java.util.Set<String> names = new java.util.HashSet<>();
        Matcher m = FN_WITH_BODY.matcher(ItemOutline.after(file).masked());
        while (m.find()) {
            names.add(m.group(1));
        }
        dev.rustreview.analysis.crate.FileView.of(file).ifPresent(v -> v.crate().fns().forEach(f -> {
            String key = f.key();
            names.add(key.substring(key.lastIndexOf(':') + 1));
        }));
        return new CrateFnNames(names);
    }

    /** The text between an unsafe block's braces, comments and strings masked. */
    private static String inside(RustTree tree, Node block) {
        if (block.getEndByte() - block.getStartByte() > 600) {
            return ""; // no one-call block is that long: a long block is not masked for nothing
        }
        String text = ItemOutline.mask(tree.text(block));
        int open = text.indexOf('{');
        int close = text.lastIndexOf('}');
        return open >= 0 && close > open ? text.substring(open + 1, close) : "";
    }

    private static final Pattern UNSAFE_FN = Pattern.compile("\\bunsafe\\s+(?:extern\\s*(?:\"[^\"]*\")?\\s*)?fn\\s+"
            + "([A-Za-z_]\\w*)");

    /** Whether the old side declares an {@code unsafe fn} of this name (the names read once per file). */
    private static boolean unsafeFnBefore(ChangedFile file, String name) {
        if (file.oldText() == null) {
            return false;
        }
        return file.derived(UnsafeCodeRule.class, OldUnsafeFns.class, f -> {
            java.util.Set<String> names = new java.util.HashSet<>();
            Matcher m = UNSAFE_FN.matcher(ItemOutline.before(f).masked());
            while (m.find()) {
                names.add(m.group(1));
            }
            return new OldUnsafeFns(names);
        }).names().contains(name);
    }

    private record OldUnsafeFns(java.util.Set<String> names) {
    }

    private static final Pattern UNSAFE_OPEN = Pattern.compile("\\bunsafe\\s*\\{");

    /**
     * Unsafe blocks written in a macro's arguments ({@code defer!(unsafe { raw.unlock() })}), which tree-sitter
     * leaves as tokens: found in the invocation's text (comments and strings blanked), braces matched there.
     * The justification is judged here, one step lower with a {@code // SAFETY:} comment above, because the
     * severity policy only recognises parsed blocks.
     */
    private static void inMacros(ChangedFile file, RustTree tree, TreeIndex index, SafetySyntax.Lines lines,
                                 List<Node> reported, List<Finding> out) {
        for (Node macro : index.nodes("macro_invocation")) {
            if (insideAny(macro, reported) || !file.touches(macro) || hasParsedUnsafe(tree, macro)) {
                continue; // parsed arguments (MacroBodies) hold real unsafe_block nodes: the main pass saw them
            }
            reported.add(macro); // a macro nested in this one is read with it
            String text = tree.text(macro);
            String masked = ItemOutline.mask(text);
            if (MACRO_RULES.matcher(masked).find()) {
                continue; // a macro's template (tokio's doc!{ macro_rules! .. }): not code until expanded
            }
            Matcher m = UNSAFE_OPEN.matcher(masked);
            int firstLine = RustTree.startLine(macro);
            while (m.find()) {
                int close = matchingBrace(masked, m.end() - 1);
                if (close < 0) {
                    break;
                }
                int start = firstLine + newlines(masked, 0, m.start());
                int end = start + newlines(masked, m.start(), close);
                if (SafetySyntax.addedCode(file, lines, start, end)) {
                    // text and masked share offsets: the comment opening the block is read from the text
                    boolean opensWithSafety = SAFETY.matcher(firstLines(text, m.end(), close)).find();
                    out.add(macroFinding(file, tree, index, lines, macro, start, end, enclosingFn(masked, m.start()),
                            opensWithSafety, foreignCall(file, masked.substring(m.end(), close))));
                }
                m.region(close + 1, masked.length());
            }
        }
    }

    private static Finding macroFinding(ChangedFile file, RustTree tree, TreeIndex index, SafetySyntax.Lines lines,
                                        Node macro, int start, int end, String fn, boolean opensWithSafety,
                                        boolean oneCall) {
        boolean documented = opensWithSafety || hasSafetyComment(lines, start)
                || hasSafetyComment(lines, RustTree.startLine(macro));
        boolean isNew = file.added(start);
        boolean safeEdit = !isNew && !SafetySyntax.addsUnsafeOperation(file, lines, start, end);
        // As the main pass and the severity policy grade a parsed block: medium for an edit without an unsafe
        // operation, one step lower with a SAFETY: comment (the policy cannot see a block inside tokens).
        Severity severity = safeEdit || oneCall ? Severity.MEDIUM : INFO.severity();
        if (documented) {
            severity = severity.lower();
        }
        String name = Syntax.field(macro, "macro").map(tree::text).orElse("macro");
        String what = "unsafe block in `" + name + "!(..)`";
        String where = fn != null ? " in fn `" + fn + "`" : index.where(tree, macro);
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .severity(severity)
                .object(what)
                .title(what + (isNew ? " added" : " changed") + where)
                .explanation("The change " + (isNew ? "adds " : "edits code inside ") + "an unsafe block written in the "
                        + "arguments of `" + name + "!`" + where + ": what it runs is unchecked by "
                        + "the compiler like any unsafe block, and the macro may run it later (at scope end, on "
                        + "unwind) than it reads. "
                        + (documented ? "A // SAFETY: comment above states the invariant it relies on."
                        : "No // SAFETY: comment states the invariant it relies on.")
                        + (oneCall ? ONE_CALL : ""))
                .check("Name the invariant each unsafe operation needs and check it still holds when the macro runs "
                        + "the block; prefer a safe API if one exists.")
                .build();
    }

    private static final Pattern MACRO_RULES = Pattern.compile("\\bmacro_rules\\s*!");
    private static final Pattern SAFETY = Pattern.compile("(?i)\\bsafety\\s*:");
    private static final Pattern FN_NAME = Pattern.compile("\\bfn\\s+([A-Za-z_]\\w*)");

    /** The text of the block's first two lines (where a {@code // SAFETY:} comment opening it sits). */
    private static String firstLines(String text, int from, int close) {
        String[] parts = text.substring(from, close).split("\n", 3);
        return parts.length > 1 ? parts[0] + "\n" + parts[1] : parts[0];
    }

    /** The fn whose body holds {@code at} in a macro's masked text (items inside cfg macros), or null. */
    private static String enclosingFn(String masked, int at) {
        ArrayDeque<String> open = new ArrayDeque<>();
        String pending = null;
        Matcher fn = FN_NAME.matcher(masked);
        int nextFn = fn.find() ? fn.start() : -1;
        for (int i = 0; i < at; i++) {
            if (i == nextFn) {
                pending = fn.group(1);
                nextFn = fn.find() ? fn.start() : -1;
            }
            char c = masked.charAt(i);
            if (c == '{') {
                open.push(pending == null ? "" : pending);
                pending = null;
            } else if (c == '}' && !open.isEmpty()) {
                open.pop();
            } else if (c == ';') {
                pending = null; // a signature without a body
            }
        }
        for (String name : open) {
            if (!name.isEmpty()) {
                return name;
            }
        }
        return null;
    }

    private static boolean hasParsedUnsafe(RustTree tree, Node macro) {
        int budget = 20_000;
        for (Node n : tree.preorder(macro)) {
            if (Syntax.is(n, "unsafe_block")) {
                return true;
            }
            if (--budget < 0) {
                return false;
            }
        }
        return false;
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int newlines(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** "block", "fn", "impl", "trait", or null when the node is not unsafe (or is US2's Send/Sync impl). */
    private static String unsafeKind(RustTree tree, TreeIndex index, Node node) {
        switch (node.getType()) {
            case "unsafe_block":
                return "block";
            case "function_item":
                return Syntax.isUnsafeFn(node) ? "fn" : null;
            case "function_signature_item":
                // Declarations in extern blocks are implicitly unsafe; US4 reports those.
                if (index.innermost(node, "foreign_mod_item").isPresent()) {
                    return null;
                }
                return Syntax.isUnsafeFn(node) ? "fn" : null;
            case "impl_item":
                if (!Syntax.hasToken(node, "unsafe")) {
                    return null;
                }
                String trait = SafetySyntax.traitName(tree, node);
                return "Send".equals(trait) || "Sync".equals(trait) ? null : "impl";
            case "trait_item":
                return Syntax.hasToken(node, "unsafe") ? "trait" : null;
            default:
                return null;
        }
    }

    private static String describe(RustTree tree, Node node, String kind) {
        return switch (kind) {
            case "block" -> "unsafe block";
            case "fn" -> "unsafe fn `" + SafetySyntax.name(tree, node) + "`";
            case "impl" -> "unsafe impl " + SafetySyntax.traitName(tree, node) + " for "
                    + SafetySyntax.implType(tree, node);
            default -> "unsafe trait `" + SafetySyntax.name(tree, node) + "`";
        };
    }

    private static boolean insideAny(Node node, List<Node> regions) {
        for (Node r : regions) {
            if (node.getStartByte() >= r.getStartByte() && node.getEndByte() <= r.getEndByte()) {
                return true;
            }
        }
        return false;
    }

    /** A {@code SAFETY:} comment (or a {@code # Safety} doc section) on the region's first line or the comments above it. */
    private static boolean hasSafetyComment(SafetySyntax.Lines lines, Node node) {
        return hasSafetyComment(lines, RustTree.startLine(node));
    }

    private static boolean hasSafetyComment(SafetySyntax.Lines lines, int start) {
        if (lines.get(start).contains("SAFETY:")) {
            return true;
        }
        for (int line = start - 1; line >= 1; line--) {
            String t = lines.get(line).trim();
            boolean commentOrAttribute = t.startsWith("//") || t.startsWith("/*") || t.startsWith("*")
                    || t.startsWith("#[");
            if (!commentOrAttribute) {
                return false;
            }
            if (t.contains("# Safety") || SAFETY.matcher(t).find()) {
                return true;
            }
        }
        return false;
    }
}
