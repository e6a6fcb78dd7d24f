package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

class AsyncLifetimesTest {

    private final AsyncLifetimes rule = new AsyncLifetimes();

    @Test
    void asyncFnWithExplicitLifetimes() {
        Finding f = assertSingle(rule, Snippet.added("""
                impl Store {
                    pub async fn get<'a>(&'a self, key: &'a str) -> Option<&'a str> {
                        self.map.get(key).map(|s| s.as_str())
                    }
                }
                """), "AL2", Severity.MEDIUM, 2, 2);
        assertThat(f.objects()).containsExactly("get", "'a");
    }

    @Test
    void boxedFutureTiedToALifetimeOverAMultiLineSignature() {
        assertSingle(rule, Snippet.added("""
                impl Worker {
                    pub fn run<'a>(
                        &'a self,
                    ) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>> {
                        Box::pin(async move { self.tick().await })
                    }
                }
                """), "AL2", Severity.MEDIUM, 2, 4);
    }

    @Test
    void staticBoundAddedForSpawning() {
        Finding f = assertSingle(rule, Snippet.added("""
                fn launch<F>(fut: F)
                where
                    F: Future<Output = ()> + Send + 'static,
                {
                    tokio::spawn(fut);
                }
                """), "AL2", Severity.MEDIUM, 1, 4);
        assertThat(f.explanation()).contains("'static");
    }

    @Test
    void futureTypeAliasAndPinnedStaticReference() {
        assertSingle(rule, Snippet.added("""
                type BoxFut<'a> = BoxFuture<'a, Result<(), Error>>;
                """), "AL2", Severity.MEDIUM, 1, 1);
        assertSingle(rule, Snippet.added("""
                fn leak_pinned(v: Vec<u8>) -> Pin<&'static mut Vec<u8>> {
                    Box::leak(Box::new(v)).into()
                }
                """), "AL2", Severity.MEDIUM, 1, 1);
    }

    @Test
    void plainAsyncFnsAndTraitImplsAreFine() {
        assertNone(rule, Snippet.added("""
                impl fmt::Display for Job {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, "{}", self.id)
                    }
                }
                impl Store {
                    pub async fn get(&self, key: &str) -> Option<String> {
                        self.map.get(key).cloned()
                    }
                }
                """));
    }

    @Test
    void lifetimesWithoutFuturesOrSpawnsAreFine() {
        assertNone(rule, Snippet.added("""
                fn longest<'a>(a: &'a str, b: &'a str) -> &'a str {
                    if a.len() > b.len() { a } else { b }
                }
                fn keep<T: Send + 'static>(value: T) -> Box<T> {
                    Box::new(value)
                }
                // async fn get<'a>(&'a self) -> &'a str
                """));
    }

    @Test
    void untouchedSignatureIsNotReported() {
        assertNone(rule, Snippet.of("src/store.rs", """
                  impl Store {
                      pub async fn get<'a>(&'a self, key: &'a str) -> Option<&'a str> {
                +         tracing::debug!("get");
                          self.map.get(key).map(|s| s.as_str())
                      }
                  }
                """));
    }
}
