package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AP4: a struct gains a field that is not Send or not Sync. */
class AutoTraitLostTest {

    private final AutoTraitLost rule = new AutoTraitLost();

    /** pulsar-rs's TopicProducer with its fix (afdf6d08) reversed. */
    private static final String PRODUCER = """
              struct TopicProducer<Exe: Executor> {
                  client: Pulsar<Exe>,
                  topic: String,
            -     batch: Option<Batch>,
            +     batch: RefCell<Option<Batch>>,
                  sequence_id: SerialId,
              }

              impl<Exe: Executor> TopicProducer<Exe> {
                  pub(crate) async fn send_raw(&self, message: ProducerMessage) -> Result<SendFuture, Error> {
                      let sender = self.batch.borrow_mut().as_mut().map(|b| b.msg_sender.clone());
                      self.send_inner(sender, message).await
                  }
              }
            """;

    @Test
    void aCellFieldInAStructWithAsyncMethodsIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/producer.rs", PRODUCER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AP4", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`TopicProducer` gains `RefCell` and is no longer `Sync`");
        // a public struct without async methods; an `Rc` field loses Send
        List<Finding> rc = RuleRun.on(rule, "src/lib.rs", """
                  pub struct Handle {
                -     shared: Arc<Inner>,
                +     shared: Rc<Inner>,
                  }
                """);
        assertThat(RuleRun.shape(rc)).containsExactly(tuple("AP4", MEDIUM, NEW, 2, 2));
        assertThat(rc.get(0).title()).isEqualTo("`Handle` gains `Rc` and is no longer `Send`");
    }

    @Test
    void aStructThatHadOneAPrivateSyncOnlyStructOrAnUnsafeImplIsNotReported() {
        assertThat(RuleRun.on(rule, "src/producer.rs", PRODUCER.replace("-     batch", "=     batch")
                .replace("+     batch", "-     batch").replace("=     batch", "+     batch"))).isEmpty();
        // it already held a cell
        assertThat(RuleRun.on(rule, "src/producer.rs", PRODUCER.replace("topic: String,", "topic: Cell<u32>,"))).isEmpty();
        // private, and no async fn in its impls
        assertThat(RuleRun.on(rule, "src/producer.rs", PRODUCER.replace("async fn send_raw", "fn send_raw")
                .replace(".await", ""))).isEmpty();
        // the file vouches for it
        assertThat(RuleRun.on(rule, "src/producer.rs", PRODUCER
                + "  unsafe impl<Exe: Executor> Sync for TopicProducer<Exe> {}\n")).isEmpty();
        // test code
        assertThat(RuleRun.on(rule, "tests/producer.rs", PRODUCER)).isEmpty();
    }
}
