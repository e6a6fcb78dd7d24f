package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER38: the error path no longer releases the waiters. */
class WaitersNotReleasedOnErrorTest {

    private final WaitersNotReleasedOnError rule = new WaitersNotReleasedOnError();

    /** kameo's actor startup with its fix (445fff27) reversed. */
    private static final String START = """
              async fn run_actor_lifecycle<A: Actor>(actor: A, startup_semaphore: Arc<Semaphore>) -> ActorStopReason {
                  let start_res = actor.on_start(actor_ref.clone()).await;
                  if let Err(err) = start_res {
            -         startup_semaphore.add_permits(Semaphore::MAX_PERMITS);
                      let reason = ActorStopReason::Panicked(err);
                      return reason;
                  }
                  startup_semaphore.add_permits(Semaphore::MAX_PERMITS);
                  run(actor).await
              }
            """;

    @Test
    void aReleaseDeletedFromTheErrorPathIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/actor/spawn.rs", START);
        // the other release stays, on the success path: the finding needs it gone from the fn
        assertThat(f).isEmpty();
        String handedOn = START.replace("      startup_semaphore.add_permits(Semaphore::MAX_PERMITS);\n      run(actor)",
                "      startup_ready(&startup_semaphore);\n      run(actor)");
        assertThat(handedOn).contains("startup_ready(&startup_semaphore);");
        List<Finding> only = RuleRun.on(rule, "src/actor/spawn.rs", handedOn);
        assertThat(RuleRun.shape(only)).containsExactly(tuple("ER38", MEDIUM, NEW, 1, 1));
        assertThat(only.get(0).title()).isEqualTo(
                "`run_actor_lifecycle` no longer calls `startup_semaphore.add_permits(..)` when it fails or finds nothing");
        // a Notify on an `Err(..) =>` arm
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/lib.rs", """
                  fn finish(&self, r: Result<u8, E>) {
                      match r {
                          Ok(v) => self.store(v),
                          Err(e) => {
                              log(e);
                -             self.done.notify_waiters();
                          }
                      }
                  }
                """))).containsExactly(tuple("ER38", MEDIUM, NEW, 1, 1));
    }

    @Test
    void aReleaseOutsideTheErrorPathOrStillMadeIsQuiet() {
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn finish(&self, v: u8) {
                      self.store(v);
                -     self.done.notify_waiters();
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn finish(&self, r: Result<u8, E>) {
                      if let Err(e) = r {
                -         self.done.notify_waiters();
                +         self.done.notify_waiters(); // woken on failure too
                      }
                  }
                """)).isEmpty();
    }

    /** foyer's GenericCache::entry with its fix (a6604865) reversed: the leader's miss no longer answers the waiters. */
    @Test
    void waitersNoLongerAnsweredOnAMissArmAreReported() {
        String entry = """
                  fn entry(&self, key: K) -> GenericEntry<K, V> {
                      let join = spawn(async move {
                          match res {
                              Some((value, context)) => Ok(Some(cache.insert_with_context(key, value, context))),
                -             None => {
                -                 if let Some(waiters) = cache.shard(hash).lock().waiters.remove(&key) {
                -                     for waiter in waiters {
                -                         let _ = waiter.send(None);
                -                     }
                -                 }
                -                 Ok(None)
                -             }
                +             None => Ok(None),
                          }
                      });
                      GenericEntry::Miss(join)
                  }
                """;
        List<Finding> f = RuleRun.on(rule, "foyer-memory/src/generic.rs", entry);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER38", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).contains("`waiter.send(..)`");
        // a send to something that is not a waiter
        assertThat(RuleRun.on(rule, "src/lib.rs", entry.replace("waiter.send(None)", "metrics.send(None)"))).isEmpty();
    }

    /** r2d2 0ed28e71: `inner` renamed `shared`; the notify sits in the `Ok` arm of a match that also has an `Err` arm. */
    @Test
    void aRenamedOwnerAndAnOkArmAreQuiet() {
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn add_connection(shared: &Arc<SharedPool>) {
                      match shared.manager.connect() {
                          Ok(conn) => {
                              let mut internals = shared.internals.lock().unwrap();
                              internals.conns.push_back(conn);
                -             inner.cond.notify_one();
                +             shared.cond.notify_one();
                          }
                          Err(err) => shared.error_handler.handle_error(err),
                      }
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn add_connection(shared: &Arc<SharedPool>) {
                      match shared.manager.connect() {
                          Ok(conn) => {
                              shared.internals.lock().unwrap().conns.push_back(conn);
                -             shared.cond.notify_one();
                          }
                          Err(err) => shared.error_handler.handle_error(err),
                      }
                  }
                """)).isEmpty();
    }
}
