package dev.rustreview.analysis.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ItemOutlineTest {

    @Test
    void findsItemsInsideMacroBodiesModulesAndImplsWithTheirPaths() {
        ItemOutline o = ItemOutline.of("""
                //! crate docs with a brace {
                mod sync {
                    cfg_rt! {
                        pub(crate) struct Guard<'a, T: ?Sized>(&'a T, PhantomData<*const ()>);
                        #[derive(Debug)]
                        pub struct Pool {
                            name: &'static str, // "}" in a comment
                        }
                    }
                    impl<'a, T: ?Sized> Drop for Guard<'a, T> {
                        fn drop(&mut self) {
                            let c = '{';
                            let s = r#"}}"#;
                            if true { self.release() }
                        }
                    }
                    impl Pool {
                        pub async fn run<F>(&self, f: F) where F: Fn() -> u8 + Send {}
                        fn run(&self) {}
                    }
                }
                """);
        assertThat(o.items()).extracting(ItemOutline.Item::key).containsExactly(
                "::sync",
                "::sync::Guard",
                "::sync::Pool",
                "::sync::impl Drop for Guard",
                "::sync::impl Drop for Guard::drop",
                "::sync::impl Pool",
                "::sync::impl Pool::run",
                "::sync::impl Pool::run#2");
        ItemOutline.Item guard = o.items().get(1);
        assertThat(o.body(guard)).isEqualTo("&'a T, PhantomData<*const ()>");
        assertThat(o.headerLine(guard)).isEqualTo(4);
        ItemOutline.Item pool = o.items().get(2);
        assertThat(o.headerLine(pool)).isEqualTo(6);
        assertThat(o.endLine(pool)).isEqualTo(8);
        assertThat(ItemOutline.plain(o.items().get(6).header())).isEqualTo("async fn run<F>(&self, f: F) where F: Fn() -> u8 + Send");
    }

    @Test
    void constGenericBlocksInAHeaderAreNotItsBody() {
        // napi-rs's threadsafe_function.rs: `{ CalleeHandled }` in the impl's and the fn's generic arguments
        ItemOutline o = ItemOutline.of("""
                impl<T: 'static, const CalleeHandled: bool> ThreadsafeFunction<T, { CalleeHandled }> {
                    pub(crate) fn create<R>(env: Env) -> Result<ThreadsafeFunction<T, { CalleeHandled }>> {
                        let p = Box::into_raw(Box::new(1));
                        if a < b { go() }
                        Ok(p)
                    }
                }
                struct Grid<const N: usize = { 2 < 3 }> { cells: [u8; N] }
                fn after() {}
                """);
        assertThat(o.items()).extracting(ItemOutline.Item::key).containsExactly(
                "::impl ThreadsafeFunction", "::impl ThreadsafeFunction::create", "::Grid", "::after");
        ItemOutline.Item create = o.items().get(1);
        assertThat(o.body(create)).contains("Box::into_raw").contains("Ok(p)");
        assertThat(o.body(o.items().get(2))).isEqualTo(" cells: [u8; N] ");
        // a generated header of many const blocks stops being read as one past its bound, and the text is still outlined
        String many = "impl<T> X<" + "{ 1 }, ".repeat(ItemOutline.MAX_GENERIC_HEADER) + "> { fn f() {} }\nfn g() {}\n";
        assertThat(ItemOutline.of(many).items()).extracting(ItemOutline.Item::name).contains("g");
    }

    @Test
    void aFnWhoseNameStartsWithPubKeepsItsWholeName() {
        // Visibility is stripped from headers; `pub` inside `publish` is not visibility.
        ItemOutline o = ItemOutline.of("pub(crate) fn publish() {}\npub fn public_key() {}\nfn pubsub() {}\n");
        assertThat(o.byKey(ItemOutline.Kind.FN).values()).extracting(ItemOutline.Item::name)
                .containsExactly("publish", "public_key", "pubsub");
    }

    @Test
    void testCodeIsAnItemWithATestAttributeAndEverythingInsideIt() {
        ItemOutline o = ItemOutline.of("""
                fn live() {}
                #[cfg(test)]
                mod tests {
                    fn helper() {}
                    mod inner { fn deep() {} }
                    #[tokio::test(flavor = "multi_thread")]
                    async fn runs() {}
                }
                fn after() {}
                #[test]
                fn alone() { fn nested() {} }
                impl S { fn method() {} }
                """);
        assertThat(o.byKey(ItemOutline.Kind.FN).values()).filteredOn(o::inTest).extracting(ItemOutline.Item::name)
                .containsExactlyInAnyOrder("helper", "deep", "runs", "alone", "nested");
        assertThat(o.byKey(ItemOutline.Kind.FN).values()).filteredOn(f -> !o.inTest(f))
                .extracting(ItemOutline.Item::name).containsExactlyInAnyOrder("live", "after", "method");
    }

    @Test
    void masksCommentsStringsAndCharsButKeepsLifetimesAndLines() {
        String masked = ItemOutline.mask("let a = \"{\"; /* { /* nested } */ } */ let b: &'a str = '}';\n// }\nx");
        assertThat(masked).doesNotContain("{").doesNotContain("}").contains("&'a str").endsWith("\n    \nx");
        assertThat(List.of(ItemOutline.implParts("unsafe impl<T: Send> Send for Wrapper<T> where T: Sync")))
                .containsExactly("Send", "Wrapper<T>");
        assertThat(ItemOutline.baseName("&'a mut lock_api::MutexGuard<'a, R, T>")).isEqualTo("MutexGuard");
    }

    /**
     * Found by the fourth fuzz run: every item's key held its whole path, so 20,000 nested modules made the keys
     * quadratic in size (out of memory on a 6 MB input). Items below {@link ItemOutline#MAX_ITEM_DEPTH} braces are
     * blocks now; a file over the parse limit has an empty outline.
     */
    @Test
    void thousandsOfNestedModulesStayLinearAndHugeFilesAreNotOutlined() {
        String nested = "mod m { fn f() {}\n".repeat(20_000) + "}\n".repeat(20_000);
        ItemOutline outline = ItemOutline.of(nested);
        assertThat(outline.items()).hasSizeLessThanOrEqualTo(2 * ItemOutline.MAX_ITEM_DEPTH);
        assertThat(outline.items()).allSatisfy(i -> assertThat(i.key().length()).isLessThan(4 * ItemOutline.MAX_ITEM_DEPTH + 8));
        assertThat(outline.byKey(ItemOutline.Kind.FN).values()).first().extracting(ItemOutline.Item::name).isEqualTo("f");
        String huge = "fn f() {}\n".repeat(500_000);
        assertThat(ItemOutline.of(huge).items()).isEmpty();
        assertThat(ItemOutline.of("fn f() {}\n".repeat(1_000)).items()).hasSize(1_000);
    }

    /**
     * Fuzz run 52: 100 nested {@code impl S { fn f() {..} }} on one line made every nested fn a changed fn whose
     * body held all the ones inside it (65 MB of bodies). Fns inside {@link ItemOutline#MAX_FN_NESTING} fns are
     * blocks now; nested helpers a few levels down, and the fns after a deep nest, are still items.
     */
    @Test
    void fnsNestedInsideManyFnsAreBlocks() {
        String nested = "impl S { fn f() { ".repeat(100) + "} } ".repeat(100) + "\nfn after() {}\n";
        ItemOutline outline = ItemOutline.of(nested);
        assertThat(outline.byKey(ItemOutline.Kind.FN).values()).hasSize(ItemOutline.MAX_FN_NESTING + 1);
        assertThat(outline.byKey(ItemOutline.Kind.FN).keySet()).contains("::after");
        ItemOutline helpers = ItemOutline.of("fn outer() {\n    fn walk() {\n        fn inner() {}\n    }\n}\n");
        assertThat(helpers.byKey(ItemOutline.Kind.FN).keySet()).containsExactly("::outer", "::outer::walk",
                "::outer::walk::inner");
    }
}
