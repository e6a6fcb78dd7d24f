package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS8: removing one caller's entry became clearing the whole collection. */
class ClearInsteadOfRemoveTest {

    private final ClearInsteadOfRemove ss8 = new ClearInsteadOfRemove();

    private List<Finding> run(String path, String diff) {
        return RuleRun.on(ss8, path, diff);
    }

    @Test
    void unregisteringOneChannelThatNowClearsEveryWakerIsReported() {
        // The shape of glommio 374705bc reversed: a reactor shared by many channels.
        List<Finding> f = run("src/parking.rs", """
                  use std::cell::RefCell;
                  use std::collections::HashMap;
                  use std::task::Waker;
                  struct SharedChannels { wakers_map: HashMap<u64, Vec<Waker>>, check_map: HashMap<u64, bool> }
                  pub(crate) struct Reactor { shared_channels: RefCell<SharedChannels> }
                  impl Reactor {
                      pub(crate) fn register_shared_channel(&self, id: u64, w: Waker) {
                          self.shared_channels.borrow_mut().wakers_map.entry(id).or_default().push(w);
                      }
                      pub(crate) fn unregister_shared_channel(&self, id: u64) {
                          let mut channels = self.shared_channels.borrow_mut();
                -         channels.wakers_map.remove(&id);
                +         channels.wakers_map.clear();
                          channels.check_map.remove(&id);
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS8", MEDIUM, NEW, 12, 12));
        assertThat(f.get(0).title()).isEqualTo(
                "`unregister_shared_channel` clears all of `channels.wakers_map` instead of removing `&id`");
    }

    @Test
    void clearsOfOwnStateKeptRemovalsAndKeysThatAreNotParametersAreQuiet() {
        assertThat(run("src/cache.rs", """
                  use std::collections::HashMap;
                  pub struct Cache { map: HashMap<u64, String>, order: Vec<u64>, last: Option<u64> }
                  impl Cache {
                      pub fn reset(&mut self) {
                -         let k = self.last.unwrap_or(0);
                -         self.map.remove(&k);
                +         self.map.clear();
                      }
                      pub fn evict(&mut self, key: u64) {
                          self.map.remove(&key);
                -         self.order.retain(|k| *k != key);
                +         self.order.clear();
                      }
                      pub fn drop_one(&mut self, key: u64) {
                          self.map.remove(&key);
                +         self.map.clear();
                      }
                  }
                """)).isEmpty();
    }

    @Test
    void testCodeIsLeftAlone() {
        String diff = """
                  use std::collections::HashMap;
                  fn forget(map: &mut HashMap<u64, u8>, id: u64) {
                -     map.remove(&id);
                +     map.clear();
                  }
                """;
        assertThat(run("tests/registry.rs", diff)).isEmpty();
        assertThat(RuleRun.shape(run("src/lib.rs", diff))).containsExactly(tuple("SS8", MEDIUM, NEW, 3, 3));
    }
}
