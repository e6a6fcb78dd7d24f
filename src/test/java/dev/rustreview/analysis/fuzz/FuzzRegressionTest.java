package dev.rustreview.analysis.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inputs the fuzz harness taught us about, run through the analyzer's whole per-file path
 * ({@link AnalyzerPass}): each must finish within bounds, without an exception, a rule giving up, or a review unit
 * losing a line. The inputs are generated here (deep nesting of every shape, huge macros, long lines, odd bytes)
 * or small files under {@code src/test/resources/fuzz/} written for the bugs the harness found.
 */
class FuzzRegressionTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String BASE = """
            use std::sync::Mutex;

            pub struct Pool {
                shared: Mutex<Vec<u8>>,
            }

            impl Pool {
                pub async fn flush(&self) {
                    let g = self.shared.lock().unwrap();
                    write(&g).await;
                }
            }
            """;

    static Stream<Arguments> inputs() throws IOException, URISyntaxException {
        List<Arguments> out = new ArrayList<>();
        IntStream.range(0, Mutator.NESTING.length).forEach(i -> out.add(Arguments.of(
                "nesting " + String.join("…", Mutator.NESTING[i]) + " x 10000", BASE + Mutator.nesting(i, 10_000))));
        IntStream.range(0, Mutator.MACROS.length).forEach(i -> out.add(Arguments.of(
                "macro " + Mutator.MACROS[i].strip() + " x 3000 arms", BASE + Mutator.hugeMacro(i, 3_000))));
        out.add(Arguments.of("one 300,000-char line", BASE + "fn long() { let _ = " + "x.y ".repeat(75_000) + "}\n"));
        out.add(Arguments.of("empty", ""));
        out.add(Arguments.of("CRLF and a lone CR", BASE.replace("\n", "\r\n").replaceFirst("\r\n", "\r")));
        out.add(Arguments.of("BOM", "\uFEFF" + BASE));
        out.add(Arguments.of("bidi controls", BASE.replace("shared", "sha\u202Ered\u2066").replace("{", "{\u2069")));
        out.add(Arguments.of("invalid UTF-8 read as ISO-8859-1",
                Mutator.decode((BASE + "// \u00e9").getBytes(java.nio.charset.StandardCharsets.UTF_16LE))));
        out.add(Arguments.of("NUL bytes", BASE.replace(";", ";\0")));
        Path dir = Path.of(FuzzRegressionTest.class.getResource("/fuzz").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".rs")).sorted().toList()) {
                out.add(Arguments.of(p.getFileName().toString(), Mutator.decode(Files.readAllBytes(p))));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void theAnalyzerFinishesOn(String name, String text) {
        for (String path : List.of("src/lib.rs", "tests/it.rs")) {
            FuzzChange modified = new FuzzChange(path, BASE, text, BASE, "2021");
            Set<String> reached = assertTimeoutPreemptively(BOUND, () -> new AnalyzerPass().run(modified, () -> false));
            assertThat(reached).anyMatch(b -> b.startsWith("file:"));
        }
        FuzzChange added = new FuzzChange("src/lib.rs", null, text, BASE, "2024");
        assertThat(assertTimeoutPreemptively(BOUND, () -> new AnalyzerPass().run(added, () -> false)))
                .anyMatch(b -> b.startsWith("file:"));
    }
}
