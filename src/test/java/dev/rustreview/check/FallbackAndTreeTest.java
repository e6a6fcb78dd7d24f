package dev.rustreview.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.CompilerCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without clippy the check runs cargo check and says so; trees are written from objects with links kept inside. */
class FallbackAndTreeTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        CrateRepo.requireToolchainAndSandbox();
    }

    @Test
    void withoutClippyItRunsCargoCheckAndSaysSo() throws Exception {
        CrateRepo repo = CrateRepo.create(tmp.resolve("repo"), Map.of("Cargo.toml", CrateRepo.CARGO_TOML, "src/lib.rs",
                        CompilerCheckerTest.BASE_LIB))
                .branch("agent/broken", Map.of("src/lib.rs", CompilerCheckerTest.BROKEN_LIB));
        CompilerChecker checker = new CompilerChecker(tmp.resolve("scratch"));
        checker.toolchainFilter = t -> new Toolchain(t.sysroot(), t.rustcVersion(), t.cargoVersion(), null);
        CompilerCheck check;
        try (GitRepository git = GitRepository.open(repo.dir)) {
            var change = git.branchDiff("main", "agent/broken", DiffOptions.DEFAULT);
            check = checker.check(git, change, List.of(), CheckOptions.defaults(), s -> { }, new Cancellation());
        }
        assertThat(check.tool()).isEqualTo("check");
        assertThat(check.notes()).anyMatch(n -> n.startsWith("clippy is not installed") && n.contains("ran cargo check only"));
        assertThat(check.findings()).extracting(f -> f.lint()).contains("E0308");
        assertThat(check.findings()).noneMatch(f -> f.source().equals("clippy"));
    }

    @Test
    void linksLeavingTheTreeAreNotWritten() throws Exception {
        CrateRepo repo = CrateRepo.create(tmp.resolve("links"), Map.of("Cargo.toml", CrateRepo.CARGO_TOML,
                "src/lib.rs", "pub fn a() {}\n", "docs/README.md", "read me\n"));
        Files.createSymbolicLink(repo.dir.resolve("escape"), Path.of("/etc"));
        Files.createSymbolicLink(repo.dir.resolve("up"), Path.of("../../.."));
        Files.createSymbolicLink(repo.dir.resolve("README.md"), Path.of("docs/README.md"));
        repo.branch("agent/links", Map.of("src/lib.rs", "pub fn a() {}\npub fn b() {}\n"));
        Path into = tmp.resolve("out");
        try (GitRepository git = GitRepository.open(repo.dir)) {
            String head = git.resolve("agent/links").commitId();
            int files = git.materialise(head, into, 1 << 20, () -> false);
            assertThat(files).isEqualTo(3);
        }
        assertThat(into.resolve("escape")).doesNotExist();
        assertThat(Files.isSymbolicLink(into.resolve("up"))).isFalse();
        assertThat(Files.readString(into.resolve("README.md"))).isEqualTo("read me\n");
        assertThat(into.resolve(".git")).doesNotExist();
    }
}
