package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.CRITICAL;
import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Severity.LOW;
import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static dev.rustreview.model.Side.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildRulesTest {

    private final DependencyRule bd1 = new DependencyRule();
    private final BuildScriptRule bd2 = new BuildScriptRule();
    private final HiddenCharactersRule sr1 = new HiddenCharactersRule();

    // ---- BD1 ----

    @Test
    void bd1VersionBumpAddedAndRemovedDependencies() {
        List<Finding> f = RuleRun.on(bd1, "Cargo.toml", """
                  [package]
                  name = "svc"
                  [dependencies]
                - serde = { version = "1.0.190", features = ["derive"] }
                + serde = { version = "1.0.200", features = ["derive", "rc"] }
                + tokio = "1.37"
                - once_cell = "1"
                  anyhow = "1"
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("BD1", MEDIUM, NEW, 4, 4), tuple("BD1", MEDIUM, NEW, 5, 5),
                tuple("BD1", MEDIUM, OLD, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("dependency `serde` changed: version 1.0.190 → 1.0.200, features added [rc]");
        assertThat(f.get(1).title()).contains("`tokio` added [dependencies] 1.37");
        assertThat(f.get(2).title()).contains("`once_cell` removed");
    }

    @Test
    void bd1GitDependencyInTargetTableAndTableFormDependency() {
        List<Finding> f = RuleRun.on(bd1, "crates/core/Cargo.toml", """
                  [package]
                  name = "core"
                + [target.'cfg(unix)'.dependencies]
                + nix = { git = "https://github.com/nix-rust/nix", branch = "main" }
                  [dev-dependencies.proptest]
                - version = "1.3"
                + version = "1.4"
                  default-features = false
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("BD1", MEDIUM, NEW, 4, 4), tuple("BD1", MEDIUM, NEW, 5, 7));
        assertThat(f.get(0).explanation()).contains("git https://github.com/nix-rust/nix branch main")
                .contains("target.'cfg(unix)'.dependencies");
        assertThat(f.get(1).title()).contains("proptest").contains("1.3 → 1.4");
    }

    @Test
    void bd1WorkspaceDependenciesMultiLineFeaturesAndEdition() {
        List<Finding> f = RuleRun.on(bd1, "Cargo.toml", """
                  [workspace.package]
                - edition = "2021"
                + edition = "2024"
                  [workspace.dependencies]
                  reqwest = { version = "0.12", features = [
                      "json",
                +     "blocking",
                  ] }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("BD1", MEDIUM, NEW, 4, 7), tuple("BD1", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).contains("features added [blocking]");
        assertThat(f.get(1).title()).isEqualTo("edition 2021 → 2024");
    }

    @Test
    void bd1WorkspaceInheritedAndSiblingPathDependenciesAreLow() {
        List<Finding> f = RuleRun.on(bd1, "crates/cli/Cargo.toml", """
                  [dependencies]
                + serde = { workspace = true, features = ["derive"] }
                + core = { path = "../core" }
                + tokio.workspace = true
                + vendored = { path = "/home/dev/vendored" }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("BD1", LOW, NEW, 2, 2), tuple("BD1", LOW, NEW, 3, 3),
                tuple("BD1", LOW, NEW, 4, 4), tuple("BD1", MEDIUM, NEW, 5, 5));
        assertThat(f.get(1).explanation()).contains("crate of this repository");
    }

    @Test
    void bd1IgnoresFormattingOnlyChangesMetadataAndOtherFiles() {
        assertThat(RuleRun.on(bd1, "Cargo.toml", """
                  [package]
                - version = "0.1.0"
                + version = "0.2.0"
                - description = "old"
                + description = "new"
                  [dependencies]
                - serde = { version = "1", features = ["rc", "derive"] }
                + serde = { features = ["derive", "rc"], version = "1" }
                """)).isEmpty();
        assertThat(RuleRun.on(bd1, "docs/Cargo.toml.md", "+ serde = \"1\"\n")).isEmpty();
        assertThat(RuleRun.on(bd1, "Cargo.toml", """
                  [dependencies]
                  serde = "1"
                + # pinned for MSRV
                """)).isEmpty();
    }

    // ---- BD2 ----

    @Test
    void bd2BuildScriptHunkNamesWhatItDoes() {
        List<Finding> f = RuleRun.on(bd2, "build.rs", """
                  fn main() {
                +     let out = std::process::Command::new("git").arg("rev-parse").output().unwrap();
                +     println!("cargo:rustc-link-lib=ssl");
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("BD2", HIGH, NEW, 2, 3));
        assertThat(f.get(0).explanation()).contains("spawn a process").contains("change what is linked")
                .contains("CI");
    }

    @Test
    void bd2ProcMacroSourceAndManifestFlag() {
        List<Finding> f = RuleRun.on(bd2, "macros/src/lib.rs", """
                  use proc_macro::TokenStream;
                  #[proc_macro_derive(Builder)]
                  pub fn derive_builder(input: TokenStream) -> TokenStream {
                +     let ast = syn::parse(input).unwrap();
                      expand(ast)
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("BD2", HIGH, NEW, 4, 4));
        assertThat(f.get(0).title()).contains("proc macro `derive_builder`");
        List<Finding> m = RuleRun.on(bd2, "macros/Cargo.toml", """
                  [lib]
                + proc-macro = true
                """);
        assertThat(RuleRun.shape(m)).containsExactly(tuple("BD2", HIGH, NEW, 2, 2));
    }

    @Test
    void bd2CargoConfigChange() {
        List<Finding> f = RuleRun.on(bd2, ".cargo/config.toml", """
                  [build]
                + rustc-wrapper = "/tmp/wrap.sh"
                + # a comment
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("BD2", HIGH, NEW, 2, 2));
        assertThat(f.get(0).explanation()).contains("rustc-wrapper");
    }

    @Test
    void bd2IgnoresOrdinarySourcesModulesNamedBuildAndCommentOnlyEdits() {
        assertThat(RuleRun.on(bd2, "src/lib.rs", "+ pub fn f() {}\n")).isEmpty();
        assertThat(RuleRun.on(bd2, "src/build.rs", "+ pub fn builder() {}\n")).isEmpty();
        assertThat(RuleRun.on(bd2, "build.rs", """
                  fn main() {
                +     // regenerate bindings when the header changes
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(bd2, "Cargo.toml", """
                  [lib]
                + name = "x"
                """)).isEmpty();
    }

    // ---- SR1 ----

    @Test
    void sr1BidiOverrideInAStringOrCommentIsCriticalWithColumns() {
        List<Finding> f = RuleRun.on(sr1, "src/auth.rs", """
                  fn is_admin(role: &str) -> bool {
                +     role == "user\u202E \u2066// admin\u2069\u2066"
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SR1", CRITICAL, NEW, 2, 2));
        assertThat(f.get(0).objects()).first().asString().startsWith("U+202E RIGHT-TO-LEFT OVERRIDE (bidi) at column 18");
        assertThat(f.get(0).title()).contains("U+202E, U+2066, U+2069, U+2066");
    }

    @Test
    void sr1InvisibleCharactersInAnyTextFile() {
        assertThat(RuleRun.shape(RuleRun.on(sr1, "README.md", "+ Run `cargo\u200B test`\n")))
                .containsExactly(tuple("SR1", CRITICAL, NEW, 1, 1));
        assertThat(RuleRun.shape(RuleRun.on(sr1, "src/lib.rs", """
                  fn a() {}
                + fn ad\u00ADmin() {}
                + // \uFEFF stray BOM
                """))).containsExactly(tuple("SR1", CRITICAL, NEW, 2, 2), tuple("SR1", CRITICAL, NEW, 3, 3));
    }

    @Test
    void sr1IgnoresLeadingBomOrdinaryUnicodeAndRemovedLines() {
        assertThat(RuleRun.on(sr1, "src/lib.rs", "+ \uFEFF//! Crate docs.\n+ // Grüße, 你好, emoji 🦀\n")).isEmpty();
        assertThat(RuleRun.on(sr1, "src/lib.rs", """
                - let s = "\u202E";
                + let s = "fixed";
                """)).isEmpty();
        assertThat(RuleRun.on(sr1, "notes.txt", "+ Right-to-left text: שלום\n")).isEmpty();
    }
}
