package dev.rustreview.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.CompilerCheck;
import dev.rustreview.model.CompilerFinding;
import dev.rustreview.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored results come back equal, keyed by head, merge-base, toolchain and lint set; a corrupt file is ignored. */
class CheckStoreTest {

    @TempDir
    Path gitDir;

    static CompilerCheck sample(String toolchain) {
        CompilerFinding f = new CompilerFinding("C-1a2b3c4d", "clippy", "await_holding_lock",
                "https://rust-lang.github.io/rust-clippy/master/index.html#await_holding_lock", "warning", Severity.HIGH,
                "src/lib.rs", 17, 17, "pub async fn bump", "this `MutexGuard` is held across an await point",
                "warning: ...", null, List.of("AL1-123abc"));
        return new CompilerCheck("a".repeat(40), "b".repeat(40), toolchain, "clippy", "default", true, List.of(f), 1, 0,
                List.of(), 1234);
    }

    @Test
    void roundTripsAndKeysByToolchain() throws Exception {
        CheckStore store = new CheckStore(gitDir);
        CompilerCheck check = sample("rustc 1.95.0");
        store.save(check);

        assertThat(store.find(check.headCommit(), check.baseCommit(), "rustc 1.95.0", "default")).contains(check);
        assertThat(store.find(check.headCommit(), check.baseCommit(), "rustc 1.96.0", "default")).isEmpty();
        assertThat(store.find(check.headCommit(), check.baseCommit(), "rustc 1.95.0", "pedantic")).isEmpty();
        assertThat(store.latest(check.headCommit())).contains(check);
        assertThat(store.latest("c".repeat(40))).isEmpty();
    }

    @Test
    void corruptFileIsIgnoredSoTheCheckRunsAgain() throws Exception {
        CheckStore store = new CheckStore(gitDir);
        CompilerCheck check = sample("rustc 1.95.0");
        store.save(check);
        try (var files = Files.list(gitDir.resolve("rust-review/checks"))) {
            Files.writeString(files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow(), "{ not json");
        }
        assertThat(store.find(check.headCommit(), check.baseCommit(), "rustc 1.95.0", "default")).isEmpty();
    }
}
