package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER15: an error returned with `?` now bound and returned after the fn resets its state. */
class ErrorDeferredPastResetTest {

    private final ErrorDeferredPastReset rule = new ErrorDeferredPastReset();

    /** async-compression's BufWriter::flush_buf with its fix (a063a3e0) reversed. */
    private static final String FLUSH = """
              impl BufWriter {
                  fn flush_buf(&mut self, poll_write: &mut dyn FnMut(&[u8]) -> Poll<io::Result<usize>>) -> Poll<io::Result<()>> {
            -         ready!(self.do_flush(poll_write))?;
            +         let ret = ready!(self.do_flush(poll_write));
                      debug_assert_eq!(self.buffered, self.written);
                      self.buffered = 0;
                      self.written = 0;
            -         Poll::Ready(Ok(()))
            +         Poll::Ready(ret)
                  }
              }
            """;

    @Test
    void aBufferResetBeforeTheDeferredFlushErrorIsReported() {
        List<Finding> f = RuleRun.on(rule, "crates/async-compression/src/generic/write/buf_writer.rs", FLUSH);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER15", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`self.buffered = 0;` now runs before `flush_buf` returns the error in `ret`");
    }

    /** async-compression's bufread Decoder with its fix (cb122d41) reversed. */
    private static final String DECODE = """
              impl<R: AsyncBufRead, D: Decode> Decoder<R, D> {
                  fn do_poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, output: &mut PartialBuffer<&mut [u8]>) -> Poll<Result<()>> {
                      let mut this = self.project();
                      let input = ready!(this.reader.as_mut().poll_fill_buf(cx))?;
                      let mut input = PartialBuffer::new(input);
            -         let res = this.decoder.decode(&mut input, output).or_else(|err| {
            +         let done = this.decoder.decode(&mut input, output).or_else(|err| {
                          if first { Ok(false) } else { Err(err) }
            -         });
            +         })?;
                      let len = input.written().len();
                      this.reader.as_mut().consume(len);
            -         if res? {
            +         if done {
                          *this.state = State::Flushing;
                      }
                      Poll::Ready(Ok(()))
                  }
              }
            """;

    @Test
    void anErrorTriedBeforeTheInputIsConsumedIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/futures/bufread/generic/decoder.rs", DECODE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER15", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("`do_poll_read` returns the error before it calls `consume(..)`");
        // the fix direction, and a result tried early that no consume followed
        assertThat(RuleRun.on(rule, "src/decoder.rs", DECODE.replace("\n-", "\n#").replace("\n+", "\n-")
                .replace("\n#", "\n+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/decoder.rs", DECODE.replace("this.reader.as_mut().consume(len);",
                "this.reader.as_mut().mark(len);"))).isEmpty();
    }

    @Test
    void aResultStillTriedAfterTheConsumeOrATryAddedAfterItIsQuiet() {
        assertThat(RuleRun.on(rule, "src/decoder.rs", """
                  impl Decoder {
                      fn step(&mut self, input: &mut Input) -> Result<bool> {
                          let res = self.decode(input);
                +         let n = input.remaining()?;
                          input.consume(n);
                -         if res? {
                +         if res? && n > 0 {
                              return Ok(true);
                          }
                          Ok(false)
                      }
                      fn other(&mut self, input: &mut Input) -> Result<bool> {
                          let res = self.decode(input);
                          input.consume(1);
                -         if res? {
                +         let extra = self.more()?;
                +         if res.unwrap_or(false) && extra {
                              return Ok(true);
                          }
                          Ok(false)
                      }
                  }
                """)).isEmpty();
    }

    @Test
    void theFixAResultLookedAtFirstAndAnotherCallAreQuiet() {
        assertThat(RuleRun.on(rule, "src/buf_writer.rs", FLUSH.replace("\n-", "\n#").replace("\n+", "\n-")
                .replace("\n#", "\n+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/buf_writer.rs", """
                  impl BufWriter {
                      fn flush_buf(&mut self) -> io::Result<()> {
                -         self.do_flush()?;
                +         let ret = self.do_flush();
                +         if ret.is_err() { return ret; }
                          self.buffered = 0;
                          Ok(())
                      }
                      fn other(&mut self) -> io::Result<()> {
                -         self.do_flush()?;
                +         let n = self.do_write();
                          self.buffered = 0;
                          n
                      }
                  }
                """)).isEmpty();
    }
}
