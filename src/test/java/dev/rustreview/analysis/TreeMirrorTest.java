package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterRust;

/** The Java copy of a tree must say exactly what tree-sitter's own nodes say, node for node. */
class TreeMirrorTest {

    private static final String SOURCE = """
            //! Module docs with é and 🦀.
            use std::sync::{Arc, Mutex};

            /// A store.
            pub struct Store<'a, T: Send> { items: Arc<Mutex<Vec<&'a T>>>, }

            impl<'a, T: Send> Store<'a, T> {
                pub async fn flush(&self) -> Result<(), String> {
                    let guard = self.items.lock().unwrap();
                    let s = "unsafe { not code }"; // trailing comment
                    write(&guard).await?;
                    unsafe { std::ptr::read(std::ptr::null::<u8>()) };
                    Ok(())
                }
            }

            fn broken( { let x = ; }
            """;

    private record Seen(String type, boolean named, String field, int start, int end, int startRow, int startCol,
                        int endRow, int endCol) {
    }

    @Test
    void everyNodeMatchesTheNativeTreeInTypeFieldPositionAndOrder() throws Exception {
        assertMirrorMatchesNative(SOURCE);
    }

    @Test
    void theSampleExecutorMatchesToo() throws Exception {
        assertMirrorMatchesNative(Files.readString(Path.of("samples/backup-service/files/a5/src/backup/executor.rs")));
    }

    private static void assertMirrorMatchesNative(String source) throws Exception {
        TSParser parser = new TSParser();
        parser.setLanguage(new TreeSitterRust());
        TSTree tree = parser.parseString(null, source);
        List<Seen> expected = new ArrayList<>();
        TSTreeCursor cursor = new TSTreeCursor(tree.getRootNode());
        boolean done = false;
        while (!done) {
            TSNode n = cursor.currentNode();
            expected.add(new Seen(n.getType(), n.isNamed(), cursor.currentFieldName(), n.getStartByte(), n.getEndByte(),
                    n.getStartPoint().getRow(), n.getStartPoint().getColumn(), n.getEndPoint().getRow(),
                    n.getEndPoint().getColumn()));
            if (cursor.gotoFirstChild()) {
                continue;
            }
            while (!cursor.gotoNextSibling()) {
                if (!cursor.gotoParent()) {
                    done = true;
                    break;
                }
            }
        }
        RustTree mirror = RustParser.forCurrentThread().parse(source, ParseLimits.DEFAULT);
        List<Seen> actual = new ArrayList<>();
        for (Node n : mirror.preorder(mirror.root())) {
            actual.add(new Seen(n.getType(), n.isNamed(), n.getFieldName(), n.getStartByte(), n.getEndByte(),
                    n.getStartPoint().getRow(), n.getStartPoint().getColumn(), n.getEndPoint().getRow(),
                    n.getEndPoint().getColumn()));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(mirror.root().toString()).isEqualTo(tree.getRootNode().toString());
        assertThat(mirror.hasErrors()).isEqualTo(tree.getRootNode().hasError());
    }

    @Test
    void navigationAnswersLikeTreeSitter() throws Exception {
        RustTree tree = RustParser.forCurrentThread().parse(SOURCE, ParseLimits.DEFAULT);
        Node fn = tree.find(tree.root(), "function_item").get(0);
        assertThat(tree.text(fn.getChildByFieldName("name"))).isEqualTo("flush");
        assertThat(fn.getChildByFieldName("nope").isNull()).isTrue();
        assertThat(fn.getParent().getType()).isEqualTo("declaration_list");
        Node let = tree.find(fn, "let_declaration").get(0);
        assertThat(fn.getChildWithDescendant(let).getType()).isEqualTo("block");
        assertThat(tree.root().getParent().isNull()).isTrue();
        Node name = fn.getChildByFieldName("name");
        assertThat(name.getPrevSibling().getType()).isEqualTo("fn");
        assertThat(tree.root().getNamedDescendantForByteRange(name.getStartByte(), name.getStartByte() + 1))
                .isSameAs(name);
    }
}
