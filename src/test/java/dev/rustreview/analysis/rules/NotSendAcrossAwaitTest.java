package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL42: a value that is not Send alive across an await. */
class NotSendAcrossAwaitTest {

    private final NotSendAcrossAwait rule = new NotSendAcrossAwait();

    /** rabbitmq-stream-rust-client's consumer builder with 35df0526 reversed. */
    private static final String BUILD = """
              impl ConsumerBuilder {
                  pub async fn build(self, stream: &str) -> Result<Consumer, ConsumerCreateError> {
                      let mut client = self.environment.create_client().await?;
                      if let Some(metadata) = client.metadata(vec![stream.to_string()]).await?.get(stream) {
            -             if let Some(replica) = metadata.replicas.choose(&mut StdRng::from_entropy()) {
            +             if let Some(replica) = metadata.replicas.choose(&mut rand::thread_rng()) {
                              tracing::debug!("picked replica {:?}", replica);
                              let mut options = self.environment.options.client_options.clone();
                              options.host = replica.host.clone();
                              client = Client::connect(options).await?;
                          }
                      }
                      Ok(Consumer::new(client))
                  }
              }
            """;

    @Test
    void aThreadLocalGeneratorInAnIfLetScrutineeWhoseBodyAwaitsIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/consumer.rs", BUILD);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL42", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`rand::thread_rng()` is held across the `.await` on line 9 in `build`: "
                + "the future is not `Send`");
        assertThat(f.get(0).explanation()).contains("temporary of the scrutinee on line 5");
        // the pick bound first, so the generator is gone before the await
        String bound = BUILD.replace(
                "+             if let Some(replica) = metadata.replicas.choose(&mut rand::thread_rng()) {",
                "+             let picked = metadata.replicas.choose(&mut rand::thread_rng()).cloned();\n"
                        + "+             if let Some(replica) = picked {");
        assertThat(bound).isNotEqualTo(BUILD);
        assertThat(RuleRun.on(rule, "src/consumer.rs", bound)).isEmpty();
        // a body that does not await, a fn that is not async, a crate that runs its futures on one thread
        assertThat(RuleRun.on(rule, "src/consumer.rs", BUILD.replace("client = Client::connect(options).await?;",
                "client.set_options(options);"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/consumer.rs", "  use tokio::task::spawn_local;\n" + BUILD)).isEmpty();
    }

    @Test
    void aGeneratorBoundBeforeAnAwaitInItsBlockIsReportedUnlessDroppedFirst() {
        String diff = """
                  async fn refresh(cache: &Cache, key: &str) -> Result<()> {
                +     let mut rng = rand::thread_rng();
                +     cache.shuffle(key, &mut rng);
                +     let fresh = fetch(key).await?;
                +     cache.pick(fresh, &mut rng);
                      Ok(())
                  }
                """;
        List<Finding> f = RuleRun.on(rule, "src/cache.rs", diff);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL42", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).explanation()).contains("bound on line 2 and alive to the end of its block");
        String dropped = diff.replace("+     cache.shuffle(key, &mut rng);", "+     cache.shuffle(key, &mut rng);\n"
                + "+     drop(rng);").replace("+     cache.pick(fresh, &mut rng);", "+     let _ = fresh;");
        assertThat(dropped).isNotEqualTo(diff);
        assertThat(RuleRun.on(rule, "src/cache.rs", dropped)).isEmpty();
        // a number drawn from the generator is Send; a generator in an inner block that ends before the await; an
        // Rc (a crate building Rcs in async fns runs them on one thread by design); test code
        assertThat(RuleRun.on(rule, "src/cache.rs", """
                  async fn jitter(client: &Client) -> Result<()> {
                +     let wait = rand::thread_rng().gen_range(0..100);
                +     {
                +         let mut local = rand::thread_rng();
                +         use_it(&mut local);
                +     }
                +     let shared = Rc::new(1);
                +     client.sleep(wait).await;
                      Ok(())
                  }
                  #[cfg(test)]
                  mod tests {
                      #[tokio::test]
                      async fn picks() {
                +         let mut rng = rand::thread_rng();
                +         client().await.pick(&mut rng);
                      }
                  }
                """)).isEmpty();
    }
}
