package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each line's node and path, looked up from the previous line's node and bounded on deep trees. */
class LineNodesTest {

    private static LineNodes nodes(String source) throws ParseFailure {
        return new LineNodes(RustParser.forCurrentThread().parse(source, ParseLimits.DEFAULT));
    }

    @Test
    void eachLineFindsTheSameNodeAsADescentFromTheRootInAnyOrder() throws ParseFailure {
        String source = """
                use std::sync::Mutex;
                struct Pool { shared: Mutex<Vec<u8>> }
                impl Pool {
                    fn flush(&self) -> Option<u8> {
                        let g = self.shared.lock().ok()?;
                        match g.first() {
                            Some(b) => Some(*b),
                            None => None,
                        }
                    }
                }
                """;
        RustTree tree = RustParser.forCurrentThread().parse(source, ParseLimits.DEFAULT);
        LineNodes forward = new LineNodes(tree);
        LineNodes backward = new LineNodes(tree);
        int lines = source.split("\n").length;
        for (int line = lines; line >= 1; line--) {
            backward.at(line);
        }
        for (int line = 1; line <= lines; line++) {
            Node fromRoot = new LineNodes(tree).at(line).orElseThrow();
            assertThat(forward.at(line)).contains(fromRoot);
            assertThat(backward.at(line)).contains(fromRoot);
            assertThat(forward.pathOf(fromRoot)).isEqualTo(Syntax.pathFrom(tree.root(), fromRoot));
        }
    }

    @Test
    void aPathDeeperThanTwiceTheKeptEndsKeepsTheRootSideAndTheLineSide() throws ParseFailure {
        String source = "fn tries() -> Option<u8> {\n    x\n" + "?\n".repeat(1_000) + "}\n";
        LineNodes nodes = nodes(source);
        Node deepest = nodes.at(2).orElseThrow();
        List<Node> full = Syntax.pathFrom(nodes.tree().root(), deepest);
        assertThat(full).hasSizeGreaterThan(1_000);
        List<Node> bounded = nodes.pathOf(deepest);
        assertThat(bounded).hasSize(2 * LineNodes.PATH_ENDS);
        assertThat(bounded.subList(0, LineNodes.PATH_ENDS)).isEqualTo(full.subList(0, LineNodes.PATH_ENDS));
        assertThat(bounded.subList(LineNodes.PATH_ENDS, bounded.size()))
                .isEqualTo(full.subList(full.size() - LineNodes.PATH_ENDS, full.size()));
        // A line higher up the chain, asked after: the same shape from the kept ancestors.
        Node higher = nodes.at(500).orElseThrow();
        List<Node> fullHigher = Syntax.pathFrom(nodes.tree().root(), higher);
        List<Node> boundedHigher = nodes.pathOf(higher);
        assertThat(boundedHigher.get(boundedHigher.size() - 1)).isEqualTo(higher);
        assertThat(boundedHigher.subList(0, LineNodes.PATH_ENDS)).isEqualTo(fullHigher.subList(0, LineNodes.PATH_ENDS));
    }
}
