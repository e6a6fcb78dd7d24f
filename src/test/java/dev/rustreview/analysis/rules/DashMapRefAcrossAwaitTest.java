package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL28: a DashMap guard alive across an await. */
class DashMapRefAcrossAwaitTest {

    private final DashMapRefAcrossAwait rule = new DashMapRefAcrossAwait();

    /** greptimedb 8fac7128, reversed: the stats entry kept across the awaited KV write. */
    private static final String STATS = """
              use dashmap::DashMap;
              pub struct CollectStatsHandler {
            -     stats_cache: DashMap<DatanodeStatKey, Arc<Mutex<EpochStats>>>,
            +     stats_cache: DashMap<DatanodeStatKey, EpochStats>,
                  flush_stats_factor: usize,
              }
              impl HeartbeatHandler for CollectStatsHandler {
                  async fn handle(&self, ctx: &mut Context, acc: &mut HeartbeatAccumulator) -> Result<HandleControl> {
                      let Some(current_stat) = acc.stat.take() else {
                          return Ok(HandleControl::Continue);
                      };
                      let key = current_stat.stat_key();
            -         let state = {
            -             let entry = self.stats_cache.entry(key).or_insert_with(|| Arc::new(Mutex::new(EpochStats::default())));
            -             Arc::clone(entry.value())
            -         };
            -         let mut epoch_stats = state.lock().await;
            +         let mut entry = self.stats_cache.entry(key).or_default();
            +         let epoch_stats = entry.value_mut();
                      epoch_stats.push_stat(current_stat);
                      if epoch_stats.len() < self.flush_stats_factor {
                          return Ok(HandleControl::Continue);
                      }
                      let value: Vec<u8> = DatanodeStatValue { stats: epoch_stats.drain_all() }.try_into()?;
                      let _ = ctx.in_memory.put(PutRequest { key: key.into(), value, prev_kv: false }).await?;
                      Ok(HandleControl::Continue)
                  }
              }
            """;

    @Test
    void anEntryKeptAcrossTheAwaitedWrite() {
        List<Finding> f = RuleRun.on(rule, "src/meta-srv/src/handler/collect_stats_handler.rs", STATS);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL28", HIGH, NEW, 12, 12));
        assertThat(f.get(0).title()).isEqualTo("DashMap guard `entry` from `self.stats_cache.entry(..)` held across `.await`");
        assertThat(f.get(0).explanation()).contains("line 19");
        // the fix: the entry only lives in the inner block, and the await is on a tokio mutex
        assertThat(RuleRun.on(rule, "src/meta-srv/src/handler/collect_stats_handler.rs", STATS.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
    }

    @Test
    void aRefOfALocalMapAcrossAnAwait() {
        assertThat(RuleRun.shape(RuleRun.added(rule, """
                async fn serve(peers: Arc<DashMap<PeerId, Peer>>, id: PeerId) -> Result<()> {
                    let peer = peers.get(&id).ok_or(Error::Unknown)?;
                    peer.conn.send(Ping).await?;
                    Ok(())
                }
                """))).containsExactly(tuple("AL28", HIGH, NEW, 2, 2));
        assertThat(RuleRun.shape(RuleRun.added(rule, """
                async fn serve(peers: Arc<DashMap<PeerId, Peer>>, id: PeerId) -> Result<()> {
                    let peer = peers.get(&id).unwrap();
                    peer.conn.send(Ping).await?;
                    Ok(())
                }
                """))).containsExactly(tuple("AL28", HIGH, NEW, 2, 2));
    }

    @Test
    void droppedCopiedSyncTestOrNotADashMapIsFine() {
        assertThat(RuleRun.added(rule, """
                struct Hub { peers: DashMap<PeerId, Peer>, names: HashMap<PeerId, String> }
                impl Hub {
                    async fn ping(&self, id: PeerId) {
                        let conn = self.peers.get(&id).unwrap().conn.clone();
                        conn.send(Ping).await;
                        let peer = self.peers.get(&id).unwrap();
                        let c = peer.conn.clone();
                        drop(peer);
                        c.send(Ping).await;
                        {
                            let p = self.peers.get(&id).unwrap();
                            p.touch();
                        }
                        tick().await;
                        let name = self.names.get(&id).unwrap();
                        log(name).await;
                        let p = self.peers.get(&id).unwrap();
                        tokio::spawn(async move { work().await });
                    }
                    fn sync_touch(&self, id: PeerId) {
                        let p = self.peers.get(&id).unwrap();
                        block_on(async { work().await });
                    }
                }
                #[tokio::test]
                async fn held() {
                    let p = hub.peers.get(&id).unwrap();
                    work().await;
                }
                """)).isEmpty();
    }
}
