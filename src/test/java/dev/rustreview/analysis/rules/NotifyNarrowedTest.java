package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC5's narrowed wake-up: {@code notify_all()} replaced by {@code notify_one()} on the same condvar. */
class NotifyNarrowedTest {

    private final CondvarMisuse cc5 = new CondvarMisuse();

    @Test
    void notifyAllNarrowedToNotifyOneIsReported() {
        // parity-db b70cdeda reversed: writers waiting for room in the commit queue are not all woken.
        List<Finding> f = RuleRun.on(cc5, "src/db.rs", """
                  use std::sync::{Condvar, Mutex};
                  pub struct DbInner { queue: Mutex<Vec<u64>>, commit_queue_full_cv: Condvar, done_cv: Condvar }
                  impl DbInner {
                      fn process_commits(&self) {
                          let mut queue = self.queue.lock().unwrap();
                          queue.pop();
                -         self.commit_queue_full_cv.notify_all();
                +         self.commit_queue_full_cv.notify_one();
                          self.done_cv.notify_all();
                      }
                      fn commit(&self, v: u64) {
                          let mut queue = self.queue.lock().unwrap();
                          while queue.len() >= 16 {
                              queue = self.commit_queue_full_cv.wait(queue).unwrap();
                          }
                          queue.push(v);
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC5", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo(
                "`self.commit_queue_full_cv.notify_one()` replaces `notify_all()` in `process_commits`");
    }

    @Test
    void anotherReceiverAWideningOrAnUntouchedNotifyOneIsNotReported() {
        List<Finding> f = RuleRun.on(cc5, "src/pool.rs", """
                  use std::sync::{Condvar, Mutex};
                  pub struct Pool { idle: Mutex<Vec<u32>>, room: Condvar, item: Condvar }
                  impl Pool {
                      fn put(&self, v: u32) {
                          self.idle.lock().unwrap().push(v);
                -         self.room.notify_all();
                +         self.item.notify_one();
                      }
                      fn take(&self) {
                          self.idle.lock().unwrap().pop();
                -         self.room.notify_one();
                +         self.room.notify_all();
                      }
                      fn close(&self) {
                -         self.item.notify_all();
                +         self.item.notify_all();
                +         self.room.notify_all();
                          self.room.notify_one();
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
