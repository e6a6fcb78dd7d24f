package dev.rustreview.analysis;

import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Severity from evidence, decided in one place after every rule has run: critical only for the definite
 * patterns, one step lower for an {@code unsafe} block its author justified with a {@code // SAFETY:} comment,
 * and low in test code unless the finding is a concurrency bug in the test itself.
 */
final class SeverityPolicy {

    /**
     * Rules whose critical grade is a definite pattern: non-reentrant double lock (CC1), std/parking_lot guard
     * across {@code .await} (AL1), inverted lock order with both orders present (CC2), Trojan Source (SR1).
     * {@code unsafe impl Send/Sync} (US2) is definite only without bounds, see {@link #definite}.
     */
    private static final Set<String> DEFINITE = Set.of("CC1", "AL1", "CC2", "SR1");
    private static final Set<RiskArea> CONCURRENCY = Set.of(RiskArea.CONCURRENCY, RiskArea.ASYNC_LIFETIMES);
    private static final Pattern GENERIC_IMPL = Pattern.compile("\\bimpl\\s*<");
    private static final Pattern SAFETY = Pattern.compile("(?i)\\bsafety\\s*:");

    private SeverityPolicy() {
    }

    static Finding apply(ChangedFile file, FindingKeys keys, Finding f) {
        Severity s = f.severity();
        if (s == Severity.CRITICAL && !definite(f, keys.flaggedCode(f))) {
            s = Severity.HIGH;
        }
        if (f.area() == RiskArea.UNSAFE && justifiedUnsafeBlock(keys, f)) {
            s = s.lower();
        }
        if (!CONCURRENCY.contains(f.area()) && inTestCode(file, keys, f)) {
            s = Severity.LOW;
        }
        return s == f.severity() ? f : f.withSeverity(s);
    }

    /**
     * Whether a critical grade rests on a definite pattern. For US2 that is an impl on a generic type without the
     * matching bounds, or on a concrete type (nothing but the promise vouches for it); a generic impl that
     * requires {@code T: Send}/{@code T: Sync} is high.
     */
    static boolean definite(Finding f, String flaggedCode) {
        if (DEFINITE.contains(f.ruleId())) {
            return true;
        }
        if (!f.ruleId().equals("US2")) {
            return false;
        }
        boolean unbounded = f.objects().stream().anyMatch(o -> o.matches(".* without (Send|Sync) bound"));
        return unbounded || !GENERIC_IMPL.matcher(flaggedCode).find();
    }

    /** Test path, {@code #[test]}-like fn or {@code #[cfg(test)]} module: the rules' shared test-code check. */
    static boolean inTestCode(ChangedFile file, FindingKeys keys, Finding f) {
        if (file.isTestPath()) {
            return true;
        }
        RustTree tree = f.side() == Side.NEW ? file.newTree() : file.oldTree();
        Node node = keys.nodeAt(f.side(), f.startLine());
        return tree != null && node != null && Syntax.inTestCode(tree, node);
    }

    /**
     * Whether the finding sits in (or on) an {@code unsafe} block whose statement has a comment block directly
     * above it that says {@code SAFETY:}: the author wrote down the invariant the reviewer has to check.
     */
    static boolean justifiedUnsafeBlock(FindingKeys keys, Finding f) {
        Node node = keys.nodeAt(f.side(), f.startLine());
        if (node == null) {
            return false;
        }
        Optional<Node> block = Syntax.is(node, "unsafe_block") ? Optional.of(node)
                : Syntax.enclosing(node, "unsafe_block").or(() -> startingBlock(node, f.startLine()));
        if (block.isEmpty()) {
            return false;
        }
        int blockLine = RustTree.startLine(block.get());
        if (commentAbove(keys, f.side(), blockLine)) {
            return true;
        }
        // `let x = unsafe { .. }` and `foo(unsafe { .. })`: the comment sits above the statement.
        Optional<Node> statement = Syntax.enclosing(block.get(), "let_declaration", "expression_statement");
        return statement.isPresent() && commentAbove(keys, f.side(), RustTree.startLine(statement.get()));
    }

    /** An unsafe block that starts on the finding's line inside the node that line starts with. */
    private static Optional<Node> startingBlock(Node node, int line) {
        for (Node child : Syntax.namedChildren(node)) {
            if (RustTree.startLine(child) != line) {
                continue;
            }
            if (Syntax.is(child, "unsafe_block")) {
                return Optional.of(child);
            }
            Optional<Node> deeper = startingBlock(child, line);
            if (deeper.isPresent()) {
                return deeper;
            }
        }
        return Optional.empty();
    }

    /** Whether the run of comment lines directly above {@code line} mentions {@code SAFETY:}. */
    static boolean commentAbove(FindingKeys keys, Side side, int line) {
        for (int l = line - 1; l >= 1; l--) {
            String text = keys.line(side, l).strip();
            boolean comment = text.startsWith("//") || text.startsWith("/*") || text.startsWith("*");
            if (!comment) {
                return false;
            }
            if (SAFETY.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }
}
