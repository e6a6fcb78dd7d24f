package dev.rustreview.analysis.rules;

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

class ApiRulesTest {

    private final PublicApiRule ap1 = new PublicApiRule();
    private final LintGuardRule ap2 = new LintGuardRule();

    // ---- AP1 ----

    @Test
    void ap1NewPubItemsAreLow() {
        List<Finding> f = RuleRun.on(ap1, "src/lib.rs", """
                  pub struct Client;
                + /// Connects.
                + pub fn connect(url: &str) -> Client { Client }
                + pub struct Options { pub retries: u8 }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AP1", LOW, NEW, 3, 3), tuple("AP1", LOW, NEW, 4, 4));
        assertThat(f.get(0).title()).contains("fn `connect`");
    }

    @Test
    void ap1ChangedSignatureIncludingAsyncIsMedium() {
        List<Finding> f = RuleRun.on(ap1, "src/client.rs", """
                  impl Client {
                -     pub fn fetch(&self, id: u32) -> Result<Item, Error> {
                +     pub async fn fetch(&self, id: u64) -> Result<Item, Error> {
                          todo!()
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AP1", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).explanation()).contains("Client::fetch").contains("async fn");
    }

    @Test
    void ap1MethodOfAPublicTypeInAPrivateModuleIsPublicApi() {
        // log 2e721355 reversed: the returned Cow's lifetime narrowed from the value's 'v to the borrow of self
        String diff = """
                  pub struct Value<'v> { inner: Inner<'v> }
                  mod std_support {
                      use super::*;
                      impl<'v> Value<'v> {
                -         pub fn to_str(&self) -> Option<Cow<'v, str>> {
                +         pub fn to_str(&self) -> Option<Cow<str>> {
                              self.inner.to_str()
                          }
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(ap1, "src/kv/value.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AP1", MEDIUM, NEW, 5, 5));
        // the same impl of a type that is not public at the file's top level stays internal
        assertThat(RuleRun.on(ap1, "src/kv/value.rs", diff.replace("  pub struct Value<'v>", "  struct Value<'v>"))).isEmpty();
        assertThat(RuleRun.on(ap1, "src/kv/value.rs", diff.replace("  pub struct Value<'v>", "  pub struct Other<'v>"))).isEmpty();
    }

    @Test
    void ap1RemovedPubItemIsMediumOnTheOldSide() {
        List<Finding> f = RuleRun.on(ap1, "src/lib.rs", """
                  pub fn keep() {}
                - pub fn legacy_parse(s: &str) -> u8 {
                -     0
                - }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AP1", MEDIUM, OLD, 2, 2));
    }

    @Test
    void ap1WidenedVisibilityNonExhaustiveRemovedAndVariantAdded() {
        List<Finding> f = RuleRun.on(ap1, "src/lib.rs", """
                - pub(crate) fn helper() {}
                + pub fn helper() {}
                - #[non_exhaustive]
                  pub enum Mode {
                      Fast,
                +     Safe,
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AP1", MEDIUM, NEW, 1, 1), tuple("AP1", MEDIUM, NEW, 2, 2),
                tuple("AP1", MEDIUM, NEW, 4, 4));
        assertThat(f).extracting(Finding::title).containsExactly("visibility widened: fn `helper`",
                "#[non_exhaustive] removed from enum `Mode`", "variant added to exhaustive enum: variant `Mode::Safe`");
    }

    @Test
    void ap1NewImplBlockIsOneFindingAndRequiredTraitMethodIsMedium() {
        List<Finding> f = RuleRun.on(ap1, "src/store.rs", """
                  pub struct Store;
                  pub trait Backend {
                      fn get(&self, k: &str) -> Option<Vec<u8>>;
                +     fn delete(&self, k: &str) -> bool;
                  }
                + impl Store {
                +     pub fn new() -> Self { Store }
                +     pub fn len(&self) -> usize { 0 }
                +     fn private(&self) {}
                + }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AP1", MEDIUM, NEW, 4, 4), tuple("AP1", LOW, NEW, 6, 10));
        assertThat(f.get(1).explanation()).contains("`new`, `len`").doesNotContain("private");
    }

    @Test
    void ap1IgnoresPrivateItemsBodiesParameterRenamesAndTests() {
        assertThat(RuleRun.on(ap1, "src/lib.rs", """
                - pub fn area(w: u32, h: u32) -> u32 {
                -     w * h
                + pub fn area(width: u32, height: u32) -> u32 {
                +     width * height
                  }
                + fn private_helper() {}
                + pub(crate) fn internal() {}
                + mod inner { pub fn hidden() {} }
                + #[cfg(test)]
                + mod tests { pub fn fixture() {} }
                """)).isEmpty();
    }

    @Test
    void ap1IgnoresBinariesAndUnchangedApi() {
        assertThat(RuleRun.on(ap1, "src/main.rs", "+ pub fn run() {}\n")).isEmpty();
        assertThat(RuleRun.on(ap1, "src/lib.rs", """
                  pub fn stable(x: u8) -> u8 {
                -     x
                +     x + 0
                  }
                """)).isEmpty();
    }

    // ---- AP2 ----

    @Test
    void ap2AllowOfATableLintIsHigh() {
        List<Finding> f = RuleRun.on(ap2, "src/worker.rs", """
                + #[allow(clippy::await_holding_lock)]
                  async fn run(&self) {}
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AP2", HIGH, NEW, 1, 1));
        assertThat(f.get(0).objects()).containsExactly("clippy::await_holding_lock");
        assertThat(f.get(0).explanation()).contains("No `reason");
    }

    @Test
    void ap2OtherAllowsAreMediumIncludingInnerAndCfgAttr() {
        List<Finding> f = RuleRun.added(ap2, """
                #![allow(dead_code, clippy::too_many_arguments)]
                #[cfg_attr(feature = "legacy", allow(unused_variables))]
                fn f() {}
                #[allow(clippy::unwrap_used, reason = "validated above")]
                fn g() {}
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AP2", MEDIUM, NEW, 1, 1), tuple("AP2", MEDIUM, NEW, 2, 2),
                tuple("AP2", HIGH, NEW, 4, 4));
        assertThat(f.get(2).explanation()).doesNotContain("No `reason");
    }

    @Test
    void ap2RemovedForbidUnsafeCodeIsReportedOnTheOldSide() {
        List<Finding> f = RuleRun.on(ap2, "src/lib.rs", """
                - #![forbid(unsafe_code)]
                - #![deny(missing_docs)]
                  pub mod api;
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AP2", HIGH, OLD, 1, 1), tuple("AP2", MEDIUM, OLD, 2, 2));
        assertThat(f.get(0).explanation()).contains("`unsafe` is now allowed");
    }

    @Test
    void ap2CargoLintsLoweredAndAllowed() {
        List<Finding> f = RuleRun.on(ap2, "Cargo.toml", """
                  [lints.rust]
                - unsafe_code = "forbid"
                + unsafe_code = "warn"
                  [lints.clippy]
                + unwrap_used = { level = "allow", priority = 1 }
                - pedantic = "deny"
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AP2", HIGH, NEW, 2, 2), tuple("AP2", MEDIUM, OLD, 4, 4),
                tuple("AP2", HIGH, NEW, 4, 4));
    }

    @Test
    void ap2AllowOnTestCodeIsLow() {
        List<Finding> f = RuleRun.added(ap2, """
                #[cfg(test)]
                #[allow(clippy::unwrap_used)]
                mod tests {}
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AP2", LOW, NEW, 2, 2));
    }

    @Test
    void ap2IgnoresExistingAllowsOtherAttributesMovedGuardsAndComments() {
        assertThat(RuleRun.on(ap2, "src/lib.rs", """
                  #[allow(dead_code)]
                  fn old() {}
                + #[derive(Debug)]
                + #[must_use]
                + // #[allow(clippy::unwrap_used)]
                + struct S;
                """)).isEmpty();
        assertThat(RuleRun.on(ap2, "src/lib.rs", """
                - #![forbid(unsafe_code)]
                  //! Crate docs.
                + #![forbid(unsafe_code)]
                """)).isEmpty();
        assertThat(RuleRun.on(ap2, "src/lib.rs", """
                  #![deny(warnings)]
                + #![deny(clippy::unwrap_used)]
                """)).isEmpty();
    }

    @Test
    void ap2AllowingAnOffByDefaultLintSilencesNothingUnlessTheOldManifestTurnedItOn() {
        // A strict allow-list: the change turns the restriction group on and carves out lints that were off anyway.
        assertThat(RuleRun.on(ap2, "Cargo.toml", """
                  [package]
                  name = "x"
                + [lints.clippy]
                + restriction = { level = "warn", priority = -1 }
                + panic = "allow"
                + indexing_slicing = "allow"
                """)).isEmpty();
        // A lint clippy warns about by default is silenced crate-wide.
        assertThat(RuleRun.shape(RuleRun.on(ap2, "Cargo.toml", """
                  [lints.clippy]
                + await_holding_lock = "allow"
                """))).containsExactly(tuple("AP2", HIGH, NEW, 2, 2));
        // The old manifest had turned the lint on itself, or through its group: allowing it now loses warnings.
        assertThat(RuleRun.shape(RuleRun.on(ap2, "Cargo.toml", """
                  [lints.clippy]
                - panic = "deny"
                + panic = "allow"
                """))).contains(tuple("AP2", HIGH, NEW, 2, 2));
        assertThat(RuleRun.shape(RuleRun.on(ap2, "Cargo.toml", """
                  [lints.clippy]
                  restriction = "warn"
                + expect_used = "allow"
                """))).containsExactly(tuple("AP2", HIGH, NEW, 3, 3));
    }

    @Test
    void ap1InAProgramWithoutALibraryTargetIsLow() {
        dev.rustreview.analysis.ChangedFile file = dev.rustreview.analysis.Snippet.of("src/tui/events.rs", """
                  pub enum AppMode {
                      Chat,
                +     FilePicker,
                  }
                """);
        var edition = dev.rustreview.analysis.crate.Edition.E2021;
        List<Finding> inProgram = new PublicApiRule().check(dev.rustreview.analysis.Snippet.inCrate(file, edition,
                java.util.Map.of("src/main.rs", "mod tui;\nfn main() {}\n")));
        assertThat(inProgram).isNotEmpty().allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(LOW);
            assertThat(f.explanation()).contains("program");
        });
        List<Finding> inLibrary = new PublicApiRule().check(dev.rustreview.analysis.Snippet.inCrate(file, edition,
                java.util.Map.of("src/main.rs", "fn main() {}\n", "src/lib.rs", "pub mod tui;\n")));
        assertThat(inLibrary).extracting(Finding::severity).contains(MEDIUM);
    }
}
