package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER17: a read/write loop that never stops on a zero count. */
class ZeroProgressLoopTest {

    private final ZeroProgressLoop rule = new ZeroProgressLoop();

    /** flate2's GzEncoder::write_header with its fix (3aaff5ff) reversed. */
    private static final String HEADER = """
              impl<W: Write> GzEncoder<W> {
                  fn write_header(&mut self) -> io::Result<()> {
                      while !self.header.is_empty() {
            -             let n = write_nonzero(self.inner.get_mut(), &self.header)?;
            +             let n = self.inner.get_mut().write(&self.header)?;
                          self.header.drain(..n);
                      }
                      Ok(())
                  }
              }
            """;

    @Test
    void aWriteLoopThatNeverStopsOnZero() {
        List<Finding> f = RuleRun.on(rule, "src/gz/write.rs", HEADER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER17", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo(
                "`while !self.header.is_empty()` in `write_header` never stops on a write of 0 bytes");
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn fill(&mut self, buf: &mut [u8]) -> io::Result<()> {
                      let mut off = 0;
                      loop {
                +         let got = self.src.read(&mut buf[off..]).await?;
                          off += got;
                          if off == buf.len() { break; }
                      }
                      Ok(())
                  }
                """)).extracting(Finding::title).containsExactly("`loop` in `fill` never stops on a read of 0 bytes");
    }

    @Test
    void loopsThatCheckForZeroAndOtherReadsAreLeftAlone() {
        for (String check : List.of("if n == 0 { break; }", "if 0 == n { break; }", "if n > 0 { continue; }",
                "return Err(io::ErrorKind::WriteZero.into());")) {
            assertThat(RuleRun.on(rule, "src/gz/write.rs", HEADER.replace("              self.header.drain(..n);",
                    "              " + check + "\n                          self.header.drain(..n);"))).as(check).isEmpty();
        }
        // the fix direction; a for loop; no loop; a lock's read(); an unchanged line
        assertThat(RuleRun.on(rule, "src/gz/write.rs", HEADER.replace("-             let n = write_nonzero", "+             let n = write_nonzero")
                .replace("+             let n = self.inner.get_mut().write(&self.header)?;", "-             let n = self.inner.get_mut().write(&self.header)?;")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", HEADER.replace("while !self.header.is_empty()", "for _ in 0..3"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn chunks(&mut self) -> io::Result<()> {
                      loop {
                          for part in self.parts.iter() {
                +             let n = self.inner.write(part)?;
                              self.sent += n;
                          }
                      }
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", HEADER.replace("-             let n = write_nonzero(self.inner.get_mut(), &self.header)?;\n", "")
                .replace("+             let n = self.inner.get_mut().write(&self.header)?;", "              let n = self.inner.get_mut().write(&self.header)?;")
                .replace("          Ok(())", "-         Ok(())\n+         Ok(self.done())"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn once(&mut self) -> io::Result<usize> {
                +     let n = self.inner.write(&self.header)?;
                      Ok(n)
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn spin(&self) {
                      loop {
                +         let state = self.lock.read().unwrap();
                          state.step();
                      }
                  }
                """)).isEmpty();
    }

    /** pgwire's check_ssl_negotiation with its fix (233071ca) reversed: the end-of-stream check deleted. */
    private static final String PEEK = """
              async fn check_ssl_negotiation(tcp_socket: &TcpStream) -> Result<SslNegotiationType, io::Error> {
                  let mut buf = [0u8; SslRequest::BODY_SIZE];
                  loop {
                      let n = tcp_socket.peek(&mut buf).await?;
            -         if n == 0 {
            -             return Ok(SslNegotiationType::None);
            -         }
                      if n >= SslRequest::BODY_SIZE {
                          break;
                      }
                  }
                  Ok(SslNegotiationType::Postgres)
              }
            """;

    @Test
    void aZeroCheckDeletedFromAPeekLoop() {
        List<Finding> f = RuleRun.on(rule, "src/tokio.rs", PEEK);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER17", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`loop` in `check_ssl_negotiation` never stops on a peek of 0 bytes");
        // the fix direction; a deleted check of another value; a deleted line that is not a zero check
        assertThat(RuleRun.on(rule, "src/tokio.rs", PEEK.replace("\n-  ", "\n+  "))).isEmpty();
        assertThat(RuleRun.on(rule, "src/tokio.rs", PEEK.replace("if n == 0 {", "if m == 0 {"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/tokio.rs", PEEK.replace("if n == 0 {", "if n == 1 {"))).isEmpty();
    }
}
