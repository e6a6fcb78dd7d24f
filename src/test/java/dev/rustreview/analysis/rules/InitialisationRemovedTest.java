package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** US12: initialised memory replaced by uninitialised memory in one fn. */
class InitialisationRemovedTest {

    private final InitialisationRemoved us12 = new InitialisationRemoved();

    @Test
    void aZeroedControlBufferBecomesMaybeUninit() {
        // quinn-udp's receive path with its fix (76b89160) reversed.
        List<Finding> f = RuleRun.on(us12, "quinn-udp/src/unix.rs", """
                  fn recv(io: SockRef<'_>, bufs: &mut [IoSliceMut<'_>], meta: &mut [RecvMeta]) -> io::Result<usize> {
                      let mut names = [MaybeUninit::<libc::sockaddr_storage>::uninit(); BATCH_SIZE];
                -     // macOS does not report how much of the control buffer it wrote: zero it.
                -     let mut ctrls = [cmsg::Aligned([0u8; CMSG_LEN]); BATCH_SIZE];
                +     let mut ctrls = [cmsg::Aligned(MaybeUninit::<[u8; CMSG_LEN]>::uninit()); BATCH_SIZE];
                      let n = unsafe { recvmsg_x(io.as_raw_fd(), names.as_mut_ptr(), ctrls.as_mut_ptr()) };
                      Ok(n)
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US12", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`MaybeUninit::<[u8;CMSG_LEN]>::uninit()` replaces initialised memory in `recv`");
    }

    @Test
    void quietWhenZeroingStaysUninitWasAlreadyThereOrBothGoAway() {
        List<Finding> f = RuleRun.on(us12, "src/lib.rs", """
                  fn read_more(fd: i32) -> Vec<u8> {
                      let mut buf = vec![0u8; 4096];
                -     let n = read(fd, &mut buf);
                +     let n = read(fd, &mut buf).max(0);
                      let mut out: Vec<u8> = Vec::with_capacity(16);
                      unsafe { out.set_len(0) };
                      buf.truncate(n as usize);
                      buf
                  }
                  fn header() -> [u8; 4] {
                -     let mut h = [0u8; 4];
                -     h[0] = 1;
                -     h
                +     [1, 0, 0, 0]
                  }
                  fn scratch() -> Vec<u8> {
                -     let mut v = vec![0; 64];
                +     let mut v = Vec::with_capacity(64);
                +     v.extend_from_slice(&[1; 64]);
                      v
                  }
                """);
        assertThat(f).isEmpty();
    }
}
