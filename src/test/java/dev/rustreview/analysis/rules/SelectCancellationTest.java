package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

class SelectCancellationTest {

    private final SelectCancellation rule = new SelectCancellation();

    @Test
    void readExactInALoopingSelect() {
        Finding f = assertSingle(rule, Snippet.added("""
                async fn pump(mut reader: TcpStream, mut shutdown: Receiver<()>) {
                    let mut buf = [0u8; 4];
                    loop {
                        tokio::select! {
                            res = reader.read_exact(&mut buf) => handle(res),
                            _ = shutdown.recv() => break,
                        }
                    }
                }
                """), "AL4", Severity.HIGH, 5, 5);
        assertThat(f.objects()).containsExactly("read_exact", "reader.read_exact(&mut buf)");
        assertThat(f.explanation()).contains("loop on line 3", "select!` on line 4");
    }

    @Test
    void lockInASelectOutsideALoop() {
        assertSingle(rule, Snippet.added("""
                async fn update(state: &Mutex<State>, cancel: CancellationToken) {
                    futures::select! {
                        mut guard = state.lock().fuse() => guard.bump(),
                        _ = cancel.cancelled().fuse() => {}
                    }
                }
                """), "AL4", Severity.HIGH, 3, 3);
    }

    @Test
    void mutRefFuturePolledAgainInALoop() {
        assertSingle(rule, Snippet.added("""
                async fn run(mut rx: Receiver<u32>) {
                    let sleep = tokio::time::sleep(Duration::from_secs(1));
                    tokio::pin!(sleep);
                    loop {
                        tokio::select! {
                            _ = &mut sleep => { println!("timer"); }
                            Some(v) = rx.recv() => { println!("{v}"); }
                        }
                    }
                }
                """), "AL4", Severity.HIGH, 6, 6);
    }

    @Test
    void ownAsyncFnRacedInALoopIsMedium() {
        assertSingle(rule, Snippet.added("""
                async fn sync_all(store: &Store) -> usize { store.push().await; store.pull().await }
                async fn run(store: Store, mut stop: watch::Receiver<bool>) {
                    loop {
                        tokio::select! {
                            n = sync_all(&store) => tracing::info!(n),
                            _ = stop.changed() => return,
                        }
                    }
                }
                """), "AL4", Severity.MEDIUM, 5, 5);
    }

    /** rathole d0d4f61e reversed: the pool loop races `UdpTraffic::read`, an async fn of protocol.rs. */
    private static final String PROTOCOL = """
            impl UdpTraffic {
                pub async fn read<T: AsyncRead + Unpin>(reader: &mut T) -> Result<UdpTraffic> {
                    let len = reader.read_u16().await? as usize;
                    let mut buf = vec![0; len];
                    reader.read_exact(&mut buf).await?;
                    Ok(decode(&buf)?)
                }
                pub fn header_len(&self) -> usize { self.hdr.len() }
            }
            """;

    private static final String POOL = """
              async fn run_pool(mut conn: TcpStream, l: UdpSocket, mut shutdown_rx: Receiver<bool>) -> Result<()> {
                  loop {
                      tokio::select! {
            -             hdr_len = conn.read_u16() => {
            -                 let t = UdpTraffic::read(&mut conn, hdr_len?).await?;
            +             t = UdpTraffic::read(&mut conn) => {
            +                 let t = t?;
                              l.send_to(&t.data, t.from).await?;
                          }
                          _ = shutdown_rx.recv() => break,
                      }
                  }
                  Ok(())
              }
            """;

    @Test
    void anAsyncFnOfAnotherFileOfTheCrateRacedInALoopIsMedium() {
        Finding f = assertSingle(rule, Snippet.inCrate(Snippet.of("src/server.rs", POOL),
                dev.rustreview.analysis.crate.Edition.E2021, java.util.Map.of("src/protocol.rs", PROTOCOL)),
                "AL4", Severity.MEDIUM, 4, 4);
        assertThat(f.explanation()).contains("an async fn of the crate (`UdpTraffic::read`)");
        // Without the crate (or for a sync fn of it) nothing is known of `read`.
        assertNone(rule, Snippet.of("src/server.rs", POOL));
        String headerLen = POOL.replace("t = UdpTraffic::read(&mut conn) => {", "t = UdpTraffic::header_len(&x) => {");
        assertNone(rule, Snippet.inCrate(Snippet.of("src/server.rs", headerLen),
                dev.rustreview.analysis.crate.Edition.E2021, java.util.Map.of("src/protocol.rs", PROTOCOL)));
    }

    @Test
    void cancelSafeBranchesAreFine() {
        assertNone(rule, Snippet.added("""
                async fn run(mut rx: Receiver<Msg>, mut stream: TcpStream, token: CancellationToken) {
                    let mut ticker = tokio::time::interval(Duration::from_secs(1));
                    loop {
                        tokio::select! {
                            biased;
                            _ = token.cancelled() => break,
                            Some(msg) = rx.recv() => { stream.write_all(&msg).await.unwrap(); }
                            _ = ticker.tick() => {}
                            else => break,
                        }
                    }
                }
                """));
    }

    @Test
    void guardedMutRefAndSingleShotSelectAreFine() {
        assertNone(rule, Snippet.added("""
                async fn run(mut rx: Receiver<u32>, op: impl Future<Output = ()>) {
                    tokio::pin!(op);
                    let mut done = false;
                    loop {
                        tokio::select! {
                            _ = &mut op, if !done => { done = true; }
                            Some(v) = rx.recv() => { println!("{v}"); }
                        }
                    }
                }
                async fn once(op: impl Future<Output = ()>, stop: Receiver<()>) {
                    tokio::pin!(op);
                    tokio::select! {
                        _ = &mut op => {}
                        _ = stop => {}
                    }
                }
                """));
    }

    @Test
    void commentsAndUntouchedSelectsAreNotReported() {
        assertNone(rule, Snippet.of("src/pump.rs", """
                  // tokio::select! { r = reader.read_exact(&mut buf) => {} }
                  async fn pump(mut reader: TcpStream, mut shutdown: Receiver<()>) {
                      loop {
                          tokio::select! {
                              res = reader.read_exact(&mut buf) => handle(res),
                              _ = shutdown.recv() => break,
                          }
                      }
                  }
                + fn unrelated() {}
                """));
    }
    @Test
    void libraryRecvSharingANameWithAnOwnAsyncFnIsFine() {
        assertNone(rule, Snippet.added("""
                impl Inbox {
                    async fn recv(&mut self) -> Option<Msg> { self.rx.recv().await }
                }
                async fn run(mut rx: mpsc::Receiver<Msg>, mut stop: watch::Receiver<bool>) {
                    loop {
                        tokio::select! {
                            Some(m) = rx.recv() => handle(m),
                            _ = stop.changed() => break,
                        }
                    }
                }
                """));
    }

}
