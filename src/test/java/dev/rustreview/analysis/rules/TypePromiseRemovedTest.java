package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static dev.rustreview.model.Side.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US10: a type that stays loses a repr part or its hand-written unsafe Send/Sync impl. */
class TypePromiseRemovedTest {

    private final TypePromiseRemoved us10 = new TypePromiseRemoved();

    @Test
    void anAlignmentTheTaggedPointersNeededIsRemoved() {
        // papaya's Entry, with the fix (0574e3e3) reversed: tag bits live in the low 3 bits of pointers to it.
        List<Finding> f = RuleRun.on(us10, "src/raw/mod.rs", """
                - // An entry in the hash-table, 8-byte aligned: flags live in the low 3 bits of pointers to it.
                - #[repr(C, align(8))]
                + // An entry in the hash-table.
                + #[repr(C)]
                  pub struct Entry<K, V> {
                      pub key: K,
                      pub value: V,
                  }
                  impl<K, V> Entry<K, V> {
                      const MASK: usize = !0b111;
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US10", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`Entry` loses `#[repr(align(8))]`");
    }

    @Test
    void aGuardsBoundedSyncImplIsRemovedWhileTheGuardStays() {
        // futures-intrusive's mutex guard, with the fix (8783a08e) reversed.
        List<Finding> f = RuleRun.on(us10, "src/sync/mutex.rs", """
                  pub struct GenericMutexGuard<'a, M: RawMutex, T: 'a> {
                      mutex: &'a GenericMutex<M, T>,
                  }
                  unsafe impl<M: RawMutex + Sync, T: Send> Sync for GenericMutex<M, T> {}
                - unsafe impl<M: RawMutex, T: Sync> Sync
                -     for GenericMutexGuard<'_, M, T>
                - {
                - }
                  impl<M: RawMutex, T> Deref for GenericMutexGuard<'_, M, T> {
                      type Target = T;
                      fn deref(&self) -> &T { unsafe { &*self.mutex.value.get() } }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US10", MEDIUM, OLD, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`unsafe impl Sync for GenericMutexGuard` is removed while `GenericMutexGuard` stays");
    }

    @Test
    void reprKeptOrAddedImplsKeptOrReplacedAndTypesRemovedAreQuiet() {
        List<Finding> f = RuleRun.on(us10, "src/lib.rs", """
                - #[repr(C)]
                + #[repr(C, align(16))]
                  struct Header { len: u32 }
                - #[repr(transparent)]
                - struct Gone(u8);
                  struct Slot<T>(*mut T);
                - unsafe impl<T: Send> Send for Slot<T> {}
                + unsafe impl<T: Send + Sync> Send for Slot<T> {}
                  struct Local(*const u8);
                - unsafe impl Sync for Local {}
                + impl !Sync for Local {}
                - unsafe impl Send for Moved {}
                """);
        assertThat(f).isEmpty();
        assertThat(TypePromiseRemoved.repr("#[derive(Debug)]\n#[repr(C, align( 8 ))]\n#[repr(u8)]\npub struct S"))
                .containsExactly("C", "align(8)", "u8");
    }
}
