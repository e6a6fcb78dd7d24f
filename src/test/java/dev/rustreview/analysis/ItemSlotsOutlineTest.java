package dev.rustreview.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Review units are cut from an outline parse (items only); the cuts must be those of the whole tree. */
class ItemSlotsOutlineTest {

    private static final String TRICKY = """
            //! crate docs
            #![allow(dead_code)]
            use std::sync::{Arc, Mutex};
            use std::time::Duration;
            extern crate alloc;
            const N: usize = 3;
            static S: Mutex<u32> = Mutex::new(0);

            /// docs
            #[derive(Debug)]
            pub struct Pair(u32, u32);

            cfg_rt! {
                pub fn spawn() {}
            }

            macro_rules! m { () => {} }
            m!();

            impl<T: Send> Drop for Holder<T> where T: Clone {
                fn drop(&mut self) { let _g = self.lock.lock().unwrap(); }

                // a comment before a method
                #[inline]
                async fn go(&self) { loop { if true { break; } } }
            }

            pub mod inner {
                pub mod deeper {
                    pub trait T { fn f(&self); }
                    impl T for u8 { fn f(&self) { match 1 { _ => {} } } }
                }
                enum E { A, B(u8) }
            }

            extern "C" { fn c_fn(x: i32) -> i32; }

            #[cfg(test)]
            mod tests {
                #[test]
                fn t() { assert_eq!(1, 1); }
            }

            fn broken( { let x = ;
            fn after() {}
            """;

    @Test
    void outlineCutsEqualWholeTreeCutsOnRealAndTrickySources() throws IOException, ParseFailure {
        List<String> sources;
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("samples")),
                Files.walk(Path.of("src/test/resources/dev")))) {
            sources = Stream.concat(Stream.of(TRICKY), files.filter(p -> p.toString().endsWith(".rs")).map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            })).toList();
        }
        assertTrue(sources.size() > 20, "sample sources found: " + sources.size());
        for (String source : sources) {
            RustTree whole = RustParser.forCurrentThread().parse(source, ParseLimits.DEFAULT);
            assertEquals(ItemSlots.of(whole), ItemSlots.of(source, ParseLimits.DEFAULT),
                    () -> "cuts differ for:\n" + source.substring(0, Math.min(200, source.length())));
        }
    }

    @Test
    void anOutlineLeavesBodiesOut() throws ParseFailure {
        String source = "impl A { fn f(&self) { let x = g(1); } }\nfn h() { loop {} }\n";
        RustTree outline = RustParser.forCurrentThread().parseOutline(source, ParseLimits.DEFAULT);
        RustTree whole = RustParser.forCurrentThread().parse(source, ParseLimits.DEFAULT);
        assertEquals(1, whole.find(whole.root(), "call_expression").size());
        assertTrue(outline.find(outline.root(), "call_expression").isEmpty(), "what a fn body's statements hold is left out");
        assertFalse(outline.find(outline.root(), "function_item").isEmpty(), "the items are there");
        assertEquals(2, outline.find(outline.root(), "function_item").size());
    }
}
