package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC52: the delivery handler installed after the subscribe request. */
class HandlerAfterSubscribeTest {

    private final HandlerAfterSubscribe rule = new HandlerAfterSubscribe();

    /** rabbitmq-stream-rust-client's consumer builder with 634adb6d reversed. */
    private static final String BUILD = """
              impl ConsumerBuilder {
                  pub async fn build(self, stream: &str) -> Result<Consumer, ConsumerCreateError> {
                      let client = self.environment.create_client().await?;
                      let subscription_id = 1;
            -         let (tx, rx) = channel(10000);
            -         let consumer = Arc::new(ConsumerInternal::new(subscription_id, client.clone(), tx));
            -         client.set_handler(ConsumerMessageHandler(consumer.clone())).await;
                      let response = client.subscribe(subscription_id, stream, self.offset).await?;
                      if response.is_ok() {
            +             let (tx, rx) = channel(10000);
            +             let consumer = Arc::new(ConsumerInternal::new(subscription_id, client.clone(), tx));
            +             client.set_handler(ConsumerMessageHandler(consumer.clone())).await;
                          Ok(Consumer { receiver: rx, internal: consumer })
                      } else {
                          Err(ConsumerCreateError::Create { stream: stream.to_owned(), status: response.code() })
                      }
                  }
              }
            """;

    @Test
    void aHandlerMovedAfterTheSubscribeIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/consumer.rs", BUILD);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC52", MEDIUM, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo("`build` installs the handler with `set_handler` after subscribing on line 5");
    }

    @Test
    void theFixedOrderANewFnOrAnotherReceiverIsNotReported() {
        String reversed = BUILD.lines().map(l -> l.startsWith("-") ? "+" + l.substring(1)
                : l.startsWith("+") ? "-" + l.substring(1) : l).reduce("", (a, b) -> a + b + "\n");
        assertThat(reversed).isNotEqualTo(BUILD);
        assertThat(RuleRun.on(rule, "src/consumer.rs", reversed)).isEmpty();
        assertThat(RuleRun.on(rule, "src/consumer.rs", """
                  fn start(&mut self) {
                -     self.events.set_handler(h);
                +     self.bus.subscribe("topic");
                +     self.events.set_handler(h);
                  }
                """)).isEmpty();
    }
}
