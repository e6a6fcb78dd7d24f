package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN35: the iterative Drop of a self-linked type removed. */
class IterativeDropRemovedTest {

    private final IterativeDropRemoved rule = new IterativeDropRemoved();

    private static final String TYPE = """
            struct LinCowCellInner<R> {
                pin: Mutex<Option<Arc<LinCowCellInner<R>>>>,
                data: R,
            }
            """;

    private static final String DROP = """
            impl<R> Drop for LinCowCellInner<R> {
                fn drop(&mut self) {
                    let mut current = self.pin.lock().unwrap().take();
                    while let Some(arc) = current {
                        match Arc::try_unwrap(arc) {
                            Ok(inner) => current = inner.pin.lock().unwrap().take(),
                            Err(_) => break,
                        }
                    }
                }
            }
            """;

    @Test
    void theLoopThatUnlinkedASelfLinkedTypeRemovedIsReported() {
        // concread's LinCowCellInner with the fix (8394e6e7) reversed
        List<Finding> f = RuleRun.on(rule, "src/internals/lincowcell/mod.rs", RuleRun.diff(TYPE + DROP, TYPE));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN35", MEDIUM, NEW, 1, 1));
    }

    @Test
    void aDropThatWalksNothingOrATypeThatLinksNothingIsNotReported() {
        String flat = TYPE.replace("Mutex<Option<Arc<LinCowCellInner<R>>>>", "Mutex<Option<Arc<R>>>");
        assertThat(RuleRun.on(rule, "src/lib.rs", RuleRun.diff(flat + DROP, flat))).isEmpty();
        String plain = """
                impl<R> Drop for LinCowCellInner<R> {
                    fn drop(&mut self) {
                        log::debug!("dropped");
                    }
                }
                """;
        assertThat(RuleRun.on(rule, "src/lib.rs", RuleRun.diff(TYPE + plain, TYPE))).isEmpty();
        // the Drop kept (edited)
        assertThat(RuleRun.on(rule, "src/lib.rs", RuleRun.diff(TYPE + DROP, TYPE + DROP.replace("break", "return"))))
                .isEmpty();
    }
}
