package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN6: a field changed around a call into the caller's closure and put back only if the closure returns. */
class StateRestoredAfterCallerCodeTest {

    private final StateRestoredAfterCallerCode pn6 = new StateRestoredAfterCallerCode();

    @Test
    void anEpochSetBusyAroundTheReadersClosureWithItsDropGuardRemoved() {
        // left-right's ReadHandle::with_handle, with the fix (73a6729) reversed; `len` calls it and is untouched.
        List<Finding> f = RuleRun.on(pn6, "src/read.rs", """
                  impl<K, V> ReadHandle<K, V> {
                      fn with_handle<F, T>(&self, f: F) -> Option<T>
                      where
                          F: FnOnce(&Inner<K, V>) -> T,
                      {
                          let epoch = self.my_epoch.fetch_add(1, atomic::Ordering::Relaxed);
                          self.epoch.store(epoch + 1, atomic::Ordering::Release);
                          atomic::fence(atomic::Ordering::SeqCst);
                          let r_handle = self.inner.load(atomic::Ordering::Acquire);
                -         struct RestoreParity<'a>(&'a AtomicUsize, usize);
                -         impl<'a> Drop for RestoreParity<'a> {
                -             fn drop(&mut self) {
                -                 self.0.store((self.1 + 1) | HIGH_BIT, atomic::Ordering::Release);
                -             }
                -         }
                -         let _guard = RestoreParity(&self.epoch, epoch);
                -         unsafe { r_handle.as_ref().map(f) }
                +         let res = unsafe { r_handle.as_ref().map(f) };
                +         self.epoch.store((epoch + 1) | HIGH_BIT, atomic::Ordering::Release);
                +         res
                      }
                      pub fn len(&self) -> usize {
                          self.with_handle(|inner| inner.data.len()).unwrap_or(0)
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN6", MEDIUM, NEW, 11, 11));
        assertThat(f.get(0).title()).isEqualTo("`with_handle` sets `self.epoch` before calling `f` and restores it after,"
                + " and the change removed its drop guard");
    }

    @Test
    void aCursorPositionCopiedOutAndWrittenBackAfterTheUsersClosure() {
        // intrusive-rs's CursorOwning::with_cursor_mut, with the fix (a59f314) reversed: a new fn of the change.
        List<Finding> f = RuleRun.added(pn6, """
                pub struct CursorOwning<A: Adapter> {
                    current: Option<NonNull<Link>>,
                    list: LinkedList<A>,
                }
                impl<A: Adapter> CursorOwning<A> {
                    pub fn with_cursor_mut<T>(&mut self, f: impl FnOnce(&mut CursorMut<'_, A>) -> T) -> T {
                        let mut cursor = CursorMut {
                            current: self.current,
                            list: &mut self.list,
                        };
                        let ret = f(&mut cursor);
                        self.current = cursor.current;
                        ret
                    }
                    pub fn as_cursor(&self) -> Cursor<'_, A> {
                        Cursor { current: self.current, list: &self.list }
                    }
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN6", MEDIUM, NEW, 12, 12));
        assertThat(f.get(0).title()).isEqualTo("`with_cursor_mut` hands `f` a copy of `self.current` and writes it back after");
    }

    @Test
    void aGuardInTheFnOrAGuardTypeOfTheFileOrCatchUnwindIsHandling() {
        List<Finding> f = RuleRun.added(pn6, """
                struct Restore<'a>(&'a Cell<usize>, usize);
                impl Drop for Restore<'_> {
                    fn drop(&mut self) { self.0.set(self.1); }
                }
                impl Printer {
                    fn nested<F: FnOnce(&mut Self)>(&mut self, f: F) {
                        self.depth += 1;
                        let _restore = Restore(&self.saved, self.depth);
                        f(self);
                        self.depth -= 1;
                    }
                    fn scoped<F: FnOnce(&mut Self)>(&mut self, f: F) {
                        self.depth += 1;
                        let r = std::panic::catch_unwind(AssertUnwindSafe(|| f(self)));
                        self.depth -= 1;
                        r.unwrap()
                    }
                    fn local<F: FnOnce()>(&mut self, f: F) {
                        self.busy = true;
                        struct Idle<'a>(&'a mut bool);
                        impl Drop for Idle<'_> { fn drop(&mut self) { *self.0 = false; } }
                        f();
                        self.busy = false;
                    }
                }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void writesOnlyAfterTheCallOrOnAnotherBranchOrFromElsewhereAreNotAPair() {
        List<Finding> f = RuleRun.added(pn6, """
                impl Cache {
                    fn fill<F: FnOnce() -> Vec<u8>>(&mut self, make: F) {
                        let bytes = make();
                        self.len = bytes.len();
                        self.filled = true;
                    }
                    fn either<F: FnOnce(u32) -> u32>(&mut self, f: F, fast: bool) -> u32 {
                        self.calls += 1;
                        if fast {
                            f(self.calls)
                        } else {
                            self.calls = 0;
                            0
                        }
                    }
                    fn copied<F: FnOnce(&mut Vec<u8>)>(&mut self, f: F) {
                        let mut scratch = Vec::new();
                        f(&mut scratch);
                        self.total = other.total;
                    }
                    fn no_closure(&mut self, n: usize) {
                        self.depth += 1;
                        self.visit(n);
                        self.depth -= 1;
                    }
                }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void aPairTheFnAlreadyHadIsNotThisChangesAndTestCodeIsSkipped() {
        List<Finding> f = RuleRun.on(pn6, "src/fmt.rs", """
                  impl Printer {
                      fn indented<F: FnOnce(&mut Self)>(&mut self, f: F) {
                          self.indent += 4;
                -         f(self);
                +         f(self); // the body is printed here
                          self.indent -= 4;
                      }
                  }
                  #[cfg(test)]
                  mod tests {
                      fn around<F: FnOnce()>(state: &mut State, f: F) {
                          state.busy = true;
                +         f();
                          state.busy = false;
                      }
                  }
                """);
        assertThat(f).isEmpty();
        assertThat(RuleRun.added(pn6, """
                #[cfg(test)]
                mod tests {
                    impl Fixture {
                        fn around<F: FnOnce()>(&mut self, f: F) {
                            self.busy = true;
                            f();
                            self.busy = false;
                        }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void closureParametersAreReadFromBoundsWhereClausesAndTypes() {
        assertThat(StateRestoredAfterCallerCode.closureParams(
                "fn with_handle<F, T>(&self, f: F) -> Option<T> where F: FnOnce(&Inner<K, V>) -> T,"))
                .containsExactly("f");
        assertThat(StateRestoredAfterCallerCode.closureParams(
                "fn run(&mut self, mut visit: impl FnMut(&Node), cb: &dyn Fn(u32) -> u32, n: usize)"))
                .containsExactly("visit", "cb");
        assertThat(StateRestoredAfterCallerCode.closureParams("fn read<R: Read>(&mut self, r: R, n: usize)")).isEmpty();
        assertThat(StateRestoredAfterCallerCode.closureParams("fn visit<F: FnMut(&Entry)>(&mut self, key: u64, f: F)"))
                .containsExactly("f");
    }

    @Test
    void aClosurePassedOnAsALaterArgumentIsTheCall() {
        List<Finding> f = RuleRun.added(pn6, """
                impl Table {
                    pub fn visit<F: FnMut(&Entry)>(&mut self, key: u64, f: F) {
                        self.iterating = true;
                        self.shards.for_each_at(key, f);
                        self.iterating = false;
                    }
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN6", MEDIUM, NEW, 5, 5));
    }
}
