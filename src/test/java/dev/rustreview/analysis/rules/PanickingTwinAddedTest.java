package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN5: a handled case turned into a panic within one fn. (Snippet drops blank lines.) */
class PanickingTwinAddedTest {

    private final PanickingTwinAdded pn5 = new PanickingTwinAdded();

    @Test
    void checkedAdditionOfARangeBoundReplacedByPlusBeforeUnsafeCode() {
        // smallvec's drain, with the fix (c3e7f21) reversed.
        List<Finding> f = RuleRun.on(pn5, "src/lib.rs", """
                  impl<A: Array> SmallVec<A> {
                      pub fn drain<R: RangeBounds<usize>>(&mut self, range: R) -> Drain<'_, A> {
                          let len = self.len();
                          let start = match range.start_bound() {
                              Included(&n) => n,
                -             Excluded(&n) => n.checked_add(1).expect("Range start out of bounds"),
                +             Excluded(&n) => n + 1,
                              Unbounded => 0,
                          };
                          let end = match range.end_bound() {
                -             Included(&n) => n.checked_add(1).expect("Range end out of bounds"),
                +             Included(&n) => n + 1,
                              Excluded(&n) => n,
                              Unbounded => len,
                          };
                          unsafe { self.set_len(start) };
                          todo!()
                      }
                      fn shrink(&mut self, by: usize) {
                -         let cap = self.cap.saturating_sub(by);
                +         let cap = self.cap - by;
                          self.grow(cap);
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 6, 6), tuple("PN5", MEDIUM, NEW, 18, 18));
        assertThat(f).extracting(Finding::title).containsExactly(
                "`n + 1` replaces `n.checked_add(..)` in `drain`",
                "`self.cap - by` replaces `self.cap.saturating_sub(..)` in `shrink`");
    }

    @Test
    void aCheckedCallOnItsOwnLineOfAChainCountsAndAHugeLineIsSkipped() {
        // rustfmt puts each call of a long chain on its own line (mio's poll timeout, c45510fe reversed).
        String huge = "a" + ".b".repeat(3_000);
        List<Finding> f = RuleRun.on(pn5, "src/sys/unix/selector/epoll.rs", """
                  impl Selector {
                      pub fn select(&self, events: &mut Events, timeout: Option<Duration>) -> io::Result<()> {
                          let timeout = timeout
                              .map(|to| {
                -                 let to_ms = to
                -                     .checked_add(Duration::from_nanos(999_999))
                -                     .unwrap_or(to)
                -                     .as_millis();
                +                 let to_ms = (to + Duration::from_nanos(999_999)).as_millis();
                                  cmp::min(MAX_SAFE_TIMEOUT, to_ms) as libc::c_int
                              })
                              .unwrap_or(-1);
                          Ok(())
                      }
                      fn long(&self, x: u64) -> u64 {
                -         let y = x.checked_add(1).unwrap(); // HUGE
                +         let y = %s + x + 1;
                          y
                      }
                  }
                """.formatted(huge));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`to + Duration` replaces `to.checked_add(..)` in `select`");
    }

    @Test
    void aSuffixedLiteralsSaturatingPowerReplacedByPow() {
        // pulsar-rs's reconnect back-off with its fix (e0f955db) reversed: `2u32.pow(retries)` overflows.
        String diff = """
                  impl<Exe: Executor> ConnectionManager<Exe> {
                      async fn connect_inner(&self, broker: &BrokerAddress) -> Result<Arc<Connection<Exe>>, ConnectionError> {
                          let mut current_retries = 0u32;
                          loop {
                              let jitter = rand::thread_rng().gen_range(0..10);
                              current_backoff = std::cmp::min(
                -                 self.back_off_options.min_backoff * 2u32.saturating_pow(current_retries),
                +                 self.back_off_options.min_backoff * 2u32.pow(current_retries),
                                  self.back_off_options.max_backoff)
                                  + self.back_off_options.min_backoff * jitter;
                              current_retries += 1;
                          }
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/connection_manager.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`2u32.pow()` replaces `2u32.saturating_pow(..)` in `connect_inner`");
        // an unsuffixed literal's type is not known; the fix direction
        assertThat(RuleRun.on(pn5, "src/connection_manager.rs", diff.replace("2u32.", "2."))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/connection_manager.rs", diff.replace("-   ", "=   ").replace("+   ", "-   ")
                .replace("=   ", "+   "))).isEmpty();
    }

    @Test
    void aCheckedProductRewrittenWithTheSameArgumentAndThePlainOperator() {
        // atuin's get_session_start_time with its fix (63fc82e1) reversed: a hostile session id overflowed.
        String diff = """
                  fn get_session_start_time(session_id: &str) -> Option<i64> {
                -     let uuid = Uuid::parse_str(session_id).ok()?;
                -     let (seconds, nanos) = uuid.get_timestamp()?.to_unix();
                -     i64::try_from(seconds).ok()?.checked_mul(1_000_000_000)?.checked_add(i64::from(nanos))
                +     if let Ok(uuid) = Uuid::parse_str(session_id) {
                +         let (seconds, nanos) = uuid.get_timestamp()?.to_unix();
                +         return Some(seconds as i64 * 1_000_000_000 + i64::from(nanos));
                +     }
                +     None
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "crates/atuin-client/src/database.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`* 1_000_000_000` replaces `.checked_mul(1_000_000_000)` in `get_session_start_time`");
        // a short literal is too common to pair by; the product moved into a helper
        assertThat(RuleRun.on(pn5, "src/db.rs", diff.replace("1_000_000_000", "10"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/db.rs", diff.replace("seconds as i64 * 1_000_000_000", "to_nanos(seconds)"))).isEmpty();
    }

    @Test
    void aTupleFieldsSaturatingAdditionReplacedByPlus() {
        // indicatif's HumanDuration with its fix (1bf2cce) reversed: `Duration + Duration` panics on overflow.
        List<Finding> f = RuleRun.on(pn5, "src/format.rs", """
                  impl fmt::Display for HumanDuration {
                      fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                          for (i, &(cur, _, _)) in UNITS.iter().enumerate() {
                              match UNITS.get(i + 1) {
                -                 Some(&next) if self.0.saturating_add(next.0 / 2) >= cur + cur / 2 => break,
                +                 Some(&next) if self.0 + next.0 / 2 >= cur + cur / 2 => break,
                                  _ => continue,
                              }
                          }
                          Ok(())
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`self.0 + next.0 / 2` replaces `self.0.saturating_add(..)` in `fmt`");
        // another field of the tuple added: not the operand the saturating form protected
        assertThat(RuleRun.on(pn5, "src/format.rs", """
                  fn fmt(&self) -> Duration {
                -     self.0.saturating_add(self.2)
                +     self.1 + self.2
                  }
                """)).isEmpty();
    }

    /** deadpool's Pool::resize with its fix (272a253d) reversed. */
    private static final String RESIZE = """
              impl<M: Manager> Pool<M> {
                  pub fn resize(&self, max_size: usize) {
                      let mut slots = self.inner.slots.lock().unwrap();
                      let old_max_size = slots.max_size;
                      slots.max_size = max_size;
                      if max_size > old_max_size {
            -             let additional = slots.max_size - old_max_size;
            +             let additional = slots.max_size - slots.size;
                          slots.vec.reserve_exact(additional);
                          self.inner.semaphore.add_permits(additional);
                      }
                  }
              }
            """;

    @Test
    void aSubtractionMovedOffTheValueItsGuardComparesUnderflows() {
        List<Finding> f = RuleRun.on(pn5, "src/managed/mod.rs", RESIZE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo(
                "`slots.max_size - slots.size` in `resize` subtracts a value `if max_size > old_max_size` does not bound");
        // the new subtrahend is the one the condition compares; the guard rewritten to compare it; another minuend
        assertThat(RuleRun.on(pn5, "src/managed/mod.rs", RESIZE.replace("if max_size > old_max_size {",
                "if max_size > old_max_size && max_size > slots.size {"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/managed/mod.rs", RESIZE.replace("slots.max_size - slots.size",
                "slots.limit - slots.size"))).isEmpty();
        // the guard itself rewritten (it no longer compares the old subtrahend either): another shape
        assertThat(RuleRun.on(pn5, "src/managed/mod.rs", RESIZE.replace("          if max_size > old_max_size {\n",
                "-         if max_size > old_max_size {\n+         if self.growing {\n"))).isEmpty();
        // the old subtraction sat outside the guard, which the change adds around the new one
        assertThat(RuleRun.on(pn5, "src/managed/mod.rs", """
                  pub fn resize(&self, max_size: usize, old_max_size: usize) {
                -     let additional = slots.max_size - old_max_size;
                +     if max_size > old_max_size {
                +         let additional = slots.max_size - slots.size;
                +     }
                  }
                """)).isEmpty();
        // no enclosing comparison of the old subtrahend: nothing to move off
        assertThat(RuleRun.on(pn5, "src/managed/mod.rs", RESIZE.replace("if max_size > old_max_size {",
                "if self.growing {"))).isEmpty();
    }

    /** zip2's ZipFileData::block with its fix (2a035f52) reversed: the operand sits on the unchanged line above. */
    private static final String BLOCK = """
              impl ZipFileData {
                  pub(crate) fn block(&self, zip64_extra_field_length: u16) -> ZipResult<ZipCentralEntryBlock> {
                      Ok(ZipCentralEntryBlock {
                          extra_field_length: zip64_extra_field_length
            -                 .checked_add(extra_field_len + central_extra_field_len)
            -                 .ok_or(ZipError::InvalidArchive("too long"))?,
            +                 + extra_field_len
            +                 + central_extra_field_len,
                          disk_number: 0,
                      })
                  }
              }
            """;

    @Test
    void aCheckedAdditionOnTheLineBelowItsOperandReplacedByPlus() {
        List<Finding> f = RuleRun.on(pn5, "src/types.rs", BLOCK);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).startsWith("`zip64_extra_field_length + extra_field_len` replaces "
                + "`zip64_extra_field_length.checked_add(..)`");
        // the line above ends a statement: it is no operand of the continuation
        assertThat(RuleRun.on(pn5, "src/types.rs", BLOCK.replace("extra_field_length: zip64_extra_field_length",
                "let a = zip64_extra_field_length;"))).isEmpty();
        // operand and continuation both added (rustfmt put `+ x` on a line of its own)
        assertThat(RuleRun.on(pn5, "src/types.rs", """
                  fn len(&self) -> u16 {
                -     self.head.checked_add(self.tail).unwrap_or(u16::MAX)
                +     self.head
                +         + self.tail
                  }
                """)).hasSize(1);
        // the operand line itself changed to another operand
        assertThat(RuleRun.on(pn5, "src/types.rs", BLOCK.replace("          extra_field_length: zip64_extra_field_length",
                "-         extra_field_length: zip64_extra_field_length\n+         extra_field_length: other"))).isEmpty();
    }

    @Test
    void aSaturatingDurationSinceNowReplacedByElapsed() {
        // rust-prometheus's Instant::elapsed with its fix (a93ed8cd) reversed.
        String diff = """
                  impl Instant {
                      pub fn elapsed(&self) -> Duration {
                          match &*self {
                -             Instant::Monotonic(i) => StdInstant::now().saturating_duration_since(*i),
                +             Instant::Monotonic(i) => i.elapsed(),
                              Instant::Coarse(t) => t.elapsed(),
                          }
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/histogram.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo(
                "`i.elapsed()` replaces `StdInstant::now().saturating_duration_since(..)` in `elapsed`");
        // elapsed() of another instant; the fix direction
        assertThat(RuleRun.on(pn5, "src/histogram.rs", diff.replace("=> i.elapsed(),", "=> j.elapsed(),"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/histogram.rs", diff.replace("-             Instant::Monotonic(i) => StdInstant",
                "+             Instant::Monotonic(i) => StdInstant").replace("+             Instant::Monotonic(i) => i.elapsed()",
                "-             Instant::Monotonic(i) => i.elapsed()"))).isEmpty();
        // the two forms swapped places: elapsed() is no more frequent than before
        assertThat(RuleRun.on(pn5, "src/histogram.rs", """
                  fn spans(i: &StdInstant) -> (Duration, Duration) {
                -     let a = i.elapsed();
                -     let b = StdInstant::now().saturating_duration_since(*i);
                +     let a = StdInstant::now().saturating_duration_since(*i);
                +     let b = i.elapsed();
                      (a, b)
                  }
                """)).isEmpty();
    }

    /** ractor's factory stats with their fix (9593f4ae) reversed. */
    private static final String STATS = """
              impl MessageProcessingStats {
                  pub fn reset_ping(&mut self) {
                      if self.enabled {
            -             if self.ping_count > 0 {
            -                 self.ping_timing_us /= self.ping_count as u128;
            -             }
            +             self.ping_timing_us /= self.ping_count as u128;
                      }
                  }
              }
            """;

    @Test
    void aDivisionTakenOutOfItsNonZeroCheck() {
        List<Finding> f = RuleRun.on(pn5, "ractor/src/factory/stats.rs", STATS);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo(
                "`reset_ping` divides by `self.ping_count` outside the `if self.ping_count > 0` that kept it from zero");
        // the fn still checks the divisor for zero elsewhere; the fix direction; another divisor; the else branch
        assertThat(RuleRun.on(pn5, "ractor/src/factory/stats.rs", STATS.replace("          if self.enabled {",
                "          if self.ping_count == 0 { return; }\n              if self.enabled {"))).isEmpty();
        assertThat(RuleRun.on(pn5, "ractor/src/factory/stats.rs", STATS.replace("-   ", "@   ").replace("+   ", "-   ")
                .replace("@   ", "+   "))).isEmpty();
        assertThat(RuleRun.on(pn5, "ractor/src/factory/stats.rs", STATS.replace("if self.ping_count > 0 {",
                "if self.job_count > 0 {"))).isEmpty();
        assertThat(RuleRun.on(pn5, "ractor/src/factory/stats.rs", STATS.replace(
                "+             self.ping_timing_us /= self.ping_count as u128;", "+             self.ping_timing_us /= SCALE;")))
                .isEmpty();
        assertThat(RuleRun.on(pn5, "src/lib.rs", """
                  fn avg(&self) -> u64 {
                -     if self.n > 0 {
                -         0
                -     } else {
                -         self.t / self.n
                -     }
                +     self.t / self.n
                  }
                """)).isEmpty();
    }

    /** futures-lite's read_line_internal with its fix (07d431c7) reversed. */
    private static final String READ_LINE = """
              fn read_line_internal(buf: &mut String, bytes: &mut Vec<u8>, read: &mut usize) -> Poll<io::Result<usize>> {
                  match String::from_utf8(mem::take(bytes)) {
                      Ok(s) => {
            +             debug_assert!(buf.is_empty());
                          debug_assert_eq!(*read, 0);
            -             if buf.is_empty() {
            -                 *buf = s;
            -             } else {
            -                 buf.push_str(&s);
            -             }
            +             *buf = s;
                          Poll::Ready(ret)
                      }
                      Err(_) => Poll::Ready(Err(invalid())),
                  }
              }
            """;

    @Test
    void aBranchReplacedByAnAssertionOfItsCondition() {
        List<Finding> f = RuleRun.on(pn5, "src/io.rs", READ_LINE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo(
                "`debug_assert!` replaces the branch `if buf.is_empty() { .. } else { .. }` in `read_line_internal`");
        // the fix direction; an if without else; an assertion on other operands; `if let`
        assertThat(RuleRun.on(pn5, "src/io.rs", READ_LINE.replace("+   ", "@   ").replace("-   ", "+   ")
                .replace("@   ", "-   "))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/io.rs", READ_LINE.replace("-             } else {\n-                 buf.push_str(&s);\n", "")))
                .isEmpty();
        assertThat(RuleRun.on(pn5, "src/io.rs", READ_LINE.replace("debug_assert!(buf.is_empty());", "debug_assert!(s.is_empty());")))
                .isEmpty();
        assertThat(RuleRun.on(pn5, "src/io.rs", READ_LINE.replace("if buf.is_empty() {", "if let Some(x) = buf.is_empty() {")
                .replace("debug_assert!(buf.is_empty());", "debug_assert!(buf.is_empty() && x);"))).isEmpty();
    }

    /** thingbuf's Core::len with its fix (caab6b23) reversed. */
    private static final String LEN = """
              impl Core {
                  fn len(&self) -> usize {
                      loop {
                          let (head_idx, _) = self.idx_gen(head);
                          let (tail_idx, _) = self.idx_gen(tail);
                          return match head_idx.cmp(&tail_idx) {
            -                 cmp::Ordering::Less => tail_idx - head_idx,
            +                 cmp::Ordering::Less => head_idx - tail_idx,
                              cmp::Ordering::Greater => self.capacity - head_idx + tail_idx,
                              _ => self.capacity,
                          };
                      }
                  }
              }
            """;

    @Test
    void aSubtractionInTheArmThatProvesItNegative() {
        List<Finding> f = RuleRun.on(pn5, "src/lib.rs", LEN);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`head_idx - tail_idx` in `len` runs only where `head_idx` is the smaller");
        // the fix direction, the Greater arm the right way round, and an arm of another match
        assertThat(RuleRun.on(pn5, "src/lib.rs", LEN.replace("-                 cmp::Ordering::Less => tail_idx - head_idx,",
                "-                 cmp::Ordering::Less => head_idx - tail_idx,").replace(
                "+                 cmp::Ordering::Less => head_idx - tail_idx,",
                "+                 cmp::Ordering::Less => tail_idx - head_idx,"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/lib.rs", LEN.replace("Less => head_idx - tail_idx", "Greater => head_idx - tail_idx")))
                .isEmpty();
        assertThat(RuleRun.on(pn5, "src/lib.rs", LEN.replace("Less => head_idx - tail_idx", "Greater => tail_idx - head_idx")))
                .hasSize(1);
        assertThat(RuleRun.on(pn5, "src/lib.rs", LEN.replace("match head_idx.cmp(&tail_idx)", "match head_idx.cmp(&other)")))
                .isEmpty();
        // the cmp match closed before the line: its arms prove nothing there
        assertThat(RuleRun.on(pn5, "src/lib.rs", """
                  fn f(a: usize, b: usize) -> usize {
                      let o = match a.cmp(&b) { Less => 1, _ => 2 };
                -     let d = Less => 0;
                +     let d = Less => a - b;
                  }
                """)).isEmpty();
    }

    @Test
    void aSubtractionInsideTheIfThatProvesItNegative() {
        String diff = """
                  fn gap(&self, start: usize, end: usize) -> usize {
                      if start < end && self.open {
                -         end - start
                +         start - end
                      } else {
                          0
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/lib.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).explanation()).contains("`if start < end && self.open`");
        assertThat(RuleRun.on(pn5, "src/lib.rs", diff.replace("start < end", "end >= start"))).hasSize(1);
        // a disjunction, a negation, the other order, and the else branch prove nothing
        assertThat(RuleRun.on(pn5, "src/lib.rs", diff.replace("&& self.open", "&& self.open || self.closed"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/lib.rs", diff.replace("&& self.open", "&& !self.open"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/lib.rs", diff.replace("start < end", "start > end"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/lib.rs", diff.replace("-         end - start\n+         start - end\n", "")
                .replace("          0\n", "-         0\n+         start - end\n"))).isEmpty();
        // a `!=` elsewhere in the condition is no negation
        assertThat(RuleRun.on(pn5, "src/lib.rs", diff.replace("&& self.open", "&& self.n != 0"))).hasSize(1);
    }

    @Test
    void aBoundsCheckLoosenedByOneBeforeAnIndex() {
        // slab's remove, with the fix (5c08e06) reversed.
        List<Finding> f = RuleRun.on(pn5, "src/lib.rs", """
                  impl<T> Slab<T> {
                      pub fn remove(&mut self, idx: usize) -> Option<T> {
                -         if idx >= self.entries.len() {
                +         if idx > self.entries.len() {
                              return None;
                          }
                          match self.entries[idx].remove(self.nxt) {
                              Some(v) => Some(v),
                              None => None,
                          }
                      }
                      pub fn get(&self, key: usize) -> Option<&T> {
                -         if self.len <= key {
                +         if self.len < key {
                              return None;
                          }
                          Some(&self.items[key])
                      }
                      pub fn tighten(&self, key: usize) -> Option<&T> {
                -         if key > self.len {
                +         if key >= self.len {
                              return None;
                          }
                          Some(&self.items[key])
                      }
                      pub fn count_only(&self, n: usize) -> bool {
                -         if n >= self.len() {
                +         if n > self.len() {
                              return false;
                          }
                          true
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3), tuple("PN5", MEDIUM, NEW, 12, 12));
        assertThat(f.get(0).title()).isEqualTo("`idx > self.entries.len()` lets `idx == self.entries.len()` through to "
                + "`[idx]` in `remove`");
    }

    @Test
    void aCheckedSubtractionReplacedByACastThenMinusCountsButACastOfAnotherValueDoesNot() {
        // goblin's COFF string table length with the fix (f06b7687) reversed: a length field under 4 underflows.
        List<Finding> f = RuleRun.on(pn5, "src/pe/header.rs", """
                  impl CoffHeader {
                      pub fn strings(&self, bytes: &[u8]) -> error::Result<Strtab> {
                          let length_field_size = core::mem::size_of::<u32>();
                -         let length = bytes
                -             .pread_with::<u32>(offset, scroll::LE)?
                -             .checked_sub(length_field_size as u32)
                -             .ok_or(error::Error::Malformed(format!("too short")))? as usize;
                +         let length = bytes.pread_with::<u32>(offset, scroll::LE)? as usize - length_field_size;
                          Ok(length)
                      }
                      fn other(&self, n: u32, m: u32) -> u64 {
                -         let a = n.checked_sub(1).unwrap_or(0);
                +         let a = m as u64 - 1;
                          a
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).startsWith("`bytes.pread_with::<u32>(offset, scroll::LE)? - length_field_size`");
    }

    @Test
    void aCheckedSubtractionOfAParenthesisedDifferenceReplacedByAChainOfMinusCounts() {
        // hubris's kernel stack scribbling with its fix (ddef8fb3d) reversed: the kernel panicked at boot when a task's
        // stack spanned two MPU regions.
        List<Finding> f = RuleRun.on(pn5, "sys/kern/src/arch/arm_m.rs", """
                  pub fn reinitialize(task: &mut task::Task, initial_stack: usize, frame_size: usize) {
                      if let Some(region) = find(task, initial_stack) {
                -         if let Some(region_size) =
                -             (initial_stack - frame_size).checked_sub(region.base as usize)
                -             && let Ok(uslice) = USlice::<u32>::from_raw(region.base as usize, region_size >> 2)
                -         {
                +         if let Ok(uslice) = USlice::<u32>::from_raw(
                +             region.base as usize,
                +             (initial_stack - frame_size - region.base as usize) >> 2,
                +         ) {
                              fill(uslice);
                          }
                      }
                  }
                  fn same(a: usize, b: usize, c: usize) -> usize {
                -     (a * b).checked_sub(c).unwrap_or(0)
                +     a * b - c
                  }
                  fn other(a: usize, b: usize, c: usize) -> usize {
                -     (a + b).checked_mul(c).unwrap_or(0)
                +     a + b * c
                  }
                """);
        // `a * b - c` is `(a * b) - c`; `a + b * c` is not `(a + b) * c`, and a parenthesised operand is read only
        // for an add or a sub
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 5, 5), tuple("PN5", MEDIUM, NEW, 12, 12));
        assertThat(f.get(0).title()).startsWith("`(initial_stack - frame_size) - region.base`");
    }

    @Test
    void aSubtractionTakenOutOfTheConditionThatBoundedItsLeftOperandIsReported() {
        // uefi-rs's MemoryMapRefMut::sort with its fix (3b651741) reversed: an empty map underflowed `self.len - 1`.
        List<Finding> f = RuleRun.on(pn5, "uefi/src/mem/memory_map/impl_.rs", """
                  impl MemoryMapMut for MemoryMapRefMut<'_> {
                      fn sort(&mut self) {
                -         if self.len > 1 {
                -             self.qsort(0, self.len - 1);
                -         }
                +         self.qsort(0, self.len - 1);
                      }
                      fn last(&mut self) -> usize {
                -         if !self.items.is_empty() {
                -             self.items.len() - 1
                -         } else {
                -             0
                -         }
                +         self.items.len() - 1
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3), tuple("PN5", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`self.len - 1` in `sort` no longer runs under `if self.len > 1`");
    }

    @Test
    void aSubtractionTakenOutOfItsConditionBehindAGuardClauseIsNotReported() {
        // the condition became an early exit, or still encloses the line
        assertThat(RuleRun.on(pn5, "src/map.rs", """
                  impl Map {
                      fn sort(&mut self) {
                -         if self.len > 1 {
                -             self.qsort(0, self.len - 1);
                -         }
                +         if self.len < 2 {
                +             return;
                +         }
                +         self.qsort(0, self.len - 1);
                      }
                      fn sort2(&mut self) {
                -         if self.len > 1 {
                -             self.qsort(0, self.len - 1);
                -         }
                +         if self.len >= 2 {
                +             self.qsort(0, self.len - 1)
                +         }
                      }
                      fn other(&mut self, a: usize) {
                -         if a > 1 {
                -             self.qsort(0, self.len - 1);
                -         }
                +         self.qsort(0, self.len - 1);
                      }
                      fn folded(&mut self, tail: usize, len: usize) -> Range<usize> {
                          if tail >= 4 {
                              0..0
                -         } else {
                -             if tail < len - 1 {
                -                 tail..(len - 1)
                -             } else {
                -                 0..0
                -             }
                -         }
                +         } else if tail < len - 1 {
                +             tail..(len - 1)
                +         } else {
                +             0..0
                +         }
                      }
                  }
                """)).isEmpty();
    }

    @Test
    void aPrintMacroReplacingTheFilesFallibleStderrWriteIsReported() {
        // dropshot's ConfigLogging with the fix (c37bbb45) reversed: the note moved back into a helper as `eprintln!`.
        String diff = RuleRun.diff("""
                impl ConfigLogging {
                    pub fn to_logger(&self, path: &Path) -> Result<Logger, io::Error> {
                        let logger = async_root_logger(drain);
                        if let Err(err) = writeln!(
                            io::stderr(),
                            "note: configured to log to {path}",
                        ) {
                            slog::warn!(logger, "failed to report log path"; "err" => %err);
                        }
                        Ok(logger)
                    }
                }
                fn log_drain_for_file(path: &Path) -> Result<Drain, io::Error> {
                    let file = open(path)?;
                    Ok(Drain::new(file))
                }
                """, """
                impl ConfigLogging {
                    pub fn to_logger(&self, path: &Path) -> Result<Logger, io::Error> {
                        Ok(async_root_logger(drain))
                    }
                }
                fn log_drain_for_file(path: &Path) -> Result<Drain, io::Error> {
                    let file = open(path)?;
                    eprintln!("note: configured to log to {}", path.display());
                    Ok(Drain::new(file))
                }
                """);
        List<Finding> f = RuleRun.on(pn5, "dropshot/src/logging.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("a print macro replaces the file's fallible `writeln!(stderr(), ..)`");
        // a fallible write to stderr left in the file, or no print added: not reported
        assertThat(RuleRun.on(pn5, "dropshot/src/logging.rs", diff.replace(
                "Ok(async_root_logger(drain))", "let _ = writeln!(io::stderr(), \"x\"); Ok(async_root_logger(drain))")))
                .isEmpty();
        assertThat(RuleRun.on(pn5, "dropshot/src/logging.rs", diff.replace("eprintln!(", "log::info!("))).isEmpty();
    }

    @Test
    void aChainedWrappingStepRewrittenWithThePlainOperatorIsReportedOnce() {
        // simd-json's fraction digits with the fix (4e6115ee) reversed: the first step stays wrapping, the add does not.
        List<Finding> f = RuleRun.on(pn5, "src/numberparse/correct.rs", """
                  impl<'de> Deserializer<'de> {
                      fn parse_number(buf: &[u8], mut num: u64, idx: usize) -> u64 {
                -         num = 10_u64
                -             .wrapping_mul(num)
                -             .wrapping_add(u64::from(buf[idx] - b'0'));
                +         num = 10_u64.wrapping_mul(num) + u64::from(buf[idx] - b'0');
                          num
                      }
                      fn both(a: u64, b: u64, c: u64) -> Option<u64> {
                -         a.checked_mul(b)?.checked_add(c)
                +         Some(a * b + c)
                      }
                  }
                """);
        // the second fn: the first step is the one read, as before
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3), tuple("PN5", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).startsWith("`10_u64.wrapping_mul(num) + u64` replaces `10_u64.wrapping_mul(num)"
                + ".wrapping_add(..)`");
        assertThat(f.get(1).title()).startsWith("`a * b + c` replaces `a.checked_mul(..)`");
    }

    @Test
    void aZeroFallbackRemovedWhileTheValueBecomesADivisorIsReported() {
        // nydus's chunk-based prefetch with the fix (900a35f6) reversed: a batch size of 0 divided by zero.
        List<Finding> f = RuleRun.on(pn5, "rafs/src/fs.rs", """
                  impl Rafs {
                      fn do_prefetch(blobs: &[Blob], prefetch_batch_size: u64) {
                -         let batch_size = if prefetch_batch_size == 0 {
                -             RAFS_DEFAULT_CHUNK_SIZE
                -         } else {
                -             prefetch_batch_size
                -         };
                          for blob in blobs {
                -             let count = div_round_up(blob.size(), batch_size);
                +             let count = div_round_up(blob.size(), prefetch_batch_size);
                              prefetch(blob, count);
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`do_prefetch` divides by `prefetch_batch_size`, whose zero fallback the "
                + "change removed");
        // the fn still tests it for zero; the value is no divisor (the first argument)
        assertThat(RuleRun.on(pn5, "rafs/src/fs.rs", """
                  fn a(n: u64, total: u64) -> u64 {
                -     let m = if n == 0 { 1 } else { n };
                +     assert!(n != 0);
                +     total / n
                  }
                  fn b(n: u64, total: u64) -> u64 {
                -     let m = if n == 0 { 1 } else { n };
                +     div_round_up(n, total)
                  }
                """)).isEmpty();
    }

    @Test
    void aPrefixTestReplacedByAByteSliceOfTheStringComparedWithALiteral() {
        // goblin's bsd_filename_length with its fix (761ffd8b) reversed: "👺" panics on a non-char boundary.
        List<Finding> f = RuleRun.on(pn5, "src/archive/mod.rs", """
                  impl<'a> Member<'a> {
                      fn bsd_filename_length(name: &str) -> Option<usize> {
                -         if let Some(name) = name.strip_prefix("#1/") {
                -             let trimmed_name = name.trim_end_matches(' ');
                +         if name.len() > 3 && &name[0..3] == "#1/" {
                +             let trimmed_name = &name[3..].trim_end_matches(' ');
                              usize::from_str(trimmed_name).ok()
                          } else {
                              None
                          }
                      }
                      fn magic(bytes: &[u8]) -> bool {
                -         bytes.starts_with(b"!<arch>")
                +         bytes.len() >= 7 && b"!<arch>" == &bytes[..7]
                      }
                      fn kind(name: &str) -> bool {
                -         name.ends_with(".o")
                +         name.len() > 2 && &filename[..2] == "./"
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("A byte slice of `name` replaces `.strip_prefix(..)` in `bsd_filename_length`");
    }

    @Test
    void aCachedSortKeyRecomputedInAComparator() {
        // hickory-dns's server ordering with its fix (dbbd8be3) reversed: decayed_srtt() reads the clock.
        List<Finding> f = RuleRun.on(pn5, "crates/resolver/src/name_server_pool.rs", """
                  impl<P> NameServerPool<P> {
                      fn order(&self, servers: &mut Vec<Arc<NameServer<P>>>) {
                -         servers.sort_by_cached_key(|s| s.decayed_srtt().to_bits());
                +         servers.sort_by(|a, b| a.decayed_srtt().total_cmp(&b.decayed_srtt()));
                      }
                      fn by_name(&self, servers: &mut Vec<Arc<NameServer<P>>>) {
                -         servers.sort_by_cached_key(|s| s.name().to_lowercase());
                +         servers.sort_by(|a, b| a.weight().cmp(&b.weight()));
                      }
                      fn keyed(&self, servers: &mut Vec<Arc<NameServer<P>>>) {
                -         servers.sort_by_cached_key(|s| s.decayed_srtt().to_bits());
                +         servers.sort_by_key(|s| s.decayed_srtt().to_bits());
                      }
                      fn kept(&self, servers: &mut Vec<Arc<NameServer<P>>>) {
                -         servers.sort_by_cached_key(|s| s.decayed_srtt().to_bits());
                +         servers.sort_by_cached_key(|s| s.decayed_srtt().to_bits() ^ 1);
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3), tuple("PN5", MEDIUM, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo("`decayed_srtt()` is computed in every comparison, not once per element, "
                + "in `order`");
    }

    @Test
    void aZeroLengthExitRemovedBeforeADecrementOfACopyOfTheLength() {
        // zip2's ExtendedTimestamp::try_from_reader with its fix (97c33a6c) reversed: an empty field underflows.
        List<Finding> f = RuleRun.on(pn5, "src/extra_fields/extended_timestamp.rs", """
                  impl ExtendedTimestamp {
                      pub fn try_from_reader<R: Read>(reader: &mut R, len: u16) -> ZipResult<Self> {
                -         if len == 0 {
                -             return Err(invalid!("Extended timestamp field is empty"));
                -         }
                          let mut flags = [0u8];
                          let mut bytes_to_read = len as usize;
                          reader.read_exact(&mut flags)?;
                          bytes_to_read -= flags.len();
                          Ok(Self { bytes_to_read })
                      }
                      fn other(&self, n: usize) -> usize {
                -         if n == 0 { return 0; }
                +         if n < 1 { return 0; }
                          n - 1
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`bytes_to_read -= flags.len();` in `try_from_reader` lost its exit on "
                + "`len` being zero");
    }

    @Test
    void absOfANarrowSignedCastAndAnExponentClampRemoved() {
        // image-png's sum_buffer (bbd47bbd) and quiche's PTO backoff (6e492c67), each fix reversed.
        List<Finding> f = RuleRun.on(pn5, "src/filter.rs", """
                  impl Filter {
                      fn sum_buffer(buf: &[u8]) -> usize {
                -         buf.iter().fold(0, |acc, &x| acc.saturating_add(i16::from(x as i8).abs() as usize))
                +         buf.iter().fold(0, |acc, &x| acc.saturating_add((x as i8).abs() as usize))
                      }
                      fn pto_timeout(&self) -> Duration {
                -         let mut duration = self.pto() * 2_u32.pow(self.pto_count.min(20));
                +         let mut duration = self.pto() * 2_u32.pow(self.pto_count);
                          duration
                      }
                      fn kept(&self, x: u8) -> (i16, u32) {
                -         let a = i16::from(x as i8).abs();
                +         let a = (x as i16).abs();
                -         let b = 2_u32.pow(self.n.min(20));
                +         let b = 2_u32.pow(self.n.min(16));
                          (a, b)
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3), tuple("PN5", MEDIUM, NEW, 6, 6));
        assertThat(f).extracting(Finding::title).containsExactly(
                "`(x as i8).abs()` in `sum_buffer` overflows for `i8::MIN`",
                "`self.pto_count` is no longer clamped before it is used as an exponent in `pto_timeout`");
    }

    @Test
    void quietWhenTheCheckedFormStaysBecomesWrappingOrThePlainOperatorWasAlreadyThere() {
        List<Finding> f = RuleRun.on(pn5, "src/lib.rs", """
                  impl Ring {
                      fn next(&mut self, n: usize) -> usize {
                -         let at = self.head.checked_add(n).expect("overflow");
                +         let at = self.head.checked_add(n).ok_or(Error::Full)?;
                          at
                      }
                      fn advance(&mut self) {
                -         self.seq = self.seq.checked_add(1).unwrap();
                +         self.seq = self.seq.wrapping_add(1);
                      }
                      fn step(&mut self, k: u32) -> u32 {
                          let base = k + 1;
                -         let more = k.checked_mul(2).unwrap_or(0);
                +         let more = 0;
                          base + more
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void fallibleAppendReplacedByThePanickingOneIsReportedButTryLockToLockIsNot() {
        // h2's header decoding with the fix (4f51fff) reversed.
        List<Finding> f = RuleRun.on(pn5, "src/frame/headers.rs", """
                  impl HeaderBlock {
                      fn load(&mut self, name: HeaderName, value: HeaderValue, max: usize) {
                          if self.size < max {
                -             if let Err(_) = self.fields.try_append(name, value) {
                -                 self.is_over_size = true;
                -             }
                +             self.fields.append(name, value);
                          }
                      }
                      fn poll(&self) {
                -         if let Ok(guard) = self.state.try_lock() {
                +         let guard = self.state.lock();
                          guard.touch();
                      }
                      fn cell(&self) {
                -         let mut slot = self.slot.try_borrow_mut().expect("busy");
                +         let mut slot = self.slot.try_borrow_mut().map_err(|_| Busy)?;
                +         slot.borrow_mut();
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`append(..)` replaces `try_append(..)` in `load`");
    }

    @Test
    void anOffsetElementReadWithGetMutThenIndexedIsReported() {
        // aya e9de4f29 reversed: the second instruction of an ld_imm64 written without checking it exists.
        List<Finding> f = RuleRun.on(pn5, "aya-obj/src/relocation.rs", """
                  fn patch(instructions: &mut [Insn], ins_index: usize, rel: &Relocation) -> Result<(), RelocationError> {
                      let imm = compute(rel);
                -     let ins_next = instructions.get_mut(ins_index + 1).ok_or(RelocationError::InvalidOffset)?;
                -     ins_next.imm = imm;
                +     instructions[ins_index + 1].imm = imm;
                      Ok(())
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`[ins_index+1]` replaces `.get_mut(ins_index+1)` in `patch`");
        // another offset indexed than the one read with get_mut
        assertThat(RuleRun.on(pn5, "aya-obj/src/relocation.rs", """
                  fn patch(instructions: &mut [Insn], ins_index: usize, rel: &Relocation) -> Result<(), RelocationError> {
                      let imm = compute(rel);
                -     let ins_next = instructions.get_mut(ins_index + 1).ok_or(RelocationError::InvalidOffset)?;
                -     ins_next.imm = imm;
                +     instructions[ins_index].imm = imm;
                      Ok(())
                  }
                """)).isEmpty();
    }

    /** rathole f772c7cf reversed: the version a peer sends, refused with `bail!`, is asserted instead. */
    private static final String HELLO_FIXED = """
              pub async fn read_hello(conn: &mut Conn) -> Result<Hello> {
                  let hello = decode(conn).await?;
                  match hello {
                      Hello::ControlChannelHello(v, _) => check(v)?,
                      Hello::DataChannelHello(v, _) => {
                          if v != CURRENT_PROTO_VERSION {
                              bail!(
                                  "Protocol version mismatched. Expected {}, got {}.",
                                  CURRENT_PROTO_VERSION,
                                  v
                              );
                          }
                      }
                  }
                  Ok(hello)
              }
            """;

    private static final String HELLO_BUGGY = HELLO_FIXED.replace("""
                          if v != CURRENT_PROTO_VERSION {
                              bail!(
                                  "Protocol version mismatched. Expected {}, got {}.",
                                  CURRENT_PROTO_VERSION,
                                  v
                              );
                          }
            """, """
                          // checked by ControlChannelHello already
                          assert_eq!(v, CURRENT_PROTO_VERSION);
            """);

    @Test
    void aBailGuardReplacedByAnAssertOnTheSameValuesIsReported() {
        assertThat(HELLO_BUGGY).contains("assert_eq!");
        List<Finding> f = RuleRun.on(pn5, "src/protocol.rs", RuleRun.diff(HELLO_FIXED, HELLO_BUGGY));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`assert_eq!` replaces the early exit `if v != CURRENT_PROTO_VERSION` in `read_hello`");
        assertThat(RuleRun.on(pn5, "src/protocol.rs", RuleRun.diff(HELLO_BUGGY, HELLO_FIXED))).isEmpty();
    }

    /** smithy-rs 945407481 reversed: the helper's fallible conversion goes, the caller converts with the panicking one. */
    private static final String BACKOFF_FIXED = """
              fn should_retry(&self, attempts: u32, max: Duration) -> Result<Duration, Error> {
                  let base = fastrand::f64();
                  Ok(calculate_backoff(base, self.initial, attempts - 1, max))
              }
              fn calculate_backoff(base: f64, initial: f64, attempts: u32, max: Duration) -> Duration {
                  let result = match 2_u32.checked_pow(attempts).map(|p| (p as f64) * initial) {
                      Some(b) => match Duration::try_from_secs_f64(b) {
                          Ok(d) => d.min(max),
                          Err(_) => max,
                      },
                      None => max,
                  };
                  result.mul_f64(base)
              }
            """;

    private static final String BACKOFF_BUGGY = """
              fn should_retry(&self, attempts: u32, max: Duration) -> Result<Duration, Error> {
                  let base = fastrand::f64();
                  let backoff = calculate_backoff(base, self.initial, attempts - 1);
                  Ok(Duration::from_secs_f64(backoff).min(max))
              }
              fn calculate_backoff(base: f64, initial: f64, attempts: u32) -> f64 {
                  2_u32.checked_pow(attempts).map(|b| (b as f64) * base * initial).unwrap_or(f64::MAX)
              }
            """;

    @Test
    void aFloatDurationConversionMadePanickingAcrossFnsIsReported() {
        List<Finding> f = RuleRun.on(pn5, "src/retry.rs", RuleRun.diff(BACKOFF_FIXED, BACKOFF_BUGGY));
        assertThat(f).filteredOn(x -> x.title().contains("from_secs_f")).singleElement().satisfies(x -> {
            assertThat(x.startLine()).isEqualTo(4);
            assertThat(x.explanation()).contains("line 7 of the old file");
        });
    }

    @Test
    void theFloatDurationFixDirectionAndAKeptFallibleConversionAreNotReported() {
        assertThat(RuleRun.on(pn5, "src/retry.rs", RuleRun.diff(BACKOFF_BUGGY, BACKOFF_FIXED)))
                .noneMatch(x -> x.title().contains("from_secs_f"));
        // A new caller converting with `from_secs_f64` while the helper keeps its `try_from_secs_f64`.
        String kept = BACKOFF_FIXED.replace("let base = fastrand::f64();",
                "let base = fastrand::f64();\n        let _floor = Duration::from_secs_f64(0.5);");
        assertThat(RuleRun.on(pn5, "src/retry.rs", RuleRun.diff(BACKOFF_FIXED, kept)))
                .noneMatch(x -> x.title().contains("from_secs_f"));
    }

    @Test
    void aThreadLocalReadWithWithInsteadOfTryWithPanicsDuringThreadExit() {
        // curl-rust's panic slot with the fix (30a831722) reversed: catch() runs inside C callbacks, also from
        // exit hooks, after the thread-local is gone.
        List<Finding> f = RuleRun.on(pn5, "src/panic.rs", """
                  thread_local!(static LAST_ERROR: RefCell<Option<Box<dyn Any + Send>>> = RefCell::new(None));
                  pub fn catch<T, F: FnOnce() -> T>(f: F) -> Option<T> {
                -     match LAST_ERROR.try_with(|slot| slot.borrow().is_some()) {
                -         Ok(true) => return None,
                -         Ok(false) => {}
                -         Err(_) => {}
                +     if LAST_ERROR.with(|slot| slot.borrow().is_some()) {
                +         return None
                      }
                      None
                  }
                  pub fn propagate() {
                -     if let Ok(Some(t)) = LAST_ERROR.try_with(|slot| slot.borrow_mut().take()) {
                +     if let Some(t) = LAST_ERROR.with(|slot| slot.borrow_mut().take()) {
                          panic::resume_unwind(t)
                      }
                  }
                  pub fn builder() -> Builder {
                -     let b = Builder::new();
                +     let b = Builder::new().with(Options::default());
                      b
                  }
                  pub fn other() {
                      LAST_ERROR.try_with(|slot| slot.borrow().is_some()).ok();
                +     LAST_ERROR.with(|slot| slot.borrow().is_some());
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3), tuple("PN5", MEDIUM, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo("`with(..)` replaces `try_with(..)` in `catch`");
        assertThat(f.get(0).explanation()).contains("thread-local already destroyed");
    }

    @Test
    void earlyReturnReplacedByADebugAssertionOnTheSameValues() {
        // h2's reserve_capacity with the fix (1e68f99) reversed.
        List<Finding> f = RuleRun.on(pn5, "src/proto/streams/prioritize.rs", """
                  impl Prioritize {
                      pub fn try_assign_capacity(&mut self, stream: &mut store::Ptr) {
                          let total_requested = stream.requested_send_capacity;
                          if stream.send_flow.available().as_size() >= total_requested {
                              return;
                          }
                -         // The stream may have been reset or closed since capacity was requested.
                -         if !stream.state.is_send_streaming() && stream.buffered_send_data == 0 {
                -             return;
                -         }
                +         debug_assert!(
                +             stream.state.is_send_streaming() || stream.buffered_send_data > 0,
                +             "state={:?}",
                +             stream.state
                +         );
                          let conn_available = self.flow.available().as_size();
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`debug_assert!` replaces the early exit "
                + "`if !stream.state.is_send_streaming() && stream.buffered_send_data == 0` in `try_assign_capacity`");
        assertThat(f.get(0).explanation()).contains("in release builds the assertion is compiled out");
    }

    @Test
    void quietWhenTheGuardStaysTheAssertionChecksOtherValuesOrTheFnIsATest() {
        List<Finding> f = RuleRun.on(pn5, "src/lib.rs", """
                  fn pop(&mut self) -> Option<u8> {
                -     if self.len == 0 {
                -         return None;
                -     }
                +     if self.len == 0 { return None; }
                +     assert!(self.head < self.cap);
                      Some(self.buf[self.head])
                  }
                  fn push(&mut self, b: u8) {
                -     if self.full { return; }
                +     debug_assert!(b != 0);
                      self.buf.push(b);
                  }
                  #[cfg(test)]
                  mod tests {
                      #[test]
                      fn drains() {
                -         if v.is_empty() { return; }
                +         assert!(!v.is_empty());
                -         let n = a.checked_add(b).unwrap();
                +         let n = a + b;
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void anUnderflowGuardRemovedWhileTheSubtractionStays() {
        // slab's global_to_local_idx, with the fix (d76e60e) reversed; `get` calls it and is untouched.
        List<Finding> f = RuleRun.on(pn5, "src/lib.rs", """
                  impl<T, I: Index> Slab<T, I> {
                      pub fn get(&self, idx: I) -> Option<&T> {
                          let idx = self.global_to_local_idx(idx);
                          self.entries.get(idx)
                      }
                -     fn global_to_local_idx(&self, idx: I) -> Option<usize> {
                -         let idx = idx.as_usize();
                -         let off = self.off.as_usize();
                -         if idx < off {
                -             return None;
                -         }
                -         Some(idx.as_usize() - self.off.as_usize())
                +     fn global_to_local_idx(&self, idx: I) -> usize {
                +         idx.as_usize() - self.off.as_usize()
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo(
                "`idx.as_usize() - self.off.as_usize()` in `global_to_local_idx` lost its guard `if idx < off`");
    }

    @Test
    void quietWhenTheComparisonMovedOrTheSubtractionIsOfOtherValuesOrChecked() {
        List<Finding> f = RuleRun.on(pn5, "src/lib.rs", """
                  impl Window {
                      fn remaining(&self, used: usize) -> usize {
                -         if used > self.size {
                -             return 0;
                -         }
                -         self.size - used
                +         if self.size >= used { self.size - used } else { 0 }
                      }
                      fn gap(&self, a: usize, b: usize) -> usize {
                -         if a < b {
                -             return 0;
                -         }
                +         let start = self.start;
                          self.end - start
                      }
                      fn left(&self, a: usize, b: usize) -> usize {
                -         if a < b {
                -             return 0;
                -         }
                -         a - b
                +         a.saturating_sub(b)
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void aSaturatingUpdateReplacedByTheCompoundOperator() {
        // The compound form of the twin: `ms = ms.saturating_add(1)` becomes `ms += 1`. `->` is not a subtraction.
        List<Finding> f = RuleRun.on(pn5, "src/poll.rs", """
                  fn poll(fds: &mut [pollfd], timeout: Option<Duration>) -> io::Result<usize> {
                      let timeout_ms = timeout.map(|t| {
                          let mut ms = t.as_millis().try_into().unwrap_or(u64::MAX);
                          if Duration::from_millis(ms) < t {
                -             ms = ms.saturating_add(1);
                +             ms += 1;
                          }
                          ms
                      });
                      todo!()
                  }
                  fn budget(left: u32, used: u32) -> u32 {
                -     let rest = left.saturating_sub(used);
                +     let rest = left.min(used);
                      rest
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`ms += 1` replaces `ms.saturating_add(..)` in `poll`");
    }

    @Test
    void aSaturatingSubtractionOfATurbofishCallWithQuestionMarkReplacedByMinus() {
        // crossterm's mouse parser with its fix (d4e9929f9) reversed: a coordinate of 0 from the terminal underflowed.
        List<Finding> f = RuleRun.on(pn5, "src/event/sys/unix/parse.rs", """
                  pub(crate) fn parse_csi_rxvt_mouse(buffer: &[u8]) -> io::Result<Option<InternalEvent>> {
                      let mut split = s.split(';');
                -     let cx = next_parsed::<u16>(&mut split)?.saturating_sub(1);
                +     let cx = next_parsed::<u16>(&mut split)? - 1;
                -     let cy = next_parsed::<u16>(&mut split)?.saturating_sub(1);
                +     let cy = next_parsed::<u16>(&mut split)?.saturating_sub(2);
                      todo!()
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo(
                "`next_parsed::<u16>(&mut split)? - 1` replaces `next_parsed::<u16>(&mut split)?.saturating_sub(..)` "
                        + "in `parse_csi_rxvt_mouse`");
    }

    @Test
    void arithmeticInTheWideTypeMovedAfterTheNarrowingCast() {
        // crossterm's Windows resize event with its fix (56ee252f) reversed: a size of -1 panicked.
        List<Finding> f = RuleRun.on(pn5, "src/event/source/windows.rs", """
                  fn try_read(&mut self, record: WindowBufferSizeRecord) -> Option<Event> {
                      Some(Event::Resize(
                -         (record.size.x as i32 + 1) as u16,
                -         (record.size.y as i32 + 1) as u16,
                +         record.size.x as u16 + 1,
                +         (record.size.y as u16 + 1) as u16,
                      ))
                  }
                  fn other(a: i16, b: i16) -> u16 {
                -     (a as i32 - 1) as u16 + (b as u16 + 2) as u16
                +     a as i32 as u16 - 1 + b as u16 + 2
                  }
                """);
        // The second line still adds in u16 inside its parentheses; `other` casts through i32 first, and `b` was
        // already added in u16.
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3), tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo(
                "`record.size.x as u16 + 1` replaces `(record.size.x as i32 + 1) as u16` in `try_read`");
    }

    @Test
    void aComputationCastAfterwardsReplacedByAMultiplicationInTheNarrowType() {
        // smithay 7b46d1dd reversed: milliseconds of a monotonic clock computed in u32 overflow after ~50 days
        String bug = """
                  pub fn as_millis(&self) -> u32 {
                      debug_assert!(self.tp.tv_sec >= 0);
                -     (self.as_micros() / 1000) as u32
                +     self.tp.tv_sec as u32 * 1000 + self.tp.tv_nsec as u32 / 1000000
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/utils/clock.rs", bug);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`self.tp.tv_sec as u32 * 1000` replaces `(self.as_micros() / 1000) as u32` "
                + "in `as_millis`");
        String fix = bug.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+     (self.as_micros() / 1000) as u32");
        assertThat(RuleRun.on(pn5, "src/clock.rs", fix)).isEmpty();
        // a wide cast, or a cast of a plain value before (nothing was computed in the wide type)
        assertThat(RuleRun.on(pn5, "src/clock.rs", bug.replace("as u32 * 1000", "as u64 * 1000"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/clock.rs", bug.replace("(self.as_micros() / 1000) as u32", "(self.millis) as u32")))
                .isEmpty();
    }

    @Test
    void aCutAtACharacterBoundaryReplacedByAByteSlice() {
        // influxdb 92133efb reversed: an untrusted header cut for logging inside a multi-byte character
        String bug = """
                  fn truncate_for_logging(s: &str, max_len: usize) -> &str {
                -     &s[..s.floor_char_boundary(max_len)]
                +     if s.len() > max_len { &s[..max_len] } else { s }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "influxdb3_server/src/http.rs", bug);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`s[..max_len]` no longer finds a character boundary in `truncate_for_logging`");
        String fix = bug.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(pn5, "src/http.rs", fix)).isEmpty();
        // another string sliced, or the boundary still found on the new line
        assertThat(RuleRun.on(pn5, "src/http.rs", bug.replace("&s[..max_len]", "&t[..max_len]"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/http.rs", bug.replace("&s[..max_len]", "&s[..s.ceil_char_boundary(max_len)]")))
                .isEmpty();
    }

    @Test
    void wrappingAbsoluteValueReplacedByAbs() {
        // serde_json's float exponent scaling with its fix (2161f0540) reversed: i32::MIN as exponent overflowed.
        List<Finding> f = RuleRun.on(pn5, "src/de.rs", """
                  fn f64_from_parts(&mut self, positive: bool, significand: u64, mut exponent: i32) -> Result<f64> {
                      let mut f = significand as f64;
                      loop {
                -         match POW10.get(exponent.wrapping_abs() as usize) {
                +         match POW10.get(exponent.abs() as usize) {
                              Some(&pow) => {
                                  f *= pow;
                                  break;
                              }
                              None => return Err(self.error(ErrorCode::NumberOutOfRange)),
                          }
                      }
                      Ok(f)
                  }
                  fn kept(x: i32, y: i32) -> u32 {
                -     x.wrapping_abs() as u32 + y.unsigned_abs()
                +     x.wrapping_abs() as u32 + y.abs() as u32
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`exponent.abs()` replaces `exponent.wrapping_abs(..)` in `f64_from_parts`");
    }

    @Test
    void zeroFilterRemovedFromAConfiguredCount() {
        // tracing-appender's builder with its fix (adbd8a41) reversed, and smol's SMOL_THREADS parse (2ac167b6)
        // reversed: the filter sat on its own line of the chain, and the turbofish went with it.
        List<Finding> f = RuleRun.on(pn5, "src/rolling/builder.rs", """
                  impl Builder {
                      pub fn max_log_files(self, n: usize) -> Self {
                          Self {
                -             max_files: Some(n).filter(|&n| n > 0),
                +             max_files: Some(n),
                              ..self
                          }
                      }
                      fn threads() -> usize {
                          std::env::var("SMOL_THREADS")
                              .ok()
                -             .and_then(|s| s.parse::<usize>().ok())
                -             .filter(|&n| n > 0)
                +             .and_then(|s| s.parse().ok())
                              .unwrap_or(1)
                      }
                      fn outer() -> usize {
                          fn inner(n: usize) -> usize {
                -             n.max(1)
                +             n
                          }
                          inner(3)
                      }
                      fn workers(&self) -> usize {
                -         let n = self.configured.max(1);
                +         let n = self.configured;
                          n
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4), tuple("PN5", MEDIUM, NEW, 11, 11),
                tuple("PN5", MEDIUM, NEW, 16, 16), tuple("PN5", MEDIUM, NEW, 21, 21));
        assertThat(f).extracting(Finding::title).containsExactly(
                "`max_log_files` no longer excludes zero: `.filter(|&n| n > 0)` removed",
                "`threads` no longer excludes zero: `.filter(|&n| n > 0)` removed",
                "`inner` no longer excludes zero: `.max(1)` removed",
                "`workers` no longer excludes zero: `.max(1)` removed");
    }

    @Test
    void quietWhenZeroIsStillExcludedOrTheLineChangedOtherwise() {
        // The filter moved to another line of the fn; a filter on another value; the line changed beyond the filter;
        // a filter that keeps other values than non-zero ones.
        assertThat(RuleRun.on(pn5, "src/lib.rs", """
                  fn moved(n: usize) -> Option<usize> {
                -     let m = Some(n).filter(|&n| n > 0);
                +     let m = Some(n);
                +     let m = m.filter(|x| *x != 0);
                      m
                  }
                  fn other(n: usize) -> Option<usize> {
                -     let m = Some(n).filter(|&n| n > 0);
                +     let m = Some(n + 1);
                      m
                  }
                  fn evens(n: usize) -> Option<usize> {
                -     let m = Some(n).filter(|&n| n % 2 == 0);
                +     let m = Some(n);
                -     let k = Some(n).max(2);
                +     let k = Some(n);
                      m.or(k)
                  }
                """)).isEmpty();
    }

    @Test
    void wrappingHashMixingReplacedByThePlainOperatorButOtherWrappingCodeStays() {
        // moka's frequency sketch with its fix (b762483f) reversed: the mixing step overflowed by design.
        List<Finding> f = RuleRun.on(pn5, "src/common/frequency_sketch.rs", """
                  impl FrequencySketch {
                      fn index_of(&self, hash: u64, depth: u8) -> usize {
                          let i = depth as usize;
                          let mut hash = hash.wrapping_add(SEED[i]).wrapping_mul(SEED[i]);
                -         hash = hash.wrapping_add(hash >> 32);
                +         hash += hash >> 32;
                          (hash & self.table_mask) as usize
                      }
                      fn seq(&mut self) -> u32 {
                -         self.n = self.n.wrapping_add(1);
                +         self.n = self.n.wrapping_add(2);
                          self.n
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`hash += hash >> 32` replaces `hash.wrapping_add(..)` in `index_of`");
        assertThat(f.get(0).explanation()).contains("wraps on overflow by design");
    }

    @Test
    void aSaturatingProductOfACallsResultSplitOverLinesReplacedByStar() {
        // quinn's persistent congestion period with its fix (719cc788) reversed.
        List<Finding> f = RuleRun.on(pn5, "quinn-proto/src/connection/mod.rs", """
                  impl Connection {
                      fn detect_lost_packets(&mut self, now: Instant) {
                -         let congestion_period = self
                -             .pto(SpaceId::Data)
                -             .saturating_mul(self.config.persistent_congestion_threshold);
                +         let congestion_period =
                +             self.pto(SpaceId::Data) * self.config.persistent_congestion_threshold;
                          self.persistent_congestion(congestion_period, now);
                      }
                      fn budget(&self) -> Duration {
                -         Duration::from_millis(5).saturating_mul(self.n)
                +         Duration::from_millis(5).saturating_mul(self.n + 1)
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo(
                "`self.pto(SpaceId::Data) * self.config.persistent_congestion_threshold` replaces "
                        + "`self.pto(SpaceId::Data).saturating_mul(..)` in `detect_lost_packets`");
    }

    @Test
    void saturatingDurationSinceReplacedByInstantSubtraction() {
        // tower's hedge latency with its fix (2f50b49f) reversed; the elapsed() of another fn stays untouched.
        List<Finding> f = RuleRun.on(pn5, "tower/src/hedge/latency.rs", """
                  use std::time::{Duration, Instant};
                  struct Latency { start: Instant, last: Duration }
                  impl Latency {
                      fn finish(&mut self) -> Duration {
                -         let duration = Instant::now().saturating_duration_since(self.start);
                +         let duration = Instant::now() - self.start;
                          self.last = duration;
                          duration
                      }
                      fn since(&self, now: Instant) -> Option<Duration> {
                -         now.checked_duration_since(self.start)
                +         now.checked_duration_since(self.start).or(Some(Duration::ZERO))
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo(
                "`Instant::now() - self.start` replaces `Instant::now().saturating_duration_since(..)` in `finish`");
        assertThat(f.get(0).explanation()).contains("gives zero when the other instant is later")
                .contains("future versions may panic again");
    }

    @Test
    void anUnderflowGuardDeletedWithNothingAddedInTheFn() {
        // may b25601c8 reversed: the queue length underflows when the pop index passed the push index.
        List<Finding> f = RuleRun.on(pn5, "may_queue/src/mpsc.rs", """
                  impl<T> Queue<T> {
                      pub fn len(&self) -> usize {
                          let pop_index = self.head.index.load(Ordering::Acquire);
                          let push_index = self.push_index();
                -         if pop_index >= push_index {
                -             return 0;
                -         }
                          push_index - pop_index
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`push_index - pop_index` in `len` lost its guard `if pop_index >= push_index`");
    }

    @Test
    void aMinimumLengthLoweredBeforeBufferReads() {
        // hyper-util bfa1cf1b reversed: a two-byte SOCKS reply reaches a read of three bytes.
        List<Finding> f = RuleRun.on(pn5, "src/client/proxy/socks/v5/messages.rs", """
                  impl TryFrom<&mut BytesMut> for ProxyRes {
                      type Error = ParsingError;
                      fn try_from(buf: &mut BytesMut) -> Result<Self, ParsingError> {
                -         if buf.remaining() < 3 {
                +         if buf.remaining() < 2 {
                              return Err(ParsingError::Incomplete);
                          }
                          let _version = buf.get_u8();
                          let status = buf.get_u8();
                          let _reserved = buf.get_u8();
                          Ok(ProxyRes(status.try_into()?))
                      }
                      fn header(buf: &mut BytesMut) -> Result<u8, ParsingError> {
                -         if buf.remaining() < 1 {
                +         if buf.remaining() < 2 {
                              return Err(ParsingError::Incomplete);
                          }
                          Ok(buf.get_u8())
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`buf.remaining() < 2` was `buf.remaining() < 3` in `try_from`");
    }

    @Test
    void aDeclaredLengthsMinimumLoweredBeforeSizedReads() {
        // neon f60e49fe reversed: a startup packet declaring 4 to 7 bytes reached the 4-byte request code read
        String bug = """
                  pub fn parse(buf: &mut BytesMut) -> Result<Option<FeStartupPacket>, ProtocolError> {
                      let len = (&buf[0..4]).read_u32::<BigEndian>().unwrap() as usize;
                -     if len < 8 || len > MAX_STARTUP_PACKET_LENGTH {
                +     if len < 4 || len > MAX_STARTUP_PACKET_LENGTH {
                          return Err(ProtocolError::Protocol(format!("invalid startup packet message length {}", len)));
                      }
                      let mut msg = buf.split_to(len).freeze();
                      msg.advance(4);
                      let request_code = msg.get_u32();
                      Ok(None)
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "libs/pq_proto/src/lib.rs", bug);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`len < 4` was `len < 8` in `parse`");
        String fix = bug.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(pn5, "src/lib.rs", fix)).isEmpty();
        // a name that is not a length, and no sized read after the check
        assertThat(RuleRun.on(pn5, "src/lib.rs", bug.replace("len < 8", "ttl < 8").replace("len < 4", "ttl < 4"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/lib.rs", bug.replace("msg.advance(4);", "").replace("msg.get_u32()", "msg.first()")
                .replace("buf.split_to(len)", "buf.clone()").replace("(&buf[0..4])", "buf"))).isEmpty();
    }

    @Test
    void aLowerBoundThatLostATermTheSubtractionStillTakes() {
        // client-toolkit 6ecab9f5 reversed: a window narrower than 24 + BUTTON_SPACE underflows `w - 24 - BUTTON_SPACE`
        String bug = """
                  fn find_button(x: f64, y: f64, w: u32) -> Location {
                -     if (w >= 24 + BUTTON_SPACE)
                +     if (w >= 24)
                          && (x >= (w - 24 - BUTTON_SPACE) as f64)
                          && (x <= (w - BUTTON_SPACE) as f64)
                      {
                          Location::Button(UIButton::Close)
                      } else {
                          Location::Head
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/window/basic_frame.rs", bug);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`w >= 24` was `w >= 24 + BUTTON_SPACE` in `find_button`");
        String fix = bug.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(pn5, "src/basic_frame.rs", fix)).isEmpty();
        // the dropped term is no longer subtracted either
        assertThat(RuleRun.on(pn5, "src/basic_frame.rs", bug.replace("(w - 24 - BUTTON_SPACE)", "(w - 24)")
                .replace("(w - BUTTON_SPACE)", "(w)"))).isEmpty();
    }

    @Test
    void checkedSignedAdditionOfAPeersTimestampReplacedByPlus() {
        // rust-postgres's chrono decoding with its fix (a30f0b6c0) reversed: `infinity` is i64::MAX microseconds
        List<Finding> f = RuleRun.on(pn5, "postgres-types/src/chrono_04.rs", """
                  impl<'a> FromSql<'a> for NaiveDateTime {
                      fn from_sql(_: &Type, raw: &[u8]) -> Result<NaiveDateTime, Box<dyn Error + Sync + Send>> {
                          let t = types::timestamp_from_sql(raw)?;
                -         base()
                -             .checked_add_signed(Duration::microseconds(t))
                -             .ok_or_else(|| "value too large to decode".into())
                +         Ok(base() + Duration::microseconds(t))
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`base() + Duration` replaces `base().checked_add_signed(..)` in `from_sql`");
    }

    /** rustls's TLS 1.3 signature check with its fix (f605db888) reversed. */
    private static final String VERIFY = """
              pub fn verify_tls13_signature(input: &SignatureVerificationInput<'_>, supported: &WebPkiSupportedAlgorithms) -> Result<(), Error> {
                  if !input.signature.scheme.supported_in_tls13() {
                      return Err(PeerMisbehaved::SignedHandshakeWithUnadvertisedSigScheme.into());
                  }
            -     let &alg = supported
            -         .convert_scheme(input.signature.scheme)?
            -         .first()
            -         .ok_or(Error::ApiMisuse(ApiMisuse::NoSignatureVerificationAlgorithms))?;
            +     let alg = supported.convert_scheme(input.signature.scheme)?[0];
                  verify_signed_struct(alg, input)
              }
            """;

    @Test
    void aFirstElementReadWithFirstReplacedByIndexZero() {
        List<Finding> f = RuleRun.on(pn5, "rustls/src/webpki/verify.rs", VERIFY);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`[0]` replaces `.first()` in `verify_tls13_signature`");
    }

    @Test
    void anIndexOnAnotherExpressionOrOneThatWasAlreadyThereIsNoTwin() {
        // `[0]` on another collection
        assertThat(RuleRun.on(pn5, "rustls/src/webpki/verify.rs",
                VERIFY.replace("supported.convert_scheme(input.signature.scheme)?[0]", "DEFAULT_ALGS[0]"))).isEmpty();
        // the indexed form was in the fn before the change: the first() removed was another read
        assertThat(RuleRun.on(pn5, "rustls/src/webpki/verify.rs", VERIFY.replace(
                "      verify_signed_struct(alg, input)",
                "      let _fallback = supported.convert_scheme(input.signature.scheme)?[0];\n      verify_signed_struct(alg, input)")))
                .isEmpty();
    }

    /** time's strftime tokenizer with its fix (c57284f6) reversed: the component after a padding modifier indexed. */
    private static final String STRFTIME = """
              impl<'input> Iterator for Tokenizer<'input> {
                  fn next(&mut self) -> Option<Self::Item> {
            -         let (component, advance) = match (padding, self.input.get(2)) {
            -             (Some(_), Some(&component)) => (component, 3),
            -             (Some(_), None) => return Some(Err(error_expected_end())),
            -             (None, _) => (self.input[1], 2),
            -         };
            +         let (padding, component, advance) = match self.input.get(1) {
            +             Some(&b'_') => (Some(Padding::Space), self.input[2], 3),
            +             Some(_) => (None, self.input[1], 2),
            +             _ => return None,
            +         };
                      Some(Ok(Token { padding, component, advance }))
                  }
              }
            """;

    @Test
    void anElementReadWithGetInsideAMatchScrutineeReplacedByAnIndex() {
        List<Finding> f = RuleRun.on(pn5, "time/src/format_description/parse/strftime.rs", STRFTIME);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`[2]` replaces `.get(2)` in `next`");
        // another collection indexed
        assertThat(RuleRun.on(pn5, "src/s.rs", STRFTIME.replace("self.input[2], 3", "self.rest[2], 3"))).isEmpty();
    }

    /** cloud-hypervisor 082fdc4d, reversed: a guest-chosen queue index reads a fixed table. */
    private static final String MSIX = """
              impl VirtioPciCommonConfig {
                  fn read_common_config_word(&self, offset: u64, queues: &[Queue]) -> u16 {
                      match offset {
                          0x16 => self.queue_select,
            -             0x1a => self
            -                 .msix_queues
            -                 .lock()
            -                 .unwrap()
            -                 .get(usize::from(self.queue_select))
            -                 .copied()
            -                 .unwrap_or(VIRTQ_MSI_NO_VECTOR),
            +             0x1a => self.msix_queues.lock().unwrap()[self.queue_select as usize],
                          _ => 0,
                      }
                  }
              }
            """;

    @Test
    void aGuestChosenIndexReadWithGetOverSeveralLinesReplacedByAnIndex() {
        List<Finding> f = RuleRun.on(pn5, "virtio-devices/src/transport/pci_common_config.rs", MSIX);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`[self.queue_select]` replaces `.get(self.queue_select)` in `read_common_config_word`");
        assertThat(RuleRun.on(pn5, "virtio-devices/src/transport/pci_common_config.rs", MSIX.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        // get_mut, and the index written the same way on both sides
        assertThat(RuleRun.shape(RuleRun.on(pn5, "src/table.rs", """
                  fn write(&mut self, sel: u16, value: u16) {
                -     if let Some(entry) = self.table.get_mut(sel as usize) {
                -         *entry = value;
                -     }
                +     self.table[sel as usize] = value;
                  }
                """))).containsExactly(tuple("PN5", MEDIUM, NEW, 2, 2));
        // another index
        assertThat(RuleRun.on(pn5, "virtio-devices/src/transport/pci_common_config.rs",
                MSIX.replace("[self.queue_select as usize]", "[self.queue_index as usize]"))).isEmpty();
    }

    /** time's DateIter::nth with its fix (2595e1cf) reversed. */
    private static final String NTH = """
              impl Iterator for DateIter {
                  fn nth(&mut self, n: usize) -> Option<Self::Item> {
                      let result = if same_year
            -             || front.ordinal() as usize + n <= if front.is_in_leap_year() { 366 } else { 365 }
            +             || front.ordinal() as usize <= if front.is_in_leap_year() { 366 } else { 365 } - n
                      {
                          unsafe { front.add_days_unchecked(n) }
                      } else {
                          front.checked_add(n)
                      };
                      result
                  }
              }
            """;

    @Test
    void aSumComparisonRewrittenAsASubtractionFromTheBound() {
        List<Finding> f = RuleRun.on(pn5, "time/src/iter/date_iter.rs", NTH);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`- n` in a comparison of `nth` replaces adding `n` on the other side");
        // the fix direction; another value subtracted; a subtraction the old fn already made
        assertThat(RuleRun.on(pn5, "src/d.rs", NTH.replace("\n-", "\n=").replace("\n+", "\n-").replace("\n=", "\n+"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/d.rs", NTH.replace("{ 365 } - n", "{ 365 } - skipped"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/d.rs", NTH.replace("          result\n", "          let _rest = total - n;\n          result\n"))).isEmpty();
    }

    /** opentelemetry-rust's ValueMap::new with its fix (2b63b75e) reversed. */
    private static final String VALUE_MAP = """
              impl<A: Aggregator> ValueMap<A> {
                  fn new(config: A::InitConfig, cardinality_limit: usize) -> Self {
                      ValueMap {
            -             trackers: RwLock::new(HashMap::with_capacity(
            -                 1 + min(DEFAULT_CARDINALITY_LIMIT, cardinality_limit),
            -             )),
            +             trackers: RwLock::new(HashMap::with_capacity(1 + cardinality_limit)),
                          config,
                      }
                  }
              }
            """;

    @Test
    void anAllocationThatLostItsClamp() {
        List<Finding> f = RuleRun.on(pn5, "opentelemetry-sdk/src/metrics/internal/mod.rs", VALUE_MAP);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`with_capacity` in `new` is no longer clamped with `min`");
        // the fix direction; the clamp kept in another spelling; another value allocated
        assertThat(RuleRun.on(pn5, "src/m.rs", VALUE_MAP.replace("\n-", "\n=").replace("\n+", "\n-").replace("\n=", "\n+"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/m.rs", VALUE_MAP.replace("with_capacity(1 + cardinality_limit)",
                "with_capacity(1 + cardinality_limit.min(DEFAULT_CARDINALITY_LIMIT))"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/m.rs", VALUE_MAP.replace("with_capacity(1 + cardinality_limit)", "with_capacity(16)"))).isEmpty();
    }

    /** rust-analyzer eba920da, reversed: a map indexed by a removed anchor panicked where `None` was documented. */
    @Test
    void aMapLookupByReferenceReplacedByIndexing() {
        String resolve = """
                  pub fn resolve_path(&self, path: AnchoredPath<'_>) -> Option<FileId> {
                -     let mut base = self.paths.get(&path.anchor)?.clone();
                +     let mut base = self.paths[&path.anchor].clone();
                      base.pop();
                      self.files.get(&base.join(path.path)?).copied()
                  }
                """;
        List<Finding> f = RuleRun.on(new PanickingTwinAdded(), "crates/vfs/src/file_set.rs", resolve);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`[&path.anchor]` replaces `.get(&path.anchor)` in `resolve_path`");
        String fix = resolve.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+     let mut base = self.paths.get(&path.anchor)?.clone();");
        assertThat(RuleRun.on(new PanickingTwinAdded(), "src/file_set.rs", fix)).isEmpty();
    }

    /** ast-grep 0f48faa5 reversed: a pattern string from JavaScript is compiled with the panicking constructor. */
    @Test
    void aTypesTryNewReplacedByItsNewIsReportedButAnotherTypesNewIsNot() {
        String diff = """
                  impl SgNode {
                      pub fn matches(&self, pattern: String) -> Result<bool> {
                          let lang = *self.inner.lang();
                -         let pattern = Pattern::try_new(&pattern, lang).map_err(to_napi_error)?;
                +         let pattern = Pattern::new(&pattern, lang);
                          Ok(self.inner.matches(pattern))
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "crates/napi/src/sg_node.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`Pattern::new(..)` replaces `Pattern::try_new(..)` in `matches`");
        // the fix direction
        assertThat(RuleRun.on(pn5, "crates/napi/src/sg_node.rs", diff.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        // another type's `new`, and the same type's `try_new` kept elsewhere in the fn
        assertThat(RuleRun.on(pn5, "crates/napi/src/sg_node.rs", diff.replace("let pattern = Pattern::new(",
                "let pattern = Matcher::new("))).isEmpty();
        assertThat(RuleRun.on(pn5, "crates/napi/src/sg_node.rs", """
                  impl SgNode {
                      pub fn matches(&self, pattern: String) -> Result<bool> {
                          let lang = *self.inner.lang();
                -         let pattern = Pattern::try_new(&pattern, lang).map_err(to_napi_error)?;
                +         let pattern = Pattern::try_new(&pattern, lang).map_err(to_napi_error)?;
                +         let fallback = Pattern::new("$A", lang);
                          Ok(self.inner.matches(pattern) || self.inner.matches(fallback))
                      }
                  }
                """)).isEmpty();
    }

    /** esp-hal 2356deb9 reversed: the frame after its length byte is bounded by the whole buffer's length. */
    @Test
    void anOffsetSliceBoundedByTheWholeLengthIsReportedAndTheFixIsNot() {
        String diff = """
                  impl<'a> Ieee802154<'a> {
                      pub fn received(&mut self) -> Option<Frame> {
                          let raw = poll()?;
                -         let frame = if raw.data[0] as usize >= raw.data.len() {
                -             Frame::try_read(&raw.data[1..][..raw.data.len() - 1])
                +         let frame = if raw.data[0] as usize > raw.data.len() {
                +             Frame::try_read(&raw.data[1..][..raw.data.len()])
                          } else {
                              Frame::try_read(&raw.data[1..][..raw.data[0] as usize])
                          };
                          frame.ok()
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "esp-radio/src/ieee802154/mod.rs", diff);
        assertThat(RuleRun.shape(f)).contains(tuple("PN5", MEDIUM, NEW, 5, 5));
        assertThat(f).extracting(Finding::title)
                .contains("`raw.data[1..][..raw.data.len()]` runs past the end in `received`");
        assertThat(RuleRun.on(pn5, "esp-radio/src/ieee802154/mod.rs", diff.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        // an offset of zero, and another buffer's length, are not this
        assertThat(RuleRun.on(pn5, "src/frame.rs", """
                  fn body(raw: &Raw, other: &[u8]) -> &[u8] {
                -     &raw.data[..]
                +     let a = &raw.data[0..][..raw.data.len()];
                +     &raw.data[1..][..other.len()]
                  }
                """)).isEmpty();
    }

    /** restate 693c4c3b reversed: a far-future eligibility reaches tokio's DelayQueue uncapped. */
    @Test
    void aDurationCapRemovedBeforeATimerIsReportedButACapKeptElsewhereIsNot() {
        String diff = """
                  impl EligibilityTracker {
                      fn next_eligible(&mut self, handle: Handle, ts: MillisSinceEpoch) {
                -         let timer_key = self.delayed_eligibility.insert(
                -             handle,
                -             ts.duration_since(SchedulerClock.now_millis()).min(MAX_PARK),
                -         );
                +         let duration = ts.duration_since(SchedulerClock.now_millis());
                +         let timer_key = self.delayed_eligibility.insert(handle, duration);
                          self.scheduled.insert(handle, timer_key);
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "crates/vqueues/src/scheduler/eligible.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("the cap `.min(MAX_PARK)` on a duration went from `next_eligible`");
        assertThat(RuleRun.on(pn5, "src/eligible.rs", diff.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        // the cap moved to the binding
        assertThat(RuleRun.on(pn5, "src/eligible.rs", diff.replace(
                "let duration = ts.duration_since(SchedulerClock.now_millis());",
                "let duration = ts.duration_since(SchedulerClock.now_millis()).min(MAX_PARK);"))).isEmpty();
        // no timer in the fn: a cap on a value that only gets displayed
        assertThat(RuleRun.on(pn5, "src/eligible.rs", """
                  fn describe(&self, ts: MillisSinceEpoch) -> String {
                -     let delay = ts.duration_since(now()).min(MAX_SHOWN);
                +     let delay = ts.duration_since(now());
                      format!("{delay:?}")
                  }
                """)).isEmpty();
    }

    /** wasmi 55cd3ff3 reversed: `x - i64::MIN` lowered to `x + (-i64::MIN)` overflows in the negation. */
    @Test
    void wrappingNegReplacedByAPrefixMinusIsReportedButABinaryMinusIsNot() {
        String diff = """
                  impl FuncTranslator {
                      fn try_lower_i64_sub(&mut self, lhs: Operand, rhs: i64) -> Result<bool, Error> {
                -         let rhs_neg = rhs.wrapping_neg();
                          let op = match self.resolve_operand::<i64>(lhs)? {
                -             ResolvedOperand::Reg(_) => Op::i64_add_rri(rhs_neg),
                +             ResolvedOperand::Reg(_) => Op::i64_add_rri(-rhs),
                              ResolvedOperand::Immediate(_) => return Ok(false),
                          };
                          self.stage(op)
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "crates/wasmi/src/engine/translator/func/mod.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`-rhs` replaces `rhs.wrapping_neg(..)` in `try_lower_i64_sub`");
        assertThat(RuleRun.on(pn5, "src/translator.rs", diff.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/translator.rs", diff.replace("Op::i64_add_rri(-rhs)", "Op::i64_sub_rri(lhs - rhs)")))
                .isEmpty();
    }

    /** smoltcp 798876d3 reversed: a short RPL option passes the checked constructor. */
    @Test
    void aCheckedConstructorThatNoLongerValidatesIsReportedButOtherFnsAreNot() {
        String diff = """
                  impl<T: AsRef<[u8]>> Packet<T> {
                      pub fn new_checked(buffer: T) -> Result<Self> {
                -         let packet = Packet { buffer };
                -         packet.check_len()?;
                -         Ok(packet)
                +         if buffer.as_ref().is_empty() {
                +             return Err(Error);
                +         }
                +         Ok(Packet { buffer })
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/wire/rpl.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`new_checked` no longer calls `check_len()`");
        assertThat(RuleRun.on(pn5, "src/wire/rpl.rs", diff.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        // the same edit in a fn that does not promise a check
        assertThat(RuleRun.on(pn5, "src/wire/rpl.rs", diff.replace("new_checked", "new_packet"))).isEmpty();
    }

    /** helix 9c479e6d reversed: holding a digit key overflows the count modifier. */
    @Test
    void aDigitAccumulatedWithoutABoundIsReportedButACheckedOneIsNot() {
        String diff = """
                  impl EditorView {
                      fn command_mode(&mut self, cxt: &mut Context, event: KeyEvent) {
                          match (event, cxt.editor.count) {
                              (key!(i @ '0'..='9'), Some(count)) => {
                                  let i = i.to_digit(10).unwrap() as usize;
                -                 let count = count.get() * 10 + i;
                -                 if count > 100_000_000 {
                -                     return;
                -                 }
                -                 cxt.editor.count = NonZeroUsize::new(count);
                +                 cxt.editor.count = NonZeroUsize::new(count.get() * 10 + i);
                              }
                              _ => {}
                          }
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "helix-term/src/ui/editor.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`count.get() * 10 + ..` accumulates digits unchecked in `command_mode`");
        assertThat(RuleRun.on(pn5, "src/editor.rs", diff.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/editor.rs", diff.replace("NonZeroUsize::new(count.get() * 10 + i)",
                "count.get().checked_mul(10).and_then(|c| c.checked_add(i)).and_then(NonZeroUsize::new)"))).isEmpty();
        // a multiplication by ten in a fn that reads no digits
        assertThat(RuleRun.on(pn5, "src/editor.rs", diff.replace("i.to_digit(10).unwrap() as usize", "i as usize")
                .replace("'0'..='9'", "c"))).isEmpty();
    }

    /** image-png 50785560 reversed: the frame buffer's size is computed with the overflowing twin. */
    @Test
    void aCheckedMethodReplacedByItsPlainTwinIsReportedButArithmeticIsLeftToItsShape() {
        String diff = """
                  impl<R: Read> Reader<R> {
                      pub fn next_frame(&mut self, buf: &mut [u8]) -> Result<OutputInfo, DecodingError> {
                -         if self.checked_output_buffer_size().map_or(true, |size| buf.len() < size) {
                +         if buf.len() < self.output_buffer_size() {
                              return Err(DecodingError::Parameter(ParameterErrorKind::ImageBufferSize));
                          }
                          self.decode(buf)
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/decoder/mod.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title())
                .isEqualTo("`output_buffer_size(..)` replaces `checked_output_buffer_size(..)` in `next_frame`");
        assertThat(RuleRun.on(pn5, "src/decoder/mod.rs", diff.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        // the checked call kept beside a plain one
        assertThat(RuleRun.on(pn5, "src/decoder/mod.rs", diff.replace(
                "+         if buf.len() < self.output_buffer_size() {",
                "+         if self.checked_output_buffer_size().is_none() || buf.len() < self.output_buffer_size() {")))
                .isEmpty();
    }

    /** salvo a1540ed6 reversed: a cookie whose 44th byte falls inside a character made `split_at` panic. */
    @Test
    void aSuffixCheckedMethodReplacedByItsPlainTwinIsReported() {
        String diff = """
                  impl SessionHandler {
                      fn verify_signature(&self, cookie_value: &str) -> Result<String, Error> {
                -         let Some((digest_str, value)) = cookie_value.split_at_checked(BASE64_DIGEST_LEN) else {
                +         if cookie_value.len() < BASE64_DIGEST_LEN {
                              return Err(Error::Other("length of value is <= BASE64_DIGEST_LEN".into()));
                -         };
                +         }
                +         let (digest_str, value) = cookie_value.split_at(BASE64_DIGEST_LEN);
                          self.check(digest_str, value)
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "crates/session/src/lib.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`split_at(..)` replaces `split_at_checked(..)` in `verify_signature`");
        // the checked call kept, and `get_unchecked` is no checked twin of `get_un`
        assertThat(RuleRun.on(pn5, "src/lib.rs", diff.replace("cookie_value.split_at(BASE64_DIGEST_LEN);",
                "cookie_value.split_at_checked(BASE64_DIGEST_LEN).unwrap_or_default();"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/lib.rs", """
                  fn f(v: &[u8], i: usize) -> u8 {
                -     unsafe { *v.get_unchecked(i) }
                +     v.get_un(i)
                  }
                """)).isEmpty();
    }

    /** x86_64 efd7f00b reversed: an inclusive page range ending at the last page overflowed its start. */
    @Test
    void anIncrementTakenOutOfTheConditionThatKeptItBelowTheMaximumIsReported() {
        String diff = """
                  impl<S: PageSize> Iterator for PageRangeInclusive<S> {
                      fn next(&mut self) -> Option<Self::Item> {
                          if self.start <= self.end {
                              let page = self.start;
                -             let max_page_addr = VirtAddr::new(u64::MAX) - (S::SIZE - 1);
                -             if self.start.start_address() < max_page_addr {
                -                 self.start += 1;
                -             } else {
                -                 self.end -= 1;
                -             }
                +             self.start += 1;
                              Some(page)
                          } else {
                              None
                          }
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/structures/paging/page.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).startsWith("`self.start += 1` in `next` no longer runs under `");
        // the condition kept as an early exit
        assertThat(RuleRun.on(pn5, "src/structures/paging/page.rs", diff.replace(
                "+             self.start += 1;",
                "+             if !(self.start.start_address() < max_page_addr) { return None; }\n+             self.start += 1;")
                .replace("-             let max_page_addr", "              let max_page_addr"))).isEmpty();
        // an increment under a condition that bounds nothing from above, or only from below
        assertThat(RuleRun.on(pn5, "src/lib.rs", """
                  fn bump(&mut self) {
                -     if self.enabled {
                -         self.count += 1;
                -     }
                +     self.count += 1;
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(pn5, "src/lib.rs", """
                  fn bump(&mut self) {
                -     if self.count > 0 {
                -         self.count += 1;
                -     }
                +     self.count += 1;
                  }
                """)).isEmpty();
        // the maximum on the left of the comparison
        assertThat(RuleRun.shape(RuleRun.on(pn5, "src/lib.rs", """
                  fn bump(&mut self) {
                -     if MAX > self.count {
                -         self.count += 1;
                -     }
                +     self.count += 1;
                  }
                """))).containsExactly(tuple("PN5", MEDIUM, NEW, 2, 2));
    }

    /** object fe194973 reversed: an ELF header's segment count cast to `u16` without the `PN_XNUM` escape. */
    @Test
    void aNarrowingCastTakenOutOfTheRangeCheckIsReported() {
        String diff = """
                  impl<'a> Writer<'a> {
                      pub fn write_file_header(&mut self, header: &FileHeader) -> Result<()> {
                          let e_phentsize = self.class().program_header_size() as u16;
                -         let e_phnum = if self.segment_num >= elf::PN_XNUM.into() {
                -             if self.section_num == 0 {
                -                 return Err(Error(String::from("e_phnum overflow requires section headers")));
                -             }
                -             elf::PN_XNUM
                -         } else {
                -             self.segment_num as u16
                -         };
                +         let e_phnum = self.segment_num as u16;
                          let e_shoff = self.section_offset as u64;
                          Ok(())
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/write/elf/writer.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`self.segment_num as u16` in `write_file_header` no longer runs under "
                + "`else of if self.segment_num >= elf::PN_XNUM.into()`");
        // the range checked before the cast instead
        String checked = diff.replace("+         let e_phnum = self.segment_num as u16;",
                "+         if self.segment_num > u16::MAX as u32 { return Err(Error::new(\"too many\")); }\n"
                        + "+         let e_phnum = self.segment_num as u16;");
        assertThat(checked).isNotEqualTo(diff);
        assertThat(RuleRun.on(pn5, "src/write/elf/writer.rs", checked)).isEmpty();
        // a widening cast, and a cast under a condition that does not compare the value
        assertThat(RuleRun.on(pn5, "src/lib.rs", """
                  fn header(&self) -> u64 {
                -     if self.count >= LIMIT { LIMIT as u64 } else { self.count as u64 }
                +     self.count as u64
                  }
                  fn flags(&self) -> u16 {
                -     if self.enabled {
                -         self.bits as u16
                -     } else { 0 }
                +     self.bits as u16
                  }
                """)).isEmpty();
    }

    /** syncstorage-rs 10daab06 reversed: two counters read out of step, the clamp between them gone. */
    @Test
    void aClampRemovedWhileTheFnStillSubtractsIsReported() {
        String diff = """
                  impl BlockingThreadpool {
                      pub fn metrics(&self) -> BlockingThreadpoolMetrics {
                          let spawned_tasks = self.spawned_tasks.load(Ordering::Relaxed);
                -         let active_threads = self
                -             .active_threads
                -             .load(Ordering::Relaxed)
                -             .min(spawned_tasks);
                +         let active_threads = self.active_threads.load(Ordering::Relaxed);
                          BlockingThreadpoolMetrics {
                              queued_tasks: spawned_tasks - active_threads,
                              active_threads,
                          }
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "syncserver-common/src/lib.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`active_threads` is no longer clamped to `spawned_tasks` before "
                + "`spawned_tasks - active_threads` in `metrics`");
        // the subtraction made saturating instead, or the clamp kept in another form
        String saturating = diff.replace("queued_tasks: spawned_tasks - active_threads,",
                "queued_tasks: spawned_tasks.saturating_sub(active_threads),");
        assertThat(saturating).isNotEqualTo(diff);
        assertThat(RuleRun.on(pn5, "syncserver-common/src/lib.rs", saturating)).isEmpty();
        assertThat(RuleRun.on(pn5, "syncserver-common/src/lib.rs", diff.replace(
                "+         let active_threads = self.active_threads.load(Ordering::Relaxed);",
                "+         let active_threads = std::cmp::min(self.active_threads.load(Ordering::Relaxed), spawned_tasks);")))
                .isEmpty();
    }

    /** mmtk-core 541298f3 reversed: the locals inlined, the saturation gone with them. */
    @Test
    void aSaturatingStepOnALocalWhoseLetWasInlinedIsReported() {
        String diff = """
                  pub trait Plan {
                      fn get_free_pages(&self) -> usize {
                -         let total_pages = self.get_total_pages();
                -         let used_pages = self.get_used_pages();
                -         total_pages.saturating_sub(used_pages)
                +         self.get_total_pages() - self.get_used_pages()
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/plan/global.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`self.get_total_pages() - self.get_used_pages()` replaces "
                + "`self.get_total_pages().saturating_sub(..)` in `get_free_pages`");
        // the local kept in the new fn: its name is the operand, and the saturating step stays
        String kept = diff.replace("-         let total_pages = self.get_total_pages();",
                "          let total_pages = self.get_total_pages();").replace(
                "+         self.get_total_pages() - self.get_used_pages()",
                "+         total_pages.saturating_sub(self.get_used_pages())");
        assertThat(kept).isNotEqualTo(diff);
        assertThat(RuleRun.on(pn5, "src/plan/global.rs", kept)).isEmpty();
    }

    /** ntpd-rs 10a103b4 reversed: the divisor's clamp to one removed while the statement was rewrapped. */
    @Test
    void aDivisorClampRemovedFromARewrappedStatementIsReported() {
        String diff = """
                  impl NtpSource {
                      fn handle_cookies(&mut self, nts: &mut SourceNtsData, cookie: &[u8]) {
                -         let new_cookies = nts.cookies.gap().min(
                -             ((self.buffer.len() - 300) / (cookie.len().max(1))).min(u8::MAX as usize) as u8,
                -         );
                +         let new_cookies = nts
                +             .cookies
                +             .gap()
                +             .min(((self.buffer.len() - 300) / cookie.len()).min(u8::MAX as usize) as u8);
                          if new_cookies == 0 {
                              return;
                          }
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "ntp-proto/src/source.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 6));
        assertThat(f.get(0).title()).isEqualTo("`handle_cookies` no longer excludes zero: `.max(1)` removed");
        // dividing by another value, or by the clamped one
        String other = diff.replace("/ cookie.len()).min", "/ COOKIE_SIZE).min");
        assertThat(other).isNotEqualTo(diff);
        assertThat(RuleRun.on(pn5, "ntp-proto/src/source.rs", other)).isEmpty();
    }

    /** lz4_flex 2991a09b reversed: the product no longer widened to 64 bits overflows a 32-bit usize. */
    @Test
    void aProductNoLongerWidenedTo64BitsIsReported() {
        String diff = """
                  pub const fn get_maximum_output_size(input_len: usize) -> usize {
                -     16 + 4 + (input_len as u64 * 110 / 100) as usize
                +     16 + 4 + (input_len * 110 / 100)
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/block/compress.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`input_len * 110` replaces `input_len as u64 * 110` in "
                + "`get_maximum_output_size`");
        // still widened, or another factor
        String widened = diff.replace("+     16 + 4 + (input_len * 110 / 100)", "+     16 + 4 + (input_len as u128 * 110 / 100) as usize");
        assertThat(widened).isNotEqualTo(diff);
        assertThat(RuleRun.on(pn5, "src/block/compress.rs", widened)).isEmpty();
        assertThat(RuleRun.on(pn5, "src/block/compress.rs", diff.replace("(input_len * 110 / 100)",
                "(input_len * 2)"))).isEmpty();
    }

    /** lol-html cc5dbda6 reversed: copied into a Vec that has a capacity and no length. */
    @Test
    void aCopyIntoAVecCreatedEmptyIsReported() {
        String diff = """
                  impl DenseHashSet {
                      fn resize(&mut self, new_len: usize) -> &mut [u32] {
                          let bits = self.slice_mut();
                          let mut new = Vec::with_capacity(new_len);
                -         new.extend_from_slice(bits);
                +         new.copy_from_slice(bits);
                          let cap = new.capacity();
                          new.resize(cap, 0);
                          &mut new
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/selectors_vm/match_info.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`new.copy_from_slice(..)` replaces `new.extend_from_slice(..)` in "
                + "`resize`, on a `Vec` created empty");
        // a Vec sized first
        String sized = diff.replace("let mut new = Vec::with_capacity(new_len);", "let mut new = vec![0; bits.len()];");
        assertThat(sized).isNotEqualTo(diff);
        assertThat(RuleRun.on(pn5, "src/selectors_vm/match_info.rs", sized)).isEmpty();
    }

    /** zlib-rs 8faf52a0 reversed: a buffer length cast to c_uint without the clamp to its maximum. */
    @Test
    void aLengthCastWithoutItsClampToTheNarrowMaximumIsReported() {
        String diff = """
                  impl Inflate {
                      pub fn decompress(&mut self, input: &[u8], output: &mut [u8]) -> Result<Status, InflateError> {
                -         self.0.avail_in = Ord::min(input.len(), c_uint::MAX as usize) as c_uint;
                -         self.0.avail_out = Ord::min(output.len(), c_uint::MAX as usize) as c_uint;
                +         self.0.avail_in = input.len() as _;
                +         self.0.avail_out = output.len() as _;
                          self.run()
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "zlib-rs/src/stable.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`input.len() as _` in `decompress` no longer clamps `input.len()` to "
                + "`c_uint::MAX`");
        String kept = diff.replace("+         self.0.avail_in = input.len() as _;",
                "+         self.0.avail_in = input.len().min(c_uint::MAX as usize) as c_uint;").replace(
                "+         self.0.avail_out = output.len() as _;", "+         self.0.avail_out = u32::try_from(output.len())?;");
        assertThat(kept).isNotEqualTo(diff);
        assertThat(RuleRun.on(pn5, "zlib-rs/src/stable.rs", kept)).isEmpty();
    }

    /** bottom 89215779 reversed: the saturation moved from the outer subtraction to an inner one. */
    @Test
    void aSaturatingStepMovedToAnotherOperandOfTheSameLineIsReported() {
        String diff = """
                  fn update_memory_usage(mem: &mut MemData, arc: &(MemData, u64)) {
                      if arc.0.used_bytes > arc.1 {
                -         mem.used_bytes = mem.used_bytes.saturating_sub(arc.0.used_bytes - arc.1);
                +         mem.used_bytes -= arc.0.used_bytes.saturating_sub(arc.1);
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/collection.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`mem.used_bytes -= ..` replaces `mem.used_bytes.saturating_sub(..)` in "
                + "`update_memory_usage`");
        // the operand itself still stepped the saturating way
        assertThat(RuleRun.on(pn5, "src/collection.rs", diff.replace(
                "+         mem.used_bytes -= arc.0.used_bytes.saturating_sub(arc.1);",
                "+         mem.used_bytes = mem.used_bytes.saturating_sub(arc.0.used_bytes.saturating_sub(arc.1));")))
                .isEmpty();
    }

    /** object de85e931 reversed: a Mach-O section's alignment from the file shifted `1` unchecked. */
    @Test
    void aWidthCheckBeforeAShiftRemovedIsReported() {
        String diff = """
                  impl<'data, Mach: MachHeader> ObjectSection<'data> for MachOSection<'data, Mach> {
                      fn align(&self) -> u64 {
                -         let align = self.internal.section.align(self.file.endian);
                -         if align < 64 {
                -             1 << align
                -         } else {
                -             0
                -         }
                +         1 << self.internal.section.align(self.file.endian)
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/read/macho/section.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`align` shifts by an amount it no longer compares with the width");
        // the checked shift, or a literal amount, is fine
        assertThat(RuleRun.on(pn5, "src/read/macho/section.rs", diff.replace(
                "+         1 << self.internal.section.align(self.file.endian)",
                "+         1u64.checked_shl(self.internal.section.align(self.file.endian)).unwrap_or(0)"))).isEmpty();
        assertThat(RuleRun.on(pn5, "src/read/macho/section.rs", diff.replace(
                "+         1 << self.internal.section.align(self.file.endian)", "+         1 << 12"))).isEmpty();
    }

    /** nom 931bcf01 reversed: a zero-sized output type divides by zero; the old statement was wrapped after `=`. */
    @Test
    void aZeroExclusionRemovedFromAStatementTheOldSideWrappedIsReported() {
        String diff = """
                  pub fn count<I, O, E, F>(mut f: F, count: usize) -> impl FnMut(I) -> IResult<I, Vec<O>, E> {
                    move |i: I| {
                      let mut input = i.clone();
                -     let max_initial_capacity =
                -       MAX_INITIAL_CAPACITY_BYTES / crate::lib::std::mem::size_of::<O>().max(1);
                +     let max_initial_capacity = MAX_INITIAL_CAPACITY_BYTES / crate::lib::std::mem::size_of::<O>();
                      let mut res = crate::lib::std::vec::Vec::with_capacity(count.min(max_initial_capacity));
                      res
                    }
                  }
                """;
        List<Finding> f = RuleRun.on(pn5, "src/multi/mod.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`count` no longer excludes zero: `.max(1)` removed");
        // the same statement kept wrapped, with the exclusion
        assertThat(RuleRun.on(pn5, "src/multi/mod.rs", diff.replace(
                "+     let max_initial_capacity = MAX_INITIAL_CAPACITY_BYTES / crate::lib::std::mem::size_of::<O>();",
                "+     let max_initial_capacity = MAX_INITIAL_CAPACITY_BYTES / crate::lib::std::mem::size_of::<O>().max(1);")))
                .isEmpty();
    }
}
