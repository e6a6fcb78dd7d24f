package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangedFileTestCodeTest {

    @Test
    void testCodeIsTheBodyOfATestFnOrCfgTestModAskedInAnyOrder() {
        ChangedFile file = Snippet.added("""
                fn plain() { let a = 1; }
                #[cfg(test)]
                mod tests {
                    fn helper() { let b = 2; }
                    #[tokio::test(flavor = "multi_thread")]
                    async fn it() { let c = 3; }
                }
                #[test]
                fn top() { fn inner() { let d = 4; } }
                fn after() { let e = 5; }
                """);
        RustTree tree = file.newTree();
        List<Node> lets = tree.find(tree.root(), "let_declaration");
        // Deepest first, then again in document order: answers remembered on the way up must not leak sideways.
        for (List<Node> order : List.of(lets.reversed(), lets)) {
            assertThat(order.stream().map(file::isTestCode).toList()).isEqualTo(order == lets
                    ? List.of(false, true, true, true, false) : List.of(false, true, true, true, false).reversed());
        }
    }

    @Test
    void testFoldersFilesAndTestSupportCratesAreTestPaths() {
        for (String p : List.of("tests/it.rs", "crates/a/benches/b.rs", "src/x_test.rs", "src/alloc_tests.rs", "src/tests.rs",
                "iceoryx2-cal/tests-common/src/shm.rs", "crates/test-utils/src/lib.rs", "test_helpers/src/lib.rs",
                "testutils/src/lib.rs")) {
            assertThat(dev.rustreview.analysis.crate.CrateIndex.isTestPath(p)).as(p).isTrue();
        }
        for (String p : List.of("src/lib.rs", "src/testing.rs", "src/contest.rs", "crates/attestation/src/lib.rs",
                "src/latest_tests_data.rs.bak")) {
            assertThat(dev.rustreview.analysis.crate.CrateIndex.isTestPath(p)).as(p).isFalse();
        }
    }
}
