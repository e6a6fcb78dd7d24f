package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

class SpanGuardAcrossAwaitTest {

    private final SpanGuardAcrossAwait rule = new SpanGuardAcrossAwait();

    /** lance dff098a5, reversed: the write span entered inside a boxed async block that awaits the upload. */
    private static final String LANCE = """
            use tracing::{debug_span, instrument, Span};
            pub struct TracedMultipartUpload {
                write_span: Span,
                target: Box<dyn MultipartUpload>,
            }
            impl MultipartUpload for TracedMultipartUpload {
                fn put_part(&mut self, data: PutPayload) -> UploadPart {
                    let write_span = self.write_span.clone();
                    let fut = self.target.put_part(data);
                    Box::pin(async move {
                        let _guard = write_span.enter();
                        fut.await
                    })
                }
                async fn complete(&mut self) -> OSResult<PutResult> {
                    self.target.complete().await
                }
            }
            """;

    @Test
    void spanEnteredInAnAsyncBlockAndAwaited() {
        Finding f = assertSingle(rule, Snippet.added(LANCE), "AL26", Severity.MEDIUM, 11, 11);
        assertThat(f.title()).isEqualTo("Span guard `_guard` held across `.await` in an async block");
        assertThat(f.explanation()).contains("line 12");
        assertThat(f.checkBeforeAccepting()).contains("instrument(span)");
    }

    @Test
    void inAnAsyncFnWithASpanField() {
        Finding f = assertSingle(rule, Snippet.added("""
                impl Worker {
                    async fn flush(&self) -> Result<()> {
                        let _enter = self.flush_span.enter();
                        let batch = self.take();
                        self.sink.write(batch).await?;
                        Ok(())
                    }
                }
                """), "AL26", Severity.MEDIUM, 3, 3);
        assertThat(f.title()).contains("async fn `flush`");
    }

    @Test
    void theFixAndOtherShapesAreFine() {
        // the fix: the span is attached to the future
        assertNone(rule, Snippet.added("""
                fn put_part(&mut self, data: PutPayload) -> UploadPart {
                    let fut = self.target.put_part(data);
                    Box::pin(fut.instrument(self.write_span.clone()))
                }
                """));
        assertNone(rule, Snippet.added("""
                async fn step(&self, span: Span) {
                    {
                        let _g = span.enter();
                        self.count += 1;
                    }
                    self.next().await;
                    let guard = span.enter();
                    self.prepare();
                    drop(guard);
                    self.send().await;
                    let _ = span.enter();
                    self.more().await;
                    let g2 = span.enter();
                    let h = tokio::spawn(async move { work().await });
                }
                fn sync_step(span: Span) {
                    let _g = span.enter();
                    block_on(async { work().await });
                }
                async fn runtime(handle: Handle) {
                    let _rt = handle.enter();
                    work().await;
                }
                #[tokio::test]
                async fn traced() {
                    let _g = span.enter();
                    work().await;
                }
                """));
    }

    @Test
    void untouchedCodeIsNotReported() {
        assertNone(rule, Snippet.of("src/traced.rs", """
                  async fn flush(span: Span) {
                      let _g = span.enter();
                      work().await;
                  }
                + fn other() {}
                """));
    }
}
