package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US9: a fn given only shared references returns a mutable one made by unsafe code. */
class MutFromSharedTest {

    private final MutFromShared us9 = new MutFromShared();

    @Test
    void peekReturningMutFromSharedListAndAnUnsafeFnWithTheSameShape() {
        // futures-intrusive's LinkedList, with the fix (842c2b1a) reversed: peek_first's signature is edited.
        List<Finding> f = RuleRun.on(us9, "src/intrusive_double_linked_list.rs", """
                  impl<T> LinkedList<T> {
                -     pub fn peek_first(&self) -> Option<&ListNode<T>> {
                +     pub fn peek_first(&self) -> Option<&mut ListNode<T>> {
                          // Safety: the node is alive while it is in the list.
                          unsafe { self.head.map(|node| &mut *node.as_ptr()) }
                      }
                      pub fn peek_first_mut(&mut self) -> Option<&mut ListNode<T>> {
                          unsafe { self.head.map(|node| &mut *node.as_ptr()) }
                      }
                +     /// # Safety
                +     /// Only one reference returned by this fn may be alive at a time.
                +     pub unsafe fn slot<'a>(&self, i: usize) -> &'a mut T {
                +         &mut *self.slots[i].get()
                +     }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US9", HIGH, NEW, 2, 2), tuple("US9", MEDIUM, NEW, 11, 11));
        assertThat(f.get(0).title()).isEqualTo("`peek_first` takes shared references and returns `Option<&mut ListNode<T>>`");
    }

    @Test
    void mutableReceiversClosureArgumentsArenasOwnersAndSafeBodiesAreQuiet() {
        List<Finding> f = RuleRun.added(us9, """
                impl<T> Pool<T> {
                    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
                        unsafe { self.items.get_unchecked_mut(i).as_mut() }
                    }
                    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> impl FnMut(&mut T) {
                        unsafe { todo!() }
                    }
                    pub fn alloc_with(&self, make: impl FnOnce() -> T) -> &mut T {
                        unsafe { &mut *self.arena.reserve().write(make()) }
                    }
                    pub fn into_slot(self, other: &T) -> &'static mut T {
                        unsafe { &mut *Box::into_raw(self.boxed) }
                    }
                    pub fn leak(&self) -> &'static mut Vec<T> {
                        Box::leak(Box::new(Vec::new()))
                    }
                    pub fn first(&self) -> Option<&T> {
                        unsafe { self.head.map(|n| &*n.as_ptr()) }
                    }
                }
                #[cfg(test)]
                mod tests {
                    fn sneaky(cell: &Cell) -> &mut u8 {
                        unsafe { &mut *cell.ptr }
                    }
                }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void anUnchangedSignatureIsNotReportedWhenOnlyTheBodyChanges() {
        List<Finding> f = RuleRun.on(us9, "src/cell.rs", """
                  impl<T> Slot<T> {
                      pub(crate) unsafe fn deref(&self) -> &mut T {
                -         &mut *self.0
                +         &mut *self.ptr()
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
