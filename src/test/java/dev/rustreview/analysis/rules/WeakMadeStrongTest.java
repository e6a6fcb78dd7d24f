package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS10: background work that held a Weak now holds a strong Arc. */
class WeakMadeStrongTest {

    private final WeakMadeStrong ss10 = new WeakMadeStrong();

    private List<Finding> run(String path, String diff) {
        return RuleRun.on(ss10, path, diff);
    }

    @Test
    void aReaperThatNowKeepsThePoolAliveIsReported() {
        // The shape of r2d2 07b618f3 reversed: the connect job gets the pool itself.
        List<Finding> f = run("src/lib.rs", """
                  use std::sync::{Arc, Mutex, Weak};
                  struct SharedPool { internals: Mutex<Vec<u8>>, thread_pool: ThreadPool }
                  fn add_connection(shared: &Arc<SharedPool>) {
                -     let new_shared = Arc::downgrade(shared);
                +     let new_shared = shared.clone();
                      shared.thread_pool.execute(move || {
                -         let shared = match new_shared.upgrade() {
                -             Some(shared) => shared,
                -             None => return,
                -         };
                +         let shared = new_shared;
                          shared.internals.lock().unwrap().push(1);
                      });
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS10", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo(
                "`add_connection` hands on a strong clone of `shared` where it handed a `Weak`");
    }

    @Test
    void weakKeptDowngradesElsewhereAndFnsThatHandNothingOnAreQuiet() {
        assertThat(run("src/lib.rs", """
                  use std::sync::{Arc, Weak};
                  struct Node { parent: Weak<Node>, children: Vec<Arc<Node>> }
                  fn link(parent: &Arc<Node>) -> Node {
                -     let p = Arc::downgrade(parent);
                +     let p = Arc::downgrade(&parent.clone());
                      Node { parent: p, children: Vec::new() }
                  }
                  fn snapshot(shared: &Arc<Node>) -> Arc<Node> {
                -     let w = Arc::downgrade(shared);
                -     w.upgrade().unwrap()
                +     shared.clone()
                  }
                  fn spawn_watch(shared: &Arc<Node>) {
                      let w = Arc::downgrade(shared);
                -     let extra = 1;
                +     let extra = 2;
                      std::thread::spawn(move || { let _ = (w.upgrade(), extra); });
                  }
                """)).isEmpty();
    }

    @Test
    void testCodeIsLeftAlone() {
        String diff = """
                  use std::sync::Arc;
                  fn start(shared: &Arc<Pool>) {
                -     let w = Arc::downgrade(shared);
                +     let w = Arc::clone(shared);
                      std::thread::spawn(move || drop(w));
                  }
                """;
        assertThat(run("tests/pool.rs", diff)).isEmpty();
        assertThat(RuleRun.shape(run("src/lib.rs", diff))).containsExactly(tuple("SS10", MEDIUM, NEW, 3, 3));
    }
}
