package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL17: a poll fn that reported what it had done before an inner Pending now returns Pending through ready!. */
class ProgressLostOnPendingTest {

    private final ProgressLostOnPending rule = new ProgressLostOnPending();

    /** async-h1's chunked encoder with its fix (a561f4cb) reversed. */
    private static final String ENCODER = """
              impl Encoder {
                  fn encode_chunked_body(&mut self, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
                      let buf = &mut buf[self.bytes_read..];
            -         match self.chunked.encode(&mut self.res, cx, buf) {
            -             Poll::Ready(Ok(read)) => {
            -                 self.bytes_read += read;
            -                 Poll::Ready(Ok(self.bytes_read))
            -             }
            -             Poll::Ready(Err(err)) => Poll::Ready(Err(err)),
            -             Poll::Pending => {
            -                 if self.bytes_read > 0 {
            -                     return Poll::Ready(Ok(self.bytes_read));
            -                 }
            -                 Poll::Pending
            -             }
            -         }
            +         let read = ready!(self.chunked.encode(&mut self.res, cx, buf))?;
            +         self.bytes_read += read;
            +         Poll::Ready(Ok(self.bytes_read))
                  }
              }
            """;

    @Test
    void aPendingArmThatReportedProgressReplacedByReadyIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/server/encode.rs", ENCODER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL17", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`encode_chunked_body` returns Pending from `encode` even after making progress");
    }

    @Test
    void aPlainPendingArmAnotherCallOrTheFixAreQuiet() {
        // the arm only passed Pending on: ready! is the same thing written shorter
        assertThat(RuleRun.on(rule, "src/io.rs", """
                  impl Reader {
                      fn poll_read(&mut self, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
                -         let n = match self.inner.poll_fill(cx) {
                -             Poll::Ready(r) => r?,
                -             Poll::Pending => return Poll::Pending,
                -         };
                +         let n = ready!(self.inner.poll_fill(cx))?;
                          Poll::Ready(Ok(n))
                      }
                  }
                """)).isEmpty();
        // ready! over another call than the one whose Pending arm reported progress
        assertThat(RuleRun.on(rule, "src/io.rs", ENCODER.replace("ready!(self.chunked.encode(", "ready!(self.flush_header(")))
                .isEmpty();
        // the arm that reports progress stays; ready! is added on a path taken before anything was written
        assertThat(RuleRun.on(rule, "src/server/encode.rs", """
                  impl Encoder {
                      fn encode_chunked_body(&mut self, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
                +         if self.bytes_read == 0 && buf.is_empty() {
                +             return Poll::Ready(Ok(ready!(self.chunked.encode(&mut self.res, cx, buf))?));
                +         }
                          match self.chunked.encode(&mut self.res, cx, buf) {
                              Poll::Ready(Ok(read)) => Poll::Ready(Ok(self.bytes_read + read)),
                              Poll::Ready(Err(err)) => Poll::Ready(Err(err)),
                              Poll::Pending => {
                                  if self.bytes_read > 0 {
                                      return Poll::Ready(Ok(self.bytes_read));
                                  }
                -                 Poll::Pending
                +                 return Poll::Pending;
                              }
                          }
                      }
                  }
                """)).isEmpty();
        // the fix direction: the match is added, ready! removed
        assertThat(RuleRun.on(rule, "src/server/encode.rs", ENCODER.replace("\n-", "\n#")
                .replace("\n+", "\n-").replace("\n#", "\n+"))).isEmpty();
    }
}
