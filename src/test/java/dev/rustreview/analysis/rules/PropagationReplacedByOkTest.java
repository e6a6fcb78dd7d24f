package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER29: a propagated error turned into None with .ok(). */
class PropagationReplacedByOkTest {

    private final PropagationReplacedByOk rule = new PropagationReplacedByOk();

    /** rustup a0e0b7be, reversed: the active toolchain's targets built through .ok() chains. */
    private static final String SHOW = """
              async fn show(cfg: &Cfg<'_>, verbose: bool) -> Result<utils::ExitCode> {
                  let active_toolchain_name = cfg.maybe_ensure_active_toolchain(None).await?;
            -     let active_toolchain_targets = match active_toolchain_name {
            -         Some(ToolchainName::Official(desc)) => DistributableToolchain::new(cfg, desc.clone())?
            -             .components()?
            -             .into_iter()
            -             .filter_map(|c| c.installed.then(|| c.component.target.clone()))
            -             .collect(),
            -         None => Vec::new(),
            -     };
            +     let active_toolchain_targets: Vec<TargetTriple> = active_toolchain_name
            +         .and_then(|atn| match atn {
            +             ToolchainName::Official(desc) => DistributableToolchain::new(cfg, desc.clone())
            +                 .ok()
            +                 .and_then(|distributable| distributable.components().ok())
            +                 .map(|cs| cs.into_iter().filter_map(|c| c.installed.then(|| c.component.target.clone())).collect()),
            +         })
            +         .unwrap_or_default();
                  print_targets(&active_toolchain_targets);
                  Ok(utils::ExitCode(0))
              }
            """;

    @Test
    void questionMarksReplacedByOk() {
        List<Finding> f = RuleRun.on(rule, "src/cli/rustup_mode.rs", SHOW);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER29", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`new(..)` no longer passes its error on in `show`: `.ok()` drops it");
        assertThat(RuleRun.on(rule, "src/cli/rustup_mode.rs", SHOW.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
    }

    /** lancedb 90af5cf0, reversed: the filter's error dropped with the Option that map returns. */
    private static final String QUERY = """
              impl TableInternal for NativeTable {
                  async fn plain_query(&self, query: &Query) -> Result<DatasetRecordBatchStream> {
                      let mut scanner: Scanner = ds.scan();
            -         if let Some(filter) = &query.filter {
            -             scanner.filter(filter)?;
            -         }
            -         if let Some(refine_factor) = query.refine_factor {
            -             scanner.refine(refine_factor);
            -         }
            +         query.filter.as_ref().map(|f| scanner.filter(f));
            +         query.refine_factor.map(|rf| scanner.refine(rf));
                      Ok(scanner.try_into_stream().await?)
                  }
              }
            """;

    @Test
    void questionMarkReplacedByAMapWhoseResultIsDropped() {
        List<Finding> f = RuleRun.on(rule, "rust/lancedb/src/table.rs", QUERY);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER29", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`filter(..)` no longer passes its error on in `plain_query`: the `Result` inside `.map(..)` is dropped");
        assertThat(RuleRun.on(rule, "rust/lancedb/src/table.rs", QUERY.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        // the mapped value is used: the Result is not dropped here
        assertThat(RuleRun.on(rule, "rust/lancedb/src/table.rs", QUERY.replace(
                "+         query.filter.as_ref().map(|f| scanner.filter(f));",
                "+         let applied = query.filter.as_ref().map(|f| scanner.filter(f)).transpose()?;"))).isEmpty();
    }

    @Test
    void otherCallsOptionFnsAndKeptPropagationAreFine() {
        // a fn returning Option: `.ok()` is how it answers
        assertThat(RuleRun.on(rule, "src/cfg.rs", """
                  fn port(cfg: &Cfg) -> Option<u16> {
                -     let raw = read(cfg)?;
                +     let raw = read(cfg).ok()?;
                      raw.parse().ok()
                  }
                """)).isEmpty();
        // `.ok()` on another call than the one that lost its `?`
        assertThat(RuleRun.on(rule, "src/cfg.rs", """
                  fn port(cfg: &Cfg) -> Result<u16> {
                -     let raw = read(cfg)?;
                +     let raw = read_all(cfg)?;
                +     let hint = parse_hint(&raw).ok();
                      Ok(raw.len() as u16)
                  }
                """)).isEmpty();
        // the `?` stays and an unchanged `.ok()`
        assertThat(RuleRun.on(rule, "src/cfg.rs", """
                  fn port(cfg: &Cfg) -> Result<u16> {
                -     let raw = read(cfg)?;
                +     let raw = read(cfg)?.trim().to_owned();
                      let hint = read(cfg).ok();
                      Ok(raw.len() as u16)
                  }
                """)).isEmpty();
    }

    @Test
    void aQuestionMarkThatStaysIsNotReplaced() {
        assertThat(RuleRun.on(rule, "src/cfg.rs", """
                  fn port(cfg: &Cfg) -> Result<u16> {
                      let raw = read(cfg)?;
                -     let n = 0;
                +     let cached = read(cfg).ok();
                      Ok(raw.len() as u16)
                  }
                """)).isEmpty();
    }
}
