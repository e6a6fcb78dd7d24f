package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AL10, CC18, US13 and PN11: a guard clause deleted from a poll fn, in front of atomic, locked or unsafe code, or
 * bounding a value by a type's maximum.
 */
class GuardClauseRemovedTest {

    private List<Finding> run(String path, String diff) {
        List<Finding> out = new ArrayList<>(RuleRun.on(new SyncGuardClauseRemoved(), path, diff));
        out.addAll(RuleRun.on(new UnsafeGuardClauseRemoved(), path, diff));
        out.addAll(RuleRun.on(new PollGuardClauseRemoved(), path, diff));
        out.addAll(RuleRun.on(new LimitGuardClauseRemoved(), path, diff));
        out.addAll(RuleRun.on(new PresenceGuardClauseRemoved(), path, diff));
        return out;
    }

    @Test
    void aRangeGuardDeletedBeforeCodeThatNeedsTheValueToFitIsAPanic() {
        // redb 2726687fc reversed: a leaf grown in place past u32::MAX overflows its u32 offsets.
        List<Finding> f = run("src/tree_store/btree_base.rs", """
                  impl<'b> LeafMutator<'b> {
                      fn sufficient_insert_inplace_space(&self, accessor: &LeafAccessor, key: &[u8], value: &[u8]) -> bool {
                          let remaining = self.page.memory().len() - accessor.total_length();
                          let required_delta = key.len() + value.len();
                -         if accessor.total_length() as u64 + required_delta as u64 > u64::from(u32::MAX) {
                -             return false;
                -         }
                          required_delta <= remaining
                      }
                      fn append(&mut self, key: &[u8]) {
                          let end: u32 = (self.end + key.len()).try_into().unwrap();
                -         if self.count >= MAX_PAIRS {
                -             return;
                -         }
                          self.write(end);
                      }
                      fn grow(&mut self, by: usize) -> bool {
                -         if self.len + by > usize::MAX / 2 {
                -             return false;
                -         }
                +         if self.len + by > usize::MAX / 4 {
                +             return false;
                +         }
                          self.len += by;
                          true
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN11", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("Guard `if accessor.total_length() as u64 + required_delta as u64 > "
                + "u64::from(u32::MAX)` removed before code that relies on the value's range in `sufficient_insert_inplace_space`");
        assertThat(f.get(0).area()).isEqualTo(dev.rustreview.model.RiskArea.PANICS);
    }

    @Test
    void aMaximumCheckDeletedBeforeACompareExchangeLoopIsConcurrency() {
        // The shape of sharded-slab aea693f3 reversed: the reference count may pass its maximum again.
        List<Finding> f = run("src/page/slot.rs", """
                  use std::sync::atomic::{AtomicUsize, Ordering};
                  struct RefCount { value: usize }
                  impl RefCount {
                      const MAX: usize = 1 << 20;
                      fn from_packed(v: usize) -> Self { RefCount { value: v } }
                  }
                  pub(crate) struct Slot { lifecycle: AtomicUsize }
                  impl Slot {
                      pub(crate) fn get(&self) -> Option<usize> {
                          let mut lifecycle = self.lifecycle.load(Ordering::Acquire);
                          loop {
                              let refs = RefCount::from_packed(lifecycle);
                -             if refs.value >= RefCount::MAX {
                -                 log::trace!("max references reached");
                -                 return None;
                -             }
                              let new = lifecycle + 1;
                              match self.lifecycle.compare_exchange(lifecycle, new, Ordering::AcqRel, Ordering::Acquire) {
                                  Ok(_) => return Some(new),
                                  Err(actual) => lifecycle = actual,
                              }
                          }
                      }
                      pub(crate) fn release(&self) -> bool {
                          self.lifecycle.fetch_sub(1, Ordering::AcqRel) == 1
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC18", MEDIUM, NEW, 13, 13));
        assertThat(f.get(0).title()).isEqualTo(
                "Guard `if refs.value >= RefCount::MAX` removed before atomic or locked code in `get`");
        assertThat(f.get(0).explanation()).contains("`if refs.value >= RefCount::MAX { .. }` that left early")
                .contains("from line 13 on");
    }

    @Test
    void anEarlyReturnForAFilledSlotDeletedBeforeAnUnsafeWriteIsUnsafe() {
        // A re-entrant call has filled the slot: without the check the value is overwritten (thread_local a706e66).
        List<Finding> f = run("src/lib.rs", """
                  use std::cell::UnsafeCell;
                  pub struct Entry<T> { value: UnsafeCell<Option<T>> }
                  impl<T> Entry<T> {
                      unsafe fn as_ref(&self) -> Option<&T> { (*self.value.get()).as_ref() }
                      fn insert(&self, data: T) -> &T {
                -         if let Some(existing) = unsafe { self.as_ref() } {
                -             return existing;
                -         }
                          let slot = self.value.get();
                          unsafe {
                              *slot = Some(data);
                              (*slot).as_ref().unwrap_unchecked()
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US13", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo(
                "Guard `if let Some(existing) = unsafe { self.as_ref() }` removed before unsafe code in `insert`");
    }

    @Test
    void theLeadingBranchOfAnIfElseChainIsAGuardToo() {
        // bytes d5c8ad3 reversed: truncating to zero no longer releases the shared reference.
        List<Finding> f = run("src/bytes.rs", """
                  pub struct Bytes { ptr: *const u8, len: usize, vtable: &'static Vtable }
                  pub struct Vtable { id: u8 }
                  static PROMOTABLE: Vtable = Vtable { id: 1 };
                  impl Bytes {
                      pub fn truncate(&mut self, len: usize) {
                -         if len == 0 {
                -             drop(std::mem::replace(self, Bytes::empty_at(self.ptr)));
                -         } else if len < self.len {
                +         if len < self.len {
                              if self.vtable as *const Vtable == &PROMOTABLE as *const Vtable {
                                  drop(self.split_off(len));
                              } else {
                                  self.len = len;
                              }
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US13", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).explanation()).contains("the branch `if len == 0 { .. } else`");
    }

    @Test
    void aGuardMovedIntoAnotherFormOrKeptElsewhereIsNotReported() {
        // Hard negatives: the guard's words stay in the fn (hoisted into a let), the guard is re-indented, the
        // guard was not an early exit, and the guarded code has no atomics, locks or unsafe code.
        List<Finding> f = run("src/pool.rs", """
                  use std::sync::atomic::{AtomicUsize, Ordering};
                  use std::sync::Mutex;
                  pub struct Pool { count: AtomicUsize, max: usize, idle: Mutex<Vec<u32>>, names: Vec<String> }
                  impl Pool {
                      pub fn acquire(&self) -> Option<usize> {
                -         if self.count.load(Ordering::Acquire) >= self.max {
                -             return None;
                -         }
                +         let full = self.count.load(Ordering::Acquire) >= self.max;
                +         if full { return None; }
                          Some(self.count.fetch_add(1, Ordering::AcqRel))
                      }
                      pub fn take(&self) -> Option<u32> {
                -         if self.max == 0 { return None; }
                +         if self.max == 0 {
                +             return None;
                +         }
                          self.idle.lock().unwrap().pop()
                      }
                      pub fn note(&self, n: usize) {
                -         if n > self.max {
                -             log::warn!("over the maximum");
                -         }
                          self.count.store(n, Ordering::Release);
                      }
                      pub fn first_name(&self) -> Option<&str> {
                -         if self.names.is_empty() {
                -             return None;
                -         }
                          self.names.first().map(String::as_str)
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void testCodeAndDeletedFnsAreNotRead() {
        List<Finding> f = run("src/lib.rs", """
                  use std::sync::atomic::{AtomicBool, Ordering};
                  pub struct Flag { set: AtomicBool }
                  impl Flag {
                -     pub fn set_once(&self) -> bool {
                -         if self.set.load(Ordering::Acquire) { return false; }
                -         self.set.store(true, Ordering::Release);
                -         true
                -     }
                  }
                  #[cfg(test)]
                  mod tests {
                      use super::*;
                      fn helper(f: &Flag) {
                -         if f.set.load(Ordering::Acquire) { return; }
                          f.set.store(true, Ordering::Release);
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void aCancelledExitDeletedFromAPollFnIsAsyncLifetimesWhateverFollows() {
        // hyper-util 62ceda74 reversed: a connection still reading its version ignores graceful shutdown. The pin
        // projection's unsafe code after the exit does not make it US13: in a poll fn the exit is the lifecycle.
        List<Finding> f = run("src/server/conn/auto.rs", """
                  impl<I: Read + Unpin> Future for ReadVersion<I> {
                      type Output = io::Result<(Version, Rewind<I>)>;
                      fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
                          let this = self.project();
                -         if *this.cancelled {
                -             return Poll::Ready(Err(io::Error::new(io::ErrorKind::Interrupted, "Cancelled")));
                -         }
                          let mut buf = unsafe { ReadBuf::uninit(&mut *(this.buf as *mut _)) };
                          ready!(Pin::new(this.io).poll_read(cx, &mut buf))?;
                          Poll::Ready(Ok((Version::H1, Rewind::new(this.io.take()))))
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL10", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("Guard `if *this.cancelled` removed before the rest of a poll in `poll`");
    }

    @Test
    void anExitMovedIntoALetElseIsNotRemoved() {
        // quinn 485f9b65, a refactor: the `is_none()` guard's `return false` now sits in a let-else.
        List<Finding> f = run("quinn/src/connection.rs", """
                  impl State {
                      fn drive_timer(&mut self, cx: &mut Context) -> bool {
                -         match self.inner.poll_timeout() {
                -             Some(deadline) => self.timer_deadline = Some(deadline),
                -             None => self.timer_deadline = None,
                -         }
                -         if self.timer_deadline.is_none() {
                -             return false;
                -         }
                +         let Some(deadline) = self.inner.poll_timeout() else {
                +             self.timer_deadline = None;
                +             return false;
                +         };
                +         self.timer_deadline = Some(deadline);
                          let delay = self.timer.as_mut().unwrap();
                          delay.as_mut().poll(cx).is_ready()
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    /** sqlx's MySQL text row decoder with its fix (e283bf964) reversed. */
    private static final String TEXT_ROW = """
              impl<'de> ProtocolDecode<'de, &'de [Column]> for TextRow {
                  fn decode_with(mut buf: Bytes, columns: &'de [Column]) -> Result<Self, Error> {
                      let storage = buf.clone();
                      let offset = buf.len();
                      let mut values = Vec::with_capacity(columns.len());
                      for _ in columns {
                          if buf[0] == 0xfb {
                              values.push(None);
                              buf.advance(1);
                          } else {
                              let size = buf.get_uint_lenenc();
            -                 if (buf.remaining() as u64) < size {
            -                     return Err(err_protocol!("buffer exhausted"));
            -                 }
                              let size = usize::try_from(size).map_err(|_| err_protocol!("length out of range"))?;
                              let offset = offset - buf.len();
                              values.push(Some(offset..(offset + size)));
                              buf.advance(size);
                          }
                      }
                      Ok(TextRow(Row { values, storage }))
                  }
              }
            """;

    @Test
    void aLengthGuardDeletedBeforeTheFnSkipsThatManyBytesIsAPanic() {
        List<Finding> f = run("sqlx-mysql/src/protocol/text/row.rs", TEXT_ROW);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN11", MEDIUM, NEW, 12, 12));
    }

    /** sozu 5af7daea, reversed: a peer's frame length shorter than the prefix slices backwards. */
    private static final String FRAME = """
              impl<Tx, Rx> Channel<Tx, Rx> {
                  pub fn try_read_delimited_message(&mut self) -> Result<Option<Rx>, ChannelError> {
                      let buffer = self.front_buf.data();
                      let message_len = usize::from_le_bytes(buffer[..delimiter_size()].try_into().unwrap_or([0; 8]));
            -         if message_len < delimiter_size() {
            -             self.front_buf.consume(delimiter_size());
            -             return Err(ChannelError::MessageLengthUnderDelimiter { message_len });
            -         }
                      if buffer.len() >= message_len {
                          let message = Rx::decode(&buffer[delimiter_size()..message_len])?;
                          return Ok(Some(message));
                      }
                      Ok(None)
                  }
              }
            """;

    @Test
    void aGuardThatKeptARangeInOrderIsAPanic() {
        List<Finding> f = run("command/src/channel.rs", FRAME);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN11", MEDIUM, NEW, 5, 5));
        assertThat(run("command/src/channel.rs", FRAME.replaceAll("(?m)^-", "+"))).isEmpty();
        // the same guard written the other way round
        assertThat(RuleRun.shape(run("command/src/channel.rs",
                FRAME.replace("if message_len < delimiter_size() {", "if delimiter_size() > message_len {"))))
                .containsExactly(tuple("PN11", MEDIUM, NEW, 5, 5));
        // a slice that does not run from the one value to the other
        assertThat(run("command/src/channel.rs",
                FRAME.replace("&buffer[delimiter_size()..message_len]", "&buffer[delimiter_size()..]"))).isEmpty();
        assertThat(run("command/src/channel.rs",
                FRAME.replace("&buffer[delimiter_size()..message_len]", "&buffer[message_len..delimiter_size()]"))).isEmpty();
    }

    @Test
    void aLengthGuardWhoseValueIsNotReadByAfterwardsIsNotThisRule() {
        // the value only goes into a statistic after the deleted guard
        assertThat(run("sqlx-mysql/src/protocol/text/row.rs", TEXT_ROW
                .replace("              buf.advance(size);", "              stats.record(size);")
                .replace("values.push(Some(offset..(offset + size)));", "values.push(None);"))).isEmpty();
    }

    @Test
    void aLengthGuardDeletedBeforeBytesSliceIsAPanic() {
        // arrow-rs's RleValueDecoder::set_data with its fix (b1dd56cf) reversed: a truncated page panicked in slice()
        String diff = """
                  impl<T: DataType> Decoder<T> for RleValueDecoder<T> {
                      fn set_data(&mut self, data: Bytes, num_values: usize) -> Result<()> {
                          const I32_SIZE: usize = mem::size_of::<i32>();
                -         if data.len() < I32_SIZE {
                -             return Err(eof_err!("Not enough bytes to decode"));
                -         }
                          let data_size = bit_util::read_num_bytes::<i32>(I32_SIZE, data.as_ref()) as usize;
                          self.decoder.set_data(data.slice(I32_SIZE..I32_SIZE + data_size));
                          Ok(())
                      }
                  }
                """;
        assertThat(RuleRun.shape(run("parquet/src/encodings/decoding.rs", diff))).containsExactly(tuple("PN11", MEDIUM, NEW, 4, 4));
        for (String slice : java.util.List.of("data.slice(I32_SIZE..)", "data.slice(..I32_SIZE)")) {
            assertThat(run("parquet/src/encodings/decoding.rs", diff.replace("data.slice(I32_SIZE..I32_SIZE + data_size)", slice)))
                    .as(slice).hasSize(1);
        }
        // the value no longer sliced by
        assertThat(run("parquet/src/encodings/decoding.rs", diff.replace("data.slice(I32_SIZE..I32_SIZE + data_size)",
                "data.clone()"))).isEmpty();
    }

    @Test
    void aLengthGuardOnAFieldDeletedBeforeTheFnSlicesByTheFieldIsAPanic() {
        // rust-url's PathSegmentsMut::pop with its fix (3174ea5) reversed: a URL without a path panics on pop.
        String diff = """
                  impl<'a> PathSegmentsMut<'a> {
                      pub fn pop(&mut self) -> &mut Self {
                -         if self.after_first_slash >= self.url.serialization.len() {
                -             return self;
                -         }
                          let last_slash = self.url.serialization[self.after_first_slash..].rfind('/').unwrap_or(0);
                          self.url.serialization.truncate(self.after_first_slash + last_slash);
                          self
                      }
                  }
                """;
        assertThat(RuleRun.shape(run("url/src/path_segments.rs", diff))).containsExactly(tuple("PN11", MEDIUM, NEW, 3, 3));
        // the field is not what the fn slices by
        assertThat(run("url/src/path_segments.rs", diff.replace("serialization[self.after_first_slash..]",
                "serialization[self.start..]"))).isEmpty();
    }

    @Test
    void anEmptinessBranchDeletedBeforeTheFnIndexesTheValueIsAPanic() {
        // warp's Route::set_unmatched_path with its fix (28f248d6d) reversed: an empty path reaches `[index]`.
        String diff = """
                  impl Route {
                      pub(crate) fn set_unmatched_path(&mut self, index: usize) {
                          let index = self.segments_index + index;
                          let path = self.req.uri().path();
                -         if path.is_empty() {
                -             return;
                -         } else if path.len() == index {
                +         if path.len() == index {
                              self.segments_index = index;
                          } else {
                              debug_assert_eq!(path.as_bytes()[index], b'/');
                              self.segments_index = index + 1;
                          }
                      }
                  }
                """;
        assertThat(RuleRun.shape(run("src/route.rs", diff))).containsExactly(tuple("PN11", MEDIUM, NEW, 5, 5));
        // a value the fn does not index, and a negated test (the guard left when the path was there)
        assertThat(run("src/route.rs", diff.replace("path.as_bytes()[index]", "path.len()"))).isEmpty();
        assertThat(run("src/route.rs", diff.replace("if path.is_empty() {", "if !path.is_empty() {"))).isEmpty();
    }

    /** yamux's frame writer with its fix (9cab6c9) reversed: the next poll slices the header by the offset. */
    private static final String FRAME_IO = """
              impl<T: AsyncRead + AsyncWrite + Unpin> Sink<Frame<()>> for Io<T> {
                  type Error = io::Error;
                  fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
                      let this = Pin::into_inner(self);
                      loop {
                          match &mut this.write_state {
                              WriteState::Init => return Poll::Ready(Ok(())),
                              WriteState::Header { header, buffer, ref mut offset } => {
                                  match Pin::new(&mut this.io).poll_write(cx, &header[*offset..]) {
                                      Poll::Pending => return Poll::Pending,
                                      Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                                      Poll::Ready(Ok(n)) => {
                                          if n == 0 {
                                              return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
                                          }
                                          *offset += n;
            -                             if *offset > header.len() {
            -                                 return Poll::Ready(Err(io::Error::other("invalid write count")));
            -                             }
                                          if *offset == header.len() {
                                              this.write_state = WriteState::Init;
                                          }
                                      }
                                  }
                              }
                          }
                      }
                  }
              }
            """;

    @Test
    void aLengthGuardDeletedFromAPollFnThatSlicesByTheOffsetIsAPanic() {
        List<Finding> f = run("yamux/src/frame/io.rs", FRAME_IO);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN11", MEDIUM, NEW, 17, 17));
        // the offset only counted, never sliced by: the poll fn's exit stays AL10
        assertThat(RuleRun.shape(run("yamux/src/frame/io.rs", FRAME_IO.replace("&header[*offset..]", "&header[..]"))))
                .containsExactly(tuple("AL10", MEDIUM, NEW, 17, 17));
    }

    /** rand's inclusive uniform sampler (inside its macro_rules! template) with its fix (4e8c7a4ca) reversed. */
    private static final String SAMPLER = """
              macro_rules! uniform_int_impl {
                  ($ty:ty, $unsigned:ident, $u_large:ident) => {
                      impl UniformSampler for UniformInt<$ty> {
                          fn sample_single_inclusive<R: Rng + ?Sized>(low: $ty, high: $ty, rng: &mut R) -> $ty {
                              let range = high.wrapping_sub(low).wrapping_add(1) as $unsigned as $u_large;
            -                 if range == 0 {
            -                     return rng.gen();
            -                 }
                              let unsigned_max: $u_large = ::core::$u_large::MAX;
                              let ints_to_reject = (unsigned_max - range + 1) % range;
                              let zone = unsigned_max - ints_to_reject;
                              loop {
                                  let v: $u_large = rng.gen();
                                  let (hi, lo) = v.wmul(range);
                                  if lo <= zone {
                                      return low.wrapping_add(hi as $ty);
                                  }
                              }
                          }
                      }
                  };
              }
            """;

    @Test
    void aZeroGuardDeletedBeforeTheFnTakesARemainderByTheValueIsAPanic() {
        List<Finding> f = run("src/distributions/uniform.rs", SAMPLER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN11", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo(
                "Guard `if range == 0` removed before code that relies on the value's range in `sample_single_inclusive`");
    }

    @Test
    void aZeroGuardWhoseValueIsNotADivisorAfterwardsIsNotThisRule() {
        // after the guard the value is only multiplied, divided into something else, or indexed by
        assertThat(run("src/distributions/uniform.rs", SAMPLER
                .replace("% range;", "* range;"))).isEmpty();
        assertThat(run("src/distributions/uniform.rs", SAMPLER
                .replace("(unsigned_max - range + 1) % range;", "range / 2;"))).isEmpty();
        assertThat(run("src/distributions/uniform.rs", SAMPLER
                .replace("(unsigned_max - range + 1) % range;", "unsigned_max % range.max(1);"))).isEmpty();
    }

    @Test
    void aGuardTurnedIntoALetElseOrRewrittenInPlaceIsNotRemoved() {
        String guard = """
                  fn take(&mut self, n: usize) -> Option<u32> {
                -     if self.buf.len() < n {
                -         return None;
                -     }
                +     let Some(head) = self.buf.get(..n) else {
                +         self.misses += 1;
                +         return None;
                +     };
                      self.buf.advance(n);
                      Some(1)
                  }
                """;
        assertThat(run("src/reader.rs", guard)).isEmpty();
        // the same guard with its exit dropped from the new code is a removal
        assertThat(RuleRun.shape(run("src/reader.rs", guard.replace("+         return None;\n", "+         panic!();\n"))))
                .containsExactly(tuple("PN11", MEDIUM, NEW, 6, 6));
    }

    @Test
    void aGuardDeletedRightAfterAnOlderGuardWithTheSameExitIsRemoved() {
        // sharded-slab aea693f3 reversed: the overflow guard sat right after an unchanged `return None` guard
        String slot = """
                  fn get(&self, gen: usize) -> Option<u32> {
                      let refs = self.refs();
                      if gen != self.gen() {
                          return None;
                      }
                -     if refs.value >= RefCount::MAX {
                -         return None;
                -     }
                      let new_refs = refs.incr();
                      self.lifecycle.compare_exchange(refs, new_refs, Ordering::AcqRel, Ordering::Acquire).ok()
                  }
                """;
        assertThat(RuleRun.shape(run("src/page/slot.rs", slot))).containsExactly(tuple("CC18", MEDIUM, NEW, 6, 6));
    }

    @Test
    void aNullGuardDeletedBeforeUnsafeCodeIsUnsafeEvenWithAtomicsAfterIt() {
        // pprof-rs b1d02fda reversed: `validate` went on to build a slice from a null address
        String validate = """
                  pub fn validate(addr: *const libc::c_void) -> bool {
                -     if addr.is_null() {
                -         return false;
                -     }
                      let fds = MEM_VALIDATE_PIPE.load(Ordering::SeqCst);
                      let buf = unsafe { std::slice::from_raw_parts(addr as *const u8, CHECK_LENGTH) };
                      write(fds, buf).is_ok()
                  }
                """;
        assertThat(RuleRun.shape(run("src/addr_validate.rs", validate))).containsExactly(tuple("US13", MEDIUM, NEW, 2, 2));
        // another condition before the same code stays with the atomics
        assertThat(RuleRun.shape(run("src/addr_validate.rs", validate.replace("addr.is_null()", "addr.len() > LIMIT"))))
                .containsExactly(tuple("CC18", MEDIUM, NEW, 2, 2));
    }

    /** pgwire's get_cstring with its fix (97b4f1f8) reversed: the not-found check after the scan deleted. */
    private static final String CSTRING = """
              pub(crate) fn get_cstring(buf: &mut BytesMut) -> Option<String> {
                  let mut i = 0;
            +     if buf.remaining() == 0 {
            +         return None;
            +     }
                  while i < buf.remaining() && buf[i] != b'\\0' {
                      i += 1;
                  }
            -     if i == buf.remaining() {
            -         return None;
            -     }
                  let string_buf = buf.split_to(i + 1);
                  Some(String::from_utf8_lossy(&string_buf[..i]).into_owned())
              }
            """;

    @Test
    void aScanEndGuardDeletedBeforeTheFnSplitsPastTheFoundIndexIsAPanic() {
        assertThat(RuleRun.shape(run("src/messages/codec.rs", CSTRING))).containsExactly(tuple("PN11", MEDIUM, NEW, 9, 9));
        assertThat(RuleRun.shape(run("src/messages/codec.rs", CSTRING.replace("if i == buf.remaining()",
                "if buf.remaining() == i")))).containsExactly(tuple("PN11", MEDIUM, NEW, 9, 9));
        // the index is not what the fn splits at afterwards
        assertThat(run("src/messages/codec.rs", CSTRING.replace("buf.split_to(i + 1)", "buf.split_to(n)")
                .replace("&string_buf[..i]", "&string_buf[..]"))).isEmpty();
    }

    /** boringtun's AllowedIps iterator (a fn inside `macro_rules!`) with its fix (d5134977) reversed. */
    private static final String LEAF = """
              macro_rules! build_iter {
                  ($name:ident, $node:ident) => {
                      impl<'a, D> Iterator for $name<'a, D> {
                          fn next(&mut self) -> Option<Self::Item> {
                              let (cur_key, cur_bits) = self.key_hlp.pop().unwrap();
            -                 if cur_bits == BITS && *bits == 0 {
            -                     return Some((data, cur_key, cur_bits));
            -                 }
                              return Some((data, cur_key ^ (key >> cur_bits), cur_bits + bits));
                          }
                      }
                  };
              }
            """;

    @Test
    void aWidthGuardDeletedBeforeTheFnShiftsByTheComparedValueIsAPanic() {
        assertThat(RuleRun.shape(run("src/device/allowed_ips.rs", LEAF))).containsExactly(tuple("PN11", MEDIUM, NEW, 6, 6));
        // the compared value is added, not shifted by
        assertThat(run("src/device/allowed_ips.rs", LEAF.replace("(key >> cur_bits)", "(key + cur_bits)"))).isEmpty();
    }

    /** raft-rs's RawNode::on_entries_fetched with its fix (2a3d7b660) reversed. */
    private static final String FETCHED = """
              impl<T: Storage> RawNode<T> {
                  pub fn on_entries_fetched(&mut self, context: GetEntriesContext) {
                      match context.0 {
                          GetEntriesFor::SendAppend { to, aggressively } => {
            -                 if self.raft.prs().get(to).is_none() {
            -                     // the peer has been removed, do nothing
            -                     return;
            -                 }
                              if aggressively {
                                  self.raft.send_append_aggressively(to)
                              } else {
                                  self.raft.send_append(to)
                              }
                          }
                          GetEntriesFor::Empty(can_async) if can_async => {}
                          _ => panic!("shouldn't call callback on non-async context"),
                      }
                  }
              }
            """;

    @Test
    void aPresenceGuardDeletedBeforeTheKeyIsHandedOnIsAPanic() {
        List<Finding> f = run("src/raw_node.rs", FETCHED);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN15", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo(
                "Guard `if self.raft.prs().get(to).is_none()` removed before code that needs the entry in `on_entries_fetched`");
    }

    @Test
    void aPresenceGuardWhoseKeyIsNotUsedAfterwardsOrALookupThatFoundSomethingIsNotThisRule() {
        // the key is only logged (a format argument) after the guard; a guard on a lookup that found an entry
        assertThat(run("src/raw_node.rs", FETCHED
                .replace("self.raft.send_append_aggressively(to)", "self.raft.ping()")
                .replace("self.raft.send_append(to)", "self.raft.pong()"))).isEmpty();
        assertThat(run("src/raw_node.rs", FETCHED
                .replace(".get(to).is_none()", ".get(to).is_some()"))).isEmpty();
    }

    /** openraft's IOFlushed::io_completed with its fix (2af491fb) reversed: the watermark check in the watch closure. */
    private static final String FLUSHED = """
              impl IOFlushed {
                  pub fn io_completed(self, result: Result<(), io::Error>) {
                      let new_value = result.map(|_| self.io_id);
                      self.tx.send_if_modified(|current| {
                          if current.is_err() {
                              return false;
                          }
            -             if let (Ok(new_id), Ok(current_id)) = (&new_value, &*current)
            -                 && new_id <= current_id
            -             {
            -                 return false;
            -             }
                          *current = new_value;
                          true
                      });
                  }
              }
            """;

    @Test
    void aGuardDeletedInsideAClosureThatRunsUnderTheChannelsLock() {
        assertThat(RuleRun.shape(run("src/storage/callback.rs", FLUSHED))).containsExactly(tuple("CC18", MEDIUM, NEW, 8, 8));
        assertThat(RuleRun.shape(run("src/storage/callback.rs", FLUSHED.replace("send_if_modified", "fetch_update"))))
                .containsExactly(tuple("CC18", MEDIUM, NEW, 8, 8));
        // the same closure handed to a call that takes no lock; the guard outside the closure
        assertThat(run("src/storage/callback.rs", FLUSHED.replace("send_if_modified", "apply_if"))).isEmpty();
        assertThat(run("src/storage/callback.rs", FLUSHED.replace("self.tx.send_if_modified(|current| {", "self.tx.send_if_modified(|current| false);\n                  {")
                .replace("                      });", "                      }"))).isEmpty();
    }

    /** openraft's read_log_entries with its fix (f994c862) reversed: the empty-result exit before first().unwrap(). */
    private static final String READ_LOGS = """
              impl Stream {
                  async fn read_log_entries(&mut self, start: u64, end: u64) -> Result<Vec<Entry>, Error> {
                      let logs = self.reader.limited_get_log_entries(start, end).await?;
            -         if logs.is_empty() {
            -             sleep(Duration::from_millis(10)).await;
            -             return Ok(vec![]);
            -         }
                      let first = logs.first().map(|ent| ent.log_id()).unwrap();
                      let last = logs.last().map(|ent| ent.log_id()).unwrap();
            -         debug_assert!(logs.len() <= (end - start) as usize);
            +         debug_assert!(!logs.is_empty() && logs.len() <= (end - start) as usize);
                      Ok(logs)
                  }
              }
            """;

    @Test
    void anEmptinessExitDeletedBeforeTheFirstElementIsUnwrapped() {
        assertThat(RuleRun.shape(run("src/replication/stream_state.rs", READ_LOGS))).containsExactly(tuple("PN11", MEDIUM, NEW, 4, 4));
        // the condition kept in an assert that release builds run too; the element read without unwrapping; another
        // value unwrapped
        assertThat(run("src/replication/stream_state.rs", READ_LOGS.replace("+         debug_assert!(!logs", "+         assert!(!logs"))).isEmpty();
        assertThat(run("src/replication/stream_state.rs", READ_LOGS.replace(".map(|ent| ent.log_id()).unwrap()", ".map(|ent| ent.log_id())"))).isEmpty();
        assertThat(run("src/replication/stream_state.rs", READ_LOGS.replace("logs.first()", "others.first()")
                .replace("logs.last()", "others.last()"))).isEmpty();
    }

    /** A guard clause deleted in front of an index the change leaves alone (the shape PN26 cannot see). */
    private static final String GRID = """
              impl Grid {
                  pub fn cell_count(&self, row: usize) -> usize {
            -         if row >= self.rows.len() {
            -             return 0;
            -         }
                      self.rows[row].cells.len()
                  }

                  pub fn rows(&self) -> usize {
                      self.rows.len()
                  }
              }
            """;

    @Test
    void aLengthGuardDeletedBeforeTheFnIndexesByTheValueIsAPanic() {
        List<Finding> f = run("src/grid.rs", GRID);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN11", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo(
                "Guard `if row >= self.rows.len()` removed before code that relies on the value's range in `cell_count`");
        assertThat(RuleRun.shape(run("src/grid.rs", GRID.replace("self.rows[row].cells", "self.rows[row as usize].cells"))))
                .containsExactly(tuple("PN11", MEDIUM, NEW, 3, 3));
        // the fix direction; the lookup made fallible; an index by another value (a debug_assert keeps nothing)
        String fix = GRID.replaceAll("(?m)^-", "+");
        assertThat(run("src/grid.rs", fix)).isEmpty();
        assertThat(run("src/grid.rs", GRID.replace("self.rows[row].cells.len()",
                "self.rows.get(row).map_or(0, |r| r.cells.len())"))).isEmpty();
        assertThat(run("src/grid.rs", GRID.replace("self.rows[row].cells", "self.rows[0].cells"))).isEmpty();
        assertThat(run("src/grid.rs", GRID.replace("              self.rows.len()\n",
                "              debug_assert!(row < self.rows.len()); self.rows.len()\n"))).hasSize(1);
    }

    /** pgdog's cross-shard average with its fix (a10ef611) reversed: shards that all returned no rows. */
    private static final String AVG = """
              impl Avg {
                  pub(super) fn finalize(self) -> Result<Datum, Error> {
                      let total_count: i64 = self.values_and_weights.iter().map(|i| i.1).sum();
                      let total_count = Decimal::from(total_count);
            -
            -         if total_count.is_zero() {
            -             return Ok(Datum::Null);
            -         }
            -
                      let result = self
                          .values_and_weights
                          .into_iter()
                          .try_fold(Datum::Null, |acc, (value, weight)| {
                              checked_mul_add(value, Decimal::from(weight) / total_count, acc)
                          });
                      result
                  }
              }
            """;

    @Test
    void aZeroTestByMethodDeletedBeforeTheFnDividesByTheValueIsAPanic() {
        List<Finding> f = run("pgdog/src/backend/pool/connection/aggregate/avg.rs", AVG);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN11", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo(
                "Guard `if total_count.is_zero()` removed before code that relies on the value's range in `finalize`");
        // the value multiplied, not divided by; a guard for a non-zero value (nothing to divide by there)
        assertThat(run("src/avg.rs", AVG.replace("/ total_count", "* total_count"))).isEmpty();
        assertThat(run("src/avg.rs", AVG.replace("if total_count.is_zero()", "if !total_count.is_zero()"))).isEmpty();
        assertThat(run("src/avg.rs", AVG.replaceAll("(?m)^-", "+"))).isEmpty();
    }

    /** vhost-user-backend's set_vring_base with its fix (38c442d0) reversed: a frontend's index reaches the vector. */
    private static final String VRING = """
              impl VhostUserHandler {
                  fn set_vring_base(&mut self, index: u32, base: u32) -> VhostUserResult<()> {
            -         if index as usize >= self.num_queues {
            -             return Err(VhostUserError::InvalidParam);
            -         }
            -
                      let event_idx: bool = (self.acked_features & (1 << VIRTIO_RING_F_EVENT_IDX)) != 0;
                      self.vrings[index as usize].set_queue_next_avail(base as u16);
                      Ok(())
                  }
              }
            """;

    @Test
    void aBoundCheckDeletedBeforeTheFnIndexesByTheValueIsAPanic() {
        List<Finding> f = run("vhost-user-backend/src/handler.rs", VRING);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN11", MEDIUM, NEW, 3, 3));
        // the value not used as an index; a lower bound; the guard kept
        assertThat(run("src/handler.rs", VRING.replace("self.vrings[index as usize]", "self.vrings[0]"))).isEmpty();
        assertThat(run("src/handler.rs", VRING.replace("if index as usize >= self.num_queues", "if index as usize <= self.num_queues"))).isEmpty();
        assertThat(run("src/handler.rs", VRING.replaceAll("(?m)^-", " "))).isEmpty();
    }

    /** x11rb's wait_for_reply with its fix (7c1e198a) reversed: a guard that returned with `Err(..)?` deleted. */
    private static final String REPLY = """
              impl Connection for XCBConnection {
                  fn wait_for_reply(&self, sequence: u64) -> Result<CSlice, ConnectionError> {
                      unsafe {
                          let mut error = null_mut();
                          let reply = raw_ffi::xcb_wait_for_reply64((self.0).0, sequence, &mut error);
            -             if reply == null_mut() && error == null_mut() {
            -                 Err(Self::connection_error_from_connection((self.0).0))?
            -             }
                          let header = CSlice::new(reply as _, 32);
                          Ok(header)
                      }
                  }
              }
            """;

    @Test
    void aGuardThatReturnedWithTheTryOperatorIsAGuardToo() {
        assertThat(RuleRun.shape(run("src/xcb_ffi.rs", REPLY))).containsExactly(tuple("US13", MEDIUM, NEW, 6, 6));
        // an `if` whose block does something else and goes on is no guard
        assertThat(run("src/xcb_ffi.rs", REPLY.replace("Err(Self::connection_error_from_connection((self.0).0))?",
                "log_error(Self::connection_error_from_connection((self.0).0))"))).isEmpty();
    }
}
