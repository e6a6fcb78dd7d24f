package dev.rustreview.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.CompilerCheck;
import dev.rustreview.model.CompilerFinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline dependencies and the output limit, built for real inside the sandbox: a crate whose dependency comes
 * from a local source folder the test writes into the tree (cargo's directory source, what {@code cargo vendor}
 * produces, wired by the tree's {@code .cargo/config.toml}) builds with no network and no cargo cache; a build
 * that prints megabytes is stopped at the limit and says so.
 */
class DependencyAndOutputTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        CrateRepo.requireToolchainAndSandbox();
    }

    private static final String WITH_DEP = CrateRepo.CARGO_TOML + "tinydep = \"0.1\"\n";

    private static Map<String, String> vendored() {
        Map<String, String> files = new HashMap<>();
        files.put("Cargo.toml", WITH_DEP);
        files.put(".cargo/config.toml", """
                [source.crates-io]
                replace-with = "local-folder"

                [source.local-folder]
                directory = "vendor"
                """);
        files.put("vendor/tinydep/Cargo.toml", """
                [package]
                name = "tinydep"
                version = "0.1.0"
                edition = "2021"
                """);
        files.put("vendor/tinydep/src/lib.rs", "pub fn seven() -> u32 {\n    7\n}\n");
        files.put("vendor/tinydep/.cargo-checksum.json", "{\"files\":{},\"package\":null}\n");
        files.put("src/lib.rs", "pub fn answer() -> u32 {\n    tinydep::seven() * 6\n}\n");
        return files;
    }

    @Test
    void aDependencyFromALocalFolderInTheTreeBuildsOffline() throws Exception {
        CrateRepo repo = CrateRepo.create(tmp.resolve("repo"), vendored()).branch("agent/dep", Map.of("src/lib.rs",
                "pub fn answer() -> u32 {\n    tinydep::seven() * 6\n}\n\npub fn doubled() -> u32 {\n"
                        + "    return tinydep::seven() * 2;\n}\n"));

        CompilerCheck check = check(repo, "agent/dep", CheckOptions.defaults());

        // Found on the head's new function, which calls into the dependency: both trees built with it.
        assertThat(check.findings()).extracting(CompilerFinding::ruleId).containsExactly("clippy::needless_return");
        CompilerFinding f = check.findings().get(0);
        assertThat(f.startLine()).isEqualTo(6);
        assertThat(f.suggestion()).isEqualTo("tinydep::seven() * 2");
        assertThat(check.notes()).noneMatch(n -> n.contains("did not build"));
    }

    @Test
    void withoutTheLocalFolderTheMissingCrateIsNamedInOneLine() throws Exception {
        Map<String, String> files = new HashMap<>(vendored());
        files.keySet().removeIf(p -> p.startsWith("vendor/") || p.startsWith(".cargo/"));
        files.put("Cargo.toml", CrateRepo.CARGO_TOML + "tinydep-absent-from-cache = \"0.1\"\n");
        CrateRepo repo = CrateRepo.create(tmp.resolve("missing"), files)
                .branch("agent/dep", Map.of("src/extra.rs", "pub fn x() {}\n"));

        assertThatThrownBy(() -> check(repo, "agent/dep", CheckOptions.defaults()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("tinydep-absent-from-cache")
                .hasMessageContaining("run `cargo fetch` in your own checkout");
    }

    @Test
    void aBuildPrintingMegabytesIsStoppedAtTheLimitAndSaysSo() throws Exception {
        StringBuilder loud = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            loud.append("pub fn f").append(i).append("() {\n    let unused_").append(i).append(" = ").append(i)
                    .append(";\n}\n");
        }
        CrateRepo repo = CrateRepo.create(tmp.resolve("loud"),
                        Map.of("Cargo.toml", CrateRepo.CARGO_TOML, "src/lib.rs", "pub fn a() {}\n"))
                .branch("agent/loud", Map.of("src/lib.rs", loud.toString()));
        CheckOptions oneMiB = new CheckOptions(false, false, Duration.ofMinutes(10), 1L << 20, 2L << 30);

        assertThatThrownBy(() -> check(repo, "agent/loud", oneMiB))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("cargo wrote more than 1 MiB on ")
                .hasMessageEndingWith(" and was stopped");
        assertThat(leftovers()).isEmpty();

        // The same build under the default 256 MiB limit finishes: its output really is over a mebibyte.
        CompilerCheck full = check(repo, "agent/loud", CheckOptions.defaults());
        assertThat(full.findings().size() + full.outsideChange()).isGreaterThanOrEqualTo(3000);
    }

    private CompilerCheck check(CrateRepo repo, String branch, CheckOptions options) {
        try (GitRepository git = GitRepository.open(repo.dir)) {
            var change = git.branchDiff("main", branch, DiffOptions.DEFAULT);
            return new CompilerChecker(tmp.resolve("scratch")).check(git, change, List.of(), options, s -> { },
                    new Cancellation());
        }
    }

    private List<Path> leftovers() throws Exception {
        Path scratch = tmp.resolve("scratch");
        if (!Files.exists(scratch)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(scratch)) {
            return files.toList();
        }
    }
}
