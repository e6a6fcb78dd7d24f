package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC38: a blocking lock's guard alive while block_on runs. */
class GuardAcrossBlockOnTest {

    private final GuardAcrossBlockOn rule = new GuardAcrossBlockOn();

    /** lance a1bcff45, reversed: a std guard from an accessor lives across RT.block_on. */
    private static final String WRITER = """
              impl LanceFileWriter {
            +     fn inner_lock(&self) -> PyResult<MutexGuard<'_, Box<FileWriter>>> {
            +         self.inner.lock().map_err(|e| PyRuntimeError::new_err(e.to_string()))
            +     }
                  pub fn write_batch(&self, batch: PyArrowType<RecordBatch>) -> PyResult<()> {
            -         RT.block_on(None, async {
            -             self.inner.lock().await.write_batch(&batch.0).await
            -         })?
            -         .infer_error()
            +         RT.block_on(None, self.inner_lock()?.write_batch(&batch.0))?
            +             .infer_error()
                  }
              }
            """;

    @Test
    void accessorGuardInTheFuturesExpression() {
        List<Finding> f = RuleRun.on(rule, "python/src/file.rs", WRITER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC38", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`inner_lock()` is held while `block_on` runs in `write_batch`");
        assertThat(RuleRun.on(rule, "python/src/file.rs", WRITER.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
    }

    @Test
    void stdLockInTheArgumentsAndALetGuard() {
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/sync.rs", """
                  fn flush(&self) -> io::Result<()> {
                -     Ok(())
                +     self.rt.block_on(self.state.lock().unwrap().flush())
                  }
                """))).containsExactly(tuple("CC38", MEDIUM, NEW, 2, 2));
        List<Finding> f = RuleRun.on(rule, "src/sync.rs", """
                  fn flush(&self) -> io::Result<()> {
                +     let state = self.state.write().expect("poisoned");
                      let n = state.pending();
                      futures::executor::block_on(self.sink.send(n))
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC38", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`state` is held while `block_on` runs in `flush`");
    }

    @Test
    void guardsDroppedInsideTheFutureOrInAsyncFnsAreFine() {
        // dropped before the call
        assertThat(RuleRun.on(rule, "src/sync.rs", """
                  fn flush(&self) -> io::Result<()> {
                +     let state = self.state.write().expect("poisoned");
                      let n = state.pending();
                +     drop(state);
                      futures::executor::block_on(self.sink.send(n))
                  }
                """)).isEmpty();
        // a temporary guard in a let: gone at the end of that statement
        assertThat(RuleRun.on(rule, "src/sync.rs", """
                  fn flush(&self) -> io::Result<()> {
                +     let n = self.state.lock().unwrap().pending();
                      futures::executor::block_on(self.sink.send(n))
                  }
                """)).isEmpty();
        // the guard's block ends before the call
        assertThat(RuleRun.on(rule, "src/sync.rs", """
                  fn flush(&self) -> io::Result<()> {
                      let n = {
                +         let state = self.state.lock().unwrap();
                          state.pending()
                      };
                      futures::executor::block_on(self.sink.send(n))
                  }
                """)).isEmpty();
        // the lock is taken inside the future
        assertThat(RuleRun.on(rule, "src/sync.rs", """
                  fn flush(&self) -> io::Result<()> {
                -     Ok(())
                +     self.rt.block_on(async { self.state.lock().await.flush().await })
                  }
                """)).isEmpty();
        // a std guard inside the future's async block is the future's own (AL1 reads guards across an await)
        assertThat(RuleRun.on(rule, "src/sync.rs", """
                  fn flush(&self) -> io::Result<()> {
                -     Ok(())
                +     self.rt.block_on(async { self.state.lock().unwrap().flush().await })
                  }
                """)).isEmpty();
        // an async fn that returns a guard returns a future: tokio's own blocking_lock
        assertThat(RuleRun.on(rule, "tokio/src/sync/mutex.rs", """
                  impl<T: ?Sized> Mutex<T> {
                      pub async fn lock(&self) -> MutexGuard<'_, T> {
                          self.acquire().await;
                          MutexGuard { lock: self }
                      }
                      pub fn blocking_lock(&self) -> MutexGuard<'_, T> {
                -         todo!()
                +         crate::future::block_on(self.lock())
                      }
                  }
                """)).isEmpty();
        // an async fn is CC6's
        assertThat(RuleRun.on(rule, "src/sync.rs", """
                  async fn flush(&self) -> io::Result<()> {
                -     Ok(())
                +     self.rt.block_on(self.state.lock().unwrap().flush())
                  }
                """)).isEmpty();
        // neither line is new
        assertThat(RuleRun.on(rule, "src/sync.rs", """
                  fn flush(&self) -> io::Result<()> {
                -     let a = 0;
                +     let a = 1;
                      self.rt.block_on(self.state.lock().unwrap().flush())
                  }
                """)).isEmpty();
    }
}
