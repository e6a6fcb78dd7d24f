package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US15: a returned reference whose lifetime no argument carries. */
class UnboundReturnLifetimeTest {

    private final UnboundReturnLifetime us15 = new UnboundReturnLifetime();

    @Test
    void aLifetimeUntiedFromSelfIsReported() {
        // lru-rs a615a5b2 reversed: the &mut V outlives the borrow of the cache.
        List<Finding> f = RuleRun.on(us15, "src/lib.rs", """
                  impl<K: Hash + Eq, V, S: BuildHasher> LruCache<K, V, S> {
                -     pub fn get_or_insert_mut_ref<'a, Q, F>(&'a mut self, k: &'_ Q, f: F) -> &'a mut V
                +     pub fn get_or_insert_mut_ref<'a, Q, F>(&mut self, k: &'_ Q, f: F) -> &'a mut V
                      where
                          K: Borrow<Q>,
                          Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
                          F: FnOnce() -> V,
                      {
                          let node = self.map.get_mut(KeyWrapRef::from_ref(k)).unwrap().as_ptr();
                          unsafe { &mut *(*node).val.as_mut_ptr() }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US15", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`get_or_insert_mut_ref` returns a `'a` reference that no argument carries");
    }

    @Test
    void tiedLeakedUnsafeUnchangedAndTestFnsAreNotReported() {
        // Hard negatives: 'a tied to self; 'a tied through a where clause; no borrowed argument (a leak is sound);
        // an unsafe fn (the caller's obligation); a
        // type with a lifetime parameter, not a reference (tokio's task_meta); 'static; an unchanged header; a test.
        List<Finding> f = RuleRun.on(us15, "src/lib.rs", """
                  impl<T> Slab<T> {
                +     pub fn get<'a>(&'a self, key: usize) -> Option<&'a T> {
                +         self.entries.get(key)
                +     }
                +     pub fn pick<'a, 'b>(&'b self, other: &'a [T]) -> &'a T where 'b: 'a {
                +         &other[0]
                +     }
                +     pub fn leak<'a>(value: T) -> &'a mut T {
                +         Box::leak(Box::new(value))
                +     }
                +     pub unsafe fn get_unchecked<'a>(&self, key: usize) -> &'a T {
                +         &*self.ptr.add(key)
                +     }
                +     pub fn meta<'meta>(&self, latency: Option<Duration>) -> TaskMeta<'meta> {
                +         TaskMeta { id: self.id, _phantom: PhantomData }
                +     }
                +     pub fn name<'a>(&self) -> &'static str {
                +         "slab"
                +     }
                      pub fn raw<'a>(&self) -> &'a [T] {
                +         let n = self.len;
                          unsafe { std::slice::from_raw_parts(self.ptr, n) }
                      }
                  }
                  #[cfg(test)]
                  mod tests {
                +     fn view<'a>(s: &Slab<u8>) -> &'a u8 { unsafe { &*s.ptr } }
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void aMutableReferenceWithTheTypesLifetimeOutOfMutSelfIsReported() {
        // zlib-rs 4a9d306d reversed: two calls hand out two aliasing `&'a mut [T]`.
        String diff = """
                  impl<'a, T> WeakSliceMut<'a, T> {
                -     pub(crate) fn as_mut_slice(&mut self) -> &mut [T] {
                +     pub(crate) fn as_mut_slice(&mut self) -> &'a mut [T] {
                          unsafe { core::slice::from_raw_parts_mut(self.ptr, self.len) }
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(us15, "zlib-rs/src/weak_slice.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US15", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`as_mut_slice` returns `&'a mut` from `&mut self`: two calls give two "
                + "live `&mut`");
        // a shared reference the type holds, a `&'a mut self`, self by value
        assertThat(RuleRun.on(us15, "src/lib.rs", diff.replace("&'a mut [T] {", "&'a [T] {").replace(
                "(&mut self)", "(&self)"))).isEmpty();
        assertThat(RuleRun.on(us15, "src/lib.rs", diff.replace("(&mut self) -> &'a", "(&'a mut self) -> &'a"))).isEmpty();
        assertThat(RuleRun.on(us15, "src/lib.rs", diff.replace("(&mut self) -> &'a", "(self) -> &'a"))).isEmpty();
        // a safe body taking the reference out of the type and putting the rest back: sound, nothing aliases
        assertThat(RuleRun.on(us15, "src/lib.rs", diff.replace(
                "unsafe { core::slice::from_raw_parts_mut(self.ptr, self.len) }",
                "let (a, b) = core::mem::take(&mut self.slice).split_at_mut(1); self.slice = b; a"))).isEmpty();
        // an iterator handing out each element once
        assertThat(RuleRun.on(us15, "src/lib.rs", diff.replace("fn as_mut_slice(&mut self) -> &'a mut [T]",
                "fn next(&mut self) -> Option<&'a mut T>"))).isEmpty();
        assertThat(RuleRun.on(us15, "src/lib.rs", diff.replace("fn as_mut_slice(&mut self) -> &'a mut [T]",
                "fn get(&mut self) -> Option<&'a mut T>"))).isEmpty();
    }
}
