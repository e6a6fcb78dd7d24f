package dev.rustreview.analysis.crate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Snippet;
import org.junit.jupiter.api.Test;

/**
 * The old side of a changed file as the model reads it (a lone file, the way the base's findings read it) and the
 * innermost fn at a line: the two lookups CC44, CC47 and CC49 share.
 */
class FileViewOldSideTest {

    private static final String DIFF = """
              use std::sync::Mutex;
              struct S { a: Mutex<u8>, b: Mutex<u8> }
              impl S {
                  fn f(&self) {
            -         let g = self.a.lock().unwrap();
            +         let n = 1;
                      fn inner() {
                          let x = 2;
                      }
                  }
              }
            """;

    @Test
    void theOldSideIsReadWithItsOwnGuardsAndIsBuiltOnce() {
        ChangedFile file = Snippet.of("src/lib.rs", DIFF);
        FileView was = FileView.ofOldSide(file).orElseThrow();
        FileView now = FileView.of(file).orElseThrow();
        Node oldF = was.fnHolding(5).orElseThrow();
        Node newF = now.fnHolding(5).orElseThrow();
        assertThat(was.held(oldF)).extracting(Locks.Held::name).containsExactly("g");
        assertThat(now.acquisitions(newF)).isEmpty();
        assertThat(FileView.ofOldSide(file).orElseThrow()).isSameAs(was);
        assertThat(was.file().newText()).isEqualTo(file.oldText());
    }

    @Test
    void theInnermostFnHoldingALineIsFound() {
        FileView now = FileView.of(Snippet.of("src/lib.rs", DIFF)).orElseThrow();
        assertThat(RustTree.startLine(now.fnHolding(7).orElseThrow())).isEqualTo(6);
        assertThat(RustTree.startLine(now.fnHolding(5).orElseThrow())).isEqualTo(4);
        assertThat(now.fnHolding(2)).isEmpty();
    }

    @Test
    void anAddedFileHasNoOldSide() {
        assertThat(FileView.ofOldSide(Snippet.added("fn f() {}\n"))).isEmpty();
    }
}
