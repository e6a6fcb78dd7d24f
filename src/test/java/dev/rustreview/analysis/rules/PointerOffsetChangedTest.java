package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US14: safe code that computes an unsafe block's pointer offset or length changes. */
class PointerOffsetChangedTest {

    private final PointerOffsetChanged us14 = new PointerOffsetChanged();

    @Test
    void anOffsetComputedOutsideTheUnsafeBlockIsReported() {
        // memchr d31a572a reversed: the last aligned word's offset is computed from the wrong end.
        List<Finding> f = RuleRun.on(us14, "src/fallback.rs", """
                  const USIZE_BYTES: usize = std::mem::size_of::<usize>();
                  fn contains_zero_byte(x: usize) -> bool { x.wrapping_sub(0x0101) & !x & 0x8080 != 0 }
                  pub fn memrchr(x: u8, text: &[u8]) -> Option<usize> {
                      let len = text.len();
                      let ptr = text.as_ptr();
                      let end_align = (ptr as usize + len) & (USIZE_BYTES - 1);
                      let mut offset;
                      if end_align > 0 {
                -         offset = len - std::cmp::min(end_align, len);
                +         offset = len - std::cmp::min(USIZE_BYTES - end_align, len);
                          if let Some(i) = text[offset..].iter().rposition(|b| *b == x) {
                              return Some(offset + i);
                          }
                      } else {
                          offset = len;
                      }
                      while offset >= 2 * USIZE_BYTES {
                          let u = unsafe { *(ptr.offset(offset as isize - 2 * USIZE_BYTES as isize) as *const usize) };
                          if contains_zero_byte(u) {
                              break;
                          }
                          offset -= 2 * USIZE_BYTES;
                      }
                      text[..offset].iter().rposition(|b| *b == x)
                  }
                  pub fn len_of(text: &[u8]) -> usize {
                      text.len()
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US14", MEDIUM, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo("`offset` feeds pointer arithmetic in `memrchr`'s unsafe block");
        assertThat(f.get(0).explanation()).contains("offset = len - std::cmp::min(USIZE_BYTES - end_align, len);");
    }

    @Test
    void aLengthHandedToFromRawPartsIsReported() {
        List<Finding> f = RuleRun.on(us14, "src/cast.rs", """
                  pub fn cast_slice<A, B>(input: &[A]) -> &[B] {
                -     let length = input.len() * std::mem::size_of::<A>() / std::mem::size_of::<B>();
                +     let length = input.len() * std::mem::size_of::<A>();
                      unsafe { std::slice::from_raw_parts(input.as_ptr() as *const B, length) }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US14", MEDIUM, NEW, 2, 2));
    }

    @Test
    void editsThatDoNotFeedTheUnsafeBlockOrThatUs1AlreadyCoversAreNotReported() {
        // Hard negatives: a changed variable the unsafe block never offsets by; an unsafe block edited itself
        // (US1 reports it); an unsafe fn (its whole body is unsafe context, US1's); a constant in the offset.
        List<Finding> f = RuleRun.on(us14, "src/buf.rs", """
                  const STEP: usize = 8;
                  pub struct Buf { ptr: *mut u8, len: usize, cap: usize }
                  impl Buf {
                      pub fn log_and_read(&self, at: usize) -> u8 {
                -         let label = "read";
                +         let label = "read at";
                          let _ = label;
                          unsafe { *self.ptr.add(at) }
                      }
                      pub fn write(&mut self, at: usize, v: u8) {
                -         let i = at;
                +         let i = at + 1;
                -         unsafe { *self.ptr.add(i) = v; }
                +         unsafe { *self.ptr.add(i) = v + 0; }
                      }
                      pub unsafe fn read_raw(&self, at: usize) -> u8 {
                -         let j = at;
                +         let j = at + 1;
                          *self.ptr.add(j)
                      }
                      pub fn step(&self) -> u8 {
                -         let unused = 1;
                +         let unused = 2;
                          let _ = unused;
                          unsafe { *self.ptr.add(STEP) }
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
