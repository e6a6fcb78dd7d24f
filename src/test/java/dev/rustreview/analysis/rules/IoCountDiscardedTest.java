package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER6: the byte count of a write or read is thrown away. */
class IoCountDiscardedTest {

    private final IoCountDiscarded er6 = new IoCountDiscarded();

    @Test
    void aHeaderWrittenWithWriteInsteadOfWriteAllIsReported() {
        // tungstenite d2e36021 reversed.
        List<Finding> f = RuleRun.on(er6, "src/protocol/frame/frame.rs", """
                  use std::io::{Read, Write};
                  impl FrameHeader {
                      pub fn format(&self, output: &mut impl Write) -> Result<()> {
                          let one = self.opcode;
                          let two = self.len;
                -         output.write_all(&[one, two])?;
                +         output.write(&[one, two])?;
                          Ok(())
                      }
                      async fn fill(&mut self, stream: &mut TcpStream, buf: &mut [u8]) -> io::Result<()> {
                +         stream
                +             .read(buf)
                +             .await
                +             .expect("read");
                          Ok(())
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER6", MEDIUM, NEW, 6, 6), tuple("ER6", MEDIUM, NEW, 11, 11));
        assertThat(f.get(0).title()).isEqualTo("`output.write(&[one, two])` ignores how many bytes were written");
        assertThat(f.get(1).title()).isEqualTo("`stream .read(buf)` ignores how many bytes were read");
    }

    @Test
    void countsThatAreUsedLocksAndTestsAreNotReported() {
        List<Finding> f = RuleRun.on(er6, "src/io.rs", """
                  pub fn copy(r: &mut impl Read, w: &mut impl Write, state: &RwLock<u32>) -> io::Result<usize> {
                      let mut buf = [0u8; 512];
                +     let n = r.read(&mut buf)?;
                +     w.write_all(&buf[..n])?;
                +     *state.write().unwrap() += 1;
                +     let _guard = state.read().unwrap();
                +     if w.write(&buf[..n])? < n { return Err(short()); }
                +     total += w.write(&buf)?;
                +     emit(w.write(&buf)?);
                +     return w.write(&buf);
                  }
                  pub fn last(w: &mut impl Write, b: &[u8]) -> io::Result<usize> {
                +     w.write(b)
                  }
                  #[cfg(test)]
                  mod tests {
                      fn t(w: &mut Vec<u8>) {
                +         w.write(b"x").unwrap();
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
