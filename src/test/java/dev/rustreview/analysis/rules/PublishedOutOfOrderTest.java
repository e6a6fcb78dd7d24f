package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC19: a slot reserved with one counter and published by bumping another. */
class PublishedOutOfOrderTest {

    private final PublishedOutOfOrder cc19 = new PublishedOutOfOrder();

    private static final String BLOCK = """
              struct Block<T> {
                  write: AtomicUsize,
                  read: AtomicUsize,
                  slots: [UnsafeCell<MaybeUninit<T>>; BLOCK_SIZE],
              }
              impl<T> Block<T> {
                  pub fn len(&self) -> usize {
            %s
                  }
                  pub fn data(&self) -> &[T] {
                      let len = self.len();
                      let head = self.slots[0].get();
                      unsafe { slice::from_raw_parts(head as *const T, len) }
                  }
                  pub fn push(&self, value: T) -> Result<(), T> {
                      let index = self.write.fetch_add(1, Ordering::AcqRel);
                      if index >= BLOCK_SIZE {
                          return Err(value);
                      }
                      unsafe {
                          self.slots[index].get().write(MaybeUninit::new(value));
                      }
            %s
                      Ok(())
                  }
              }
            """;

    @Test
    void aCountBumpedAfterWritingAReservedSlotIsReported() {
        // metrics 8b579751 reversed: the block's length went back from a bitmap of written slots to a count.
        List<Finding> f = RuleRun.on(cc19, "metrics-util/src/bucket.rs", BLOCK.formatted("""
                -         self.read.load(Ordering::Acquire).trailing_ones() as usize
                +         self.read.load(Ordering::Acquire)""", """
                -         self.read.fetch_or(1 << index, Ordering::AcqRel);
                +         self.read.fetch_add(1, Ordering::AcqRel);"""));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC19", MEDIUM, NEW, 23, 23));
        assertThat(f.get(0).title()).isEqualTo("`push` publishes slot `index` by bumping `self.read`, not by marking it");
    }

    @Test
    void aBitmapAStatisticsCounterWithoutUnsafeAndTheSameCounterAreNotReported() {
        // Hard negatives: the fix itself (a bitmap); an id counter and a statistics counter in safe code; one
        // counter bumped twice.
        List<Finding> fix = RuleRun.on(cc19, "src/bucket.rs", BLOCK.formatted(
                "          self.read.load(Ordering::Acquire).trailing_ones() as usize", """
                -         self.read.fetch_add(1, Ordering::AcqRel);
                +         self.read.fetch_or(1 << index, Ordering::AcqRel);"""));
        List<Finding> safe = RuleRun.on(cc19, "src/registry.rs", """
                  impl Registry {
                      fn register(&self, name: String) -> usize {
                          let id = self.next_id.fetch_add(1, Ordering::Relaxed);
                          self.names.lock().unwrap()[id] = name;
                +         self.registrations.fetch_add(1, Ordering::Relaxed);
                          id
                      }
                      fn reserve_two(&self) -> usize {
                          let first = self.tail.fetch_add(1, Ordering::AcqRel);
                          unsafe { self.slots.get_unchecked(first).init() };
                +         self.tail.fetch_add(1, Ordering::AcqRel);
                          first
                      }
                  }
                """);
        assertThat(fix).isEmpty();
        assertThat(safe).isEmpty();
    }
}
