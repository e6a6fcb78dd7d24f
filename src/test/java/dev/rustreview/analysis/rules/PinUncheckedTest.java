package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

class PinUncheckedTest {

    private final PinUnchecked rule = new PinUnchecked();

    @Test
    void newUnchecked() {
        Finding f = assertSingle(rule, Snippet.added("""
                impl<F: Future> Future for Timed<F> {
                    type Output = F::Output;
                    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
                        let this = self.get_mut();
                        let fut = unsafe { Pin::new_unchecked(&mut this.inner) };
                        fut.poll(cx)
                    }
                }
                """), "AL3", Severity.HIGH, 5, 5);
        assertThat(f.objects()).containsExactly("Pin::new_unchecked", "Pin::new_unchecked(&mut this.inner)");
        assertThat(f.explanation()).contains("`poll`", "line 5");
    }

    @Test
    void getUncheckedMut() {
        assertSingle(rule, Snippet.added("""
                fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
                    let this = unsafe { self.get_unchecked_mut() };
                    this.state = State::Done;
                    Poll::Ready(())
                }
                """), "AL3", Severity.HIGH, 2, 2);
    }

    @Test
    void handWrittenProjection() {
        Finding f = assertSingle(rule, Snippet.added("""
                fn inner(self: Pin<&mut Self>) -> Pin<&mut F> {
                    unsafe { self.map_unchecked_mut(|s| &mut s.inner) }
                }
                """), "AL3", Severity.HIGH, 2, 2);
        assertThat(f.explanation()).contains("pin projection");
    }

    @Test
    void safePinningAndSliceAccessAreFine() {
        assertNone(rule, Snippet.added("""
                async fn run(fut: impl Future<Output = ()>) {
                    let mut fut = std::pin::pin!(fut);
                    let pinned = Pin::new(&mut other);
                    let x = unsafe { buf.get_unchecked_mut(3) };
                    fut.as_mut().await;
                }
                """));
    }

    @Test
    void commentsAndStringsAreNotCode() {
        assertNone(rule, Snippet.added("""
                // SAFETY: we never call Pin::new_unchecked here
                fn describe() -> &'static str {
                    "self.get_unchecked_mut()"
                }
                """));
    }

    @Test
    void untouchedProjectionIsNotReported() {
        assertNone(rule, Snippet.of("src/timed.rs", """
                  fn inner(self: Pin<&mut Self>) -> Pin<&mut F> {
                      unsafe { self.map_unchecked_mut(|s| &mut s.inner) }
                  }
                + fn added() {}
                """));
    }
}
