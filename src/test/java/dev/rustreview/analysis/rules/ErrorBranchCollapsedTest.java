package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER13: the success branch of an error check made unconditional, the check and its error deleted. */
class ErrorBranchCollapsedTest {

    private final ErrorBranchCollapsed rule = new ErrorBranchCollapsed();

    /** prost's decode_varint_slow with its fix (87cea1d4) reversed. */
    private static final String VARINT = """
              pub fn decode_varint_slow<B>(buf: &mut B) -> Result<u64, DecodeError>
              where
                  B: Buf,
              {
                  let mut value = 0;
                  for count in 0..min(10, buf.remaining()) {
                      let byte = buf.get_u8();
                      value |= u64::from(byte & 0x7F) << (count * 7);
                      if byte <= 0x7F {
            -             if count == 9 && byte >= 0x02 {
            -                 return Err(DecodeError::new("invalid varint"));
            -             } else {
            -                 return Ok(value);
            -             }
            +             return Ok(value);
                      }
                  }
                  Err(DecodeError::new("invalid varint"))
              }
            """;

    @Test
    void anOverflowingVarintNowDecodes() {
        List<Finding> f = RuleRun.on(rule, "src/encoding.rs", VARINT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER13", MEDIUM, NEW, 10, 10));
        assertThat(f.get(0).title()).isEqualTo(
                "`return Ok(value)` in `decode_varint_slow` no longer behind `else of if count == 9 && byte >= 0x02`");
    }

    @Test
    void quietWhenTheErrorStaysOrTheCheckStays() {
        // the error kept under another form: as many `Err(..)` as before
        assertThat(RuleRun.on(rule, "src/encoding.rs", VARINT.replace(
                "+             return Ok(value);", "+             return Ok(value).and_then(|v| check(v).ok_or(Err(())));")))
                .isEmpty();
        // a success that was conditional on a flag, no error branch deleted with it
        assertThat(RuleRun.on(rule, "src/encoding.rs", """
                  fn decode(&mut self, fast: bool) -> Result<u64, Error> {
                -     if fast {
                -         return Ok(self.value);
                -     }
                +     return Ok(self.value);
                  }
                """)).isEmpty();
        // futures-rs 5e35c12c: an inner match with `unreachable!` arms flattened; the success was behind a match arm
        assertThat(RuleRun.on(rule, "futures-util/src/io/fill_buf.rs", """
                  fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
                      match Pin::new(&mut *reader).poll_fill_buf(cx) {
                -         Poll::Ready(Ok(_)) => match Pin::new(reader).poll_fill_buf(cx) {
                -             Poll::Ready(Ok(slice)) => Poll::Ready(Ok(slice)),
                -             Poll::Ready(Err(err)) => unreachable!("{:?}", err),
                -             Poll::Pending => unreachable!(),
                -         },
                +         Poll::Ready(Ok(slice)) => {
                +             let slice: &'a [u8] = unsafe { slice::from_raw_parts(slice.as_ptr(), slice.len()) };
                +             Poll::Ready(Ok(slice))
                +         }
                          Poll::Ready(Err(err)) => Poll::Ready(Err(err)),
                          Poll::Pending => Poll::Pending,
                      }
                  }
                """)).isEmpty();
        // the check hoisted into an early return
        assertThat(RuleRun.on(rule, "src/encoding.rs", """
                  fn decode(&mut self, count: u32, byte: u8) -> Result<u64, Error> {
                -     if count == 9 && byte >= 0x02 {
                -         return Err(Error::Overflow);
                -     } else {
                -         return Ok(self.value);
                -     }
                +     ensure(count == 9 && byte >= 0x02)?;
                +     return Ok(self.value);
                  }
                """)).isEmpty();
    }
}
