package dev.rustreview.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cutting git's hunks into review units at item boundaries, on diffs made by real git. */
class UnitSplittingTest {

    @TempDir
    Path dir;

    static final String EVERY_KIND = """
            //! A module with one of everything.

            use std::fmt;
            use std::sync::Mutex;

            mod other;

            /// The default size.
            pub const SIZE: usize = 8;
            static COUNT: Mutex<u32> = Mutex::new(0);

            /// A point.
            #[derive(Debug, Clone)]
            pub struct Point {
                x: i32,
            }

            // ---- kinds of things ----

            pub enum Kind {
                A,
                B,
            }

            pub union Bits {
                i: u32,
                f: f32,
            }

            pub trait Shape {
                fn area(&self) -> f64;
            }

            pub type Pair = (i32, i32);

            impl Point {
                /// Makes one.
                #[inline]
                pub fn new(x: i32) -> Self {
                    Self { x }
                }

                pub fn x(&self) -> i32 {
                    self.x
                }
            }

            impl fmt::Display for Point {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    write!(f, "{}", self.x)
                }
            }

            macro_rules! square {
                ($x:expr) => {
                    $x * $x
                };
            }

            thread_local! {
                static LOCAL: u32 = 1;
            }

            extern "C" {
                fn abs(x: i32) -> i32;
            }

            mod inner {
                pub fn helper() -> u32 {
                    1
                }
            }

            async fn run() {
                let _ = square!(2);
            }

            #[cfg(test)]
            mod tests {
                use super::*;

                #[test]
                fn works() {
                    assert_eq!(Point::new(1).x(), 1);
                }
            }
            """;

    @Test
    void anAddedFileIsCutIntoOneUnitPerItemCoveringEveryLineOnce() throws Exception {
        ChangeSet cs = UnitRepo.units(dir, Map.of("README.md", "x\n"), Map.of("src/lib.rs", EVERY_KIND));
        FileChange file = UnitRepo.file(cs, "src/lib.rs");
        assertThat(file.hunks()).extracting(Hunk::item).containsExactly(
                "use std::fmt, std::sync::Mutex",
                "mod other",
                "const SIZE, COUNT",
                "struct Point",
                "enum Kind",
                "union Bits",
                "trait Shape",
                "type Pair",
                "impl Point",
                "impl Point \u203a fn new",
                "impl Point \u203a fn x",
                "impl fmt::Display for Point",
                "impl fmt::Display for Point \u203a fn fmt",
                "macro_rules! square",
                "thread_local!",
                "extern block",
                "mod inner",
                "mod inner \u203a fn helper",
                "fn run",
                "mod tests");
        assertCovers(file, EVERY_KIND.lines().toList());
        // Doc comment and attributes start their item's unit; the blank line after an item stays with it.
        assertThat(firstLine(file, "struct Point")).isEqualTo("/// A point.");
        assertThat(lastLine(file, "const SIZE, COUNT")).isEmpty();
        assertThat(firstLine(file, "impl Point \u203a fn new")).contains("/// Makes one.");
        // A comment between items goes with the item below it.
        assertThat(firstLine(file, "enum Kind")).isEqualTo("// ---- kinds of things ----");
        // The module's inner doc comment opens the file's first unit.
        assertThat(firstLine(file, "use std::fmt, std::sync::Mutex")).startsWith("//!");
        // The impl's closing brace ends its last method's unit.
        assertThat(lastLine(file, "impl Point \u203a fn x").strip()).isEmpty();
        assertThat(unit(file, "impl Point \u203a fn x").lines()).extracting(DiffLine::text).contains("}");
    }

    @Test
    void aSmallChangeInsideOneFunctionStaysOneUnitNamedByIt() throws Exception {
        String after = EVERY_KIND.replace("write!(f, \"{}\", self.x)", "write!(f, \"({})\", self.x)");
        ChangeSet cs = UnitRepo.units(dir, Map.of("src/lib.rs", EVERY_KIND), Map.of("src/lib.rs", after));
        FileChange file = UnitRepo.file(cs, "src/lib.rs");
        assertThat(file.hunks()).hasSize(1);
        assertThat(file.hunks().get(0).item()).isEqualTo("impl fmt::Display for Point \u203a fn fmt");
        assertThat(file.hunks().get(0).lines()).hasSize(8); // git's hunk, untouched
    }

    @Test
    void aHunkSpanningTwoFunctionsAndStartingMidItemIsCutBetweenThem() throws Exception {
        // The change starts inside fn x (the hunk opens mid-item) and reaches into the Display impl.
        String after = EVERY_KIND.replace("        self.x\n", "        self.x + 0\n")
                .replace("impl fmt::Display for Point {\n", "impl fmt::Display for Point {\n    // shows x\n");
        ChangeSet cs = UnitRepo.units(dir, Map.of("src/lib.rs", EVERY_KIND), Map.of("src/lib.rs", after));
        FileChange file = UnitRepo.file(cs, "src/lib.rs");
        assertThat(file.hunks()).extracting(Hunk::item)
                .containsExactly("impl Point \u203a fn x", "impl fmt::Display for Point \u203a fn fmt");
        assertThat(file.hunks().get(0).lines().get(0).isAdded() || file.hunks().get(0).lines().get(0).isRemoved())
                .isFalse();
        assertCoversGitHunks(file);
    }

