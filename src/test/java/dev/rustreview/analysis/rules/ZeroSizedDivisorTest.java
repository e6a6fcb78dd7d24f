package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN8: division by the size of a generic type, which is zero for a zero-sized type. */
class ZeroSizedDivisorTest {

    private final ZeroSizedDivisor pn8 = new ZeroSizedDivisor();

    @Test
    void aLengthDividedByTheSizeOfAGenericTargetIsReported() {
        // bytemuck 005ee325 reversed: the zero-sized target case is no longer handled before the division.
        List<Finding> f = RuleRun.on(pn8, "src/allocation.rs", """
                  use core::mem::size_of;
                  pub fn try_cast_slice_box<A: NoUninit, B: AnyBitPattern>(
                      input: Box<[A]>,
                  ) -> Result<Box<[B]>, (PodCastError, Box<[A]>)> {
                      if align_of::<A>() != align_of::<B>() {
                          Err((PodCastError::AlignmentMismatch, input))
                      } else if size_of::<A>() != size_of::<B>() {
                -         let input_bytes = size_of_val::<[A]>(&*input);
                -         if (size_of::<B>() == 0 && input_bytes != 0)
                -             || (size_of::<B>() != 0 && input_bytes % size_of::<B>() != 0)
                -         {
                +         if size_of::<A>() * input.len() % size_of::<B>() != 0 {
                              return Err((PodCastError::OutputSliceWouldHaveSlop, input));
                          }
                -         let length = if size_of::<B>() != 0 { input_bytes / size_of::<B>() } else { 0 };
                +         let length = size_of::<A>() * input.len() / size_of::<B>();
                          let ptr: *mut A = Box::into_raw(input) as *mut A;
                          Ok(unsafe { Box::<[B]>::from_raw(core::slice::from_raw_parts_mut(ptr as *mut B, length)) })
                      } else {
                          Ok(cast_box(input))
                      }
                  }
                  pub fn element_count(bytes: usize) -> usize {
                      bytes / size_of::<u64>()
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN8", MEDIUM, NEW, 8, 8), tuple("PN8", MEDIUM, NEW, 11, 11));
        assertThat(f.get(0).title()).isEqualTo("`try_cast_slice_box` divides by `size_of::<B>()`, zero for a zero-sized `B`");
    }

    @Test
    void anImplParameterHeldInALetAndChunksAreReported() {
        List<Finding> f = RuleRun.on(pn8, "src/ring.rs", """
                  impl<T: Copy> Ring<T> {
                      pub fn capacity_for(&self, bytes: usize) -> usize {
                +         let elem = mem::size_of::<T>();
                +         bytes / elem
                      }
                      pub fn records<'a>(&self, raw: &'a [u8]) -> impl Iterator<Item = &'a [u8]> {
                +         raw.chunks_exact(std::mem::size_of::<T>())
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN8", MEDIUM, NEW, 4, 4), tuple("PN8", MEDIUM, NEW, 7, 7));
        assertThat(f.get(1).title()).isEqualTo("`records` passes to `chunks_exact` `size_of::<T>()`, zero for a zero-sized `T`");
    }

    @Test
    void aHandledZeroCaseAConcreteTypeAnUnchangedLineAndTestCodeAreNotReported() {
        // Hard negatives: the fn returns early for a zero-sized T; the impl answers IS_ZST; a concrete type;
        // a division the change does not touch; a test.
        List<Finding> f = RuleRun.on(pn8, "src/vec.rs", """
                  impl<T> RawVec<T> {
                      const IS_ZST: bool = mem::size_of::<T>() == 0;
                      pub fn max_len(&self) -> usize {
                +         if Self::IS_ZST { usize::MAX } else { isize::MAX as usize / mem::size_of::<T>() }
                      }
                  }
                  pub fn count<U, const N: usize>(bytes: usize) -> usize {
                +     if size_of::<U>() == 0 {
                +         return N;
                +     }
                +     bytes / size_of::<U>()
                  }
                  pub fn slots<S>(bytes: usize) -> usize {
                +     let size = size_of::<S>();
                +     if size == 0 {
                +         return usize::MAX;
                +     }
                +     bytes / size
                  }
                  pub fn words(bytes: usize) -> usize {
                +     bytes / size_of::<u32>()
                  }
                  pub fn old<V>(bytes: usize) -> usize {
                      let n = bytes / size_of::<V>();
                +     n + 1
                  }
                  #[cfg(test)]
                  mod tests {
                      fn per<W>(b: usize) -> usize {
                +         b / size_of::<W>()
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
