package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC29: get-or-create over two critical sections with an unconditional insert. */
class InsertWithoutRecheckTest {

    private final InsertWithoutRecheck rule = new InsertWithoutRecheck();

    /** prometheus client_rust's Family::get_or_create with its fix (8494288c) reversed. */
    private static final String GET_OR_CREATE = """
              impl<S: Clone + Hash + Eq, M, C: MetricConstructor<M>> Family<S, M, C> {
                  pub fn get_or_create(&self, label_set: &S) -> MappedRwLockReadGuard<M> {
                      if let Ok(metric) =
                          RwLockReadGuard::try_map(self.metrics.read(), |metrics| metrics.get(label_set))
                      {
                          return metric;
                      }
                      let mut write_guard = self.metrics.write();
            -         write_guard
            -             .entry(label_set.clone())
            -             .or_insert_with(|| self.constructor.new_metric());
            -         let read_guard = RwLockWriteGuard::downgrade(write_guard);
            -         RwLockReadGuard::map(read_guard, |metrics| metrics.get(label_set).unwrap())
            +         write_guard.insert(label_set.clone(), self.constructor.new_metric());
            +         drop(write_guard);
            +         RwLockReadGuard::map(self.metrics.read(), |metrics| metrics.get(label_set).unwrap())
                  }
              }
            """;

