package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL35: a deadline removed from an await. */
class TimeoutRemovedTest {

    private final TimeoutRemoved rule = new TimeoutRemoved();

    /** wstunnel's SOCKS5 accept loop with its fix (63936d3a) reversed. */
    private static final String ACCEPT = """
              pub async fn run_server(listener: TcpListener) -> anyhow::Result<()> {
                  loop {
                      let (socket, _) = listener.accept().await?;
            -         let proto = match tokio::time::timeout(HANDSHAKE_TIMEOUT, Socks5ServerProtocol::accept_no_auth(socket)).await {
            -             Ok(Ok(proto)) => proto,
            -             Ok(Err(err)) | Err(err) => continue,
            +         let proto = match Socks5ServerProtocol::accept_no_auth(socket).await {
            +             Ok(proto) => proto,
            +             Err(err) => continue,
                      };
                      serve(proto).await;
                  }
              }
            """;

    @Test
    void anAwaitThatLostItsTimeoutIsReported() {
        List<Finding> f = RuleRun.on(rule, "wstunnel/src/protocols/socks5/tcp_server.rs", ACCEPT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL35", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title())
                .isEqualTo("`Socks5ServerProtocol::accept_no_auth(..)` awaited without the timeout it had in `run_server`");
        // the method form of the timeout
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/server.rs", """
                  async fn read(&mut self) -> Result<Frame> {
                -     let frame = self.conn.read_frame().timeout(READ_TIMEOUT).await??;
                +     let frame = self.conn.read_frame().await?;
                      Ok(frame)
                  }
                """))).containsExactly(tuple("AL35", MEDIUM, NEW, 2, 2));
    }

    @Test
    void aTimeoutKeptMovedOrTheFixIsNotReported() {
        assertThat(RuleRun.on(rule, "src/server.rs", ACCEPT.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-")
                .replaceAll("(?m)^@", "+"))).isEmpty();
        // the timeout rewritten, still around the call
        assertThat(RuleRun.on(rule, "src/server.rs", ACCEPT.replace(
                "+         let proto = match Socks5ServerProtocol::accept_no_auth(socket).await {",
                "+         let proto = match timeout(LIMIT, Socks5ServerProtocol::accept_no_auth(socket)).await {"))).isEmpty();
        // the call gone from the fn
        assertThat(RuleRun.on(rule, "src/server.rs", ACCEPT.replace(
                "+         let proto = match Socks5ServerProtocol::accept_no_auth(socket).await {",
                "+         let proto = match handshake(socket).await {"))).isEmpty();
    }

    /** librespot's connect with its fix (c1ae8608) reversed: the handshake taken out of the timed block. */
    @Test
    void aStepTakenOutOfATimedBlockIsReported() {
        String connect = """
                  pub async fn connect(host: &str, port: u16) -> io::Result<Transport> {
                -     tokio::time::timeout(TIMEOUT, {
                -         let socket = crate::socket::connect(host, port).await?;
                -         handshake(socket)
                -     })
                -     .await?
                +     let socket = tokio::time::timeout(TIMEOUT, crate::socket::connect(host, port)).await??;
                +     handshake(socket).await
                  }
                """;
        List<Finding> f = rule.check(dev.rustreview.analysis.Snippet.of("core/src/connection/mod.rs", connect));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL35", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`handshake(..)` awaited without the timeout it had in `connect`");
        // the fix direction, and a step that is not awaited
        assertThat(rule.check(dev.rustreview.analysis.Snippet.of("src/c.rs", connect.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+")))).isEmpty();
        assertThat(rule.check(dev.rustreview.analysis.Snippet.of("src/c.rs", connect.replace("+     handshake(socket).await",
                "+     spawn(handshake(socket))")))).isEmpty();
    }
}
