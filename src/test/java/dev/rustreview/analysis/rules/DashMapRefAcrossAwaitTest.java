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

    /** iggy 1f246c77 (the fix): the path cloned and the RefMut dropped before the awaited save. */
    private static final String OFFSETS_FIXED = """
            use dashmap::DashMap;
            impl Partition {
                pub async fn store_consumer_offset(&self, kind: ConsumerKind, consumer_id: u32, offset: u64) -> Result<(), IggyError> {
                    let consumer_offsets = self.get_consumer_offsets(kind);
                    if let Some(mut consumer_offset) = consumer_offsets.get_mut(&consumer_id) {
                        consumer_offset.offset = offset;
                        let path = consumer_offset.path.clone();
                        drop(consumer_offset);
                        self.storage.save_consumer_offset(offset, &path).await?;
                        return Ok(());
                    }
                    Ok(())
                }

                fn get_consumer_offsets(&self, kind: ConsumerKind) -> &DashMap<u32, ConsumerOffset> {
                    match kind {
                        ConsumerKind::Consumer => &self.consumer_offsets,
                        ConsumerKind::ConsumerGroup => &self.consumer_group_offsets,
                    }
                }
            }
            """;

    private static final String OFFSETS_BUGGY = OFFSETS_FIXED
            .replace("            let path = consumer_offset.path.clone();\n            drop(consumer_offset);\n", "")
            .replace("save_consumer_offset(offset, &path)", "save_consumer_offset(&consumer_offset)");

    @Test
    void anIfLetRefMutOfAMapAFnReturnsHeldAcrossTheAwaitIsReported() {
        assertThat(OFFSETS_BUGGY).doesNotContain("drop(consumer_offset)");
        List<Finding> f = RuleRun.on(rule, "server/src/consumer_offsets.rs", RuleRun.diff(OFFSETS_FIXED, OFFSETS_BUGGY));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL28", HIGH, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo(
                "DashMap guard `consumer_offset` from `consumer_offsets.get_mut(..)` held across `.await`");
        assertThat(f.get(0).explanation()).contains("the `.await` on line 7");
    }

    @Test
    void theDropBeforeTheAwaitAndAMapOfAnotherTypeAreQuiet() {
        assertThat(RuleRun.on(rule, "server/src/consumer_offsets.rs", RuleRun.diff(OFFSETS_BUGGY, OFFSETS_FIXED))).isEmpty();
        String hashMap = OFFSETS_BUGGY.replace("-> &DashMap<u32, ConsumerOffset>", "-> &HashMap<u32, ConsumerOffset>");
        assertThat(RuleRun.on(rule, "server/src/consumer_offsets.rs", RuleRun.diff(OFFSETS_FIXED, hashMap))).isEmpty();
    }
}
