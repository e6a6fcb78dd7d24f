package dev.rustreview.analysis.crate;

import java.util.regex.Pattern;

/**
 * The one place that decides what a test is. An attribute marks test code when it is a test harness
 * attribute with or without arguments ({@code #[test]}, {@code #[tokio::test]},
 * {@code #[tokio::test(flavor = "multi_thread")]}, {@code #[rstest]}-style {@code #[x::test]}), or a
 * {@code cfg} that requires {@code test} ({@code #[cfg(test)]}, {@code #[cfg(all(test, ..))]}).
 * Files under {@code tests/}, {@code benches/} and {@code examples/}-like paths are test paths
 * ({@code ChangedFile#isTestPath}).
 */
public final class TestCode {

    private static final Pattern HARNESS = Pattern.compile("#\\[(\\w+::)*test(\\(.*\\))?\\]", Pattern.DOTALL);

    private TestCode() {
    }

    /** Whether an attribute's source text ({@code #[...]}) marks the item it decorates as test code. */
    public static boolean isTestAttribute(String attributeText) {
        String text = attributeText.replaceAll("\\s+", "");
        return HARNESS.matcher(text).matches() || text.startsWith("#[cfg(test") || text.startsWith("#[cfg(all(test");
    }
}
