package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC40: a channel sender's explicit drop removed before the fn waits. */
class SenderDropRemovedTest {

    private final SenderDropRemoved rule = new SenderDropRemoved();

    /** Rocket c3ee34e2, reversed: the reader task was awaited while the fn still held the sender. */
    private static final String READ = """
              async fn blocking_read<T, F>(&mut self, f: F) -> Option<T> {
                  let (tx, rx) = mpsc::channel(2);
                  let reader = tokio::task::spawn_blocking(move || f(&mut ChanReader { last: None, rx }));
                  loop {
                      let mut buf = Vec::with_capacity(1024);
                      match self.read_buf(&mut buf).await {
                          Ok(n) if n == 0 => break,
                          Ok(_) => tx.send(Ok(buf)).await.ok()?,
                          Err(e) => {
                              tx.send(Err(e)).await.ok()?;
                              break;
                          }
                      }
                  }
            -     drop(tx);
                  reader.await.ok()
              }
            """;

    @Test
    void awaitingTheReaderWhileOwningTheSenderIsReported() {
        List<Finding> f = RuleRun.on(rule, "core/lib/src/local/asynchronous/response.rs", READ);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC40", MEDIUM, NEW, 15, 15));
        assertThat(f.get(0).title()).isEqualTo("`blocking_read` waits here while it still owns the sender `tx`");
        String fix = READ.replaceAll("(?m)^-", "+");
        assertThat(fix).contains("+     drop(tx);");
        assertThat(RuleRun.on(rule, "src/response.rs", fix)).isEmpty();
    }

    @Test
    void aDropLeftElsewhereOrNoWaitAfterIsNotReported() {
        assertThat(RuleRun.on(rule, "src/response.rs", READ.replace("let mut buf = Vec::with_capacity(1024);",
                "let mut buf = Vec::with_capacity(1024); if buf.is_empty() { drop(tx); }"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/response.rs", READ.replace("reader.await.ok()", "Some(reader)"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/response.rs", READ.replace("let (tx, rx) = mpsc::channel(2);",
                "let (tx, rx) = make_pair(2);"))).isEmpty();
    }
}
