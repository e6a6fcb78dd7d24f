package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC44: a statement that ran inside a critical section runs outside it. */
class CriticalSectionLeftTest {

    private final CriticalSectionLeft rule = new CriticalSectionLeft();

    /** rtic e10866ff reversed: the popped check is made before the section that unlinks. */
    private static final String WAIT_QUEUE = """
              impl<T: Clone> Link<T> {
                  pub fn is_popped(&self) -> bool {
                      self.popped.load(Ordering::Relaxed)
                  }

                  pub fn remove_from_list(&self, list: &DoublyLinkedList<T>) {
            +         if self.is_popped() {
            +             return;
            +         }
            +
                      cs::with(|_| {
            -             if self.is_popped() {
            -                 return;
            -             }
                          core::sync::atomic::fence(Ordering::SeqCst);
                          let prev = self.prev.load(Ordering::Relaxed);
                          let next = self.next.load(Ordering::Relaxed);
                          unsafe { list.unlink(prev, next) };
                      })
                  }
              }
            """;

    /** rtic 0a01fde4 reversed: the waiter is popped and woken after the section that freed the slot. */
    private static final String CHANNEL = """
              impl<T, const N: usize> Receiver<'_, T, N> {
                  pub fn try_recv(&mut self) -> Result<T, ReceiveError> {
                      if let Some(rs) = self.0.ready_pop() {
                          let r = unsafe { self.0.read_slot(rs) };
                          critical_section::with(|cs| {
                              unsafe { self.0.access(cs).freeq.push_back_unchecked(rs) }
            -
            -                 if let Some(wait_head) = self.0.wait_queue.pop() {
            -                     wait_head.wake();
            -                 }
            -
            -                 Ok(r)
            -             })
            +             });
            +
            +             if let Some(wait_head) = self.0.wait_queue.pop() {
            +                 wait_head.wake();
            +             }
            +
            +             Ok(r)
                      } else {
                          Err(ReceiveError::Empty)
                      }
                  }
              }
            """;

    @Test
    void aCheckMovedInFrontOfTheSection() {
        List<Finding> f = RuleRun.on(rule, "rtic-common/src/wait_queue.rs", WAIT_QUEUE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC44", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title())
                .isEqualTo("`if self.is_popped() {` moved out of the critical section in `remove_from_list`");
        // the fix direction: the check moved into the section
        assertThat(RuleRun.on(rule, "rtic-common/src/wait_queue.rs", flipped(WAIT_QUEUE))).isEmpty();
    }

    @Test
    void aWakeMovedAfterTheSection() {
        List<Finding> f = RuleRun.on(rule, "rtic-sync/src/channel.rs", CHANNEL);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC44", MEDIUM, NEW, 9, 9));
        assertThat(f.get(0).title()).isEqualTo(
                "`if let Some(wait_head) = self.0.wait_queue.pop() {` moved out of the critical section in `try_recv`");
        assertThat(RuleRun.on(rule, "rtic-sync/src/channel.rs", flipped(CHANNEL))).isEmpty();
    }

    @Test
    void loggingOrAReturnValueMovedOutOrTheSectionGoneAreNotThis() {
        assertThat(RuleRun.on(rule, "src/led.rs", """
                  fn toggle(&self) -> Result<(), Error> {
                      critical_section::with(|cs| {
                          self.state.borrow(cs).set(true);
                -         defmt::info!("toggled");
                -         Ok(())
                -     })
                +     });
                +     defmt::info!("toggled");
                +     Ok(())
                  }
                """)).isEmpty();
        // the whole section went: another change than a statement leaving it
        assertThat(RuleRun.on(rule, "src/led.rs", """
                  fn toggle(&self) {
                -     critical_section::with(|cs| {
                -         self.state.borrow(cs).set(true);
                -     })
                +     self.state.set(true);
                  }
                """)).isEmpty();
        // moved from one section of the fn into another
        assertThat(RuleRun.on(rule, "src/led.rs", """
                  fn toggle(&self) {
                      interrupt::free(|cs| {
                          self.a.borrow(cs).set(true);
                -         self.b.borrow(cs).set(true);
                      });
                      interrupt::free(|cs| {
                +         self.b.borrow(cs).set(true);
                          self.c.borrow(cs).set(true);
                      });
                  }
                """)).isEmpty();
    }

    /** nativelink 41c77898 reversed: the receiver is dropped before the lock under which the receivers are counted. */
    private static final String SUBSCRIPTION = """
              use parking_lot::RwLock;
              impl Drop for RedisSubscription {
                  fn drop(&mut self) {
                      let Some(receiver) = self.receiver.take() else {
                          return;
                      };
                      let key = receiver.borrow().clone();
            +         drop(receiver);
                      let Some(subscribed_keys) = self.weak_subscribed_keys.upgrade() else {
                          return;
                      };
                      let mut subscribed_keys = subscribed_keys.write();
                      let Some(publisher) = subscribed_keys.get(&key) else {
                          return;
                      };
            -         if publisher.receiver_count() == 1 {
            +         if publisher.receiver_count() == 0 {
                          subscribed_keys.remove(&key);
                      }
            -         drop(receiver);
                  }
              }
            """;

    @Test
    void aDropMovedInFrontOfTheLockThatCountsTheReceivers() {
        List<Finding> f = RuleRun.on(rule, "nativelink-store/src/redis_store.rs", SUBSCRIPTION);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC44", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("`drop(receiver);` moved out of the lock in `drop`");
        // the model decides what a guard is: without the import, a `write()` of an unknown type is not a lock (an
        // io-like `write()` would otherwise read as one)
        assertThat(RuleRun.on(rule, "src/redis_store.rs", SUBSCRIPTION.replace("use parking_lot::RwLock;", "use std::io;")))
                .isEmpty();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/redis_store.rs", SUBSCRIPTION
                .replace("use parking_lot::RwLock;", "use std::io;").replace("subscribed_keys.write();",
                        "subscribed_keys.write().unwrap();")))).containsExactly(tuple("CC44", MEDIUM, NEW, 8, 8));
        assertThat(RuleRun.on(rule, "src/redis_store.rs", flipped(SUBSCRIPTION))).isEmpty();
        // after the guard's own drop is outside the lock, but it was there before the change too
        assertThat(RuleRun.on(rule, "src/cache.rs", """
                  fn evict(&self, key: &str) {
                      let mut map = self.map.lock().unwrap();
                      let old = map.remove(key);
                      drop(map);
                -     log_eviction(key);
                +     log_eviction_of(key);
                      drop(old);
                  }
                """)).isEmpty();
    }

    private static String flipped(String diff) {
        return diff.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
    }

    /** tokio's chat example: the broadcast stays under the guard, inside a `select!` arm the tree holds as tokens. */
    @Test
    void aLineInsideAMacroBodyOfAFnWithGuardsIsNotReadAsOutsideTheLock() {
        assertThat(RuleRun.on(rule, "examples/chat.rs", """
                  use tokio::sync::Mutex;
                  async fn process(state: Arc<Mutex<Shared>>, addr: SocketAddr) {
                      {
                          let mut state = state.lock().await;
                          state.broadcast(addr, &joined).await;
                      }
                      loop {
                -         match peer.next().await {
                -             Some(Ok(msg)) => {
                -                 let mut state = state.lock().await;
                -                 state.broadcast(addr, &msg).await;
                -             }
                -             _ => break,
                -         }
                +         tokio::select! {
                +             Some(msg) = peer.next() => {
                +                 let mut state = state.lock().await;
                +                 state.broadcast(addr, &msg).await;
                +             }
                +         }
                      }
                  }
                """)).isEmpty();
    }
}
