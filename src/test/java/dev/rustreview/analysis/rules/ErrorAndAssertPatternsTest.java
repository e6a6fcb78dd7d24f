package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

/** ER1's `if let Ok`/`while let Ok`/logged-then-None shapes and PN1's assertions on caller input. */
class ErrorAndAssertPatternsTest {

    private final SwallowedErrorRule er1 = new SwallowedErrorRule();
    private final PanicRule pn1 = new PanicRule();

    @Test
    void ifLetOkWithoutElseDropsTheError() {
        Finding f = assertSingle(er1, Snippet.added("""
                impl Config {
                    pub fn load(&mut self, path: &Path) {
                        if let Ok(text) = std::fs::read_to_string(path) {
                            self.apply(&text);
                        }
                    }
                }
                """), "ER1", Severity.MEDIUM, 3, 3);
        assertThat(f.title()).contains("`if let Ok` ignores the error");
    }

    @Test
    void whileLetOkEndsTheLoopSilently() {
        assertSingle(er1, Snippet.added("""
                fn pump(reader: &mut Reader, out: &mut Vec<Frame>) {
                    while let Ok(frame) = reader.next_frame() {
                        out.push(frame);
                    }
                }
                """), "ER1", Severity.MEDIUM, 2, 2);
    }

    /** wstunnel's client accept loop with its fix (94d9a14c) reversed: one failed accept ended the listener. */
    @Test
    void whileLetSomeOkOverAStreamEndsTheLoopOnTheFirstError() {
        Finding f = assertSingle(er1, Snippet.of("src/tunnel/client.rs", """
                  pub async fn run_tunnel(incoming_cnx: impl Stream<Item = anyhow::Result<(TcpStream, SocketAddr)>>) {
                      pin_mut!(incoming_cnx);
                -     while let Some(cnx) = incoming_cnx.next().await {
                -         let (cnx_stream, remote_addr) = match cnx {
                -             Ok((cnx_stream, remote_addr)) => (cnx_stream, remote_addr),
                -             Err(err) => {
                -                 error!("Error accepting connection: {:?}", err);
                -                 continue;
                -             }
                -         };
                +     while let Some(Ok((cnx_stream, remote_addr))) = incoming_cnx.next().await {
                          tokio::spawn(handle(cnx_stream, remote_addr));
                      }
                  }
                """), "ER1", Severity.MEDIUM, 3, 3);
        assertThat(f.title()).isEqualTo("`while let Some(Ok(..))` stops silently on an error from `incoming_cnx.next()` in fn `run_tunnel`");
        // the items are options, not results; the stream's items matched whole
        assertNone(er1, Snippet.added("""
                async fn drain(mut rx: Receiver<Option<u32>>) {
                    while let Some(Some(v)) = rx.recv().await {
                        use_it(v);
                    }
                    while let Some(item) = stream.next().await {
                        use_it(item?);
                    }
                }
                """));
    }

    @Test
    void ifLetOkWithElseOrOnAChannelIsNotSilent() {
        assertNone(er1, Snippet.added("""
                fn load(path: &Path) -> Config {
                    if let Ok(text) = std::fs::read_to_string(path) {
                        parse(&text)
                    } else {
                        Config::default()
                    }
                }
                fn poll(rx: &Receiver<Job>) {
                    if let Some(job) = rx.recv_opt() {
                        run(job);
                    }
                }
                """));
    }

    @Test
    void errorLoggedThenTurnedIntoNone() {
        Finding f = assertSingle(er1, Snippet.added("""
                fn lookup(&self, id: u64) -> Option<User> {
                    match self.db.fetch(id) {
                        Ok(user) => Some(user),
                        Err(e) => {
                            tracing::error!("lookup {id} failed: {e}");
                            None
                        }
                    }
                }
                """), "ER1", Severity.MEDIUM, 4, 7);
        assertThat(f.title()).isEqualTo("error logged and turned into an empty value in fn `lookup`");
    }

    @Test
    void errorLoggedAndPropagatedIsFine() {
        assertNone(er1, Snippet.added("""
                fn lookup(&self, id: u64) -> Result<User, DbError> {
                    match self.db.fetch(id) {
                        Ok(user) => Ok(user),
                        Err(e) => {
                            tracing::error!("lookup {id} failed: {e}");
                            Err(e)
                        }
                    }
                }
                """));
    }

    @Test
    void assertOnACallerParameterOutsideTestsIsAPanic() {
        Finding f = assertSingle(pn1, Snippet.added("""
                impl Pool {
                    pub fn set_workers(&mut self, n: usize) {
                        assert!(n > 0, "at least one worker");
                        self.workers = n;
                    }
                }
                """), "PN1", Severity.MEDIUM, 3, 3);
        assertThat(f.explanation()).contains("on the caller's `n`");
    }

    @Test
    void internalInvariantsAndTestAssertionsAreNotCallerInput() {
        assertNone(pn1, Snippet.added("""
                impl Pool {
                    fn check(&self) {
                        assert!(self.workers <= MAX);
                        debug_assert!(self.idle.len() < 10);
                    }
                }

                #[tokio::test(flavor = "multi_thread")]
                async fn grows(n: usize) {
                    assert_eq!(n, 4);
                }
                """));
    }
}
