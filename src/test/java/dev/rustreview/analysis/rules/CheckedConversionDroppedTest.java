package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER9: a checked integer conversion replaced by an {@code as} cast of the same value. */
class CheckedConversionDroppedTest {

    private final CheckedConversionDropped er9 = new CheckedConversionDropped();

    @Test
    void aTryIntoBoundToANameThenCastWithAsIsReported() {
        // memmap2 1e1c34cd reversed: a 64-bit offset cast to a 32-bit off_t.
        List<Finding> f = RuleRun.on(er9, "src/unix.rs", """
                  impl MmapInner {
                      fn new(len: usize, prot: libc::c_int, flags: libc::c_int, file: RawFd, offset: u64) -> io::Result<MmapInner> {
                          let alignment = offset % page_size() as u64;
                -         let aligned_offset: libc::off_t = (offset - alignment).try_into().map_err(|_| {
                -             io::Error::new(io::ErrorKind::InvalidData, "memory map offset overflows libc::off_t")
                -         })?;
                +         let aligned_offset = offset - alignment;
                          let aligned_len = len + alignment as usize;
                          unsafe {
                              let ptr = libc::mmap(ptr::null_mut(), aligned_len as libc::size_t, prot, flags, file,
                -                 aligned_offset,
                +                 aligned_offset as libc::off_t,
                              );
                              Ok(MmapInner { ptr, len })
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER9", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("`aligned_offset as libc::off_t` replaces a checked conversion in `new`");
    }

    @Test
    void aTryFromReplacedByACastIsReportedButACastOfAnotherValueOrAKeptCheckIsNot() {
        List<Finding> f = RuleRun.on(er9, "src/frame.rs", """
                  impl Header {
                      fn encode_len(&self, len: usize, dst: &mut Vec<u8>) -> Result<(), Error> {
                -         let n = u32::try_from(len).map_err(|_| Error::TooLong)?;
                +         let n = len as u32;
                          dst.extend_from_slice(&n.to_be_bytes());
                          Ok(())
                      }
                      fn encode_id(&self, id: u64, tag: usize, dst: &mut Vec<u8>) -> Result<(), Error> {
                -         let id = u32::try_from(id).map_err(|_| Error::BadId)?;
                +         let id: u32 = id.try_into().map_err(|_| Error::BadId)?;
                +         let tag = tag as u8;
                          dst.push(tag);
                          dst.extend_from_slice(&id.to_be_bytes());
                          Ok(())
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER9", MEDIUM, NEW, 3, 3));
    }
}
