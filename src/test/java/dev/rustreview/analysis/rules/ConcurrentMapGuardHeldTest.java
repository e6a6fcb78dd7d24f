package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC28: a DashMap written while a Ref from a get on a DashMap is alive. */
class ConcurrentMapGuardHeldTest {

    private final ConcurrentMapGuardHeld rule = new ConcurrentMapGuardHeld();

    /** yatp's TaskElapsedMap::get_elapsed with its fix (9d3ccd00) reversed. */
    private static final String ELAPSED = """
              use dashmap::DashMap;
              struct TaskElapsedMap { new_index: AtomicUsize, maps: [DashMap<u64, Arc<ElapsedTime>>; 2] }
              impl TaskElapsedMap {
                  fn get_elapsed(&self, key: u64) -> Arc<ElapsedTime> {
                      let new_index = self.new_index.load(SeqCst);
                      let new_map = &self.maps[new_index];
                      let old_map = &self.maps[new_index ^ 1];
                      if let Some(v) = new_map.get(&key) {
                          return v.clone();
                      }
                      match old_map.get(&key) {
                          Some(v) => {
            -                 let v2 = v.clone();
            -                 drop(v);
            -                 new_map.insert(key, v2.clone());
            -                 v2
            +                 new_map.insert(key, v.clone());
            +                 v.clone()
                          }
                          None => {
                              let v = new_map.entry(key).or_default();
                              v.clone()
                          }
                      }
                  }
              }
            """;

