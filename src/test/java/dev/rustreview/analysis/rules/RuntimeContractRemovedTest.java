package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL12 and AL13: a runtime's contract dropped in one line (a blocking fd handed over, a re-poll loop made one pass). */
class RuntimeContractRemovedTest {

    /** compio's TCP types with their fix (1341f7253) reversed. */
    private static final String TCP = """
              impl TcpStream {
                  pub async fn connect(addr: impl ToSocketAddrs) -> io::Result<Self> {
                      let socket = Socket::connect(addr).await?;
                      Ok(Self { inner: socket })
                  }

                  /// Creates new TcpStream from a [`std::net::TcpStream`].
                  pub fn from_std(stream: std::net::TcpStream) -> io::Result<Self> {
            -         if Runtime::with_current(|r| r.driver_type().is_polling()) {
            -             stream.set_nonblocking(true)?;
            -         }
            -
                      Ok(Self {
                          inner: Socket::from_socket2(Socket2::from(stream))?,
                      })
                  }
              }
            """;

    /** monoio's block_on with its fix (da2645529) reversed. */
    private static final String BLOCK_ON = """
              impl<D: Driver> Runtime<D> {
                  pub fn block_on<F: Future>(&mut self, future: F) -> F::Output {
                      let mut join = pin!(future);
                      let waker = dummy_waker();
                      let cx = &mut Context::from_waker(&waker);
                      loop {
                          loop {
                              let mut max_round = self.context.tasks.len() * 2;
                              while let Some(t) = self.context.tasks.pop() {
                                  t.run();
                                  if max_round == 0 { break; } else { max_round -= 1; }
                              }
            -                 while should_poll() {
            +                 if should_poll() {
                                  if let std::task::Poll::Ready(t) = join.as_mut().poll(cx) {
                                      return t;
                                  }
                              }
                              if self.context.tasks.is_empty() { break; }
                          }
                          self.driver.park().expect("failed to park");
                      }
                  }
              }
            """;

    /** deno_core's event loop with its fix (c8ceda297) reversed: the task queue polled once per tick. */
    private static final String TASKS = """
              impl JsRuntime {
                  fn do_js_event_loop_tick_realm(cx: &mut Context, scope: &mut HandleScope) -> bool {
                      let mut dispatched_ops = false;
            -         let mut retries = 3;
            -         while let Poll::Ready(tasks) =
            -             context_state.task_spawner_factory.poll_inner(cx)
            -         {
            +         let tasks = context_state.task_spawner_factory.poll_inner(cx);
            +         if let Poll::Ready(tasks) = tasks {
                          dispatched_ops = true;
                          for task in tasks {
                              task(scope);
                          }
                      }
                      dispatched_ops
                  }
              }
            """;

    /** deno_core's recursive module load with its fix (721c2897d) reversed: Pending instead of polling again. */
    private static final String LOAD = """
              impl Stream for RecursiveModuleLoad {
                  fn poll_next(self: Pin<&mut Self>, cx: &mut Context) -> Poll<Option<Self::Item>> {
                      let inner = self.get_mut();
                      match inner.pending.try_poll_next_unpin(cx)? {
                          Poll::Ready(None) => unreachable!(),
                          Poll::Ready(Some(None)) => {
                              if inner.pending.is_empty() {
                                  Poll::Ready(None)
                              } else {
            -                     inner.try_poll_next_unpin(cx)
            +                     Poll::Pending
                              }
                          }
                          Poll::Ready(Some(Some(info))) => Poll::Ready(Some(Ok(info))),
                          Poll::Pending => Poll::Pending,
                      }
                  }
              }
            """;

