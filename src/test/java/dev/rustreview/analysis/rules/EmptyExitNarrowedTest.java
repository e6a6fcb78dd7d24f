package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN16: the early exit that kept an empty value away from the rest of a fn narrowed by an {@code &&} conjunct. */
class EmptyExitNarrowedTest {

    private final EmptyExitNarrowed rule = new EmptyExitNarrowed();

    /** raft-rs's Raft::remove_node with its fix (326716a3c) reversed, beside the fn it goes on to call. */
    private static final String REMOVE_NODE = """
              impl<T: Storage> Raft<T> {
                  pub fn remove_node(&mut self, id: u64) -> Result<()> {
                      self.mut_prs().remove(id)?;
            -         // do not try to commit or abort transferring if there are no voters in the cluster.
            -         if self.prs().voter_ids().is_empty() {
            +         // do not try to commit or abort transferring if there are no nodes in the cluster.
            +         if self.prs().voter_ids().is_empty() && self.prs().learner_ids().is_empty() {
                          return Ok(());
                      }
                      if self.maybe_commit() {
                          self.bcast_append();
                      }
                      Ok(())
                  }

                  fn maybe_commit(&mut self) -> bool {
                      let mci = self.prs().maximal_committed_index().0;
                      self.raft_log.maybe_commit(mci, self.term)
                  }
              }
            """;

    @Test
    void removingTheLastVoterWhileLearnersRemainGoesOnToTheQuorumCommit() {
        List<Finding> f = RuleRun.on(rule, "src/raft.rs", REMOVE_NODE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN16", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo(
                "`remove_node` now goes on with `self.prs().voter_ids()` empty unless `self.prs().learner_ids().is_empty()`");
    }

    @Test
    void eachEmptinessTestAndEachExitCounts() {
        // len() == 0, == 0 and is_none(), conjuncts over several lines, and break/continue exits
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/pool.rs", """
                  fn average(&self) -> u64 {
                -     if self.samples.len() == 0 {
                +     if self.samples.len() == 0
                +         && !self.strict
                +     {
                          return 0;
                      }
                      self.total / self.samples.len() as u64
                  }
                  fn drain(&mut self) {
                      loop {
                -         if self.pending == 0 {
                +         if self.pending == 0 && self.closed {
                              break;
                          }
                          self.pending -= 1;
                      }
                  }
                  fn next(&mut self) {
                      for w in self.workers.iter() {
                -         if w.job.is_none() { continue; }
                +         if w.job.is_none() && w.idle { continue; }
                          w.job.as_ref().unwrap().run();
                      }
                  }
                """))).extracting(t -> t.toList().get(3)).containsExactly(2, 11, 19);
    }

    @Test
    void quietWhenTheExitIsWidenedRewrittenNegatedNotAboutEmptinessOrUnchanged() {
        assertThat(RuleRun.on(rule, "src/raft.rs", """
                  fn widened(&mut self) {
                -     if self.voters.is_empty() && self.learners.is_empty() {
                +     if self.voters.is_empty() {
                          return;
                      }
                      self.commit();
                  }
                  fn rewritten(&mut self) {
                -     if self.voters.is_empty() {
                +     if self.members.is_empty() && self.learners.is_empty() {
                          return;
                      }
                      self.commit();
                  }
                  fn negated(&mut self) {
                -     if !self.voters.is_empty() {
                +     if !self.voters.is_empty() && self.ready {
                          return;
                      }
                      self.commit();
                  }
                  fn not_emptiness(&mut self) {
                -     if self.voters.len() > 3 {
                +     if self.voters.len() > 3 && self.ready {
                          return;
                      }
                      self.commit();
                  }
                  fn not_an_exit(&mut self) {
                -     if self.voters.is_empty() {
                +     if self.voters.is_empty() && self.ready {
                          self.log();
                      }
                      self.commit();
                  }
                  fn reformatted(&mut self) {
                -     if self.voters.is_empty()&&self.ready {
                +     if self.voters.is_empty() && self.ready {
                          return;
                      }
                      self.commit();
                  }
                  fn other_exit_deleted(&mut self) {
                -     if self.voters.is_empty() {
                -         return;
                -     }
                      if self.voters.is_empty() && self.ready {
                          return;
                      }
                      self.commit();
                  }
                  fn unchanged(&mut self) {
                      if self.voters.is_empty() && self.ready {
                          return;
                      }
                -     self.commit();
                +     self.commit_all();
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "tests/raft.rs", REMOVE_NODE)).isEmpty();
    }
}
