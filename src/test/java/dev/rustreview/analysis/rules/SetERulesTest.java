package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/** AL22, AL23 and ER24: rules written from held-out set e's misses, each from a reversed real fix. */
class SetERulesTest {

    /** tikv client-rust's read_through_region_by_id with its fix (9a7eff25) reversed. */
    private static final String REGION_BY_ID = """
              impl RegionCache {
                  pub async fn get_region_by_id(&self, id: RegionId) -> Result<Region> {
                      loop {
                          let region_cache_guard = self.region_cache.read().await;
                          let notify = region_cache_guard.on_my_way_id.get(&id).cloned();
            -             let notified = notify.as_ref().map(|notify| notify.notified());
                          drop(region_cache_guard);
            -             if let Some(n) = notified {
            -                 n.await;
            +             if let Some(n) = notify {
            +                 n.notified().await;
                              continue;
                          }
                          return self.read_through_region_by_id(id).await;
                      }
                  }
                  async fn read_through_region_by_id(&self, id: RegionId) -> Result<Region> {
                      let notify = Arc::new(Notify::new());
                      let region = self.inner.get_region_by_id(id).await;
                      notify.notify_waiters();
                      region
                  }
              }
            """;

    @Test
    void al22NotifiedCreatedAfterTheGuardIsDropped() {
        NotifiedAfterRelease rule = new NotifiedAfterRelease();
        var f = RuleRun.on(rule, "src/region_cache.rs", REGION_BY_ID);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL22", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).explanation()).startsWith("Line 6 drops `region_cache_guard`");
        // the fix direction; a notifier that stores a permit (notify_one); no guard released before the wait
        assertThat(RuleRun.on(rule, "src/region_cache.rs", REGION_BY_ID.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/region_cache.rs", REGION_BY_ID.replace("notify_waiters()", "notify_one()"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/region_cache.rs", REGION_BY_ID.replace("drop(region_cache_guard);",
                "log(&region_cache_guard);"))).isEmpty();
        // the same order unchanged, in a fn the change touches elsewhere
        assertThat(RuleRun.on(rule, "src/region_cache.rs", """
                  async fn wait(&self) {
                      let guard = self.state.lock().await;
                      drop(guard);
                      self.notify.notified().await;
                -     log(1);
                +     log(2);
                  }
                  fn wake(&self) {
                      self.notify.notify_waiters();
                  }
                """)).isEmpty();
    }

    /** shadowsocks-rust's tun TcpConnection::poll_read with its fix (0306fa4f) reversed. */
    private static final String POLL_READ = """
              impl AsyncRead for TcpConnection {
                  fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
                      let mut control = self.control.lock();
                      if control.recv_buffer.is_empty() {
                          if let Some(old_waker) = control.recv_waker.replace(cx.waker().clone()) {
            -                 if !old_waker.will_wake(cx.waker()) {
            -                     old_waker.wake();
            -                 }
            +                 old_waker.wake();
                          }
                          return Poll::Pending;
                      }
                      Poll::Ready(Ok(()))
                  }
              }
            """;

    @Test
    void al23ReplacedWakerWokenWithoutWillWake() {
        SelfWakeUnchecked rule = new SelfWakeUnchecked();
        var f = RuleRun.on(rule, "src/local/tun/tcp.rs", POLL_READ);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL23", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).explanation()).startsWith("Line 5 stores `cx.waker()`");
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn poll_x(&mut self, cx: &mut Context<'_>) -> Poll<()> {
                +     let old = std::mem::replace(&mut self.waker, cx.waker().clone());
                +     old.wake_by_ref();
                      Poll::Pending
                  }
                """)).hasSize(1);
        // the fix direction; another waker woken; a fn the change touches elsewhere that never had the check
        assertThat(RuleRun.on(rule, "src/local/tun/tcp.rs", POLL_READ.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/local/tun/tcp.rs", POLL_READ.replace("+                 old_waker.wake();",
                "+                 other.wake();"))).isEmpty();
        // only the check removed, the wake line itself unchanged
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn poll_x(&mut self, cx: &mut Context<'_>) -> Poll<()> {
                      if let Some(w) = self.waker.replace(cx.waker().clone()) {
                -         if !w.will_wake(cx.waker()) {
                          w.wake();
                -         }
                      }
                +     log(2);
                      Poll::Pending
                  }
                """)).hasSize(1);
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn poll_x(&mut self, cx: &mut Context<'_>) -> Poll<()> {
                      if let Some(w) = self.waker.replace(cx.waker().clone()) {
                          w.wake();
                      }
                -     log(1);
                +     log(2);
                      Poll::Pending
                  }
                """)).isEmpty();
    }

    /** fjall's PartitionHandle::insert with its fix (a1d4738e) reversed. */
    private static final String INSERT = """
              impl PartitionHandle {
                  pub fn insert(&self, key: &[u8], value: &[u8]) -> crate::Result<()> {
                      let mut journal_writer = self.journal.get_writer();
                      if self.is_poisoned.load(Ordering::Relaxed) {
                          return Err(crate::Error::Poisoned);
                      }
                      journal_writer.write_raw(key, value)?;
                      if !self.config.manual_journal_persist {
            -             journal_writer
            -                 .persist(crate::PersistMode::Buffer)
            -                 .map_err(|e| {
            -                     log::error!("persist failed, which is a FATAL failure: {e:?}");
            -                     self.is_poisoned.store(true, Ordering::Relaxed);
            -                     e
            -                 })?;
            +             journal_writer.flush(crate::PersistMode::Buffer)?;
                      }
                      Ok(())
                  }
              }
            """;

    @Test
    void er24FailureFlagNoLongerRaisedOnError() {
        FailureFlagNotSetOnError rule = new FailureFlagNotSetOnError();
        var f = RuleRun.on(rule, "src/partition/mod.rs", INSERT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER24", MEDIUM, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo("`insert` no longer raises `self.is_poisoned` when it fails");
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn write(&self) -> Result<()> {
                      if self.state.failed.load(SeqCst) {
                          return Err(Error::Failed);
                      }
                      match self.sink.write() {
                          Ok(()) => self.count += 1,
                -         Err(e) => {
                -             self.state.failed.store(true, SeqCst);
                -             warn!("write failed: {e}");
                -         }
                +         Err(e) => warn!("write failed: {e}"),
                      }
                      Ok(())
                  }
                """)).hasSize(1);
        // the fix direction; the flag no longer tested; raised elsewhere in the fn; a store on the success path
        assertThat(RuleRun.on(rule, "src/partition/mod.rs", INSERT.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/partition/mod.rs", INSERT.replace("if self.is_poisoned.load(Ordering::Relaxed)",
                "if self.is_deleted.load(Ordering::Relaxed)"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/partition/mod.rs", INSERT.replace("journal_writer.write_raw(key, value)?;",
                "journal_writer.write_raw(key, value).inspect_err(|_| self.is_poisoned.store(true, Relaxed))?;"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/partition/mod.rs", INSERT.replace(".map_err(|e| {", ".map(|e| {"))).isEmpty();
    }
}
