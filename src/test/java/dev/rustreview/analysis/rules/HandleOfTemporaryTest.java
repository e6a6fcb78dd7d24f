package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US17: a raw handle of a temporary kept past the statement that drops the temporary. */
class HandleOfTemporaryTest {

    private final HandleOfTemporary rule = new HandleOfTemporary();

    @Test
    void theDescriptorOfAClosingFileDescKeptAsAnIfBlocksValue() {
        // crossterm's size() with its fix (1dd20f3a) reversed: ioctl ran on a descriptor already closed.
        List<Finding> f = RuleRun.on(rule, "src/terminal/sys/unix.rs", """
                  pub(crate) fn size() -> Result<(u16, u16)> {
                      let mut size = winsize { ws_row: 0, ws_col: 0, ws_xpixel: 0, ws_ypixel: 0 };
                -     let file = File::open("/dev/tty").map(|file| (FileDesc::new(file.into_raw_fd(), true)));
                -     let fd = if let Ok(file) = &file {
                -         file.raw_fd()
                +     let fd = if let Ok(file) = File::open("/dev/tty") {
                +         FileDesc::new(file.into_raw_fd(), true).raw_fd()
                      } else {
                          STDOUT_FILENO
                      };
                      if wrap_with_result(unsafe { ioctl(fd, TIOCGWINSZ.into(), &mut size) }).is_ok() {
                          return Ok((size.ws_col, size.ws_row));
                      }
                      tput_size().ok_or_else(|| std::io::Error::last_os_error().into())
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US17", HIGH, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo(
                "`raw_fd()` of the temporary `FileDesc::new(file.into_raw_fd(), true)` outlives it in `size`");
        assertThat(f.get(0).explanation()).contains("closes the descriptor");
    }

    @Test
    void boundAssignedReturnedOrAnArmsValue() {
        List<Finding> f = RuleRun.on(rule, "src/ffi.rs", """
                  fn open_all(path: &Path, name: &str, this: &mut State) -> io::Result<RawFd> {
                +     let fd = std::fs::File::open(path)?.as_raw_fd();
                +     let c: *const c_char = CString::new(name).unwrap().as_ptr();
                +     this.buf = vec![0u8; 64].as_mut_ptr();
                +     let bytes = name.to_owned().as_bytes().as_ptr();
                +     let p = match name.len() {
                +         0 => MaybeUninit::<Header>::uninit().as_mut_ptr(),
                +         _ => ptr::null_mut(),
                +     };
                +     return TcpStream::connect(name)?.as_raw_fd() as i32;
                  }
                """);
        assertThat(f).extracting(Finding::startLine).containsExactly(2, 3, 4, 5, 7, 10);
        assertThat(f.get(1).explanation()).contains("use after free");
        assertThat(f.get(0).title()).isEqualTo("`as_raw_fd()` of the temporary `std::fs::File::open(path)?` outlives it in "
                + "`open_all`");
    }

    @Test
    void quietWhenTheHandleIsUsedInsideTheStatementOrTheOwnerIsNamedOrDoesNotOwn() {
        List<Finding> f = RuleRun.on(rule, "src/ffi.rs", """
                  fn fine(path: &Path, name: &str, raw: *mut u8) -> io::Result<()> {
                +     let r = unsafe { libc::ioctl(File::open(path)?.as_raw_fd(), FIONREAD, &mut n) };
                +     let file = File::open(path)?;
                +     let fd = file.as_raw_fd();
                +     let p = NonNull::new(raw).unwrap().as_ptr();
                +     let q = ManuallyDrop::new(vec![1u8]).as_mut_ptr();
                +     let s = self.name.as_ptr();
                +     let same = buf.as_ptr() == Vec::<u8>::new().as_ptr();
                +     write(CString::new(name)?.as_ptr());
                +     let misalign = Vec::<u64>::with_capacity(8).as_ptr().align_offset(64);
                +     CString::new(name)?.as_ptr().hash(&mut hasher);
                      let old = File::open(path)?.as_raw_fd();
                      Ok(())
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void aTestFnIsLeftAlone() {
        List<Finding> f = RuleRun.on(rule, "src/lib.rs", """
                  #[cfg(test)]
                  mod tests {
                      #[test]
                      fn fd() {
                +         let fd = File::open("x").unwrap().as_raw_fd();
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
