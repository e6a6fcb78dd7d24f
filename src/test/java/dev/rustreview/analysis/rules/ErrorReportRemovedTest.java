package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER3: a caught error that was handed on (sink, forward, log) no longer is. */
class ErrorReportRemovedTest {

    private final ErrorReportRemoved er3 = new ErrorReportRemoved();

    private List<Finding> run(String path, String diff) {
        return RuleRun.on(er3, path, diff);
    }

    @Test
    void aPoolThatStopsSinkingTheValidationErrorIsReported() {
        // The shape of bb8 41e5ec1f reversed: the broken connection is still dropped, its error no longer sunk.
        List<Finding> f = run("src/inner.rs", """
                  impl<M: ManageConnection> PoolInner<M> {
                      pub(crate) async fn get(&self) -> Result<Conn<M>, RunError<M::Error>> {
                          loop {
                              let mut conn = self.idle().await?;
                              match self.inner.manager.is_valid(&mut conn).await {
                                  Ok(()) => return Ok(conn),
                -                 Err(e) => {
                -                     self.inner.statics.error_sink.sink(e);
                +                 Err(_) => {
                                      conn.drop_invalid();
                                      continue;
                                  }
                              }
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER3", MEDIUM, OLD, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("`get` no longer passes on the error `e`");
        assertThat(f.get(0).explanation()).contains("`self.inner.statics.error_sink.sink(e);`");
    }

    @Test
    void aRetryPathThatNoLongerForwardsTheErrorIsReported() {
        // bb8 e4fc1844 reversed: the error still ends the loop on the last attempt, but not on a retry.
        List<Finding> f = run("src/inner.rs", """
                  impl<M: ManageConnection> PoolInner<M> {
                      async fn add_connection(&self, approval: Approval) -> Result<(), M::Error> {
                          let mut delay = Duration::from_secs(0);
                          loop {
                              match self.inner.manager.connect().await {
                                  Ok(conn) => return Ok(self.put(conn, approval)),
                                  Err(e) => {
                                      if Instant::now() - self.start > self.timeout {
                                          return Err(e);
                                      } else {
                -                         self.inner.forward_error(e);
                                          delay = max(Duration::from_millis(200), delay);
                                          sleep(delay).await;
                                      }
                                  }
                              }
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER3", MEDIUM, OLD, 11, 11));
    }

    @Test
    void reportsReplacedReturnsConversionsAndFnsThatNoLongerMatchErrAreQuiet() {
        assertThat(run("src/worker.rs", """
                  impl Worker {
                      fn step(&mut self) -> Result<(), Error> {
                          match self.run() {
                              Ok(()) => Ok(()),
                              Err(e) => {
                -                 log::warn!("step failed: {}", e);
                +                 tracing::warn!(error = %e, "step failed");
                                  self.failures += 1;
                                  Ok(())
                              }
                          }
                      }
                      fn inlined(&mut self) {
                          if let Err(e) = self.run() {
                -             tracing::info!("an error occurred; error = {:?}", e);
                +             tracing::warn!("step failed: {e:?}");
                          }
                      }
                      fn once(&mut self) -> Result<(), Error> {
                          match self.run() {
                              Ok(()) => Ok(()),
                -             Err(e) => {
                -                 return Err(e);
                -             }
                +             Err(_) => Ok(()),
                          }
                      }
                      fn convert(&mut self) -> Option<u8> {
                          match self.run() {
                              Ok(()) => Some(1),
                              Err(e) => {
                -                 let code = code_of(e);
                -                 Some(code)
                +                 None
                              }
                          }
                      }
                      fn folded(&mut self) -> Result<u8, Error> {
                          match self.run() {
                              Ok(()) => Ok(1),
                -             Err(e) => {
                -                 if e.is_cancelled() {
                -                     Err(Error::interrupted(e))
                -                 } else {
                -                     panic!("task failed: {:?}", e)
                -                 }
                -             }
                +             Err(e) => panic!("task failed: {:?}", e),
                          }
                      }
                      fn simplified(&mut self) {
                -         if let Err(e) = self.run() {
                -             self.sink.sink(e);
                -         }
                +         self.run().ok();
                      }
                  }
                """)).isEmpty();
    }

    @Test
    void testCodeIsLeftAlone() {
        String diff = """
                  fn poll_all(rx: &Rx, sink: &Sink) {
                      match rx.recv() {
                          Ok(_) => {}
                          Err(e) => {
                -             sink.sink(e);
                          }
                      }
                  }
                """;
        assertThat(run("tests/sink.rs", diff)).isEmpty();
        assertThat(RuleRun.shape(run("src/lib.rs", diff))).containsExactly(tuple("ER3", MEDIUM, OLD, 5, 5));
    }

    @Test
    void aDeletedLogLineIsQuotedWithItsMessage() {
        List<Finding> f = run("src/worker.rs", """
                  fn step(w: &mut Worker) {
                      if let Err(e) = w.run() {
                -         log::warn!("step failed: {}", e);
                          w.failures += 1;
                      }
                  }
                """);
        assertThat(f).singleElement().satisfies(x ->
                assertThat(x.explanation()).contains("`log::warn!(\"step failed: {}\", e);`"));
    }

    @Test
    void aMultiLineReportDeletedFromTheArmIsReportedAtItsFirstLine() {
        // application-services a34ae94b reversed: a bad attachment is skipped and no longer reported
        String bug = """
                  fn download_attachment(&self, record: &Record) -> Result<()> {
                      let attachment_data = self.client.download_attachment(record)?;
                      match serde_json::from_slice::<SuggestAttachment>(&attachment_data) {
                          Ok(attachment) => ingest(&record.id, attachment),
                -         Err(e) => {
                -             error_support::report_error!(
                -                 "suggest-attachment-deserialize",
                -                 "Failed to deserialize attachment for record {}: {}",
                -                 record.id,
                -                 e
                -             );
                -             Ok(())
                -         }
                +         Err(_) => Ok(()),
                      }
                  }
                """;
        List<Finding> f = run("components/suggest/src/store.rs", bug);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER3", MEDIUM, OLD, 6, 6));
        assertThat(f.get(0).explanation()).contains("`error_support::report_error!(`");
        // the fix direction, and a conversion written over several lines (not a report)
        String fix = bug.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+             error_support::report_error!(");
        assertThat(run("src/store.rs", fix)).isEmpty();
        assertThat(run("src/store.rs", bug.replace("-             error_support::report_error!(",
                "-             let wrapped = Wrapped::new("))).isEmpty();
        // the call stays and only its last argument changes: no statement was deleted (ER3 reads deletions)
        assertThat(run("src/store.rs", """
                  fn download_attachment(&self, record: &Record) -> Result<()> {
                      match serde_json::from_slice::<SuggestAttachment>(&data) {
                          Ok(attachment) => ingest(&record.id, attachment),
                          Err(e) => {
                              error_support::report_error!(
                                  "suggest-attachment-deserialize",
                -                 e
                +                 record.id
                              );
                              Ok(())
                          }
                      }
                  }
                """)).isEmpty();
    }
}
