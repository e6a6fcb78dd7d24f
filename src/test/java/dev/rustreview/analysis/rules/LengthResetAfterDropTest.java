package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US25: a container's length written only after its elements are dropped in place. */
class LengthResetAfterDropTest {

    private final LengthResetAfterDrop rule = new LengthResetAfterDrop();

    /** rkyv's InlineVec::clear and SerVec::clear with the fix (5828cf5c) reversed. */
    private static final String CLEAR = """
              impl<T, const N: usize> InlineVec<T, N> {
                  pub fn clear(&mut self) {
            -         let len = self.len;
            -         self.len = 0;
            -
            -         for i in 0..len {
            +         for i in 0..self.len {
                          unsafe {
                              self.elements[i].as_mut_ptr().drop_in_place();
                          }
                      }
            +         self.len = 0;
                  }
                  pub fn truncate(&mut self, len: usize) {
                      while self.len > len {
            -             self.len -= 1;
            +             self.len = self.len - 1;
                          unsafe { core::ptr::drop_in_place(self.as_mut_ptr().add(self.len)) };
                      }
                  }
              }
              impl<T> Drop for SerVec<T> {
                  fn drop(&mut self) {
            +         unsafe { core::ptr::drop_in_place(self.as_mut_slice()) };
            +         self.len = 0;
                  }
              }
            """;

    @Test
    void aLengthResetAfterTheElementsAreDroppedIsReported() {
        List<Finding> f = RuleRun.on(rule, "rkyv/src/util/inline_vec.rs", CLEAR);
        // truncate lowers the length before each drop; Drop::drop is not reached again on unwind
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US25", HIGH, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("`clear` updates its length after dropping elements in place");
        assertThat(f.get(0).explanation()).contains("line 5", "`self.len = 0;`");
    }

    @Test
    void theFixAndAVecSetLenFirstAreNotReported() {
        String fixed = RuleRun.diff("""
                impl<T> SerVec<T> {
                    pub fn clear(&mut self) {
                        for i in 0..self.len {
                            unsafe { core::ptr::drop_in_place(self.ptr.as_ptr().add(i)); }
                        }
                        self.len = 0;
                    }
                }
                """, """
                impl<T> SerVec<T> {
                    pub fn clear(&mut self) {
                        let len = self.len;
                        self.len = 0;
                        for i in 0..len {
                            unsafe { core::ptr::drop_in_place(self.ptr.as_ptr().add(i)); }
                        }
                    }
                    pub fn clear_vec(v: &mut Vec<T>) {
                        let elems: *mut [T] = v.as_mut_slice();
                        unsafe {
                            v.set_len(0);
                            core::ptr::drop_in_place(elems);
                        }
                    }
                }
                """);
        assertThat(RuleRun.on(rule, "rkyv/src/util/ser_vec.rs", fixed)).isEmpty();
        // the reverse direction, with `set_len` after the drop, is reported
        String reversed = RuleRun.diff("""
                fn clear_vec<T>(v: &mut Vec<T>) {
                    let n = 1;
                }
                """, """
                fn clear_vec<T>(v: &mut Vec<T>) {
                    unsafe {
                        core::ptr::drop_in_place(v.as_mut_slice());
                        v.set_len(0);
                    }
                }
                """);
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/lib.rs", reversed))).containsExactly(tuple("US25", HIGH, NEW, 4, 4));
    }

    @Test
    void aFnWhoseChangeTouchesNeitherTheDropNorTheWriteIsNotReported() {
        String other = RuleRun.diff("""
                impl<T> SerVec<T> {
                    pub fn clear(&mut self) {
                        let a = 1;
                        for i in 0..self.len {
                            unsafe { core::ptr::drop_in_place(self.ptr.as_ptr().add(i)); }
                        }
                        self.len = 0;
                    }
                }
                """, """
                impl<T> SerVec<T> {
                    pub fn clear(&mut self) {
                        let a = 2;
                        for i in 0..self.len {
                            unsafe { core::ptr::drop_in_place(self.ptr.as_ptr().add(i)); }
                        }
                        self.len = 0;
                    }
                }
                """);
        assertThat(RuleRun.on(rule, "src/ser_vec.rs", other)).isEmpty();
    }
}
