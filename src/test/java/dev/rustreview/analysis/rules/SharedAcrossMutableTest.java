package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US11: a shared reference from a raw pointer used after a &mut to the same place was made. */
class SharedAcrossMutableTest {

    private final SharedAcrossMutable us11 = new SharedAcrossMutable();

    @Test
    void aSharedReferenceDroppedBelowTheBranchThatTookAMutableOne() {
        // bus's Seat::take with its fix (95aa5bf8) reversed.
        List<Finding> f = RuleRun.on(us11, "src/lib.rs", """
                  impl<T: Clone + Sync> Seat<T> {
                      fn take(&self) -> T {
                          let read = self.read.load(atomic::Ordering::Acquire);
                          let state = unsafe { &*self.state.get() };
                          let v = if read + 1 == state.max {
                              unsafe { &mut *self.state.get() }.val.take().unwrap()
                          } else {
                -             let v = state.val.clone().expect("occupied");
                -             drop(state);
                -             v
                +             state.val.clone().expect("occupied")
                          };
                +         drop(state);
                          self.read.fetch_add(1, atomic::Ordering::AcqRel);
                          v
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US11", HIGH, NEW, 10, 10));
        assertThat(f.get(0).title()).isEqualTo("`state` (`&*self.state.get()`) is used after `&mut *self.state.get()` in `take`");
    }

    @Test
    void usesInTheOtherBranchBeforeTheMutableOneOrOfAShadowingBindingAreQuiet() {
        List<Finding> f = RuleRun.on(us11, "src/lib.rs", """
                  impl<T: Clone> Seat<T> {
                      fn take(&self) -> T {
                          let state = unsafe { &*self.state.get() };
                +         let max = state.max;
                          if self.read.load(Acquire) + 1 == max {
                              unsafe { &mut *self.state.get() }.val.take().unwrap()
                          } else {
                +             let v = state.val.clone().unwrap();
                              drop(state);
                              v
                          }
                      }
                      fn reset(&self, p: *mut Slot) {
                          let slot = unsafe { &*p };
                +         let n = slot.len;
                          let slot = unsafe { &mut *p };
                          slot.len = n + 1;
                      }
                      fn other(&self, a: *mut Slot, b: *mut Slot) {
                          let x = unsafe { &*a };
                +         let y = unsafe { &mut *b };
                          y.len = x.len;
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
