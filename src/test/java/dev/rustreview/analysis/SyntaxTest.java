package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyntaxTest {

    @Test
    void asyncContextStopsAtPlainClosuresAndNestedFns() throws Exception {
        RustTree tree = RustParser.forCurrentThread().parse("""
                async fn outer() {
                    let a = 1;
                    let f = || { let b = 2; };
                    fn inner() { let c = 3; }
                    let g = async move { let d = 4; };
                }
                """, ParseLimits.DEFAULT);
        assertThat(tree.find(tree.root(), "let_declaration").stream()
                .map(n -> tree.text(n) + "=" + Syntax.inAsyncContext(n)))
                .containsExactly("let a = 1;=true", "let f = || { let b = 2; };=true", "let b = 2;=false",
                        "let c = 3;=false", "let g = async move { let d = 4; };=true", "let d = 4;=true");
    }

    @Test
    void testCodeIsRecognisedFromAttributes() throws Exception {
        RustTree tree = RustParser.forCurrentThread().parse("""
                fn lib() { let a = 1; }
                #[cfg(test)]
                mod tests {
                    fn helper() { let b = 2; }
                }
                #[tokio::test]
                async fn t() { let c = 3; }
                """, ParseLimits.DEFAULT);
        assertThat(tree.find(tree.root(), "let_declaration").stream().map(n -> Syntax.inTestCode(tree, n)))
                .containsExactly(false, true, true);
    }

    @Test
    void commentsAndStringsAreNotCode() throws Exception {
        RustTree tree = RustParser.forCurrentThread().parse("""
                // unsafe { x }
                fn f() { let s = "unsafe { y }"; unsafe { z() }; }
                """, ParseLimits.DEFAULT);
        assertThat(tree.find(tree.root(), "unsafe_block")).hasSize(1);
        Node comment = tree.find(tree.root(), "line_comment").get(0);
        assertThat(Syntax.inCommentOrString(comment)).isTrue();
    }

    @Test
    void lineNumbersAreOneBasedAndIgnoreATrailingNewline() throws Exception {
        RustTree tree = RustParser.forCurrentThread().parse("// one\nfn two() {\n}\n", ParseLimits.DEFAULT);
        Node comment = tree.find(tree.root(), "line_comment").get(0);
        Node fn = tree.find(tree.root(), "function_item").get(0);
        assertThat(RustTree.endLine(comment)).isEqualTo(1);
        assertThat(RustTree.startLine(fn)).isEqualTo(2);
        assertThat(RustTree.endLine(fn)).isEqualTo(3);
    }

    @Test
    void deepNestingIsWalkedWithoutRecursion() throws Exception {
        String deep = "fn f() { let x = " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "; }\n";
        RustTree tree = RustParser.forCurrentThread().parse(deep, ParseLimits.DEFAULT);
        int count = 0;
        for (Node ignored : tree.preorder(tree.root())) {
            count++;
        }
        assertThat(count).isGreaterThan(40_000);
    }

    @Test
    void parseOverTheLimitsFailsWithAReason() {
        String big = "fn f() {}\n".repeat(100);
        assertThatThrownBy(() -> RustParser.forCurrentThread().parse(big, new ParseLimits(Duration.ofSeconds(5), 100)))
                .isInstanceOf(ParseFailure.class).hasMessageContaining("parse limit");
        String slow = "fn f() { let x = 1; }\n".repeat(400_000);
        assertThatThrownBy(() -> RustParser.forCurrentThread().parse(slow, new ParseLimits(Duration.ofMillis(20), Integer.MAX_VALUE)))
                .isInstanceOf(ParseFailure.class).hasMessageContaining("longer than 20 ms");
    }

    @Test
    void snippetMarksAddedLines() {
        ChangedFile file = Snippet.of("src/lib.rs", """
                  fn a() {
                -     old();
                +     new_call();
                  }
                """);
        assertThat(file.added(2)).isTrue();
        assertThat(file.added(1)).isFalse();
        assertThat(file.removed(2)).isTrue();
        assertThat(file.newTree()).isNotNull();
        assertThat(file.oldText()).contains("old();");
    }
}
