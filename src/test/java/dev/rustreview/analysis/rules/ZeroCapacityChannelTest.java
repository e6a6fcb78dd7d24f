package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN14: a bounded channel of capacity 0 from a crate whose constructor panics on 0. */
class ZeroCapacityChannelTest {

    private final ZeroCapacityChannel rule = new ZeroCapacityChannel();

    @Test
    void tokiosMpscChannelOfCapacityZeroImportedInABraceList() {
        // mini-redis's server with its fix (83cdedf3) reversed: every start panicked.
        List<Finding> f = RuleRun.on(rule, "src/server.rs", """
                  use tokio::net::{TcpListener, TcpStream};
                  use tokio::sync::{broadcast, mpsc, Semaphore};
                  pub async fn run(listener: TcpListener, shutdown: impl Future) -> crate::Result<()> {
                      let (notify_shutdown, _) = broadcast::channel(1);
                -     let (shutdown_complete_tx, shutdown_complete_rx) = mpsc::channel(1);
                +     let (shutdown_complete_tx, shutdown_complete_rx) = mpsc::channel(0);
                      todo!()
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN14", HIGH, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`mpsc::channel(0)` in `run`: tokio's `mpsc::channel` panics on capacity 0");
    }

    @Test
    void everyImportShapeAndFullPathOfTheThreePanickingConstructors() {
        List<Finding> f = RuleRun.on(rule, "src/lib.rs", """
                  use tokio::{net::TcpStream, sync::{broadcast as _b, mpsc::{self, Sender}, oneshot}};
                  use tokio::sync::broadcast::{channel, Receiver};
                  use async_channel::{bounded, Receiver as R};
                  fn start() {
                +     let a = mpsc::channel::<u8>(0);
                +     let b = channel(0);
                +     let c = bounded(0);
                +     let d = tokio::sync::broadcast::channel::<Event>( 0 );
                +     let e = ::async_channel::bounded(0);
                  }
                """);
        assertThat(f).extracting(Finding::startLine).containsExactly(5, 6, 7, 8, 9);
        assertThat(f.get(1).title()).contains("tokio's `broadcast::channel`");
        assertThat(f.get(2).title()).contains("`async_channel::bounded`");
    }

    @Test
    void quietForCratesWhereZeroIsARendezvousForOtherCapacitiesAndForLinesNotAdded() {
        List<Finding> f = RuleRun.on(rule, "src/lib.rs", """
                  use futures::channel::mpsc;
                  use tokio::sync::mpsc::Sender;
                  use crossbeam_channel::bounded;
                  use std::sync::mpsc::sync_channel;
                  fn start() {
                      let old = tokio::sync::mpsc::channel(0);
                +     let a = mpsc::channel(0);
                +     let b = bounded(0);
                +     let c = sync_channel(0);
                +     let d = tokio::sync::mpsc::channel(10);
                +     let e = tokio::sync::mpsc::channel(CAPACITY);
                +     let g = flume::bounded(0);
                +     let h = std::sync::mpsc::channel(0);
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void aModuleImportedOnlyForItsTypesDoesNotNameTheModule() {
        assertThat(ZeroCapacityChannel.panickingCrate("mpsc::", "channel", "use tokio::sync::mpsc::Sender;\n")).isNull();
        assertThat(ZeroCapacityChannel.panickingCrate("mpsc::", "channel", "use tokio::sync::mpsc::{Sender, Receiver};\n"))
                .isNull();
        assertThat(ZeroCapacityChannel.panickingCrate("mpsc::", "channel", "use tokio::sync::mpsc;\n")).isNotNull();
        assertThat(ZeroCapacityChannel.panickingCrate("mpsc::", "channel", "use other::sync::mpsc;\n")).isNull();
        assertThat(ZeroCapacityChannel.panickingCrate("", "channel", "use tokio::sync::mpsc::channel;\n")).isNotNull();
        assertThat(ZeroCapacityChannel.panickingCrate("", "channel", "use tokio::sync::mpsc;\n")).isNull();
    }

    @Test
    void aTestFnIsLeftToItsTestRun() {
        List<Finding> f = RuleRun.on(rule, "src/lib.rs", """
                  use tokio::sync::mpsc;
                  #[cfg(test)]
                  mod tests {
                      #[test]
                      fn rendezvous() {
                +         let (tx, rx) = mpsc::channel(0);
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