    @Test
    void anInsertAfterALookupUnderAReleasedGuard() {
        List<Finding> f = RuleRun.on(rule, "src/metrics/family.rs", GET_OR_CREATE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC29", MEDIUM, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo(
                "`get_or_create` inserts `label_set` into `self.metrics` without looking again under the write guard");
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn handle(&self, id: u64) -> Arc<Conn> {
                      if let Some(c) = self.conns.lock().unwrap().get(&id) {
                          return c.clone();
                      }
                      let c = Arc::new(Conn::new());
                +     self.conns.lock().unwrap().insert(id, c.clone());
                      c
                  }
                """)).hasSize(1);
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn handle(&self, id: u64) -> Arc<Conn> {
                      match self.conns.lock().unwrap().get(&id) {
                          Some(c) => return c.clone(),
                          None => {}
                      }
                +     self.conns.lock().unwrap().insert(id, Arc::new(Conn::new()));
                  }
                """)).hasSize(1);
    }

    @Test
    void aSecondLookOrAnotherKeyOrLockIsLeftAlone() {
        // the fix direction; the insert checked again; another key; another lock; the lookup not in a condition
        assertThat(RuleRun.on(rule, "src/metrics/family.rs", GET_OR_CREATE.replace("+   ", "@   ").replace("-   ", "+   ")
                .replace("@   ", "-   "))).isEmpty();
        assertThat(RuleRun.on(rule, "src/metrics/family.rs", GET_OR_CREATE.replace(
                "+         write_guard.insert(", "+         if write_guard.get(label_set).is_none() { }\\n+         write_guard.insert("))).isEmpty();
        assertThat(RuleRun.on(rule, "src/metrics/family.rs", GET_OR_CREATE.replace("write_guard.insert(label_set.clone()",
                "write_guard.insert(other.clone()"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/metrics/family.rs", GET_OR_CREATE.replace("self.metrics.write()",
                "self.others.write()"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn handle(&self, id: u64) {
                      let known = self.conns.lock().unwrap().get(&id).is_some();
                +     self.conns.lock().unwrap().insert(id, Conn::new());
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn handle(&self, id: u64) {
                      while let Some(c) = self.conns.lock().unwrap().get(&id) {
                          c.poke();
                      }
                +     self.conns.lock().unwrap().insert(id, Conn::new());
                  }
                """)).isEmpty();
        // unchanged insert in a fn changed elsewhere
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn handle(&self, id: u64) -> Arc<Conn> {
                      if let Some(c) = self.conns.lock().unwrap().get(&id) {
                          return c.clone();
                      }
                -     let c = Arc::new(Conn::old());
                +     let c = Arc::new(Conn::new());
                      self.conns.lock().unwrap().insert(id, c.clone());
                      c
                  }
                """)).isEmpty();
    }

    /** pingora's InUsePool::insert with its fix (82342e13) reversed: the lookup goes through a let-bound read guard. */
    private static final String POOL_INSERT = """
              impl InUsePool {
                  pub fn insert(&self, hash: u64, conn: ConnRef) {
                      {
                          let pools = self.pools.read();
                          if let Some(node) = pools.get(&hash) {
                              node.insert(conn.id(), conn);
                              return;
                          }
                      }
            -         let mut pools = self.pools.write();
            -         if let Some(pool) = pools.get(&hash) {
            -             pool.insert(conn.id(), conn);
            -             return;
            -         }
                      let pool = PoolNode::new();
                      pool.insert(conn.id(), conn);
            +         let mut pools = self.pools.write();
                      pools.insert(hash, pool);
                  }
              }
            """;

    @Test
    void aLookupThroughALetGuardReleasedBeforeTheWrite() {
        List<Finding> f = RuleRun.on(rule, "src/connectors/v2.rs", POOL_INSERT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC29", MEDIUM, NEW, 13, 13));
        assertThat(f.get(0).explanation()).startsWith("Line 5 looks `hash` up");
        // the fix direction; the guard's lookup outside a condition; another guard's lookup; another key
        assertThat(RuleRun.on(rule, "src/connectors/v2.rs", POOL_INSERT.replace("+   ", "@   ").replace("-   ", "+   ")
                .replace("@   ", "-   "))).isEmpty();
        assertThat(RuleRun.on(rule, "src/connectors/v2.rs", POOL_INSERT.replace("if let Some(node) = pools.get(&hash)",
                "let node = pools.get(&hash); if let Some(node) = node"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/connectors/v2.rs", POOL_INSERT.replace("if let Some(node) = pools.get(&hash)",
                "while let Some(node) = pools.get(&hash)"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/connectors/v2.rs", POOL_INSERT.replace("if let Some(node) = pools.get(&hash)",
                "if let Some(node) = others.get(&hash)"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/connectors/v2.rs", POOL_INSERT.replace("pools.insert(hash, pool)",
                "pools.insert(other, pool)"))).isEmpty();
    }

    /** actix's SystemRegistry::get with its fix (4c88be07) reversed: guards bound by `if let Ok(..)`, a key with a call. */
    private static final String REGISTRY_GET = """
              pub fn get<A: SystemService>(&self) -> Addr<A> {
                  {
            -         if let Ok(mut hm) = self.registry.lock() {
            +         if let Ok(hm) = self.registry.lock() {
                          if let Some(addr) = hm.get(&TypeId::of::<A>()) {
                              return addr.clone();
                          }
            -             let addr = start::<A>();
            -             hm.insert(TypeId::of::<A>(), Box::new(addr.clone()));
            -             return addr;
                      } else {
                          panic!("System registry lock is poisoned");
                      }
                  }
            +     let addr = start::<A>();
            +     if let Ok(mut hm) = self.registry.lock() {
            +         hm.insert(TypeId::of::<A>(), Box::new(addr.clone()));
            +         return addr;
            +     }
            +     panic!("System registry lock is poisoned");
              }
            """;

    @Test
    void guardsBoundByIfLetOkAndKeysWithACall() {
        List<Finding> f = RuleRun.on(rule, "src/registry.rs", REGISTRY_GET);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC29", MEDIUM, NEW, 13, 13));
        assertThat(f.get(0).explanation()).startsWith("Line 4 looks `TypeId::of::<A>()` up");
        // the fix direction; another key
        assertThat(RuleRun.on(rule, "src/registry.rs", REGISTRY_GET.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-")
                .replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/registry.rs", REGISTRY_GET.replace("hm.insert(TypeId::of::<A>(),",
                "hm.insert(TypeId::of::<B>(),"))).isEmpty();
    }
}
