package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC54: an atomic read-modify-write replaced by a store of a constant. */
class AtomicUpdateClobberedTest {

    private final AtomicUpdateClobbered rule = new AtomicUpdateClobbered();

    /** mycelium's RwSpinlock with a4ae0295 reversed. */
    private static final String UNLOCK = """
              unsafe impl RawRwLock for RwSpinlock {
                  unsafe fn unlock_exclusive(&self) {
            -         let _val = test_dbg!(self.state.fetch_sub(WRITER, Release));
            +         let _val = test_dbg!(self.state.swap(UNLOCKED, Release));
                  }
                  unsafe fn unlock_shared(&self) {
                      let _val = self.state.fetch_sub(READER, Release);
                  }
              }
            """;

    @Test
    void aFetchSubReplacedByASwapOfAConstantIsReported() {
        List<Finding> f = RuleRun.on(rule, "maitake-sync/src/spin.rs", UNLOCK);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC54", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`self.state.swap(UNLOCKED, ..)` replaces `self.state.fetch_sub(..)` in "
                + "`unlock_exclusive`");
    }

    @Test
    void anotherAtomicAComputedValueOrAConstructorIsNotReported() {
        assertThat(RuleRun.on(rule, "src/spin.rs", UNLOCK.replace("self.state.swap(UNLOCKED, Release)",
                "self.other.swap(UNLOCKED, Release)"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/spin.rs", UNLOCK.replace("self.state.swap(UNLOCKED, Release)",
                "self.state.swap(current & !WRITER, Release)"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/spin.rs", UNLOCK.replace("unlock_exclusive", "drop"))).isEmpty();
        // stored under a lock every writer takes (thingbuf's wait queue)
        String locked = UNLOCK.replace("+         let _val = test_dbg!(self.state.swap(UNLOCKED, Release));",
                "+         let list = self.list.lock();\n+         let _val = test_dbg!(self.state.swap(UNLOCKED, Release));");
        assertThat(locked).isNotEqualTo(UNLOCK);
        assertThat(RuleRun.on(rule, "src/spin.rs", locked)).isEmpty();
    }
}
