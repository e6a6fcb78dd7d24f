package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN33: a floor of one removed before a use that panics on zero. */
class ZeroFloorRemovedTest {

    private final ZeroFloorRemoved rule = new ZeroFloorRemoved();

    /** horaedb's ThreadedReader::read with its fix (22b724ca) reversed. */
    private static final String READER = """
              impl<'a> SstReader for ThreadedReader<'a> {
                  async fn read(&mut self) -> Result<Box<dyn RecordBatchStream>> {
                      let sub_readers = self.inner.build_sub_readers().await?;
                      let read_parallelism = sub_readers.len();
                      let channel_cap_per_sub_reader = self.channel_cap / sub_readers.len();
            -         let channel_cap_per_sub_reader = channel_cap_per_sub_reader.max(1);
                      let (tx_group, rx_group): (Vec<_>, Vec<_>) = (0..read_parallelism)
                          .map(|_| mpsc::channel::<Result<RecordBatchWithKey>>(channel_cap_per_sub_reader))
                          .unzip();
                      Ok(Box::new(RecordBatchReceiver::new(rx_group)))
                  }
              }
            """;

    @Test
    void aFloorDeletedBeforeAChannelCapacityIsReported() {
        List<Finding> f = RuleRun.on(rule, "analytic_engine/src/sst/parquet/async_reader.rs", READER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN33", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo(
                "`channel::<Result<RecordBatchWithKey>>(channel_cap_per_sub_reader)` no longer kept above zero in `read`");
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/reader.rs", READER.replace(
                "mpsc::channel::<Result<RecordBatchWithKey>>(channel_cap_per_sub_reader)", "total / channel_cap_per_sub_reader"))))
                .containsExactly(tuple("PN33", MEDIUM, NEW, 7, 7));
    }

    @Test
    void aFloorKeptMovedOrAValueNotUsedAsASizeIsNotReported() {
        assertThat(RuleRun.on(rule, "src/reader.rs", READER.replace("-         let channel", "+         let channel"))).isEmpty();
        // floored where it is computed instead
        assertThat(RuleRun.on(rule, "src/reader.rs", READER.replace(
                "      let channel_cap_per_sub_reader = self.channel_cap / sub_readers.len();",
                "      let channel_cap_per_sub_reader = (self.channel_cap / sub_readers.len()).max(1);"))).isEmpty();
        // the value goes to something that takes zero
        assertThat(RuleRun.on(rule, "src/reader.rs", READER.replace(
                "mpsc::channel::<Result<RecordBatchWithKey>>(channel_cap_per_sub_reader)", "Vec::with_capacity(channel_cap_per_sub_reader)")))
                .isEmpty();
    }
}
