package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The binary search behind {@link Node#getNamedDescendantForByteRange} must find, at every byte, the node a scan of
 * every child finds: sibling order and the skipping of empty (MISSING) and anonymous leaves are what it relies on.
 */
class NodeLookupTest {

    @Test
    void matchesALinearScanAtEveryByteOfTheSample() throws Exception {
        assertMatchesLinearScan(Files.readString(Path.of("samples/backup-service/files/a5/src/backup/executor.rs")));
    }

    @Test
    void matchesALinearScanInBrokenCodeWithMissingNodes() throws Exception {
        assertMatchesLinearScan("""
                fn broken( { let x = ; }
                impl Foo { fn a(&self) -> u8 { self.0 [ } }
                struct S { a: u8, b: }
                fn f() { match x { Some(y) => , None => { } } }
                """);
    }

    @Test
    void matchesALinearScanInsideAMacroWithThousandsOfTokens() throws Exception {
        String body = "a , b ; 1 + \"s\" ".repeat(3000);
        assertMatchesLinearScan("m! { " + body + " }\nfn g() { n!( " + body + "\n");
    }

    private static void assertMatchesLinearScan(String source) throws ParseFailure {
        RustTree tree = RustParser.forCurrentThread().parse(source, ParseLimits.DEFAULT);
        int bytes = source.getBytes(StandardCharsets.UTF_8).length;
        for (int offset = 0; offset < bytes; offset++) {
            Node expected = linear(tree.root(), offset, offset + 1);
            assertThat(tree.root().getNamedDescendantForByteRange(offset, offset + 1))
                    .as("byte %d", offset).isSameAs(expected);
        }
    }

    /** The lookup as it was written before the binary search: every child of every level, in order. */
    private static Node linear(Node root, int start, int end) {
        Node current = root;
        boolean descended = true;
        while (descended) {
            descended = false;
            for (int i = 0; i < current.getChildCount(); i++) {
                Node child = current.getChild(i);
                if (child.getStartByte() <= start && end <= child.getEndByte() && child.getEndByte() > child.getStartByte()
                        && (child.isNamed() || child.getChildCount() > 0)) {
                    current = child;
                    descended = true;
                    break;
                }
            }
        }
        while (!current.isNamed() && !current.getParent().isNull()) {
            current = current.getParent();
        }
        return current;
    }
}