    @Test
    void anInsertIntoAnotherMapUnderTheOldMapsRefIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/queue/multilevel.rs", ELAPSED);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC28", MEDIUM, NEW, 13, 13));
        assertThat(f.get(0).title()).isEqualTo("`new_map.insert(..)` while the `Ref` from `old_map.get(..)` is alive");
    }

    @Test
    void theSameMapWrittenUnderItsOwnRefIsHigh() {
        List<Finding> f = RuleRun.on(rule, "src/cache.rs", """
                  use dashmap::DashMap;
                  impl Cache {
                      fn touch(&self, key: &str) {
                          if let Some(entry) = self.entries.get(key) {
                +             self.entries.insert(key.to_owned(), entry.bumped());
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC28", HIGH, NEW, 5, 5));
    }

    @Test
    void theFixTheNoneArmTheGuardsOwnValueAndPlainMapsAreQuiet() {
        // the fix: the guard is dropped before the insert
        assertThat(RuleRun.on(rule, "src/queue/multilevel.rs", ELAPSED.replace("\n-", "\n#")
                .replace("\n+", "\n-").replace("\n#", "\n+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/index.rs", """
                  use dashmap::DashMap;
                  impl Index {
                      fn add(&self, key: u64, id: u64) {
                          match self.by_key.get_mut(&key) {
                +             Some(mut ids) => ids.insert(id),
                +             None => self.by_key.insert(key, HashSet::from([id])).is_none(),
                          };
                          if let Some(set) = self.by_key.get(&key) {
                +             log_set(set.len());
                          }
                      }
                  }
                """)).isEmpty();
        // a local set filled only under the guard; a None arm first; a write that the change does not touch
        assertThat(RuleRun.on(rule, "src/index.rs", """
                  use dashmap::DashMap;
                  impl Index {
                      fn walk(&self, key: u64) {
                          let mut seen = HashSet::new();
                          if let Some(v) = self.by_key.get(&key) {
                +             seen.insert(v.id);
                          }
                          match self.by_key.get(&key) {
                +             None => self.by_key.insert(key, Entry::default()),
                              Some(_) => { trace!("present"); None }
                          };
                          if let Some(v) = self.by_key.get(&key) {
                              self.other.insert(key, v.clone());
                -             trace!("copied");
                +             debug!("copied");
                          }
                          self.other.get(&key);
                      }
                  }
                """)).isEmpty();
        // no DashMap in the file: a plain map cannot be written under its own borrow, and two plain maps are fine
        assertThat(RuleRun.on(rule, "src/plain.rs", """
                  impl Plain {
                      fn copy(&mut self, key: u64) {
                          if let Some(v) = self.old.get(&key) {
                +             self.new.insert(key, v.clone());
                          }
                      }
                  }
                """)).isEmpty();
    }

    /** iroh-relay's Clients::send_packet with its fix (c650ea83) reversed: the write two calls down. */
    private static final String SEND_PACKET = """
              use dashmap::DashMap;
              impl Clients {
                  async fn unregister(&self, node_id: NodeId) {
                      if let Some((_, client)) = self.0.clients.remove(&node_id) {
                          client.shutdown().await;
                      }
                  }
                  pub(super) async fn send_packet(&self, dst: NodeId, data: Bytes, src: NodeId) -> Result<()> {
            -         let Some(client) = self.0.clients.get(&dst) else {
            -             return Ok(());
            -         };
            -         self.unregister(client, dst).await;
            +         if let Some(client) = self.0.clients.get(&dst) {
            +             let res = client.try_send_packet(src, data);
            +             return self.process_result(src, dst, res).await;
            +         }
                      Ok(())
                  }
                  async fn process_result(&self, src: NodeId, dst: NodeId, res: Result<(), SendError>) -> Result<()> {
                      match res {
                          Ok(_) => Ok(()),
                          Err(_) => {
                              self.unregister(dst).await;
                              bail!("gone")
                          }
                      }
                  }
              }
            """;

    @Test
    void aCalleeThatWritesTheSameMapWhileTheRefIsAlive() {
        List<Finding> f = RuleRun.on(rule, "src/server/clients.rs", SEND_PACKET);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC28", MEDIUM, NEW, 11, 11));
        assertThat(f.get(0).explanation()).contains("`process_result` → `unregister` → `self.0.clients.remove`");
        // the guard dropped before the call; the guard handed to the callee; a callee writing another map; no DashMap
        assertThat(RuleRun.on(rule, "src/server/clients.rs", SEND_PACKET.replace("+             return self.process_result(",
                "+             drop(client);\n+             return self.process_result("))).isEmpty();
        assertThat(RuleRun.on(rule, "src/server/clients.rs", SEND_PACKET.replace("self.process_result(src, dst, res)",
                "self.process_result(client, dst, res)"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/server/clients.rs", SEND_PACKET.replace("self.0.clients.remove(&node_id)",
                "self.0.sent_to.remove(&node_id)"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/server/clients.rs", SEND_PACKET.replace("use dashmap::DashMap;", ""))).isEmpty();
        // the call was there before the change
        assertThat(RuleRun.on(rule, "src/server/clients.rs", SEND_PACKET.replace("+             return self.process_result(",
                "              return self.process_result("))).isEmpty();
    }

    /** quilkin's ClusterMap::remove_endpoint with its fix (5eaf096d) reversed: the map written while it is iterated. */
    private static final String REMOVE_ENDPOINT = """
              use dashmap::DashMap;
              impl ClusterMap {
                  pub fn remove_endpoint(&self, needle: &Endpoint) -> bool {
            -         let locality = 'l: {
            -             for mut entry in self.map.iter_mut() {
            -                 if entry.value_mut().endpoints.remove(needle) {
            -                     if entry.value().is_empty() {
            -                         break 'l entry.key().clone();
            -                     }
            -                     return true;
            -                 }
            -             }
            -             return false;
            -         };
            -         self.remove_locality(&locality);
            -         true
            +         for mut entry in self.map.iter_mut() {
            +             if entry.value_mut().endpoints.remove(needle) {
            +                 if entry.value().is_empty() {
            +                     self.remove_locality(entry.key());
            +                 }
            +                 return true;
            +             }
            +         }
            +         false
                  }
                  fn remove_locality(&self, locality: &Option<Locality>) {
                      self.map.remove(locality);
                  }
              }
            """;

    @Test
    void theMapWrittenThroughACalleeWhileItIsIteratedIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/net/cluster.rs", REMOVE_ENDPOINT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC28", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).explanation()).contains("`remove_locality` → `self.map.remove`");
        String direct = REMOVE_ENDPOINT.replace("+                     self.remove_locality(entry.key());",
                "+                     self.map.remove(entry.key());");
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/net/cluster.rs", direct))).containsExactly(tuple("CC28", HIGH, NEW, 7, 7));
        // the fix direction; iterating another map; a loop over something that is not an iterator of the map
        assertThat(RuleRun.on(rule, "src/net/cluster.rs", REMOVE_ENDPOINT.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-")
                .replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/net/cluster.rs", REMOVE_ENDPOINT.replace("+         for mut entry in self.map.iter_mut()",
                "+         for mut entry in self.pending.iter_mut()"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/net/cluster.rs", REMOVE_ENDPOINT.replace("+         for mut entry in self.map.iter_mut()",
                "+         for mut entry in self.map.keys_snapshot()"))).isEmpty();
    }

    /** greptimedb 4c18d140, reversed: refs collected from the per-db map, then the same map written. */
    private static final String LEGACY_CACHE = """
              use dashmap::DashMap;
              impl Instance {
                  async fn check_otlp_legacy(&self, names: &[&String], ctx: QueryContextRef) -> Result<bool> {
                      let db_string = ctx.get_db_string();
            -         let cache = self.otlp_metrics_table_legacy_cache.entry(db_string.clone()).or_default();
            -         if let Some(flag) = fast_legacy_check(&cache, names)? {
            -             return Ok(flag);
            -         }
            -         drop(cache);
            +         {
            +             let cache = self.otlp_metrics_table_legacy_cache.entry(db_string.clone()).or_default();
            +             let hit_cache = names
            +                 .iter()
            +                 .filter_map(|name| cache.get(*name))
            +                 .collect::<Vec<_>>();
            +             if !hit_cache.is_empty() {
            +                 let flag = hit_cache.iter().any(|en| *en.value());
            +                 names.iter().for_each(|name| {
            +                     if !cache.contains_key(*name) {
            +                         cache.insert(name.to_string(), flag);
            +                     }
            +                 });
            +                 return Ok(flag);
            +             }
            +         }
                      self.load_legacy(names, ctx).await
                  }
              }
            """;

    @Test
    void refsCollectedIntoALocalWhileTheSameMapIsWritten() {
        List<Finding> f = RuleRun.on(rule, "src/frontend/src/instance.rs", LEGACY_CACHE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC28", HIGH, NEW, 15, 15));
        assertThat(f.get(0).title()).isEqualTo("`cache.insert(..)` while the `Ref` from `cache.get(..)` is alive");
        assertThat(f.get(0).explanation()).startsWith("`hit_cache` holds the DashMap guard from `cache.get(..)`");
        // the fix: the refs live in a helper that drops them before inserting
        assertThat(RuleRun.on(rule, "src/frontend/src/instance.rs", LEGACY_CACHE.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
    }

    @Test
    void aLetBoundEntryOrRefWhileTheSameMapIsWritten() {
        assertThat(RuleRun.shape(RuleRun.added(rule, """
                use dashmap::DashMap;
                impl Registry {
                    fn rename(&self, from: &str, to: &str) -> Option<()> {
                        let mut entry = self.names.entry(from.to_owned()).or_default();
                        entry.renamed = true;
                        self.names.remove(to);
                        let old = self.ids.get(from)?;
                        self.ids.insert(to.to_owned(), old.id);
                        Some(())
                    }
                    fn swap(&self, a: &str, b: &str) {
                        let r = self.slots.get(a).unwrap();
                        let first = r.clone();
                        drop(r);
                        let r = self.slots.get(b).unwrap();
                        self.slots.insert(a.to_owned(), r.clone());
                        let Some(e) = self.peers.get(a) else { return };
                        self.peers.remove(b);
                    }
                }
                """))).containsExactly(tuple("CC28", HIGH, NEW, 6, 6), tuple("CC28", HIGH, NEW, 8, 8),
                tuple("CC28", HIGH, NEW, 16, 16), tuple("CC28", HIGH, NEW, 18, 18));
    }

    @Test
    void copiedOutDroppedOrEarlierRefsAreFine() {
        assertThat(RuleRun.added(rule, """
                use dashmap::DashMap;
                impl Registry {
                    fn rename(&self, from: &str, to: &str) {
                        self.names.insert(from.to_owned(), 1);
                        let copy = self.names.get(from).map(|r| *r);
                        let present = self.names.get(to).is_some();
                        let n = *self.names.get(from).unwrap();
                        self.names.insert(to.to_owned(), n);
                        let r = self.names.get(from).unwrap();
                        let v = *r;
                        drop(r);
                        self.names.insert(to.to_owned(), v);
                        let ids: Vec<u64> = names.iter().filter_map(|n| self.ids.get(n).map(|r| r.id)).collect();
                        self.ids.clear();
                        {
                            let g = self.names.get(from);
                        }
                        self.names.remove(from);
                    }
                }
                """)).isEmpty();
    }
}
