package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/** PN20, ER22, AL21 and ER23: the four rules written from held-out set d's misses, each from a reversed real fix. */
class SetDRulesTest {

    /** kube's ReloadingVerifier with its fix (360c3db6) reversed. */
    private static final String RELOAD = """
              impl ReloadingVerifier {
                  fn current(&self) -> Arc<Verifier> {
            -         let mut guard = self.inner.write().unwrap_or_else(|e| e.into_inner());
            +         let mut guard = self.inner.write().unwrap();
                      guard.refresh()
                  }
              }
            """;

    @Test
    void pn20PoisonRecoveryReplacedByUnwrap() {
        PoisonRecoveryRemoved rule = new PoisonRecoveryRemoved();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/client/tls.rs", RELOAD))).containsExactly(tuple("PN20", MEDIUM, NEW, 3, 3));
        assertThat(RuleRun.on(rule, "src/client/tls.rs", RELOAD.replace("unwrap_or_else(|e| e.into_inner())",
                "unwrap_or_else(PoisonError::into_inner)").replace(".write().unwrap()", ".write().expect(\"poisoned\")"))).hasSize(1);
        // the fix direction; another lock unwrapped; the removed line did not recover
        assertThat(RuleRun.on(rule, "src/client/tls.rs", RELOAD.replace("+   ", "@   ").replace("-   ", "+   ")
                .replace("@   ", "-   "))).isEmpty();
        assertThat(RuleRun.on(rule, "src/client/tls.rs", RELOAD.replace("self.inner.write().unwrap()", "self.other.write().unwrap()"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/client/tls.rs", RELOAD.replace("unwrap_or_else(|e| e.into_inner())",
                "unwrap_or_else(|e| panic!(\"{e}\")); let x = y.into_inner()"))).isEmpty();
    }

    /** rust-libp2p's QUIC Stream::poll_read with its fix (bde3252e) reversed. */
    private static final String POLL_READ = """
              impl AsyncRead for Stream {
                  fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context, buf: &mut [u8]) -> Poll<io::Result<usize>> {
            -         Pin::new(&mut self.recv).poll_read(cx, buf)
            +         let read_result = futures::ready!(Pin::new(&mut self.recv).poll_read(cx, buf));
            +         if read_result.is_err() {
            +             return Poll::Ready(Ok(0));
            +         }
            +         Poll::Ready(read_result)
                  }
              }
            """;

