package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyntaxPathTest {

    @Test
    void pathFromRootDescendsToTheNodeInclusive() throws Exception {
        RustTree tree = RustParser.forCurrentThread().parse("mod a { fn f() { let x = (1 + 2); } }\n", ParseLimits.DEFAULT);
        Node literal = tree.find(tree.root(), "integer_literal").get(0);
        assertThat(Syntax.pathFrom(tree.root(), literal)).extracting(Node::getType).containsExactly("source_file",
                "mod_item", "declaration_list", "function_item", "block", "let_declaration",
                "parenthesized_expression", "binary_expression", "integer_literal");
        assertThat(Syntax.pathFrom(tree.root(), tree.root())).hasSize(1);
    }

    @Test
    void pathFromMatchesTheAncestorsWalk() throws Exception {
        RustTree tree = RustParser.forCurrentThread().parse("""
                impl A { async fn g(&self) { if let Some(v) = self.m.get(1) { v.unwrap(); } } }
                """, ParseLimits.DEFAULT);
        for (Node n : tree.find(tree.root(), "identifier", "field_identifier")) {
            java.util.List<Node> up = new java.util.ArrayList<>(Syntax.ancestors(n));
            java.util.Collections.reverse(up);
            up.add(n);
            assertThat(Syntax.pathFrom(tree.root(), n)).isEqualTo(up);
        }
    }
}
