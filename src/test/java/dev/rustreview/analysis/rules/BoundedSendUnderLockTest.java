package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC51: a send that waits for room, awaited while a lock guard is alive. */
class BoundedSendUnderLockTest {

    private final BoundedSendUnderLock rule = new BoundedSendUnderLock();

    private static final String FIXED = """
            use tokio::sync::{mpsc::{unbounded_channel, UnboundedSender}, Mutex};
            lazy_static! {
                pub static ref MONITOR: Mutex<Monitor> = Mutex::new(Monitor::default());
            }
            pub async fn monitor_notify_by_pid(pid: i32, exit_code: i32) -> Result<()> {
                let monitor = MONITOR.lock().await;
                monitor.notify_by_pid(pid, exit_code).await
            }
            pub async fn monitor_unsubscribe(id: i64) -> Result<()> {
                let mut monitor = MONITOR.lock().await;
                monitor.unsubscribe(id)
            }
            impl Monitor {
                pub fn subscribe(&mut self) -> Subscription {
                    let (tx, rx) = unbounded_channel::<ExitEvent>();
                    self.subscribers.push(tx);
                    Subscription { rx }
                }
                pub async fn notify_by_pid(&self, pid: i32, exit_code: i32) -> Result<()> {
                    self.notify_topic(pid, exit_code).await;
                    Ok(())
                }
                async fn notify_topic(&self, pid: i32, exit_code: i32) {
                    for tx in &self.subscribers {
                        let _ = tx.send(ExitEvent { pid, exit_code });
                    }
                }
            }
            """;

    /** containerd rust-extensions' shim monitor with the fix (6b225fb4) reversed. */
    private static final String BROKEN = FIXED
            .replace("let (tx, rx) = unbounded_channel::<ExitEvent>();", "let (tx, rx) = channel::<ExitEvent>(128);")
            .replace("let _ = tx.send(ExitEvent { pid, exit_code });", "let _ = tx.send(ExitEvent { pid, exit_code }).await;");

    @Test
    void aBoundedSendAwaitedThroughTwoCallsUnderTheGlobalLockIsReported() {
        List<Finding> f = RuleRun.on(rule, "crates/shim/src/asynchronous/monitor.rs", RuleRun.diff(FIXED, BROKEN));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC51", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`monitor_notify_by_pid` awaits a channel send while `MONITOR` is locked "
                + "(through `notify_by_pid`, whose send is on line 25)");
    }

    @Test
    void theGuardDroppedFirstOrAnUntouchedSendIsNotReported() {
        String released = BROKEN.replace("    let monitor = MONITOR.lock().await;\n    monitor.notify_by_pid(pid, exit_code).await",
                "    let monitor = MONITOR.lock().await.clone();\n    monitor.notify_by_pid(pid, exit_code).await");
        assertThat(released).isNotEqualTo(BROKEN);
        assertThat(RuleRun.on(rule, "src/monitor.rs", RuleRun.diff(FIXED, released))).isEmpty();
        // the awaited send was there before and the change touches something else
        String other = BROKEN.replace("Ok(())", "Ok::<(), Error>(())");
        assertThat(RuleRun.on(rule, "src/monitor.rs", RuleRun.diff(BROKEN, other))).isEmpty();
    }

    private static final String DIRECT_FIXED = """
            use std::sync::Arc;
            use tokio::sync::{mpsc, Mutex};
            pub struct Hub {
                peers: Mutex<Vec<u64>>,
                events: mpsc::Sender<Event>,
                out: Mutex<mpsc::Sender<Event>>,
            }
            impl Hub {
                pub async fn join(&self, id: u64) {
                    let mut peers = self.peers.lock().await;
                    peers.push(id);
                    drop(peers);
                    let _ = self.events.send(Event::Joined(id)).await;
                }
                pub async fn leave(&self, id: u64) {
                    let mut peers = self.peers.lock().await;
                    peers.retain(|p| *p != id);
                }
            }
            """;

    @Test
    void aSendAwaitedDirectlyUnderAnotherLocksGuardIsReported() {
        String before = DIRECT_FIXED.replace("        drop(peers);\n", "")
                .replace("        let _ = self.events.send(Event::Joined(id)).await;\n", "");
        String after = DIRECT_FIXED.replace("        drop(peers);\n", "");
        assertThat(before).isNotEqualTo(after);
        List<Finding> f = RuleRun.on(rule, "src/hub.rs", RuleRun.diff(before, after));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC51", MEDIUM, NEW, 12, 12));
        assertThat(f.get(0).title()).isEqualTo("`join` awaits a channel send while `self.peers` is locked");
    }

    @Test
    void aSendThroughTheGuardItselfOrAnUntouchedDirectSendIsNotReported() {
        String throughGuard = DIRECT_FIXED.replace("        let _ = self.events.send(Event::Joined(id)).await;\n",
                "        let out = self.out.lock().await;\n        let _ = out.send(Event::Joined(id)).await;\n");
        assertThat(throughGuard).isNotEqualTo(DIRECT_FIXED);
        assertThat(RuleRun.on(rule, "src/hub.rs", RuleRun.diff(DIRECT_FIXED, throughGuard))).isEmpty();
        String chained = DIRECT_FIXED.replace("let _ = self.events.send(Event::Joined(id)).await;",
                "let _ = self.out.lock().await.send(Event::Joined(id)).await;");
        assertThat(RuleRun.on(rule, "src/hub.rs", RuleRun.diff(DIRECT_FIXED, chained))).isEmpty();
        // iced's beacon client: a sender kept in a locked slot, bound from the guard by `if let`
        String slot = DIRECT_FIXED.replace("        let _ = self.events.send(Event::Joined(id)).await;\n",
                "        if let Some(sender) = self.out.lock().await.as_ref() {\n            let _ = sender.send(Event::Joined(id)).await;\n        }\n");
        assertThat(slot).isNotEqualTo(DIRECT_FIXED);
        assertThat(RuleRun.on(rule, "src/hub.rs", RuleRun.diff(DIRECT_FIXED, slot))).isEmpty();
        // the send was already under the guard; the change touches another line of the fn
        String before = DIRECT_FIXED.replace("        drop(peers);\n", "");
        String after = before.replace("peers.push(id);", "peers.push(id + 0);");
        assertThat(RuleRun.on(rule, "src/hub.rs", RuleRun.diff(before, after))).isEmpty();
    }
}
