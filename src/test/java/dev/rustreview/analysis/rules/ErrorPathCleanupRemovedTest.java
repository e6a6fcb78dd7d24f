package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER7: a release deleted from a path that returns an error. */
class ErrorPathCleanupRemovedTest {

    private final ErrorPathCleanupRemoved er7 = new ErrorPathCleanupRemoved();

    @Test
    void anErrorArmThatClosedTheDescriptorReplacedByQuestionMarkIsReported() {
        // may 816558d9 reversed (epoll): the eventfd error path no longer closes the epoll descriptor.
        List<Finding> f = RuleRun.on(er7, "src/io/sys/unix/epoll.rs", """
                  impl SingleSelector {
                      pub fn new() -> io::Result<Self> {
                          let epfd = epoll_create1(EpollCreateFlags::EPOLL_CLOEXEC).map_err(from_nix_error)?;
                -         let evfd = match create_eventfd() {
                -             Ok(fd) => fd,
                -             Err(err) => {
                -                 let _ = close(epfd);
                -                 return Err(err);
                -             }
                -         };
                +         let evfd = create_eventfd()?;
                          Ok(SingleSelector { epfd, evfd })
                      }
                      fn drop_fds(&self) {
                          let _ = close(self.evfd);
                          let _ = close(self.epfd);
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER7", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("An error path of `new` no longer calls `close(epfd)`");
    }

    @Test
    void aCloseDeletedInFrontOfReturnErrIsReportedAtTheReturn() {
        // may 816558d9 reversed (kqueue).
        List<Finding> f = RuleRun.on(er7, "src/io/sys/unix/kqueue.rs", """
                  impl Selector {
                      pub fn new() -> io::Result<Self> {
                          let kqfd = unsafe { libc::kqueue() };
                          let ret = unsafe { libc::kevent(kqfd, &kev, 1, ptr::null_mut(), 0, ptr::null()) };
                          if ret < 0 {
                -             unsafe { libc::close(kqfd) };
                              return Err(io::Error::last_os_error());
                          }
                          Ok(Selector { kqfd })
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER7", MEDIUM, NEW, 6, 6));
    }

    @Test
    void aReleaseMovedOrDeletedFromTheSuccessPathIsNotReported() {
        // Hard negatives: a close moved within the error arm (made as often as before); a close deleted from the
        // success path, where no error is returned.
        List<Finding> f = RuleRun.on(er7, "src/sys.rs", """
                  pub fn open_pair() -> io::Result<(i32, i32)> {
                      let a = open_one()?;
                      let b = match open_one() {
                          Ok(fd) => fd,
                          Err(err) => {
                -             let _ = close(a);
                              log::warn!("second open failed");
                +             let _ = close(a);
                              return Err(err);
                          }
                      };
                      Ok((a, b))
                  }
                  pub fn finish(fd: i32) -> io::Result<()> {
                      flush(fd)?;
                -     close(fd);
                      Ok(())
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void aPrefixedFfiCloseDeletedFromAnArmWhoseValueIsTheErrorIsReported() {
        // diesel e0bf2c08 reversed: a failed sqlite3_open_v2 may still allocate the handle; the arm no longer closes it
        String bug = """
                  pub(super) fn establish(database_url: &str) -> ConnectionResult<Self> {
                      let mut conn_pointer = ptr::null_mut();
                      let connection_status = unsafe { ffi::sqlite3_open_v2(url.as_ptr(), &mut conn_pointer, flags, ptr::null()) };
                      match connection_status {
                          ffi::SQLITE_OK => Ok(RawConnection { internal_connection: conn_pointer }),
                          err_code => {
                              let message = super::error_message(err_code);
                -             unsafe { ffi::sqlite3_close(conn_pointer) };
                              Err(ConnectionError::BadConnection(message.into()))
                          }
                      }
                  }
                """;
        List<Finding> f = RuleRun.on(er7, "diesel/src/sqlite/connection/raw.rs", bug);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER7", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("An error path of `establish` no longer calls `sqlite3_close(conn_pointer)`");
        // the fix adds it back; a success arm's value is not an error path
        assertThat(RuleRun.on(er7, "src/raw.rs", bug.replace("-             unsafe", "+             unsafe"))).isEmpty();
        assertThat(RuleRun.on(er7, "src/raw.rs", bug.replace("Err(ConnectionError::BadConnection(message.into()))",
                "Ok(Fallback::new(message))"))).isEmpty();
    }

    @Test
    void aRawBoxNoLongerReclaimedWhenTheCallThatTakesItFailsIsUs21() {
        // napi-rs e2903569 reversed: the callback box is leaked when napi_create_threadsafe_function fails
        String bug = """
                  pub(crate) fn create(env: sys::napi_env, func: sys::napi_value, callback: F) -> Result<Self> {
                      let callback_ptr = Box::into_raw(Box::new(callback));
                      let handle = create_raw(
                          env,
                          func,
                          callback_ptr.cast(),
                -     )
                -     .inspect_err(|_| {
                -         drop(unsafe { Box::from_raw(callback_ptr) });
                -     })?;
                +     )?;
                      Ok(ThreadsafeFunction { handle })
                  }
                """;
        ErrorPathCleanupRemoved us21 = ErrorPathCleanupRemoved.rawReclaim();
        List<Finding> f = RuleRun.on(us21, "crates/napi/src/threadsafe_function.rs", bug);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US21", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("An error path of `create` no longer calls `Box::from_raw(callback_ptr)`");
        // ER7 does not read reclaims, and the fix or a reclaim moved elsewhere in the fn is not reported
        assertThat(RuleRun.on(er7, "src/tsfn.rs", bug)).isEmpty();
        String fix = bug.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+         drop(unsafe { Box::from_raw(callback_ptr) });");
        assertThat(RuleRun.on(us21, "src/tsfn.rs", fix)).isEmpty();
        assertThat(RuleRun.on(us21, "src/tsfn.rs", bug.replace("      Ok(ThreadsafeFunction { handle })",
                "+     if handle.is_null() { drop(unsafe { Box::from_raw(callback_ptr) }); }\n      Ok(ThreadsafeFunction { handle })")))
                .isEmpty();
        // the reclaim rewritten with another name for the pointer (oneshot 2011beea) is not a removal
        assertThat(RuleRun.on(us21, "src/lib.rs", """
                  pub fn send(self, message: T) -> Result<(), SendError<T>> {
                -     let state_ptr = self.state_ptr;
                +     let channel: &mut State<T> = unsafe { &mut *self.state_ptr };
                      match previous_state {
                          DISCONNECTED => {
                -             unsafe { Box::from_raw(state_ptr) };
                +             unsafe { Box::from_raw(channel) };
                              Err(SendError::new(message))
                          }
                          _ => Ok(()),
                      }
                  }
                """)).isEmpty();
        // nor with an argument the pattern does not read (seize 40b6b39a: a slice pointer built in the call)
        assertThat(RuleRun.on(us21, "src/tls/mod.rs", """
                  fn get_or(&self, thread: Thread) -> &T {
                      match self.buckets.compare_exchange(null, new_bucket) {
                          Ok(_) => {}
                          Err(other) => unsafe {
                -             let _ = Box::from_raw(new_bucket);
                +             let _ = Box::from_raw(ptr::slice_from_raw_parts_mut(
                +                 new_bucket,
                +                 thread.bucket_size,
                +             ));
                              return Err(other);
                          },
                      }
                  }
                """)).isEmpty();
        // a success adapter's closure is not an error path
        assertThat(RuleRun.on(us21, "src/tsfn.rs", bug.replace(".inspect_err(|_|", ".inspect(|_|"))).isEmpty();
    }
}