    @Test
    void aWhileLetOnAPollNarrowedToAnIfLetOnItsResultIsReported() {
        List<Finding> f = RuleRun.on(new RepollLoopNarrowed(), "core/runtime/jsruntime.rs", TASKS);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL13", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).startsWith("`while let Poll::Ready(tasks) = ");
    }

    @Test
    void aWhileLetWithoutAPollOrWithAnotherPatternIsNotReported() {
        // an iterator drained once instead of in a loop: no context, nothing to wake
        assertThat(RuleRun.on(new RepollLoopNarrowed(), "core/runtime/jsruntime.rs",
                TASKS.replace("poll_inner(cx)", "next_batch()"))).isEmpty();
        // the pattern changed: another reading of the result, not the same loop made one pass
        assertThat(RuleRun.on(new RepollLoopNarrowed(), "core/runtime/jsruntime.rs",
                TASKS.replace("if let Poll::Ready(tasks) = tasks {", "if let Poll::Ready(Some(tasks)) = tasks {")))
                .isEmpty();
    }

    @Test
    void aRepollReplacedByPendingIsReported() {
        List<Finding> f = RuleRun.on(new RepollLoopNarrowed(), "core/modules/recursive_load.rs", LOAD);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL13", MEDIUM, NEW, 10, 10));
        assertThat(f.get(0).title()).isEqualTo("`Poll::Pending` replaces the re-poll `inner.try_poll_next_unpin(cx)`");
    }

    @Test
    void aRepollReplacedByPendingWithAWakeOrAnotherCallIsNotReported() {
        // the task wakes itself: polled again by the executor
        assertThat(RuleRun.on(new RepollLoopNarrowed(), "core/modules/recursive_load.rs", LOAD.replace(
                "+                     Poll::Pending\n",
                "+                     cx.waker().wake_by_ref();\n+                     Poll::Pending\n"))).isEmpty();
        // the removed line was not a poll with the context
        assertThat(RuleRun.on(new RepollLoopNarrowed(), "core/modules/recursive_load.rs",
                LOAD.replace("-                     inner.try_poll_next_unpin(cx)", "-                     inner.take_ready()")))
                .isEmpty();
    }

    @Test
    void aSocketHandedToTheRuntimeWithoutNonBlockingModeIsReported() {
        List<Finding> f = RuleRun.on(new NonBlockingModeRemoved(), "compio-net/src/tcp.rs", TCP);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL12", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`from_std` no longer puts the descriptor in non-blocking mode");
    }

    @Test
    void nonBlockingModeKeptMovedOrInASyncOnlyFileIsNotReported() {
        // moved to creation in the same fn: as many as before
        assertThat(RuleRun.on(new NonBlockingModeRemoved(), "compio-net/src/tcp.rs", TCP
                .replace("          Ok(Self {\n", "+         stream.set_nonblocking(true)?;\n          Ok(Self {\n"))).isEmpty();
        // tokio's stdio pipes: the fcntl moved into a helper the fn calls with `true`
        assertThat(RuleRun.on(new NonBlockingModeRemoved(), "tokio/src/process/unix/mod.rs", """
                  pub(super) fn stdio<T: IntoRawFd>(io: T) -> io::Result<ChildStdio> {
                -     let pipe = unsafe {
                -         let pipe = Pipe::from(io);
                -         let r = libc::fcntl(pipe.as_raw_fd(), libc::F_SETFL, libc::O_NONBLOCK);
                -         pipe
                -     };
                +     let mut pipe = Pipe::from(io);
                +     set_nonblocking(&mut pipe, true)?;
                      PollEvented::new(pipe).map(|inner| ChildStdio { inner })
                  }
                  async fn wait(child: &mut Child) -> io::Result<ExitStatus> { child.status().await }
                """)).isEmpty();
        // a blocking client with no async code: blocking mode is what it wants
        assertThat(RuleRun.on(new NonBlockingModeRemoved(), "src/client.rs", TCP
                .replace("pub async fn connect", "pub fn connect").replace(".await?", "?"))).isEmpty();
    }

    @Test
    void aRepollLoopNarrowedToOnePassIsReported() {
        List<Finding> f = RuleRun.on(new RepollLoopNarrowed(), "monoio/src/runtime.rs", BLOCK_ON);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL13", MEDIUM, NEW, 13, 13));
        assertThat(f.get(0).title()).isEqualTo("`while should_poll()` became a single `if`");
    }

    @Test
    void aLoopNarrowedThatDoesNotPollAnotherConditionOrATestIsNotReported() {
        // the block does not poll with a context: a plain loop made one pass is another matter
        assertThat(RuleRun.on(new RepollLoopNarrowed(), "monoio/src/runtime.rs",
                BLOCK_ON.replace("join.as_mut().poll(cx)", "join.as_mut().try_take()"))).isEmpty();
        // the condition changed too
        assertThat(RuleRun.on(new RepollLoopNarrowed(), "monoio/src/runtime.rs",
                BLOCK_ON.replace("+                 if should_poll() {", "+                 if woken() {"))).isEmpty();
        // in a test
        assertThat(RuleRun.on(new RepollLoopNarrowed(), "monoio/src/runtime.rs",
                BLOCK_ON.replace("      pub fn block_on", "      #[test]\n      fn block_on"))).isEmpty();
    }
}
