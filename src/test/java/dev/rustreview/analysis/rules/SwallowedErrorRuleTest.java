package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.LOW;
import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwallowedErrorRuleTest {

    private final SwallowedErrorRule er1 = new SwallowedErrorRule();

    @Test
    void letUnderscoreOnCallsAndOkStatements() {
        List<Finding> f = RuleRun.on(er1, "src/worker.rs", """
                  async fn notify(&self, ev: Event) {
                +     let _ = self.tx.send(ev);
                +     let _ = std::fs::remove_file(&self.lock_path);
                +     let _ = self.flush().await;
                +     self.sock.shutdown().ok();
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER1", MEDIUM, NEW, 2, 2), tuple("ER1", MEDIUM, NEW, 3, 3),
                tuple("ER1", MEDIUM, NEW, 4, 4), tuple("ER1", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).contains("self.tx.send(ev)");
    }

    @Test
    void emptyErrArmsAndMapErrIgnoringTheCause() {
        List<Finding> f = RuleRun.added(er1, """
                fn load(p: &Path) -> Result<Cfg, AppError> {
                    match std::fs::read_to_string(p) {
                        Ok(s) => return parse(&s),
                        Err(_) => {}
                    }
                    match write(p) {
                        Err(_e) => (),
                        Ok(()) => {}
                    }
                    let s = std::fs::read_to_string(p).map_err(|_| AppError::Io)?;
                    parse(&s)
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER1", MEDIUM, NEW, 4, 4), tuple("ER1", MEDIUM, NEW, 7, 7),
                tuple("ER1", MEDIUM, NEW, 10, 10));
    }

    @Test
    void unwrapOrDefaultOnAResultReturningCall() {
        List<Finding> f = RuleRun.added(er1, """
                fn load_count(s: &str) -> Result<u32, Error> { Ok(1) }
                fn f(s: &str) -> u32 {
                    let n: u32 = s.trim().parse().unwrap_or_default();
                    let m = load_count(s).unwrap_or_default();
                    n + m
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER1", MEDIUM, NEW, 3, 3), tuple("ER1", MEDIUM, NEW, 4, 4));
        assertThat(f.get(1).explanation()).contains("declared to return a Result");
    }

    @Test
    void swallowedErrorsInTestsAreLow() {
        List<Finding> f = RuleRun.added(er1, """
                #[test]
                fn cleanup() {
                    let _ = std::fs::remove_dir_all("target/tmp");
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER1", LOW, NEW, 3, 3));
    }

    /** neqo ddb88ac99, reversed: a failed version upgrade dropped with the destructuring-assignment form. */
    @Test
    void underscoreAssignmentOfACallIsTheSameAsLetUnderscore() {
        List<Finding> f = RuleRun.on(er1, "neqo-transport/src/crypto.rs", """
                  impl Crypto {
                -     pub fn confirm_version(&mut self, confirmed: Version) -> Res<()> {
                -         self.states.confirm_version(self.version, confirmed)?;
                -         Ok(())
                +     pub fn confirm_version(&mut self, confirmed: Version) {
                +         _ = self.states.confirm_version(self.version, confirmed);
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER1", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).contains("self.states.confirm_version(self.version, confirmed)");
        assertThat(f.get(0).explanation()).contains("`_ =`");
        assertThat(RuleRun.added(er1, """
                fn f(mut a: u8, pair: (u8, u8)) {
                    _ = a;
                    (_, a) = pair;
                    a = compute();
                    _ = &pair;
                }
                """)).isEmpty();
    }

    @Test
    void letUnderscoreOnANonCallOrDropIsNotReported() {
        assertThat(RuleRun.added(er1, """
                fn f(x: Guard, y: u8) {
                    let _ = x;
                    let _ = &y;
                    let _unused = compute();
                    let _ = drop(y);
                }
                """)).isEmpty();
    }

    @Test
    void unwrapOrDefaultOnAnOptionIsNotReported() {
        assertThat(RuleRun.added(er1, """
                fn lookup(k: &str) -> Option<u32> { None }
                fn f(map: &HashMap<String, u32>, k: &str) -> u32 {
                    let a = map.get(k).copied().unwrap_or_default();
                    let b = lookup(k).unwrap_or_default();
                    a + b
                }
                """)).isEmpty();
    }

    @Test
    void handledErrorsMapErrWithTheCauseAndCommentsAreNotReported() {
        assertThat(RuleRun.added(er1, """
                fn f(p: &Path) -> Result<(), AppError> {
                    // let _ = std::fs::remove_file(p);
                    match std::fs::remove_file(p) {
                        Err(e) => log::warn!("cleanup failed: {e}"),
                        Ok(()) => {}
                    }
                    let s = std::fs::read_to_string(p).map_err(|e| AppError::Io(e))?;
                    let v: Option<u8> = s.parse().ok();
                    Ok(())
                }
                """)).isEmpty();
    }

    @Test
    void mapErrOnChannelSendOrTimeoutIsLowBecauseThoseErrorsHaveNoCause() {
        List<Finding> f = RuleRun.added(er1, """
                async fn submit(&self, job: Job) -> Result<(), AppError> {
                    self.tx.send(job).await.map_err(|_| AppError::Closed)?;
                    tokio::time::timeout(T, self.ping()).await.map_err(|_| AppError::Timeout)??;
                    Ok(())
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER1", LOW, NEW, 2, 2), tuple("ER1", LOW, NEW, 3, 3));
    }

    @Test
    void anArmEndsInAnEmptyValueWhateverTheSpacingAndOnlyAtAWordBoundary() {
        assertThat(SwallowedErrorRule.endsInNothing("{ warn!(\"x\"); None }")).isTrue();
        assertThat(SwallowedErrorRule.endsInNothing("{\n  warn!(\"x\");\n  return Ok(());\n}")).isTrue();
        assertThat(SwallowedErrorRule.endsInNothing("{ log::error!(\"{e}\"); Default::default() }")).isTrue();
        assertThat(SwallowedErrorRule.endsInNothing("{warn!(\"x\");false}")).isTrue();
        assertThat(SwallowedErrorRule.endsInNothing("{ warn!(\"x\"); count - 10 }")).isFalse();
        assertThat(SwallowedErrorRule.endsInNothing("{ warn!(\"x\"); is_false }")).isFalse();
        assertThat(SwallowedErrorRule.endsInNothing("{ warn!(\"x\"); Err(e) }")).isFalse();
        assertThat(SwallowedErrorRule.endsInNothing("{ warn!(\"x\"); " + "\t".repeat(100_000) + " x }")).isFalse();
    }

    /** jj 24c1197a, reversed: a reference lookup whose errors propagated now sends them to the "absent" branch. */
    private static final String JJ = """
              fn delete_git_ref(git_repo: &gix::Repository, git_ref_name: &GitRefName) -> Result<(), FailedRefExportReason> {
            -     if let Some(git_ref) = git_repo
            -         .try_find_reference(git_ref_name.as_str())
            -         .map_err(|err| FailedRefExportReason::FailedToDelete(err.into()))?
            -     {
            +     if let Ok(git_ref) = git_repo.find_reference(git_ref_name.as_str()) {
                      git_ref.delete().map_err(|err| FailedRefExportReason::FailedToDelete(err.into()))?;
                  } else {
                      return Err(FailedRefExportReason::AlreadyDeleted);
                  }
                  Ok(())
              }
            """;

    @Test
    void propagationFoldedIntoTheElseOfAnIfLetOk() {
        List<Finding> f = RuleRun.on(er1, "lib/src/git.rs", JJ);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER1", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).startsWith("`if let Ok` now sends every error of `git_repo.find_reference(");
        // the fix direction, and an if-let-Ok with an else that replaced nothing
        assertThat(RuleRun.on(er1, "lib/src/git.rs", JJ.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(er1, "lib/src/git.rs", """
                  fn port(cfg: &Cfg) -> Result<u16> {
                -     let p = 0;
                +     if let Ok(v) = std::env::var("PORT") {
                +         return Ok(v.parse()?);
                +     } else {
                +         return Ok(8080);
                +     }
                  }
                """)).isEmpty();
        // the `?` form stays: the new lookup beside it replaced nothing
        assertThat(RuleRun.on(er1, "lib/src/git.rs", """
                  fn refs(git_repo: &gix::Repository, a: &str, b: &str) -> Result<bool, Error> {
                      if let Some(r) = git_repo.try_find_reference(a)? {
                          r.touch();
                      }
                -     let n = 0;
                +     if let Ok(other) = git_repo.find_reference(b) {
                +         other.touch();
                +     } else {
                +         warn!("no {b}");
                +     }
                      Ok(true)
                  }
                """)).isEmpty();
    }
}
