package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertFinding;
import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class NestedLocksTest {

    private final NestedLocks rule = new NestedLocks();

    @Test
    void secondLockWhileTheFirstIsHeld() {
        Finding f = assertSingle(rule, Snippet.added("""
                impl Bank {
                    fn transfer(&self, from: u32, to: u32) {
                        let mut accounts = self.accounts.lock().unwrap();
                        accounts.debit(from);
                        self.ledger.lock().unwrap().record(from, to);
                    }
                }
                """), "CC2", Severity.HIGH, 3, 5);
        assertThat(f.objects()).containsExactly("Bank::accounts", "Bank::ledger", "Bank::accounts -> Bank::ledger");
        assertThat(f.explanation()).contains("`transfer`", "lock order");
    }

    @Test
    void oppositeOrderInTheSameFileIsCritical() {
        List<Finding> found = rule.check(Snippet.added("""
                impl Bank {
                    fn transfer(&self) {
                        let a = self.accounts.lock().unwrap();
                        let l = self.ledger.lock().unwrap();
                    }
                    fn audit(&self) {
                        let l = self.ledger.lock().unwrap();
                        let a = self.accounts.lock().unwrap();
                    }
                }
                """));
        assertThat(found).hasSize(2);
        Finding first = assertFinding(found.get(0), "CC2", Severity.CRITICAL, 3, 4);
        assertThat(first.explanation()).contains("`Bank::audit` (src/lib.rs, lines 7-8)", "opposite order");
        assertFinding(found.get(1), "CC2", Severity.CRITICAL, 7, 8);
    }

    @Test
    void oneGuardTakingTheSecondLockAgainIsOneFinding() {
        // sccache c003a16a reversed: the heartbeat handler took `jobs` on three lines under one `servers` guard
        Finding f = assertSingle(rule, Snippet.added("""
                impl Scheduler {
                    fn heartbeat(&self) {
                        let servers = self.servers.lock().unwrap();
                        if servers.is_empty() {
                            let jobs = self.jobs.lock().unwrap();
                        }
                        let jobs = self.jobs.lock().unwrap();
                    }
                }
                """), "CC2", Severity.HIGH, 3, 7);
        assertThat(f.explanation()).contains("on line 5 (and again on line 7) while");
        // two guards of `servers`: one finding each
        assertThat(rule.check(Snippet.added("""
                impl Scheduler {
                    fn heartbeat(&self) {
                        {
                            let servers = self.servers.lock().unwrap();
                            let jobs = self.jobs.lock().unwrap();
                        }
                        let servers = self.servers.lock().unwrap();
                        let jobs = self.jobs.lock().unwrap();
                    }
                }
                """))).hasSize(2);
    }

    @Test
    void lockInsideAMatchOnAnotherGuard() {
        assertSingle(rule, Snippet.added("""
                fn sync(&self) {
                    for job in self.jobs.read().unwrap().iter() {
                        self.done.write().unwrap().insert(job.id);
                    }
                }
                """), "CC2", Severity.HIGH, 2, 3);
    }

    @Test
    void sequentialLocksAreFine() {
        assertNone(rule, Snippet.added("""
                fn transfer(&self) {
                    let n = self.accounts.lock().unwrap().len();
                    self.ledger.lock().unwrap().push(n);
                    let a = self.accounts.lock().unwrap();
                    drop(a);
                    let l = self.ledger.lock().unwrap();
                }
                """));
    }

    @Test
    void sameLockAndRefCellsAreNotLockOrder() {
        assertNone(rule, Snippet.added("""
                use std::cell::RefCell;
                struct S { a: RefCell<u8>, m: Mutex<u8> }
                impl S {
                    fn f(&self) {
                        let g = self.m.lock().unwrap();
                        let b = self.a.borrow_mut();
                    }
                    fn g(&self) {
                        let g = self.m.lock().unwrap();
                        let h = self.m.lock().unwrap();
                    }
                }
                """));
    }

    @Test
    void untouchedNestingIsNotReported() {
        assertNone(rule, Snippet.of("src/bank.rs", """
                  fn transfer(&self) {
                      let a = self.accounts.lock().unwrap();
                      let l = self.ledger.lock().unwrap();
                  }
                + fn other() {}
                """));
    }

    @Test
    void aFnWithHundredsOfGuardsAliveAtOnceReportsTheFirstNestingsOnly() {
        // Generated code (fuzz run 17) can hold 200 guards at once: every pair was a finding before (19,900).
        String body = java.util.stream.IntStream.range(0, 300)
                .mapToObj(i -> "    let g" + i + " = m" + i + ".lock().unwrap();\n").collect(java.util.stream.Collectors.joining());
        List<Finding> found = rule.check(Snippet.added("fn many(m: &[Mutex<u8>]) {\n" + body + "}\n"));
        assertThat(found).hasSize(NestedLocks.MAX_PER_FN).allMatch(f -> f.ruleId().equals("CC2"));
        assertThat(found.get(0).objects()).contains("m0 -> m1");
    }
    @Test
    void anOwnedGuardTakenUnderTheMapGuardIsANesting() {
        // gitbutler 368f3247 reversed: the per-repo lock is taken with lock_api's `write_arc` while the global map's
        // guard is alive, so one repo's contention stalls every other repo. The method name alone says parking_lot.
        String bug = """
                  use parking_lot::{ArcRwLockReadGuard, ArcRwLockWriteGuard, RawRwLock};
                  pub fn exclusive_repo_access(git_dir: impl Into<PathBuf>) -> RepoExclusiveGuard {
                -     let lock = {
                -         let mut map = WORKTREE_LOCKS.lock();
                -         let git_dir = git_dir.into();
                -         Arc::clone(map.entry(git_dir).or_default())
                -     };
                +     let mut map = WORKTREE_LOCKS.lock();
                +     let git_dir = git_dir.into();
                      RepoExclusiveGuard {
                -         inner: lock.write_arc().into(),
                +         inner: map.entry(git_dir).or_default().write_arc().into(),
                          perm: RepoExclusive(()),
                      }
                  }
                """;
        Finding f = assertSingle(rule, Snippet.of("crates/but-core/src/sync.rs", bug), "CC2", Severity.HIGH, 3, 6);
        assertThat(f.objects()).contains("WORKTREE_LOCKS -> map.entry(git_dir).or_default()");
        // the fix: the map's guard ends with the block, before the per-repo lock is taken
        String fix = bug.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+         inner: lock.write_arc()");
        assertNone(rule, Snippet.of("crates/but-core/src/sync.rs", fix));
    }
}
