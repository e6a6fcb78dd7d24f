package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US24: a plain-data bound dropped from a parameter a safe fn views as bytes. */
class PlainDataBoundDroppedTest {

    private final PlainDataBoundDropped rule = new PlainDataBoundDropped();

    /** vhost's Endpoint::send_message with its fix (f2ae5118) reversed. */
    private static final String SEND = """
              impl<R: Req> Endpoint<R> {
            -     pub fn send_message<T: ByteValued>(
            +     pub fn send_message<T: Sized>(
                      &mut self,
                      hdr: &VhostUserMsgHeader<R>,
                      body: &T,
                  ) -> Result<()> {
                      let iovs = unsafe {
                          [slice::from_raw_parts(body as *const T as *const u8, mem::size_of::<T>())]
                      };
                      self.send_iovec_all(&iovs[..], None)?;
                      Ok(())
                  }
              }
            """;

    @Test
    void aSafeFnThatViewsTAsBytesWithoutItsPlainDataBoundIsReported() {
        List<Finding> f = RuleRun.on(rule, "crates/vhost/src/vhost_user/connection.rs", SEND);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US24", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`send_message` views `T` as bytes without the `ByteValued` bound");
        // the bound removed entirely, and bytemuck's Pod in a where clause
        assertThat(RuleRun.on(rule, "src/lib.rs", SEND.replace("+     pub fn send_message<T: Sized>(",
                "+     pub fn send_message<T>("))).hasSize(1);
        assertThat(RuleRun.on(rule, "src/lib.rs", SEND.replace("<T: ByteValued>(", "<T>(")
                .replace("      ) -> Result<()> {", "-     ) -> Result<()> where T: bytemuck::Pod {\n+     ) -> Result<()> {"))).hasSize(1);
    }

    @Test
    void theFixABoundMovedToWhereAnUnsafeFnAndNoByteViewAreQuiet() {
        assertThat(RuleRun.on(rule, "src/lib.rs", SEND.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-")
                .replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", SEND.replace("      ) -> Result<()> {",
                "-     ) -> Result<()> {\n+     ) -> Result<()> where T: ByteValued {"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", SEND.replace("+     pub fn send_message<T: Sized>(",
                "+     pub unsafe fn send_message<T: Sized>("))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", SEND.replace("body as *const T as *const u8, mem::size_of::<T>()",
                "hdr.as_bytes().as_ptr(), hdr.len()"))).isEmpty();
    }
}
