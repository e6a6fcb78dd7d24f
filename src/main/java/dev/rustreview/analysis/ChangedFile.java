package dev.rustreview.analysis;

import dev.rustreview.analysis.crate.CrateModel;
import dev.rustreview.analysis.crate.Edition;
import dev.rustreview.analysis.crate.LexicalReader;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * One changed file as the rules see it: both sides' text and (for Rust) syntax trees, and which lines the
 * change added on the new side and removed from the old side.
 */
public final class ChangedFile {

    private final FileChange change;
    private final String oldText;
    private final String newText;
    private final RustTree oldTree;
    private final RustTree newTree;
    private final BitSet addedLines = new BitSet();
    private final BitSet removedLines = new BitSet();
    private volatile CrateModel crate;
    private final DerivedValues derived = new DerivedValues();
    /** {@link #isTestCode} per node of the new tree. */
    private final java.util.Map<Node, Boolean> testCode = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param oldText null when the old side is absent or unreadable (binary, too large)
     * @param oldTree null when the file is not Rust or could not be parsed
     */
    public ChangedFile(FileChange change, String oldText, String newText, RustTree oldTree, RustTree newTree) {
        this(change, oldText, newText, oldTree, newTree, null);
    }

    /** @param crate the model of the crate holding this file at the head, or null to model the file alone */
    public ChangedFile(FileChange change, String oldText, String newText, RustTree oldTree, RustTree newTree,
                       CrateModel crate) {
        this.crate = crate;
        this.change = change;
        this.oldText = oldText;
        this.newText = newText;
        this.oldTree = oldTree;
        this.newTree = newTree;
        for (Hunk hunk : change.hunks()) {
            for (DiffLine line : hunk.lines()) {
                if (line.isAdded()) {
                    addedLines.set(line.newLine());
                } else if (line.isRemoved()) {
                    removedLines.set(line.oldLine());
                }
            }
        }
    }

    public FileChange change() {
        return change;
    }

    public String path() {
        return change.path();
    }

    /** The new side's text, or null for a deleted or unreadable file. */
    public String newText() {
        return newText;
    }

    /** The old side's text, or null for an added or unreadable file. */
    public String oldText() {
        return oldText;
    }

    /** The new side's syntax tree, or null when the file is not Rust, deleted or not parsed. */
    public RustTree newTree() {
        return newTree;
    }

    /** The old side's syntax tree, or null when the file is not Rust, added or not parsed. */
    public RustTree oldTree() {
        return oldTree;
    }

    public boolean isRust() {
        return path().toLowerCase(Locale.ROOT).endsWith(".rs");
    }

    /** Whether new-side line {@code line} (1-based) was added by the change. */
    public boolean added(int line) {
        return addedLines.get(line);
    }

    /** Whether any new-side line in {@code [from, to]} was added by the change. */
    public boolean anyAdded(int from, int to) {
        int next = addedLines.nextSetBit(Math.max(from, 0));
        return next >= 0 && next <= to;
    }

    /** Whether the new-side lines a node covers include an added line. */
    public boolean touches(Node node) {
        return anyAdded(RustTree.startLine(node), RustTree.endLine(node));
    }

    /** Whether old-side line {@code line} was removed by the change. */
    public boolean removed(int line) {
        return removedLines.get(line);
    }

    public boolean anyRemoved(int from, int to) {
        int next = removedLines.nextSetBit(Math.max(from, 0));
        return next >= 0 && next <= to;
    }

    /** Whether the file lives where only tests do (see {@link dev.rustreview.analysis.crate.CrateIndex#isTestPath}). */
    public boolean isTestPath() {
        return dev.rustreview.analysis.crate.CrateIndex.isTestPath(path());
    }

    /**
     * Whether a node of the new tree is test code (test path, {@code #[test]} fn or {@code #[cfg(test)]} mod). The
     * answer is remembered for every node on the way up, and a later walk stops at the first node it knows: walking
     * to the root for each fn was quadratic in nesting (a fuzzed line of 10,000 nested {@code impl S { fn f() {}
     * kept CC4 busy for 6 s).
     */
    public boolean isTestCode(Node node) {
        if (isTestPath()) {
            return true;
        }
        if (newTree == null) {
            return false;
        }
        java.util.ArrayList<Node> path = new java.util.ArrayList<>();
        boolean in = false;
        for (Node cur = node; cur != null; cur = Syntax.parent(cur).orElse(null)) {
            Boolean known = testCode.get(cur);
            if (known != null) {
                in = known;
                break;
            }
            path.add(cur);
        }
        for (int i = path.size() - 1; i >= 0; i--) {
            Node n = path.get(i);
            if (!in && Syntax.is(n, "function_item", "mod_item")) {
                for (Node attr : Syntax.attributes(n)) {
                    if (dev.rustreview.analysis.crate.TestCode.isTestAttribute(newTree.text(attr))) {
                        in = true;
                        break;
                    }
                }
            }
            testCode.put(n, in);
        }
        return in;
    }

    /**
     * A value several rules compute from this file (an outline of each side, say), computed once per file.
     */
    public <T> T derived(Object key, Class<T> type, java.util.function.Function<ChangedFile, T> compute) {
        return derived.get(key, type, () -> compute.apply(this));
    }

    /**
     * The crate model the rules ask about locks, guards, awaits and calls: the indexed crate holding this file,
     * or (when none was indexed, as for a lone file) a model of this file's new side alone.
     */
    public CrateModel crate() {
        CrateModel known = crate;
        if (known == null) {
            known = new CrateModel(Edition.E2021, newText == null || !isRust() ? List.of()
                    : List.of(LexicalReader.read(path(), newText, isTestPath())));
            crate = known;
        }
        return known;
    }
}
