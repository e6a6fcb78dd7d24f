package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER5: the inner Result of a wrapped piece of work is mapped away. */
class InnerResultDiscardedTest {

    private final InnerResultDiscarded er5 = new InnerResultDiscarded();

    @Test
    void aPingErrorMappedAwayAfterInteractIsReported() {
        // deadpool 5af2fcf5 reversed: a failed ping no longer fails the recycle.
        List<Finding> f = RuleRun.on(er5, "diesel/src/manager.rs", """
                  pub struct Manager;
                  impl Manager {
                      async fn recycle(&self, obj: &Object) -> RecycleResult<Error> {
                          obj.interact(|conn| CheckConnectionQuery.execute(conn).map_err(Error::Ping))
                              .await
                              .map_err(|e| RecycleError::Message(format!("Panic: {:?}", e)))
                -             .and_then(|r| r.map_err(RecycleError::Backend))
                              .map(|_| ())
                      }
                      async fn create(&self) -> Result<Conn, Error> {
                          Conn::open().await
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER5", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`.map(|_| ..)` drops the inner `Result` of `interact` in `recycle`");
    }

    @Test
    void aSpawnBlockingWriteWhoseErrorIsMappedAwayIsReported() {
        List<Finding> f = RuleRun.on(er5, "src/store.rs", """
                  pub async fn save(path: std::path::PathBuf, data: Vec<u8>) -> Result<(), tokio::task::JoinError> {
                +     tokio::task::spawn_blocking(move || {
                +         std::fs::write(&path, &data)?;
                +         Ok::<_, std::io::Error>(())
                +     })
                +     .await
                +     .map(drop)
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER5", MEDIUM, NEW, 7, 7));
    }

    @Test
    void chainsThatTakeTheOuterLayerOffFirstOrWorkWithoutAResultAreNotReported() {
        // Hard negatives: `?` before the map, `.and_then` before the map, a closure that returns no Result, a
        // `.map` whose closure uses the value, a wrapper call untouched by the change, and test code.
        List<Finding> f = RuleRun.on(er5, "src/jobs.rs", """
                  pub async fn a(p: std::path::PathBuf) -> std::io::Result<()> {
                +     tokio::task::spawn_blocking(move || std::fs::remove_file(&p).map_err(wrap)).await?.map(|_| ())
                  }
                  pub async fn b(p: std::path::PathBuf) -> Result<(), Error> {
                +     pool.interact(move |c| c.ping().map_err(Error::Ping)).await.map_err(Error::Pool).and_then(|r| r).map(|_| ())
                  }
                  pub async fn c() -> Result<(), tokio::task::JoinError> {
                +     tokio::spawn(async move { tick().await; }).await.map(|_| ())
                  }
                  pub async fn d() -> Result<usize, tokio::task::JoinError> {
                +     tokio::spawn(async move { count().await.map_err(wrap) }).await.map(|r| r.unwrap_or(0))
                  }
                  pub async fn e() -> Result<(), tokio::task::JoinError> {
                      tokio::spawn(async move { run().await.map_err(wrap) }).await.map(|_| ())
                  }
                + pub fn f() {}
                  #[cfg(test)]
                  mod tests {
                      async fn g() {
                +         let _ = tokio::spawn(async move { run().await.map_err(wrap) }).await.map(|_| ());
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
