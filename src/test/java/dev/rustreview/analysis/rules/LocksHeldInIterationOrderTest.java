package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC35: guards of many locks kept together, taken in an unsorted order. */
class LocksHeldInIterationOrderTest {

    private final LocksHeldInIterationOrder rule = new LocksHeldInIterationOrder();

    /** greptimedb 4c07d2d5, reversed: region write locks taken in request order. */
    private static final String ALTER = """
              impl MetricEngineInner {
                  async fn alter_logical_regions(&self, physical_region_id: RegionId, requests: Vec<(RegionId, AlterRequest)>) -> Result<()> {
                      let data_region_id = to_data_region_id(physical_region_id);
            -         let region_ids = requests
            -             .iter()
            -             .map(|(region_id, _)| *region_id)
            -             .collect::<BTreeSet<_>>();
            -         let mut write_guards = Vec::with_capacity(region_ids.len());
            -         for region_id in region_ids {
            -             write_guards.push(self.metadata_region.write_lock_logical_region(region_id).await?);
            -         }
            +         let mut write_guards = HashMap::with_capacity(requests.len());
            +         for (region_id, _) in requests.iter() {
            +             if write_guards.contains_key(region_id) {
            +                 continue;
            +             }
            +             let _write_guard = self
            +                 .metadata_region
            +                 .write_lock_logical_region(*region_id)
            +                 .await?;
            +             write_guards.insert(*region_id, _write_guard);
            +         }
                      self.data_region.add_columns(data_region_id, requests).await
                  }
              }
            """;

    @Test
    void guardsKeptInRequestOrder() {
        List<Finding> f = RuleRun.on(rule, "src/metric-engine/src/engine/alter.rs", ALTER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC35", MEDIUM, NEW, 9, 12));
        assertThat(f.get(0).title()).isEqualTo("Locks kept in `write_guards` are taken in the order of `requests.iter()`");
        // the fix: the ids are sorted into a BTreeSet first
        assertThat(RuleRun.on(rule, "src/metric-engine/src/engine/alter.rs", ALTER.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.shape(RuleRun.added(rule, """
                fn lock_all(&self, shards: &HashSet<usize>) -> Vec<MutexGuard<'_, Shard>> {
                    let mut mutex_guards = Vec::new();
                    for i in shards {
                        mutex_guards.push(self.shards[*i].lock().unwrap());
                    }
                    mutex_guards
                }
                fn outer() {
                    fn inner(shards: &HashSet<Arc<Mutex<u8>>>) {
                        let mut held = Vec::new();
                        for s in shards {
                            held.push(s.lock());
                        }
                    }
                }
                """))).containsExactly(tuple("CC35", MEDIUM, NEW, 4, 4), tuple("CC35", MEDIUM, NEW, 12, 12));
    }

    @Test
    void sortedOrdersOneLockAtATimeAndOtherCollectionsAreFine() {
        assertThat(RuleRun.added(rule, """
                fn lock_all(&self, mut ids: Vec<usize>, set: BTreeSet<usize>) {
                    ids.sort_unstable();
                    let mut guards = Vec::new();
                    for i in ids.iter() {
                        guards.push(self.shards[*i].lock().unwrap());
                    }
                    let mut more = Vec::new();
                    for i in &set {
                        more.push(self.shards[*i].lock().unwrap());
                    }
                    let mut all = Vec::new();
                    for i in 0..self.shards.len() {
                        all.push(self.shards[i].lock().unwrap());
                    }
                    let mut totals = Vec::new();
                    for s in self.shards.iter() {
                        let g = s.lock().unwrap();
                        totals.push(g.total);
                    }
                    let mut names = Vec::new();
                    for f in files {
                        names.push(f.read(&mut buf));
                    }
                }
                fn per_turn(shards: &[Mutex<u8>]) {
                    for s in shards.iter() {
                        let mut one = Vec::new();
                        one.push(s.lock().unwrap());
                    }
                }
                #[cfg(test)]
                mod tests {
                    fn lock_all(shards: &[Mutex<u8>]) {
                        let mut guards = Vec::new();
                        for s in shards.iter() {
                            guards.push(s.lock().unwrap());
                        }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void anUntouchedLoopIsNotReported() {
        assertThat(RuleRun.on(rule, "src/shards.rs", """
                  fn lock_all(&self, shards: &HashSet<usize>) -> usize {
                -     let n = 0;
                +     let n = 1;
                      let mut guards = Vec::new();
                      for i in shards {
                          guards.push(self.shards[*i].lock().unwrap());
                      }
                      n + guards.len()
                  }
                """)).isEmpty();
    }
}
