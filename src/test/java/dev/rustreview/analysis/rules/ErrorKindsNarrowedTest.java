package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER4: a fn that sorts errors by kind stops naming some of them. */
class ErrorKindsNarrowedTest {

    private final ErrorKindsNarrowed er4 = new ErrorKindsNarrowed();

    @Test
    void kindsAddedToAnArmThatAnswersWithSuccessAreSwallowed() {
        // compio 1ff10edeb reversed: a reset or refused connection's shutdown error reads as success.
        List<Finding> f = RuleRun.on(er4, "compio-net/src/socket/mod.rs", """
                  impl Socket {
                      pub async fn shutdown(&self) -> io::Result<()> {
                          match self.shutdown_impl().await {
                -             Err(e) if e.kind() == io::ErrorKind::NotConnected => Ok(()),
                -             res => res,
                +             Ok(_) => Ok(()),
                +             Err(e)
                +                 if matches!(
                +                     e.kind(),
                +                     io::ErrorKind::NotConnected
                +                         | io::ErrorKind::ConnectionAborted
                +                         | io::ErrorKind::ConnectionReset
                +                 ) =>
                +             {
                +                 Ok(())
                +             }
                +             Err(e) => Err(e),
                          }
                      }
                      pub fn read_retrying(&self, buf: &mut [u8]) -> io::Result<usize> {
                          loop {
                              match self.read(buf) {
                                  Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(e),
                +                 Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(0),
                +                 Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Err(e),
                                  res => return res,
                              }
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER4", MEDIUM, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo("`shutdown` now turns `ConnectionAborted`, `ConnectionReset` into success");
    }

    @Test
    void kindsDroppedFromASurvivableListAreReported() {
        // tonic 474390bd reversed: a reset connection now stops the accept loop.
        List<Finding> f = RuleRun.on(er4, "src/transport/incoming.rs", """
                  use std::io;
                  use std::ops::ControlFlow;
                  fn handle_accept_error(e: io::Error) -> ControlFlow<io::Error> {
                      if matches!(
                          e.kind(),
                          io::ErrorKind::ConnectionAborted
                -             | io::ErrorKind::ConnectionReset
                -             | io::ErrorKind::BrokenPipe
                              | io::ErrorKind::Interrupted
                      ) {
                          return ControlFlow::Continue(());
                      }
                      ControlFlow::Break(e)
                  }
                  pub fn serve(errors: Vec<io::Error>) -> Option<io::Error> {
                      for e in errors {
                          if let ControlFlow::Break(e) = handle_accept_error(e) {
                              return Some(e);
                          }
                      }
                      None
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER4", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`handle_accept_error` no longer names `ConnectionReset`, `BrokenPipe`");
        assertThat(f.get(0).explanation()).contains("old line 7");
    }

    @Test
    void aKindRenamedKeptElsewhereOrAFnNoLongerSortingByKindIsNotReported() {
        // Hard negatives: the kind is moved to another arm of the same fn; the fn stops sorting by kind at all;
        // a kind is added, not dropped; a test fn narrows its list.
        List<Finding> f = RuleRun.on(er4, "src/retry.rs", """
                  use std::io::{self, ErrorKind};
                  pub fn retryable(e: &io::Error) -> bool {
                      match e.kind() {
                -         ErrorKind::Interrupted | ErrorKind::WouldBlock => true,
                +         ErrorKind::Interrupted => true,
                +         ErrorKind::WouldBlock => true,
                          _ => false,
                      }
                  }
                  pub fn fatal(e: &io::Error) -> bool {
                -     e.kind() == ErrorKind::PermissionDenied
                +     e.raw_os_error().is_some()
                  }
                  pub fn transient(e: &io::Error) -> bool {
                -     matches!(e.kind(), ErrorKind::TimedOut)
                +     matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::Interrupted)
                  }
                  #[cfg(test)]
                  mod tests {
                      use super::*;
                      fn expected(e: &io::Error) -> bool {
                -         matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::NotFound)
                +         matches!(e.kind(), ErrorKind::TimedOut)
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void errnoConstantsCountToo() {
        List<Finding> f = RuleRun.on(er4, "src/sys.rs", """
                  pub fn should_retry(errno: i32) -> bool {
                -     errno == libc::EINTR || errno == libc::EAGAIN
                +     errno == libc::EAGAIN
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER4", MEDIUM, NEW, 2, 2));
    }

    @Test
    void aKindThatOnlyBuiltAnErrorIsNotAClassification() {
        // tokio-uring 5fb1a4f6: `io::Error::new(ErrorKind::Other, ..)` became `io::Error::other(..)` in a fn that
        // still sorts by `AlreadyExists`.
        List<Finding> f = RuleRun.on(er4, "src/fs/create_dir_all.rs", """
                  async fn create(path: &Path) -> io::Result<()> {
                      match mkdir(path).await {
                          Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
                -         Err(_) => Err(io::Error::new(io::ErrorKind::Other, "failed to create whole tree")),
                +         Err(_) => Err(io::Error::other("failed to create whole tree")),
                          Ok(()) => Ok(()),
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
    @Test
    void aPollFnThatNoLongerTurnsWouldBlockIntoPendingIsReported() {
        // tokio-tungstenite ab11df60 reversed: poll_close hands a not-yet-writable socket's WouldBlock to the caller.
        List<Finding> f = RuleRun.on(er4, "src/lib.rs", """
                  impl<T> Sink<Message> for WebSocketStream<T> {
                      fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
                          match (*self).with_context(Some((ContextWaker::Write, cx)), |s| s.close(None)) {
                              Ok(()) => Poll::Ready(Ok(())),
                              Err(WsError::ConnectionClosed) => Poll::Ready(Ok(())),
                -             Err(WsError::Io(err)) if err.kind() == std::io::ErrorKind::WouldBlock => {
                -                 self.closing = true;
                -                 Poll::Pending
                -             }
                              Err(err) => {
                                  debug!("websocket close error: {}", err);
                                  Poll::Ready(Err(err))
                              }
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER4", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("`poll_close` now returns `WouldBlock` as an error instead of `Poll::Pending`");
    }

    @Test
    void aPollFnHandingTheResultToAConverterIsNotReported() {
        // Hard negative: `cvt` (in another file) may map WouldBlock itself; nothing here returns Ready(Err(..)).
        List<Finding> f = RuleRun.on(er4, "src/lib.rs", """
                  impl<T> Sink<Message> for WebSocketStream<T> {
                      fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
                -         match (*self).with_context(Some((ContextWaker::Write, cx)), |s| s.write_pending()) {
                -             Ok(()) => Poll::Ready(Ok(())),
                -             Err(WsError::Io(ref e)) if e.kind() == std::io::ErrorKind::WouldBlock => Poll::Pending,
                -             Err(e) => Poll::Ready(Err(e)),
                -         }
                +         (*self).with_context(Some((ContextWaker::Write, cx)), |s| cvt(s.write_pending()))
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    /** rustup 05b57a72, reversed: a checksum failure of the v2 manifest carved out of the error path as "no update". */
    private static final String RUSTUP = """
              async fn try_update_from_dist_(download: DownloadCfg<'_>, toolchain: &ToolchainDesc) -> Result<Option<String>> {
                  match dl_v2_manifest(download, toolchain).await {
                      Ok(Some((m, hash))) => return Ok(Some(hash)),
                      Ok(None) => return Ok(None),
                      Err(err) => {
                          match err.downcast_ref::<RustupError>() {
                              Some(RustupError::DownloadNotExists { .. }) => {
                                  debug!("manifest not found; trying legacy manifest");
                              }
            -                 // Includes `ChecksumFailed`: surface the integrity failure as an error
            -                 // rather than silently treating the toolchain as up to date.
            +                 Some(RustupError::ChecksumFailed { .. }) => return Ok(None),
                              _ => return Err(err),
                          }
                      }
                  }
                  match dl_v1_manifest(download, toolchain).await {
                      Ok(m) => Ok(Some(m)),
                      Err(err) => match err.downcast_ref::<RustupError>() {
                          Some(RustupError::ChecksumFailed { .. }) => return Err(err),
                          _ => Err(err),
                      },
                  }
              }
            """;

    @Test
    void anErrorVariantCarvedOutAsSuccess() {
        List<Finding> f = RuleRun.on(er4, "src/dist/mod.rs", RUSTUP);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER4", MEDIUM, NEW, 10, 10));
        assertThat(f.get(0).title()).isEqualTo("`try_update_from_dist_` now turns `ChecksumFailed` into success");
        // the fix direction, and a variant added to an arm that still fails or one that was there before
        assertThat(RuleRun.on(er4, "src/dist/mod.rs", RUSTUP.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(er4, "src/dist/mod.rs", """
                  fn classify(err: &anyhow::Error) -> Result<()> {
                      match err.downcast_ref::<RustupError>() {
                          Some(RustupError::DownloadNotExists { .. }) => Ok(()),
                +         Some(RustupError::ChecksumFailed { .. }) => Err(anyhow!("checksum")),
                -         _ => Err(anyhow!("other")),
                +         _ => Err(anyhow!("other error")),
                      }
                  }
                """)).isEmpty();
    }

    /** cxx 1dd71ca1, reversed: a simultaneous build script that already created the link fails the build. */
    private static final String SYMLINK = """
              pub(crate) fn symlink_file(original: impl AsRef<Path>, link: impl AsRef<Path>) -> Result<()> {
                  let original = original.as_ref();
                  let link = link.as_ref();
                  let mut create_dir_error = None;
                  if fs::exists(link) {
                      best_effort_remove(link);
                  } else {
                      let parent = link.parent().unwrap();
                      create_dir_error = fs::create_dir_all(parent).err();
                  }
                  match symlink_or_copy(original, link) {
                      Ok(()) => Ok(()),
            -         Err(err) => {
            -             if err.kind() == io::ErrorKind::AlreadyExists {
            -                 // This is fine, a different simultaneous build script already
            -                 // created the same link or copy. The cxx_build target directory
            -                 // is laid out such that the same path never refers to two
            -                 // different targets during the same multi-crate build, so if
            -                 // some other build script already created the same path then we
            -                 // know it refers to the identical target that the current build
            -                 // script was trying to create.
            -                 Ok(())
            -             } else {
            -                 Err(Error::Fs(create_dir_error.unwrap_or(err)))
            -             }
            -         }
            +         // If create_dir_all and symlink_or_copy both failed, prefer the first error.
            +         Err(err) => Err(Error::Fs(create_dir_error.unwrap_or(err))),
                  }
              }
            """;

    @Test
    void aRaceKindNoLongerAnsweredWithSuccess() {
        List<Finding> f = RuleRun.on(er4, "gen/build/src/out.rs", SYMLINK);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER4", MEDIUM, NEW, 13, 13));
        assertThat(f.get(0).title()).isEqualTo("`symlink_file` no longer treats `AlreadyExists` as success");
        // the fix direction adds the tolerance; a removed kind that answered with an error is another matter
        assertThat(RuleRun.on(er4, "gen/build/src/out.rs", SYMLINK.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(er4, "gen/build/src/out.rs", SYMLINK.replace("                Ok(())\n",
                "                Err(Error::Exists)\n"))).isEmpty();
    }

    /** tokio-tungstenite 2c3c6419 reversed: the error enum's path is renamed in an arm that already answered with Ok. */
    @Test
    void aVariantWhosePathIsRenamedIsTheSameKind() {
        assertThat(RuleRun.on(er4, "src/lib.rs", """
                  fn start_send(mut self: Pin<&mut Self>, item: Message) -> Result<(), Self::Error> {
                      match (*self).with_context(None, |s| s.write_message(item)) {
                          Ok(()) => Ok(()),
                -         Err(WsError::Io(err)) if err.kind() == std::io::ErrorKind::WouldBlock => {
                +         Err(::tungstenite::Error::Io(err)) if err.kind() == std::io::ErrorKind::WouldBlock => {
                              Ok(())
                          }
                          Err(e) => Err(e),
                      }
                  }
                """)).isEmpty();
    }

    /** wasmi b70731b9 reversed: an out-of-fuel error met while translating goes on as a resumable error. */
    private static final String FUEL = """
              impl<'engine> EngineExecutor<'engine> {
                  fn execute_root_func(&mut self, store: &mut Store, func: &Func) -> Result<(), Error> {
                      let engine_func = func.func_body();
            -         let compiled_func = match self.code_map.get(Some(store.fuel_mut()), engine_func) {
            -             Ok(compiled_func) => compiled_func,
            -             Err(error) if error.is_out_of_fuel() => {
            -                 return Err(Error::from(TrapCode::OutOfFuel))
            -             }
            -             Err(error) => return Err(error),
            -         };
            +         let compiled_func = self.code_map.get(Some(store.fuel_mut()), engine_func)?;
                      self.dispatch(compiled_func)
                  }
              }
            """;

    @Test
    void aGuardedErrorArmDeletedWithItsTest() {
        List<Finding> f = RuleRun.on(er4, "crates/wasmi/src/engine/executor/mod.rs", FUEL);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER4", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`execute_root_func` no longer treats errors where `is_out_of_fuel()` apart");
        // the fix direction, and the test kept in another branch of the fn
        assertThat(RuleRun.on(er4, "src/executor.rs", FUEL.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(er4, "src/executor.rs", FUEL.replace(
                "+         let compiled_func = self.code_map.get(Some(store.fuel_mut()), engine_func)?;",
                "+         let compiled_func = self.code_map.get(Some(store.fuel_mut()), engine_func)\n"
                        + "+             .map_err(|e| if e.is_out_of_fuel() { Error::from(TrapCode::OutOfFuel) } else { e })?;")))
                .isEmpty();
    }
}
