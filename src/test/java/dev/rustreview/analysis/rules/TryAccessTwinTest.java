package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC53 (and its PN5 side): a try access replaced by the access that waits or panics. */
class TryAccessTwinTest {

    private final TryAccessTwin rule = new TryAccessTwin();
    private final PanickingTwinAdded pn5 = new PanickingTwinAdded();

    /** leptos's memo with d306a15f reversed. */
    private static final String MEMO = """
              impl<T, S> ReactiveNode for ArcMemoInner<T, S> {
                  fn mark_check(&self) {
                      if changed {
                          true
                      } else {
            -             if let Ok(mut lock) = self.try_write() {
            -                 lock.state = ReactiveNodeState::Clean;
            -             }
            +             let mut lock = self.write().or_poisoned();
            +             lock.state = ReactiveNodeState::Clean;
                          false
                      }
                  }
              }
            """;

    @Test
    void aTryWriteMatchedAsAResultReplacedByAWaitingWriteIsReported() {
        List<Finding> f = RuleRun.on(rule, "reactive_graph/src/computed/inner.rs", MEMO);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC53", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`self.write()` replaces `self.try_write()` in `mark_check`: it waits "
                + "where it skipped");
        assertThat(RuleRun.on(pn5, "reactive_graph/src/computed/inner.rs", MEMO)).isEmpty();
    }

    /** leptos's suspense effect with a39add50 reversed. */
    private static final String SUSPENSE = """
              fn suspense_effect(tasks: ArcRwSignal<SlotMap<TaskId, ()>>) {
                  let eff = Effect::new_isomorphic(move |_| {
                      tasks.track();
            -         if let Some(tasks) = tasks.try_read() {
            -             if tasks.is_empty() {
            -                 finish();
            -             }
            -         }
            +         if tasks.read().is_empty() {
            +             finish();
            +         }
                  });
              }
            """;

    @Test
    void anOptionTryReadReplacedByAPlainReadIsAPanicNotAWait() {
        List<Finding> f = RuleRun.on(pn5, "leptos/src/suspense_component.rs", SUSPENSE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`tasks.read()` replaces `tasks.try_read()` in `suspense_effect`");
        assertThat(RuleRun.on(rule, "leptos/src/suspense_component.rs", SUSPENSE)).isEmpty();
    }

    @Test
    void aFnThatStillTriesOrAnotherReceiverIsNotReported() {
        String still = MEMO.replace("+             lock.state = ReactiveNodeState::Clean;",
                "+             lock.state = ReactiveNodeState::Clean;\n+             let _ = self.try_write();");
        assertThat(still).isNotEqualTo(MEMO);
        assertThat(RuleRun.on(rule, "src/inner.rs", still)).isEmpty();
        assertThat(RuleRun.on(rule, "src/inner.rs", MEMO.replace("self.write().or_poisoned()",
                "self.other.write().or_poisoned()"))).isEmpty();
    }
}
