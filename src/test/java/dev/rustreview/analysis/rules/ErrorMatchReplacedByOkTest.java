package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER31: a matched error replaced by `.ok()`. */
class ErrorMatchReplacedByOkTest {

    private final ErrorMatchReplacedByOk rule = new ErrorMatchReplacedByOk();

    /** pixi 490338d2, reversed: an unparsable version specifier is treated as satisfied. */
    private static final String CHECK = """
              fn check_requires_pixi_early(toml: &Value<'_>, kind: ManifestKind) -> Option<(VersionSpec, SourceSpan)> {
                  let spec_str = toml.pointer(pointer)?.as_str()?;
            -     let spec = match VersionSpec::from_str(spec_str, ParseStrictness::Strict) {
            -         Ok(spec) => spec,
            -         Err(e) => {
            -             return RequiresPixiCheck::Invalid { span, parse_error: e }
            -         }
            -     };
            +     let spec = VersionSpec::from_str(spec_str, ParseStrictness::Strict).ok()?;
                  if spec.matches(&current) { None } else { Some((spec, span)) }
              }
            """;

    @Test
    void aParseErrorTheMatchReturnedBecomesNone() {
        List<Finding> f = RuleRun.on(rule, "crates/pixi_manifest/src/discovery.rs", CHECK);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER31", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`VersionSpec::from_str(..).ok()` drops the error "
                + "`check_requires_pixi_early` used to handle");
        String fix = CHECK.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+     let spec = match VersionSpec::from_str");
        assertThat(RuleRun.on(rule, "src/discovery.rs", fix)).isEmpty();
    }

    @Test
    void anIgnoredErrorOrAnotherCalleeIsNotReported() {
        assertThat(RuleRun.on(rule, "src/discovery.rs", CHECK.replace("Err(e) => {", "Err(_) => {")
                .replace("parse_error: e }", "parse_error: None }"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/discovery.rs", CHECK.replace(
                "+     let spec = VersionSpec::from_str(spec_str, ParseStrictness::Strict).ok()?;",
                "+     let spec = VersionSpec::parse_lenient(spec_str).ok()?;"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/discovery.rs", CHECK.replace(".ok()?;", "?;"))).isEmpty();
    }

    /** alloy 5e322dea, reversed: every failed override call was skipped, so an RPC outage read as "no slot". */
    private static final String FIND_SLOT = """
              async fn find_slot(self) -> Result<Option<B256>, TransportError> {
                  let mut first_call_err: Option<TransportError> = None;
                  for item in access_list.0 {
            -         let result = match provider.call(tx.clone()).overrides(state_override).await {
            -             Ok(res) => res,
            -             Err(err) => {
            -                 first_call_err.get_or_insert(err);
            -                 continue;
            -             }
            +         let Ok(result) = provider.call(tx.clone()).overrides(state_override).await else {
            +             continue;
                      };
                      if result == target { return Ok(Some(slot)); }
                  }
                  Ok(None)
              }
            """;

    @Test
    void aMatchedErrorReplacedByLetElseIsReported() {
        List<Finding> f = RuleRun.on(rule, "crates/contract/src/storage_slot.rs", FIND_SLOT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER31", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`let Ok(..) = provider.call(tx.clone()).overrides(state_override)"
                + ".await else` drops the error `find_slot` used to handle");
        String fix = FIND_SLOT.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+         let result = match provider.call");
        assertThat(RuleRun.on(rule, "src/storage_slot.rs", fix)).isEmpty();
        assertThat(RuleRun.on(rule, "src/storage_slot.rs", FIND_SLOT.replace("Err(err) => {", "Err(_) => {")
                .replace("get_or_insert(err)", "get_or_insert(default())"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/storage_slot.rs", FIND_SLOT.replace(
                "+         let Ok(result) = provider.call(tx.clone())", "+         let Ok(result) = provider.get(tx.clone())")))
                .isEmpty();
    }
}
