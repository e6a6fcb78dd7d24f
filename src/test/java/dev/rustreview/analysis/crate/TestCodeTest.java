package dev.rustreview.analysis.crate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What a test attribute is, decided in one place. */
class TestCodeTest {

    @Test
    void harnessAttributesWithAndWithoutArgumentsAreTests() {
        for (String attr : List.of("#[test]", "#[tokio::test]", "#[tokio::test(flavor = \"multi_thread\", worker_threads = 2)]",
                "#[ tokio :: test ]", "#[async_std::test]", "#[cfg(test)]", "#[cfg(all(test, feature = \"x\"))]")) {
            assertThat(TestCode.isTestAttribute(attr)).as(attr).isTrue();
        }
        for (String attr : List.of("#[cfg(feature = \"test\")]", "#[derive(Debug)]", "#[testing]", "#[cfg(not(test))]",
                "#[inline]")) {
            assertThat(TestCode.isTestAttribute(attr)).as(attr).isFalse();
        }
    }

    @Test
    void noOtherMainClassSpellsOutTestAttributes() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<Path> copies = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith("TestCode.java"))
                    .filter(p -> {
                        try {
                            String text = Files.readString(p);
                            return text.contains("\"#[cfg(test") || text.contains("::)*test");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
            assertThat(copies).as("test-attribute detection outside TestCode").isEmpty();
        }
    }
}
