package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN5's length shapes: a clamp to a length removed before a range, a subtraction check rewritten as a sum. */
class LengthBoundShapesTest {

    private final PanickingTwinAdded pn5 = new PanickingTwinAdded();

    @Test
    void aClampToTheQueueLengthRemovedBeforeDrainIsReported() {
        // parity-db c8bed2be reversed: the count a caller read earlier drains the queue without the clamp.
        List<Finding> f = RuleRun.on(pn5, "src/log.rs", """
                  impl Log {
                -     pub fn clean_logs(&self, max_count: usize) -> Result<bool> {
                -         let mut cleaned: Vec<_> = {
                -             let mut queue = self.cleanup_queue.write();
                -             let count = min(max_count, queue.len());
                -             queue.drain(0..count).collect()
                -         };
                +     pub fn clean_logs(&self, count: usize) -> Result<bool> {
                +         let mut cleaned: Vec<_> = { self.cleanup_queue.write().drain(0..count).collect() };
                          for (id, ref mut file) in cleaned.iter_mut() {
                              file.seek(std::io::SeekFrom::Start(0))?;
                          }
                          Ok(!cleaned.is_empty())
                      }
                      pub fn num_dirty_logs(&self) -> usize {
                          self.cleanup_queue.read().len()
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo(
                "`count` is no longer clamped to `queue.len()` before it bounds a range in `clean_logs`");
    }

    @Test
    void aClampThatMovedOrAClampOfAnotherValueIsNotReported() {
        // Hard negatives: the clamp became a method call; the removed min is not of a length; the clamp to the
        // same length takes another maximum (tokio's Buf::copy_from); a comparison with the length replaces it.
        List<Finding> f = RuleRun.on(pn5, "src/queue.rs", """
                  impl Queue {
                      pub fn take(&self, n: usize) -> Vec<u8> {
                          let mut q = self.items.lock();
                -         let n = min(n, q.len());
                +         let n = n.min(q.len());
                          q.drain(..n).collect()
                      }
                      pub fn head(&self, n: usize, cap: usize) -> &[u8] {
                -         let n = min(n, cap);
                +         let n = n;
                          &self.buf[..n]
                      }
                      pub fn copy_from(&mut self, src: &[u8], max_buf_size: usize) -> usize {
                -         let n = cmp::min(src.len(), MAX_BUF);
                +         let n = cmp::min(src.len(), max_buf_size);
                          self.buf.extend_from_slice(&src[..n]);
                          n
                      }
                      pub fn front(&self, k: usize) -> &[u8] {
                -         let k = k.min(self.buf.len());
                +         if k > self.buf.len() {
                +             return &[];
                +         }
                          &self.buf[..k]
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void anOverflowSafeComparisonRewrittenAsASumIsReported() {
        // tungstenite c0cde689 reversed: a peer's 64-bit length plus the header length overflows.
        List<Finding> f = RuleRun.on(pn5, "src/protocol/frame/frame.rs", """
                  impl Frame {
                      pub fn parse(cursor: &mut Cursor<impl AsRef<[u8]>>) -> Result<Option<(FrameHeader, u64)>> {
                          let initial = cursor.position();
                          let (header, length) = FrameHeader::parse(cursor)?;
                          let header_length = cursor.position() - initial;
                          let size = cursor.get_ref().as_ref().len() as u64 - initial;
                -         if size < header_length || size - header_length < length {
                +         if size < length + header_length {
                              cursor.set_position(initial);
                              return Ok(None);
                          }
                          Ok(Some((header, length)))
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo(
                "`size < length + header_length` in `parse` adds where the check subtracted (`size - header_length`)");
    }

    @Test
    void aSumOnTheLeftOfTheComparisonIsReportedToo() {
        List<Finding> f = RuleRun.on(pn5, "src/reader.rs", """
                  impl Reader {
                      fn take(&mut self, offset: usize, len: usize) -> Option<&[u8]> {
                -         if offset > self.buf.len() || len > self.buf.len() - offset {
                +         if offset + len > self.buf.len() {
                              return None;
                          }
                          Some(&self.buf[offset..offset + len])
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).startsWith("`offset + len > self.buf.len()` in `take` adds where the check subtracted");
    }

    @Test
    void aSumWithNoSubtractionBeforeOrWithTheSubtractionKeptIsNotReported() {
        // Hard negatives: a new sum where nothing subtracted before; the subtraction form stays beside the sum; a
        // longer sum of other values.
        List<Finding> f = RuleRun.on(pn5, "src/codec.rs", """
                  impl Codec {
                      fn fits(&self, size: usize, header: usize, len: usize) -> bool {
                -         size >= len * 2
                +         size >= len + header
                      }
                      fn room(&self, size: usize, header: usize, len: usize) -> bool {
                -         let left = size - header;
                +         let left = size - header;
                +         let ok = size < len + header;
                          ok && left > 0
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
