package dev.rustreview.analysis.crate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.ParseLimits;
import dev.rustreview.analysis.RustParser;
import dev.rustreview.analysis.RustTree;
import org.junit.jupiter.api.Test;

/**
 * Which lock calls count as acquisitions: only those within {@link Locks#MAX_STATEMENT_DEPTH} levels of their fn,
 * because every lock rule walks up from each acquisition to its statement. Fuzz run 52 had 606 fns each holding a
 * 460-call {@code .lock()} chain whose innermost calls sat about 900 levels down: at the old limit of 1,000 they
 * counted, and CC1, CC8 and CC9 spent half a minute each walking up from them.
 */
class LockDepthTest {

    private static Locks locksOf(RustTree tree) {
        return new Locks(TypeFacts.of(tree));
    }

    private static RustTree parse(String text) throws Exception {
        return RustParser.forCurrentThread().parse(text, ParseLimits.DEFAULT);
    }

    @Test
    void aLockUnderDozensOfNestedCallsIsStillAnAcquisition() throws Exception {
        // 90 nested calls put the lock about 190 levels down: deeper than hand-written code goes.
        String text = "fn f(m: &std::sync::Mutex<u8>) {\n    let g = m" + ".clone()".repeat(100) + ".lock().unwrap();\n"
                + "    let n = " + "h(".repeat(90) + "*m.lock().unwrap()" + ")".repeat(90) + ";\n}\n";
        RustTree tree = parse(text);
        Locks locks = locksOf(tree);
        Nav nav = locks.facts().nav();
        Node fn = nav.code("function_item").get(0);
        assertThat(locks.acquisitions(fn)).hasSize(2);
        assertThat(locks.acquisitions(fn)).allSatisfy(lc -> assertThat(nav.depth(lc.call()) - nav.depth(fn))
                .isLessThanOrEqualTo(Locks.MAX_STATEMENT_DEPTH));
        assertThat(locks.acquisitions(fn).stream().mapToInt(lc -> nav.depth(lc.call()) - nav.depth(fn)).max()
                .orElseThrow()).isGreaterThan(150);
        assertThat(locks.held(fn)).hasSize(1);
    }

    @Test
    void lockCallsHundredsOfLevelsDownAreNotAcquisitions() throws Exception {
        String text = "fn f(m: &std::sync::Mutex<u8>) {\n    let _ = m" + ".lock()".repeat(460) + ";\n}\n";
        RustTree tree = parse(text);
        Locks locks = locksOf(tree);
        Nav nav = locks.facts().nav();
        Node fn = nav.code("function_item").get(0);
        // The outermost calls are shallow but their receivers are kilobytes long, so they name no lock; the
        // innermost are short but deep. Neither kind is read.
        assertThat(locks.acquisitions(fn)).isEmpty();
        Node innermost = nav.find(fn, "call_expression").stream()
                .max(java.util.Comparator.comparingInt(nav::depth)).orElseThrow();
        assertThat(nav.depth(innermost) - nav.depth(fn)).isGreaterThan(Locks.MAX_STATEMENT_DEPTH);
        assertThat(locks.lockCall(innermost)).isPresent();
    }
}
