package dev.rustreview.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading cargo's JSON, naming items, grouping lints and refusing without a sandbox: no toolchain needed. */
class DiagnosticsTest {

    @TempDir
    Path tree;

    static String message(String file, int line, String level, String code, String text, String expansionFile) {
        String expansion = expansionFile == null ? "null"
                : "{\"span\":{\"file_name\":\"" + expansionFile + "\",\"line_start\":9,\"line_end\":9,\"is_primary\":true,\"expansion\":null}}";
        return "{\"reason\":\"compiler-message\",\"message\":{\"message\":\"" + text + "\",\"level\":\"" + level + "\","
                + "\"code\":" + (code == null ? "null" : "{\"code\":\"" + code + "\"}") + ","
                + "\"spans\":[{\"file_name\":\"" + file + "\",\"line_start\":" + line + ",\"line_end\":" + line
                + ",\"is_primary\":true,\"expansion\":" + expansion + "}],"
                + "\"children\":[{\"level\":\"help\",\"spans\":[{\"file_name\":\"" + file + "\",\"line_start\":" + line
                + ",\"line_end\":" + line + ",\"is_primary\":true,\"suggested_replacement\":\"_x\"}],\"children\":[]}],"
                + "\"rendered\":\"" + level + ": " + text + "\"}}";
    }

    @Test
    void keepsTreeDiagnosticsDropsDependenciesAndSummariesAndFollowsMacroCallSites() throws Exception {
        Files.createDirectories(tree.resolve("src"));
        Files.writeString(tree.resolve("src/lib.rs"), "impl Foo {\n    pub fn run(&self) {\n        let x = 1;\n    }\n}\n");
        String out = String.join("\n",
                message("/rr/src/src/lib.rs", 3, "warning", "unused_variables", "unused variable: `x`", null),
                message("src/lib.rs", 3, "warning", "unused_variables", "unused variable: `x`", null), // --all-targets twin
                message("/rr/cargo-home/registry/src/dep/lib.rs", 5, "warning", "dead_code", "never used", null),
                message("/rustc/abc/library/core/src/macros.rs", 1, "error", "E0308", "mismatched types", "src/lib.rs"),
                "{\"reason\":\"compiler-message\",\"message\":{\"message\":\"aborting due to 1 previous error\",\"level\":\"error\",\"code\":null,\"spans\":[],\"children\":[],\"rendered\":\"\"}}",
                "{\"reason\":\"build-finished\",\"success\":false}",
                "not json at all");

        List<Diagnostic> d = new DiagnosticParser(List.of("/rr/src/", tree + "/"), new ItemLocator(tree)).parse(out);

        assertThat(d).hasSize(2);
        assertThat(d.get(0).path()).isEqualTo("src/lib.rs");
        assertThat(d.get(0).item()).isEqualTo("pub fn run");
        assertThat(d.get(0).suggestion()).isEqualTo("_x");
        assertThat(d.get(0).source()).isEqualTo("rustc");
        assertThat(d.get(1).lint()).isEqualTo("E0308");
        assertThat(d.get(1).line()).as("placed on the macro call in the tree").isEqualTo(9);
    }

    @Test
    void sameDiagnosticMovedToAnotherLineHasTheSameKey() {
        Diagnostic a = new Diagnostic("clippy::x", "warning", "at src/lib.rs:3:5  it   broke", "src/lib.rs", 3, 3, 3, 3, "fn a", null, "");
        Diagnostic b = new Diagnostic("clippy::x", "warning", "at src/lib.rs:40:1 it broke", "src/lib.rs", 40, 40, 40, 40, "fn a", null, "");
        assertThat(a.key()).isEqualTo(b.key());
        assertThat(a.key()).isNotEqualTo(b.withPath("src/other.rs").key());
    }

    @Test
    void lintGroupsComeFromClippysOwnListingAndSetSeverity() {
        LintGroups groups = LintGroups.parse("""
                Lint groups provided by plugins loaded by this crate:
                                   clippy::all  clippy::a, clippy::b
                           clippy::suspicious  clippy::await-holding-lock, clippy::let-underscore-future
                                clippy::style  clippy::needless-return
                                 clippy::perf  clippy::box-collection
                """);
        assertThat(groups.group("await_holding_lock")).isEqualTo("suspicious");
        assertThat(severity(groups, "warning", "clippy::await_holding_lock")).isEqualTo(Severity.HIGH);
        assertThat(severity(groups, "warning", "clippy::box_collection")).isEqualTo(Severity.MEDIUM);
        assertThat(severity(groups, "warning", "clippy::needless_return")).isEqualTo(Severity.LOW);
        assertThat(severity(groups, "warning", "unused_variables")).isEqualTo(Severity.MEDIUM);
        assertThat(severity(groups, "error", "E0308")).isEqualTo(Severity.HIGH);
    }

    private static Severity severity(LintGroups groups, String level, String lint) {
        return groups.severity(new Diagnostic(lint, level, "m", "src/lib.rs", 1, 1, 1, 1, "", null, ""));
    }

    @Test
    void missingCrateAndManifestAreRecognised() {
        assertThat(CargoFailure.missingCrate("error: no matching package named `tokio` found\nlocation searched")).contains("tokio");
        assertThat(CargoFailure.missingCrate("error: failed to download `serde v1.0.200`")).contains("serde v1.0.200");
        assertThat(CargoFailure.missingCrate("error: could not compile `demo`")).isEmpty();
        assertThat(CargoFailure.noManifest("error: could not find `Cargo.toml` in `/rr/src` or any parent directory")).isTrue();
        assertThat(CargoFailure.firstError("   Compiling demo\nerror: could not execute process `/x/w.sh` in /rr/src/x"))
                .isEqualTo("error: could not execute process `/x/w.sh` in x");
    }

    @Test
    void withoutASandboxTheCheckRefusesNamingWhatToInstall() {
        assertThatThrownBy(() -> Sandbox.require("Linux", Optional.empty(), tree, new Cancellation()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("bubblewrap (bwrap) is not installed")
                .hasMessageContaining("apt-get install bubblewrap")
                .hasMessageContaining("--no-sandbox");
        assertThatThrownBy(() -> Sandbox.require("Mac OS X", Optional.of(Path.of("/usr/bin/bwrap")), tree, new Cancellation()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("no sandbox for building untrusted code on Mac OS X")
                .hasMessageContaining("--no-sandbox");
    }
}
