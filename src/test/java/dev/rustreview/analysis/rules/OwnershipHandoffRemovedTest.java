package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US8: who owns the memory changes under unsafe code that stays. (Snippet drops blank lines.) */
class OwnershipHandoffRemovedTest {

    private final OwnershipHandoffRemoved us8 = new OwnershipHandoffRemoved();

    @Test
    void forgetRemovedFromALoopThatStillWritesThroughARawPointer() {
        // arrayvec's extend for zero-sized types, with the fix (29daea9) reversed.
        List<Finding> f = RuleRun.on(us8, "src/arrayvec.rs", """
                  impl<T, const CAP: usize> ArrayVec<T, CAP> {
                      pub(crate) unsafe fn extend_from_iter<I>(&mut self, iterable: I) where I: IntoIterator<Item = T> {
                          let mut ptr = raw_ptr_add(self.as_mut_ptr(), self.len());
                          for elt in iterable {
                              if mem::size_of::<T>() != 0 {
                                  ptr.write(elt);
                -             } else {
                -                 mem::forget(elt);
                              }
                              ptr = raw_ptr_add(ptr, 1);
                          }
                      }
                  }
                """);
        // An unsafe fn: its whole body is unsafe code, and the finding sits on its header.
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US8", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`mem::forget` removed from `extend_from_iter`, which keeps its `unsafe` code");
    }

    @Test
    void aRefCountForgottenForARawPointerIsAlsoOwnership() {
        // mio's readiness queue, with the fix (e72b475b) reversed.
        List<Finding> f = RuleRun.on(us8, "src/poll.rs", """
                  impl RegistrationInner {
                      fn update(&self, poll: &Poll) -> io::Result<()> {
                          let other: &*mut () = unsafe { mem::transmute(&poll.readiness_queue) };
                          if self.readiness_queue.compare_and_swap(ptr::null_mut(), *other, Release).is_null() {
                              self.ref_count.fetch_add(1, Relaxed);
                -             mem::forget(poll.readiness_queue.clone());
                          }
                          Ok(())
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US8", MEDIUM, NEW, 3, 3));
    }

    @Test
    void quietWhenTheForgetStaysTheFnHasNoUnsafeOrItIsATest() {
        List<Finding> f = RuleRun.on(us8, "src/lib.rs", """
                  fn hand_over(&mut self, v: Vec<u8>) {
                      let p = v.as_ptr();
                -     mem::forget(v);
                +     core::mem::forget(v);
                      unsafe { self.adopt(p) };
                  }
                  unsafe fn wake_by_ref(data: *const ()) {
                      let arc = Arc::from_raw(data as *const Task);
                -     let arc = ManuallyDrop::new(arc);
                      arc.wake_by_ref();
                +     mem::forget(arc);
                  }
                  fn safe_only(&mut self, v: Vec<u8>) {
                -     mem::forget(v);
                      self.count += 1;
                  }
                  #[cfg(test)]
                  mod tests {
                      #[test]
                      fn leaks() {
                -         mem::forget(x);
                          unsafe { use_it(&x) };
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void aDropImplThatFreedByHandRemovedWhileTheTypeStays() {
        // thread_local's Entry, with the fix (a44b836) reversed.
        List<Finding> f = RuleRun.on(us8, "src/lib.rs", """
                  struct Entry<T> {
                      present: AtomicBool,
                      value: UnsafeCell<MaybeUninit<T>>,
                  }
                - impl<T> Drop for Entry<T> {
                -     fn drop(&mut self) {
                -         unsafe {
                -             if *self.present.get_mut() {
                -                 ptr::drop_in_place((*self.value.get()).as_mut_ptr());
                -             }
                -         }
                -     }
                - }
                  struct Plain {
                      name: String,
                  }
                - impl Drop for Plain {
                -     fn drop(&mut self) {
                -         println!("bye {}", self.name);
                -     }
                - }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US8", MEDIUM, NEW, 1, 1));
        assertThat(f.get(0).title()).isEqualTo("`Drop` of `Entry`, which freed memory by hand, removed: values leak");
    }

    @Test
    void quietWhenTheTypeGoesWithItsDrop() {
        List<Finding> f = RuleRun.on(us8, "src/lib.rs", """
                - struct Raw { p: *mut u8 }
                - impl Drop for Raw {
                -     fn drop(&mut self) { unsafe { drop(Box::from_raw(self.p)) } }
                - }
                  fn other() {}
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void anFdHandedOverWithIntoRawFdNowOnlyLent() {
        // client-toolkit 5129dc28 reversed: xkb closes the fd it is given, and the OwnedFd closes it again
        String bug = """
                  fn keymap(&self, fd: OwnedFd, size: u32) {
                      match unsafe {
                          xkb::Keymap::new_from_fd(
                              &context,
                -             fd.into_raw_fd(),
                +             fd.as_raw_fd(),
                              size as usize,
                          )
                      } {
                          Ok(keymap) => self.set(keymap),
                          Err(_) => {}
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(us8, "src/seat/keyboard/mod.rs", bug);
        assertThat(RuleRun.shape(f)).hasSize(1).allMatch(t -> t.toList().get(0).equals("US8"));
        assertThat(f.get(0).title()).contains("into_raw_fd");
        String fix = bug.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(us8, "src/mod.rs", fix)).isEmpty();
    }

    /** x11rb's CSlice with its fix (9a3c02c7) reversed: the buffer freed when into_ptr returns its pointer. */
    private static final String CSLICE = """
              struct CSlice { ptr: *const u8, len: usize }
              impl CSlice {
                  fn into_ptr(self) -> *const u8 {
            -         let ptr = self.ptr;
            -         forget(self);
            -         ptr
            +         self.ptr
                  }
              }
              impl Drop for CSlice {
                  fn drop(&mut self) {
                      unsafe { free(self.ptr as _) }
                  }
              }
            """;

    @Test
    void aForgetRemovedFromAFnHandingOutARawPointerOfADropTypeIsReported() {
        List<Finding> f = RuleRun.on(us8, "src/xcb_ffi.rs", CSLICE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US8", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`mem::forget` removed from `into_ptr`, which hands out a raw pointer");
        // no Drop of its own: nothing frees the buffer at the end of the fn
        assertThat(RuleRun.on(us8, "src/xcb_ffi.rs", CSLICE.substring(0, CSLICE.indexOf("  impl Drop for CSlice"))))
                .isEmpty();
        // a Drop of another type of the file frees nothing this pointer points at
        assertThat(RuleRun.on(us8, "src/xcb_ffi.rs", CSLICE.replace("impl Drop for CSlice", "impl Drop for Other"))).isEmpty();
        // the fix direction
        assertThat(RuleRun.on(us8, "src/xcb_ffi.rs", CSLICE.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-")
                .replaceAll("(?m)^@", "+"))).isEmpty();
    }
}
