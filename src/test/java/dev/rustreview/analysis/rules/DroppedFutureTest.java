package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

class DroppedFutureTest {

    private final DroppedFuture rule = new DroppedFuture();

    @Test
    void letUnderscoreOnAnAsyncMethod() {
        Finding f = assertSingle(rule, Snippet.added("""
                impl Journal {
                    async fn flush(&self) -> io::Result<()> { self.file.sync_all().await }
                    async fn close(&self) {
                        let _ = self.flush();
                    }
                }
                """), "AL5", Severity.MEDIUM, 4, 4);
        assertThat(f.objects()).containsExactly("flush", "self.flush()");
    }

    @Test
    void bareCallAndUnusedUnderscoreBinding() {
        assertSingle(rule, Snippet.added("""
                async fn notify_all(id: u32) { send(id).await }
                fn on_done(id: u32) {
                    notify_all(id);
                }
                """), "AL5", Severity.MEDIUM, 3, 3);
        assertSingle(rule, Snippet.added("""
                async fn notify_all(id: u32) { send(id).await }
                async fn on_done(id: u32) {
                    let _pending = notify_all(id);
                }
                """), "AL5", Severity.MEDIUM, 3, 3);
    }

    @Test
    void asyncBlockDropped() {
        assertSingle(rule, Snippet.added("""
                fn shutdown(&self) {
                    let _ = async {
                        self.cleanup().await
                    };
                }
                """), "AL5", Severity.MEDIUM, 2, 4);
    }

    @Test
    void abortOfASpawnedTask() {
        Finding f = assertSingle(rule, Snippet.added("""
                async fn run() {
                    let handle = tokio::spawn(async { work().await });
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    handle.abort();
                }
                """), "AL5", Severity.MEDIUM, 4, 4);
        assertThat(f.objects()).contains("handle");
    }

    @Test
    void awaitedAndDetachedFuturesAreFine() {
        assertNone(rule, Snippet.added("""
                async fn work() {}
                async fn run(items: Vec<u32>) {
                    work().await;
                    let _ = tokio::spawn(work());
                    tokio::spawn(async move { work().await });
                    let _ = std::fs::remove_file("x");
                    let _guard = span.enter();
                    let _fut = work();
                    _fut.await;
                }
                """));
    }

    @Test
    void syncFunctionOfTheSameNameIsAmbiguous() {
        assertNone(rule, Snippet.added("""
                impl A { async fn run(&self) {} }
                impl B { fn run(&self) {} }
                fn go(b: &B) {
                    let _ = b.run();
                    b.run();
                }
                """));
    }

    @Test
    void untouchedCodeAndCommentsAreNotReported() {
        assertNone(rule, Snippet.of("src/j.rs", """
                  async fn flush() {}
                  fn close() {
                      // let _ = flush();
                      let _ = flush();
                  }
                + fn other() {}
                """));
    }
    @Test
    void methodOnAValueOfAKnownLocalType() {
        assertSingle(rule, Snippet.added("""
                struct Client;
                impl Client {
                    fn new() -> Client { Client }
                    async fn publish(&self, m: u32) {}
                }
                fn fire(m: u32) {
                    let client = Client::new();
                    client.publish(m);
                }
                """), "AL5", Severity.MEDIUM, 8, 8);
    }

    @Test
    void libraryMethodsSharingANameWithOwnAsyncMethodsAreFine() {
        assertNone(rule, Snippet.added("""
                struct Client;
                impl Client {
                    async fn send(&self, m: Msg) {}
                }
                fn relay(tx: std::sync::mpsc::Sender<Msg>, m: Msg) {
                    let _ = tx.send(m);
                    tx.send(m);
                }
                """));
    }

}
