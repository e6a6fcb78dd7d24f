package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER12: an error passed on as it is now flattened into a message. */
class TypedErrorFlattenedTest {

    private final TypedErrorFlattened rule = new TypedErrorFlattened();

    /** tokio-tungstenite's client_async_with_config with its fix (96a23102) reversed. */
    private static final String HANDSHAKE = """
              pub async fn client_async_with_config<S>(request: Request, stream: S) -> Result<(WebSocketStream<S>, Response), WsError> {
                  let f = handshake::client_handshake(stream, move |allow_std| {
                      ClientHandshake::start(allow_std, request, config)?.handshake()
                  });
            -     f.await.map_err(|e| match e {
            -         HandshakeError::Failure(e) => e,
            -         e => WsError::Io(std::io::Error::new(
            +     f.await.map_err(|e| {
            +         WsError::Io(std::io::Error::new(
                          std::io::ErrorKind::Other,
                          e.to_string(),
            -         )),
            +         ))
                  })
              }
            """;

    @Test
    void theFailureVariantNowReachesTheCallerAsAnIoErrorMessage() {
        List<Finding> f = RuleRun.on(rule, "src/lib.rs", HANDSHAKE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER12", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo(
                "`client_async_with_config` no longer passes `HandshakeError::Failure(e) => e` through; the error becomes a message");
    }

    @Test
    void quietWhenTheArmStaysOrNoErrorIsBuiltFromText() {
        // the arm kept, moved below the catch-all's guard; the other errors wrapped with their source, not their text
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  pub async fn accept(stream: S) -> Result<WebSocketStream<S>, WsError> {
                      f.await.map_err(|e| match e {
                -         HandshakeError::Failure(e) => e,
                          e if e.is_interrupted() => WsError::Io(std::io::Error::new(
                              std::io::ErrorKind::Interrupted,
                              e.to_string(),
                          )),
                +         HandshakeError::Failure(e) => e,
                          e => WsError::Io(std::io::Error::new(std::io::ErrorKind::Other, e.to_string())),
                      })
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", HANDSHAKE.replace("e.to_string(),", "e,"))).isEmpty();
    }
}