    @Test
    void er22AReadErrorAnsweredWithTheEndOfTheStream() {
        ErrorReadAsEnd rule = new ErrorReadAsEnd();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/connection/stream.rs", POLL_READ))).containsExactly(tuple("ER22", MEDIUM, NEW, 5, 5));
        assertThat(RuleRun.on(rule, "src/connection/stream.rs", POLL_READ.replace("+         if read_result.is_err() {\n+             return Poll::Ready(Ok(0));\n+         }\n",
                "+         let read_result = match read_result { Err(_) => Ok(0), r => r };\n"))).hasSize(1);
        // the fix direction; another fn; an end-of-file kind; a branch on success
        assertThat(RuleRun.on(rule, "src/connection/stream.rs", POLL_READ.replace("+   ", "@   ").replace("-   ", "+   ")
                .replace("@   ", "-   "))).isEmpty();
        assertThat(RuleRun.on(rule, "src/connection/stream.rs", POLL_READ.replace("fn poll_read(", "fn poll_flush("))).isEmpty();
        assertThat(RuleRun.on(rule, "src/connection/stream.rs", POLL_READ.replace("+         if read_result.is_err() {\n+             return Poll::Ready(Ok(0));\n+         }\n",
                "+         let read_result = match read_result { Err(UnexpectedEof) => Ok(0), r => r };\n"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/connection/stream.rs", POLL_READ.replace("read_result.is_err()", "read_result.is_ok()"))).isEmpty();
        // the branch was there before: the change touched another line of the fn
        assertThat(RuleRun.on(rule, "src/connection/stream.rs", POLL_READ.replace("+         if read_result.is_err() {\n+             return Poll::Ready(Ok(0));\n+         }\n",
                "          if read_result.is_err() {\n              return Poll::Ready(Ok(0));\n          }\n"))).isEmpty();
    }

    /** async-nats's Subscriber::drop with its fix (767b56a2) reversed. */
    private static final String SUBSCRIBER_DROP = """
              impl Drop for Subscriber {
                  fn drop(&mut self) {
                      self.receiver.close();
            -         if let Err(err) = self.sender.try_send(Command::Unsubscribe { sid: self.sid, max: None }) {
            -             debug!("failed to send unsubscribe: {err}");
            -         }
            +         tokio::spawn({
            +             let sender = self.sender.clone();
            +             let sid = self.sid;
            +             async move {
            +                 sender.send(Command::Unsubscribe { sid, max: None }).await.ok();
            +             }
            +         });
                  }
              }
            """;

    @Test
    void al21ATaskSpawnedFromDrop() {
        SpawnInDrop rule = new SpawnInDrop();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/lib.rs", SUBSCRIBER_DROP))).containsExactly(tuple("AL21", MEDIUM, NEW, 4, 4));
        // the fix direction; a drop fn of another trait; a runtime checked first; a test file
        assertThat(RuleRun.on(rule, "src/lib.rs", SUBSCRIBER_DROP.replace("+   ", "@   ").replace("-   ", "+   ")
                .replace("@   ", "-   "))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", SUBSCRIBER_DROP.replace("impl Drop for Subscriber", "impl Release for Subscriber")
                + "  impl Drop for Other {}\n")).isEmpty();
        // the spawn was there before: the change touched another line of the fn
        assertThat(RuleRun.on(rule, "src/lib.rs", SUBSCRIBER_DROP.replace("+         tokio::spawn({", "          tokio::spawn({"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", SUBSCRIBER_DROP.replace("      self.receiver.close();",
                "      if Handle::try_current().is_err() { return; }"))).isEmpty();
        assertThat(RuleRun.on(rule, "tests/lib.rs", SUBSCRIBER_DROP)).isEmpty();
    }

    /** kube's Config::identity_pem with its fix (21b0f61a) reversed. */
    private static final String IDENTITY = """
              impl Config {
            -     pub(crate) fn identity_pem(&self) -> Result<Option<Vec<u8>>, KubeconfigError> {
            -         self.auth_info.identity_pem()
            +     pub(crate) fn identity_pem(&self) -> Option<Vec<u8>> {
            +         self.auth_info.identity_pem().ok()
                  }
              }
            """;

    @Test
    void er23AResultFlattenedToAnOptionWithOk() {
        ResultFlattenedToOption rule = new ResultFlattenedToOption();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/config/mod.rs", IDENTITY))).containsExactly(tuple("ER23", MEDIUM, NEW, 3, 3));
        // the fix direction; `.ok()?` still leaves on error; the fn returned an Option before too
        assertThat(RuleRun.on(rule, "src/config/mod.rs", IDENTITY.replace("+   ", "@   ").replace("-   ", "+   ")
                .replace("@   ", "-   "))).isEmpty();
        assertThat(RuleRun.on(rule, "src/config/mod.rs", IDENTITY.replace("identity_pem().ok()", "identity_pem().ok()?.into()"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/config/mod.rs", IDENTITY.replace("-> Result<Option<Vec<u8>>, KubeconfigError>",
                "-> Option<Option<Vec<u8>>>"))).isEmpty();
        // the `.ok()` was there before: only the signature changed
        assertThat(RuleRun.on(rule, "src/config/mod.rs", IDENTITY.replace("-         self.auth_info.identity_pem()\n", "")
                .replace("+         self.auth_info.identity_pem().ok()", "          self.auth_info.identity_pem().ok()"))).isEmpty();
    }

    /** s2n-quic's Pool::grow with its fix (e1442c78) reversed: the senders' drop before the descriptors are freed. */
    private static final String GROW = """
              impl Pool {
                  fn grow(&mut self) {
                      let (pending_desc, pending_senders) = self.allocate();
                      if self.lost_race() {
            -             drop(pending_senders);
                          for desc in pending_desc {
                              unsafe {
                                  desc.drop_in_place();
                              }
                          }
                          return;
                      }
                      self.publish(pending_desc, pending_senders);
                  }
              }
            """;

    @Test
    void us18AnEarlyDropDeletedBeforeAHandWrittenFree() {
        DropBeforeFreeRemoved rule = new DropBeforeFreeRemoved();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/dispatch/pool.rs", GROW))).containsExactly(tuple("US18", MEDIUM, NEW, 7, 7));
        // the fix direction; the drop kept elsewhere in the fn; no free after it; the free not in unsafe code
        assertThat(RuleRun.on(rule, "src/dispatch/pool.rs", GROW.replace("-             drop(", "+             drop("))).isEmpty();
        assertThat(RuleRun.on(rule, "src/dispatch/pool.rs", GROW.replace("-             drop(pending_senders);",
                "-             drop(pending_senders);\n+             std::mem::drop(pending_senders);"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/dispatch/pool.rs", GROW.replace("desc.drop_in_place();", "desc.reset();"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/dispatch/pool.rs", GROW.replace("unsafe {", "{") + "  unsafe impl Send for Pool {}\n")).isEmpty();
    }
}