    @Test
    void aRewriteCrossingAnItemBoundaryOnBothSidesStaysOneUnit() throws Exception {
        String before = "fn a() -> u32 {\n    1\n}\nfn b() -> u32 {\n    2\n}\n";
        String after = "fn a() -> u32 {\n    10\n}\nfn b() -> u32 {\n    20\n}\n";
        ChangeSet cs = UnitRepo.units(dir, Map.of("src/x.rs", before), Map.of("src/x.rs", after));
        FileChange file = UnitRepo.file(cs, "src/x.rs");
        assertThat(file.hunks()).extracting(Hunk::item).containsExactly("fn a", "fn b");
        // Both functions collapsed to one line each: the removed lines of a and b come before the added ones.
        Path other = dir.resolve("other");
        java.nio.file.Files.createDirectories(other);
        FileChange joined = UnitRepo.file(UnitRepo.units(other, Map.of("src/x.rs", before),
                Map.of("src/x.rs", "fn a() -> u32 { 10 }\nfn b() -> u32 { 20 }\n")), "src/x.rs");
        assertThat(joined.hunks()).extracting(Hunk::item).containsExactly("fn a, fn b");
        assertCoversGitHunks(joined);
    }

    @Test
    void itemsThatComeBackJoinEverythingBetweenThemTransitively() throws Exception {
        // Removed a, removed b, then added a, c, b: a comes back across b, and b comes back across c, so the five
        // runs are one unit (the joining reaches past the first item's last run through the items it takes in).
        String before = "fn a() -> u32 {\n    1\n}\nfn b() -> u32 {\n    2\n}\n";
        String after = "fn a() -> u32 { 10 }\nfn c() -> u32 { 0 }\nfn b() -> u32 { 20 }\n";
        FileChange file = UnitRepo.file(UnitRepo.units(dir, Map.of("src/x.rs", before), Map.of("src/x.rs", after)),
                "src/x.rs");
        assertThat(file.hunks()).extracting(Hunk::item).containsExactly("fn a, fn b, fn c");
        assertCoversGitHunks(file);
    }

    @Test
    void aDeletedFileIsCutIntoItsItemsAndOtherFilesKeepGitHunks() throws Exception {
        ChangeSet cs = UnitRepo.units(dir, Map.of("src/lib.rs", EVERY_KIND, "notes.txt", "a\nb\n"),
                new LinkedHashMap<>(Map.of("notes.txt", "a\nc\n")) {{ put("src/lib.rs", null); }});
        FileChange deleted = UnitRepo.file(cs, "src/lib.rs");
        assertThat(deleted.hunks()).hasSize(20);
        assertThat(deleted.hunks()).allSatisfy(h -> assertThat(h.newCount()).isZero());
        assertCoversGitHunks(deleted);
        FileChange text = UnitRepo.file(cs, "notes.txt");
        assertThat(text.hunks()).singleElement().satisfies(h -> assertThat(h.item()).isNull());
    }

    /** The units' lines, in order, are the file's lines, and each unit's header counts what it holds. */
    private static void assertCovers(FileChange file, List<String> expected) {
        List<String> all = new ArrayList<>();
        file.hunks().forEach(h -> h.lines().forEach(l -> all.add(l.text())));
        assertThat(all).containsExactlyElementsOf(expected);
        assertHeadersConsistent(file);
    }

    /** Joining touching units gives back hunks whose lines run without gaps on both sides. */
    private static void assertCoversGitHunks(FileChange file) {
        assertHeadersConsistent(file);
        for (List<Hunk> group : ReviewUnits.gitHunks(file.hunks())) {
            Hunk joined = ReviewUnits.join(group);
            int oldLine = joined.oldCount() == 0 ? joined.oldStart() + 1 : joined.oldStart();
            int newLine = joined.newCount() == 0 ? joined.newStart() + 1 : joined.newStart();
            for (DiffLine l : joined.lines()) {
                if (!l.isAdded()) {
                    assertThat(l.oldLine()).isEqualTo(oldLine++);
                }
                if (!l.isRemoved()) {
                    assertThat(l.newLine()).isEqualTo(newLine++);
                }
            }
        }
    }

    private static void assertHeadersConsistent(FileChange file) {
        for (Hunk h : file.hunks()) {
            assertThat(h.additions() + h.deletions()).as(h.item()).isPositive();
            long olds = h.lines().stream().filter(l -> !l.isAdded()).count();
            long news = h.lines().stream().filter(l -> !l.isRemoved()).count();
            assertThat(h.oldCount()).isEqualTo(olds);
            assertThat(h.newCount()).isEqualTo(news);
            h.lines().stream().filter(l -> !l.isAdded()).findFirst()
                    .ifPresent(l -> assertThat(h.oldStart()).isEqualTo(l.oldLine()));
            h.lines().stream().filter(l -> !l.isRemoved()).findFirst()
                    .ifPresent(l -> assertThat(h.newStart()).isEqualTo(l.newLine()));
        }
    }

    private static Hunk unit(FileChange file, String item) {
        return file.hunks().stream().filter(h -> item.equals(h.item())).findFirst().orElseThrow();
    }

    private static String firstLine(FileChange file, String item) {
        return unit(file, item).lines().get(0).text();
    }

    private static String lastLine(FileChange file, String item) {
        List<DiffLine> lines = unit(file, item).lines();
        return lines.get(lines.size() - 1).text();
    }
}
