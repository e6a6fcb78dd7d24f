package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

/** AL27 and CC34: a deleted {@code Drop}/{@code PinnedDrop} whose cleanup the type's other exits relied on. */
class DeletedDropRulesTest {

    private final SignalOnDropRemoved signal = new SignalOnDropRemoved();
    private final FutureDropRemoved future = new FutureDropRemoved();

    /** ripgrep 0d7054d8, reversed: the walker's worker loses the Drop that set the quit flag on a panic. */
    private static final String WALKER = """
              struct Worker<'s> {
                  visitor: Box<dyn ParallelVisitor + 's>,
                  quit_now: Arc<AtomicBool>,
                  active_workers: Arc<AtomicUsize>,
              }
              impl<'s> Worker<'s> {
                  fn run(mut self) {
                      while let Some(work) = self.get_work() {
                          if let WalkState::Quit = self.run_one(work) {
                              self.quit_now();
                          }
                      }
                  }
                  fn quit_now(&self) {
                      self.quit_now.store(true, AtomicOrdering::SeqCst);
                  }
              }
            - impl<'s> Drop for Worker<'s> {
            -     fn drop(&mut self) {
            -         if std::thread::panicking() {
            -             self.quit_now();
            -         }
            -     }
            - }
            -
              fn walk() {}
            """;

    @Test
    void aWorkersPanicSignalRemoved() {
        Finding f = assertSingle(signal, Snippet.of("crates/ignore/src/walk.rs", WALKER), "CC34", Severity.MEDIUM, 18, 18);
        assertThat(f.title()).isEqualTo("`Worker` no longer signals when it is dropped");
        assertThat(f.explanation()).contains("checked `thread::panicking()`");
        assertNone(future, Snippet.of("crates/ignore/src/walk.rs", WALKER));
        // the fix direction adds the Drop: nothing is lost
        assertNone(signal, Snippet.of("crates/ignore/src/walk.rs", reversed(WALKER)));
    }

    /** sentry-rust 19bd8990, reversed: the future loses the PinnedDrop that finished an unfinished transaction. */
    private static final String SENTRY = """
              #[pin_project::pin_project(PinnedDrop)]
              pub struct SentryHttpFuture<F> {
                  transaction: Option<(sentry_core::TransactionOrSpan, Option<sentry_core::TransactionOrSpan>)>,
                  #[pin]
                  future: F,
              }
              impl<F, ResBody, Error> Future for SentryHttpFuture<F>
              where
                  F: Future<Output = Result<Response<ResBody>, Error>>,
              {
                  type Output = F::Output;
                  fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
                      let slf = self.project();
                      match slf.future.poll(cx) {
                          Poll::Ready(res) => {
                              if let Some((transaction, parent_span)) = slf.transaction.take() {
                                  transaction.finish();
                                  sentry_core::configure_scope(|scope| scope.set_span(parent_span));
                              }
                              Poll::Ready(res)
                          }
                          Poll::Pending => Poll::Pending,
                      }
                  }
              }
            - #[pinned_drop]
            - impl<F> PinnedDrop for SentryHttpFuture<F> {
            -     fn drop(self: Pin<&mut Self>) {
            -         let slf = self.project();
            -         if let Some((transaction, parent_span)) = slf.transaction.take() {
            -             transaction.finish();
            -             sentry_core::configure_scope(|scope| scope.set_span(parent_span));
            -         }
            -     }
            - }
            """;

    @Test
    void aFuturesDropTimeCleanupRemoved() {
        Finding f = assertSingle(future, Snippet.of("sentry-tower/src/http.rs", SENTRY), "AL27", Severity.MEDIUM, 27, 27);
        assertThat(f.title()).isEqualTo("`SentryHttpFuture` no longer cleans up when it is dropped unfinished");
        assertNone(signal, Snippet.of("sentry-tower/src/http.rs", SENTRY));
        assertNone(future, Snippet.of("sentry-tower/src/http.rs", reversed(SENTRY)));
    }

    @Test
    void aDropThatMovedLoggedOnlyOrWentWithItsTypeIsFine() {
        // moved within the file: the type keeps a Drop
        assertNone(signal, Snippet.of("src/pool.rs", """
                  struct Worker { quit: Arc<AtomicBool> }
                - impl Drop for Worker {
                -     fn drop(&mut self) {
                -         self.quit.store(true, Ordering::SeqCst);
                -     }
                - }
                  fn f() {}
                + impl Drop for Worker {
                +     fn drop(&mut self) {
                +         self.quit.store(true, Ordering::Release);
                +     }
                + }
                """));
        // the type itself is deleted
        assertNone(signal, Snippet.of("src/pool.rs", """
                - struct Worker { quit: Arc<AtomicBool> }
                - impl Drop for Worker {
                -     fn drop(&mut self) {
                -         self.quit.store(true, Ordering::SeqCst);
                -     }
                - }
                  fn f() {}
                """));
        // a drop that only logged, and a plain type's drop for the future rule
        assertNone(signal, Snippet.of("src/pool.rs", """
                  struct Worker { id: usize }
                - impl Drop for Worker {
                -     fn drop(&mut self) {
                -         debug!("worker {} dropped", self.id);
                -     }
                - }
                  fn f() {}
                """));
        assertNone(future, Snippet.of("src/pool.rs", """
                  struct Buffer { ptr: *mut u8, cap: usize }
                - impl Drop for Buffer {
                -     fn drop(&mut self) {
                -         unsafe { dealloc(self.ptr, layout(self.cap)) };
                -     }
                - }
                  fn f() {}
                """));
        // a future whose drop only logged
        assertNone(future, Snippet.of("src/conn.rs", """
                  struct Connecting { id: u64 }
                  impl Future for Connecting {
                      type Output = ();
                      fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> { Poll::Ready(()) }
                  }
                - impl Drop for Connecting {
                -     fn drop(&mut self) {
                -         trace!("connecting {} dropped", self.id);
                -     }
                - }
                  fn f() {}
                """));
        // a Drop in test code
        assertNone(signal, Snippet.of("src/pool.rs", """
                  #[cfg(test)]
                  mod tests {
                      struct Flag(Arc<AtomicBool>);
                -     impl Drop for Flag {
                -         fn drop(&mut self) {
                -             self.0.store(true, Ordering::SeqCst);
                -         }
                -     }
                      fn f() {}
                  }
                """));
    }

    private static String reversed(String diff) {
        return diff.replaceAll("(?m)^- ", "@ ").replaceAll("(?m)^\\\\+ ", "- ").replaceAll("(?m)^@ ", "+ ");
    }
}
