package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules written from held-out set f's misses, each from a reversed real fix. */
class SetFRulesTest {

    /** qdrant's Collection::start_resharding with its fix (0474fe30) reversed. */
    private static final String RESHARD = """
              impl Collection {
                  pub async fn start_resharding(&self, new_shard_number: u32) -> CollectionResult<()> {
                      let mut config = self.collection_config.write().await;
                      if config.params.shard_number != new_shard_number {
                          config.params.shard_number = new_shard_number;
            -             config.save(&self.path)?;
            +             if let Err(err) = config.save(&self.path) {
            +                 log::error!("Failed to save collection config during resharding: {err:?}");
            +             }
                      }
                      Ok(())
                  }
              }
            """;

    @Test
    void er25PropagatedErrorNowOnlyLogged() {
        PropagationReplacedByLog rule = new PropagationReplacedByLog();
        var f = RuleRun.on(rule, "lib/collection/src/collection/resharding.rs", RESHARD);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER25", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`config.save(&self.path)` in `start_resharding` now only logs its error");
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn f(&self) -> Result<()> {
                -     let n = self.flush()?;
                +     if self.flush().is_err() {
                +         warn!("flush failed");
                +     }
                      Ok(())
                  }
                """)).hasSize(1);
        // the fix direction; the error still returned or the process stopped; another call; a block that does not log
        assertThat(RuleRun.on(rule, "lib/collection/src/collection/resharding.rs", RESHARD.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        for (String exit : List.of("return Err(err.into());", "std::process::exit(1);", "panic!(\"{err}\");",
                "anyhow::bail!(\"{err}\");")) {
            assertThat(RuleRun.on(rule, "lib/collection/src/collection/resharding.rs", RESHARD.replace(
                    "+             }", "+                 " + exit + "\n+             }"))).as(exit).isEmpty();
        }
        assertThat(RuleRun.on(rule, "lib/collection/src/collection/resharding.rs", RESHARD.replace(
                "if let Err(err) = config.save(&self.path)", "if let Err(err) = config.save(&other)"))).isEmpty();
        // an unchanged best-effort call in a fn the change touches, the `?` removed elsewhere
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn f(&self) -> Result<()> {
                      if let Err(e) = self.flush() {
                          warn!("flush failed: {e}");
                      }
                -     self.flush()?;
                +     self.sync()?;
                      Ok(())
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "lib/collection/src/collection/resharding.rs", RESHARD.replace(
                "log::error!(\"Failed to save collection config during resharding: {err:?}\");", "self.failed += 1;"))).isEmpty();
    }

    /** litep2p's TCP connection with its fix (991aa12f) reversed: a propagation over several lines made a log. */
    @Test
    void er25AMultiLinePropagationThroughInspectErrNowOnlyLogged() {
        String diff = """
                  async fn handle_negotiated_substream(&mut self, substream: Substream) -> crate::Result<()> {
                -     self.protocol_set
                -         .report_substream_open(self.peer, protocol.clone(), substream)
                -         .await
                -         .inspect_err(|error| {
                -             tracing::error!(?error, "failed to register opened substream");
                -         })?;
                +     if let Err(error) = self
                +         .protocol_set
                +         .report_substream_open(self.peer, protocol.clone(), substream)
                +         .await
                +     {
                +         tracing::error!(?error, "failed to register opened substream");
                +     }
                      Ok(())
                  }
                """;
        PropagationReplacedByLog rule = new PropagationReplacedByLog();
        var f = RuleRun.on(rule, "src/transport/tcp/connection.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER25", MEDIUM, NEW, 2, 2));
        // the fix direction, and the error still propagated after the log
        assertThat(RuleRun.on(rule, "src/transport/tcp/connection.rs", diff.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/transport/tcp/connection.rs", diff.replace(
                "+         tracing::error!(?error, \"failed to register opened substream\");",
                "+         tracing::error!(?error, \"failed to register opened substream\");\n+         return Err(error);"))).isEmpty();
    }

    /** vector's ConcurrentMap::poll_next with its fix (fc8a51de) reversed. */
    private static final String POLL_NEXT = """
              impl<St, T> Stream for ConcurrentMap<St, T> {
                  fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
                      let mut this = self.project();
                      match ready!(this.in_flight.poll_next_unpin(cx)) {
            -             None if this.stream.is_done() => Poll::Ready(None),
                          None => Poll::Pending,
                          Some(result) => Poll::Ready(Some(result)),
                      }
                  }
              }
            """;

    @Test
    void al24EndOfStreamNowPending() {
        StreamEndMadePending rule = new StreamEndMadePending();
        var f = RuleRun.on(rule, "lib/vector-stream/src/concurrent_map.rs", POLL_NEXT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL24", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`poll_next` now returns `Pending` for `None`, where it ended the stream");
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<u8>> {
                      match self.rx.poll_recv(cx) {
                -         Poll::Ready(None) => Poll::Ready(None),
                +         Poll::Ready(None) => Poll::Pending,
                          other => other,
                      }
                  }
                """)).hasSize(1);
        // the fix direction; the end kept under another guard; another pattern pending
        assertThat(RuleRun.on(rule, "lib/vector-stream/src/concurrent_map.rs", POLL_NEXT.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "lib/vector-stream/src/concurrent_map.rs", POLL_NEXT.replace(
                "              None => Poll::Pending,", "+             None if *this.done => Poll::Ready(None),\n              None => Poll::Pending,")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "lib/vector-stream/src/concurrent_map.rs", POLL_NEXT.replace(
                "              None => Poll::Pending,", "              None => Poll::Ready(Some(0)),\n              _ => Poll::Pending,")))
                .isEmpty();
    }

    /** vector's statsd gauge parser with its fix (ef57b231) reversed. */
    private static final String GAUGE = """
              fn parse_gauge(parts: &[&str]) -> Result<f64, ParseError> {
                  let value: f64 = if !parts[0].chars().next().map(|c| c.is_ascii_digit()).unwrap_or(false) {
            -         let mut chars = parts[0].chars();
            -         chars.next();
            -         chars.as_str().parse()?
            +         parts[0][1..].parse()?
                  } else {
                      parts[0].parse()?
                  };
                  Ok(value)
              }
            """;

    @Test
    void pn22StringSlicedAtAByteOffsetWhereCharsWalkedIt() {
        StrSlicedAtByteOffset rule = new StrSlicedAtByteOffset();
        var f = RuleRun.on(rule, "src/sources/statsd/parser.rs", GAUGE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN22", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`parts[0][1..]` slices a string at a byte offset where `chars()` walked it");
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn rest(name: &str) -> &str {
                -     name.char_indices().nth(2).map_or("", |(i, _)| &name[i..])
                +     &name[..2]
                  }
                """)).hasSize(1);
        // the fix direction; another string sliced; a bytes view left in the fn
        assertThat(RuleRun.on(rule, "src/sources/statsd/parser.rs", GAUGE.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/sources/statsd/parser.rs", GAUGE.replace("parts[0][1..]", "parts[1][1..]"))).isEmpty();
        // every walk by characters still there
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn rest(name: &str) -> usize {
                      let n = name.chars().count();
                -     log(n);
                +     log(&name[1..]);
                      n
                  }
                """)).isEmpty();
        // the slice was there before
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn rest(name: &str) -> &str {
                -     log(name.chars().count());
                      &name[1..]
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/sources/statsd/parser.rs", GAUGE.replace("      } else {",
                "      } else if parts[0].as_bytes()[0] == b'x' {\n          0.0\n      } else {"))).isEmpty();
    }

    /** qdrant's SaveOnDisk with its fix (1edacd57) reversed. */
    private static final String SAVE_ON_DISK = """
              pub struct SaveOnDisk<T> {
                  change_notification: Condvar,
                  notification_lock: Mutex<()>,
                  data: RwLock<T>,
              }
              impl<T> SaveOnDisk<T> {
                  pub fn wait_for<F: Fn(&T) -> bool>(&self, check: F, timeout: Duration) -> bool {
                      loop {
                          let mut data_read_guard = self.data.read();
                          if check(&data_read_guard) {
                              return true;
                          }
                          let notification_guard = self.notification_lock.lock();
                          RwLockReadGuard::unlocked(&mut data_read_guard, || {
                              let mut guard = notification_guard;
                              self.change_notification.wait_for(&mut guard, timeout);
                          });
                      }
                  }
                  pub fn write<O>(&self, f: impl FnOnce(&mut T) -> O) -> O {
                      let mut write_data = self.data.write();
                      let output = f(&mut write_data);
            -         drop(write_data);
            -         self.notify_change();
            -         output
            -     }
            -     fn notify_change(&self) {
            -         let _guard = self.notification_lock.lock();
                      self.change_notification.notify_all();
            +         output
                  }
              }
            """;

    @Test
    void cc33CondvarNotifiedWithoutTheWaitersMutex() {
        NotifyOutsideWaitersLock rule = new NotifyOutsideWaitersLock();
        var f = RuleRun.on(rule, "lib/common/common/src/save_on_disk.rs", SAVE_ON_DISK);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC33", MEDIUM, NEW, 23, 23));
        assertThat(f.get(0).title()).isEqualTo("`write` notifies `self.change_notification` without taking `self.notification_lock`");
        // an added notify; an unchanged one in a fn the change touches elsewhere
        String waiter = SAVE_ON_DISK.substring(0, SAVE_ON_DISK.indexOf("      pub fn write<O>"));
        assertThat(RuleRun.on(rule, "src/lib.rs", waiter + """
                      fn set(&self) {
                          *self.data.write() = T::default();
                +         self.change_notification.notify_one();
                      }
                  }
                """)).hasSize(1);
        assertThat(RuleRun.on(rule, "src/lib.rs", waiter + """
                      fn set(&self) {
                          self.change_notification.notify_one();
                -         log(1);
                +         log(2);
                      }
                  }
                """)).isEmpty();
        // the fix direction; the notifier takes the mutex; waiters that take no mutex of self
        assertThat(RuleRun.on(rule, "lib/common/common/src/save_on_disk.rs", SAVE_ON_DISK.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        for (String lock : List.of("self.notification_lock.lock()", "self.notification_lock.try_lock().unwrap()")) {
            assertThat(RuleRun.on(rule, "lib/common/common/src/save_on_disk.rs", SAVE_ON_DISK.replace(
                    "          let output = f(&mut write_data);", "          let output = f(&mut write_data);\n          let _g = " + lock + ";")))
                    .as(lock).isEmpty();
        }
        assertThat(RuleRun.on(rule, "lib/common/common/src/save_on_disk.rs", SAVE_ON_DISK.replace(
                "self.notification_lock.lock();\n              RwLockReadGuard", "LOCK.lock();\n              RwLockReadGuard"))).isEmpty();
    }

    /** arrow-rs's RowsIter::next_back with its fix (3b617965) reversed. */
    private static final String NEXT_BACK = """
              impl DoubleEndedIterator for RowsIter<'_> {
                  fn next_back(&mut self) -> Option<Self::Item> {
                      if self.end == self.start {
                          return None;
                      }
            -         self.end -= 1;
                      let row = unsafe { self.rows.row_unchecked(self.end) };
            +         self.end -= 1;
                      Some(row)
                  }
              }
            """;

    @Test
    void us19UncheckedAccessBeforeTheDecrement() {
        UncheckedBeforeDecrement rule = new UncheckedBeforeDecrement();
        var f = RuleRun.on(rule, "arrow-row/src/lib.rs", NEXT_BACK);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US19", dev.rustreview.model.Severity.HIGH, NEW, 6, 7));
        assertThat(f.get(0).title()).isEqualTo("`next_back` reads `self.end` unchecked before decrementing it");
        // the fix direction; a fn that always decremented after; another field decremented
        assertThat(RuleRun.on(rule, "arrow-row/src/lib.rs", NEXT_BACK.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "arrow-row/src/lib.rs", """
                  fn next_back(&mut self) -> Option<Row> {
                -     let row = unsafe { self.rows.row_unchecked(self.end) };
                +     let row = unsafe { self.rows.row_unchecked(self.end) }.owned();
                      self.end -= 1;
                      Some(row)
                  }
                """)).isEmpty();
        // decremented before the access as well as after it (a separator skipped)
        assertThat(RuleRun.on(rule, "arrow-row/src/lib.rs", """
                  fn next_back(&mut self) -> Option<Row> {
                      self.end -= 1;
                      let row = unsafe { self.rows.row_unchecked(self.end) };
                +     self.end -= 1;
                -     Some(row)
                +     Some(row.owned())
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "arrow-row/src/lib.rs", NEXT_BACK.replace("+         self.end -= 1;", "+         self.len -= 1;")))
                .isEmpty();
    }
}
