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
    void masksCommentsStringsAndCharsButKeepsLifetimesAndLines() {
        String masked = ItemOutline.mask("let a = \"{\"; /* { /* nested } */ } */ let b: &'a str = '}';\n// }\nx");
        assertThat(masked).doesNotContain("{").doesNotContain("}").contains("&'a str").endsWith("\n    \nx");
        assertThat(List.of(ItemOutline.implParts("unsafe impl<T: Send> Send for Wrapper<T> where T: Sync")))
                .containsExactly("Send", "Wrapper<T>");
        assertThat(ItemOutline.baseName("&'a mut lock_api::MutexGuard<'a, R, T>")).isEqualTo("MutexGuard");
    }
}
