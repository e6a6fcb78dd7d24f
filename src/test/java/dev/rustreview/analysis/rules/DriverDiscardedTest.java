package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL30: a connection's driver half discarded. */
class DriverDiscardedTest {

    private final DriverDiscarded rule = new DriverDiscarded();

    /** spin ca6b0616, reversed: the MQTT event loop dropped unpolled after a publish. */
    private static final String PUBLISH = """
              impl v2::HostConnection for OutboundMqtt {
                  async fn publish(&mut self, connection: Resource<Connection>, topic: String, payload: Payload) -> Result<Result<(), Error>> {
                      Ok(async {
            -             let (client, eventloop) = self.get_conn(connection).await.map_err(other_error)?;
            +             let (client, _) = self.get_conn(connection).await.map_err(other_error)?;
                          client.publish_bytes(topic, qos, false, payload.into()).await.map_err(other_error)?;
            -             eventloop.poll().await.map_err(|err| v2::Error::ConnectionFailed(err.to_string()))?;
                          Ok(())
                      }
                      .await)
                  }
              }
            """;

    @Test
    void drivenEventLoopNowDiscarded() {
        List<Finding> f = RuleRun.on(rule, "crates/outbound-mqtt/src/lib.rs", PUBLISH);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL30", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`eventloop` is discarded in `publish`; the old code drove it");
        assertThat(RuleRun.on(rule, "crates/outbound-mqtt/src/lib.rs", PUBLISH.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/db.rs", """
                  async fn open(url: &str) -> Result<Client, Error> {
                -     let (client, connection) = tokio_postgres::connect(url, NoTls).await?;
                -     tokio::spawn(connection);
                +     let (client, _connection) = tokio_postgres::connect(url, NoTls).await?;
                      Ok(client)
                  }
                """))).containsExactly(tuple("AL30", MEDIUM, NEW, 2, 2));
    }

    @Test
    void unusedDriversOtherCallsAndOtherNamesAreFine() {
        // the old code never used it either
        assertThat(RuleRun.on(rule, "src/db.rs", """
                  async fn open(url: &str) -> Result<Client, Error> {
                -     let (client, connection) = connect(url).await?;
                +     let (client, _) = connect(url).await?;
                      Ok(client)
                  }
                """)).isEmpty();
        // another call
        assertThat(RuleRun.on(rule, "src/db.rs", """
                  async fn open(url: &str) -> Result<Client, Error> {
                -     let (client, connection) = connect(url).await?;
                -     tokio::spawn(connection);
                +     let (client, _) = connect_pooled(url).await?;
                      Ok(client)
                  }
                """)).isEmpty();
        // not a driver's name
        assertThat(RuleRun.on(rule, "src/db.rs", """
                  fn split(s: &str) -> String {
                -     let (head, tail) = s.split_once(':').unwrap();
                -     log(tail);
                +     let (head, _) = s.split_once(':').unwrap();
                      head.to_string()
                  }
                """)).isEmpty();
    }
}
