package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC30: a `let` guard turned into a statement temporary while later code depended on the lock. */
class GuardNarrowedTest {

    private final GuardNarrowed rule = new GuardNarrowed();

    /** minitrace's spsc Receiver::try_recv with its fix (f705dcbe) reversed. */
    private static final String RECV = """
              impl<T> Receiver<T> {
                  pub fn try_recv(&mut self) -> Result<Option<T>, ChannelClosed> {
                      match self.received.pop() {
                          Some(val) => Ok(Some(val)),
                          None => {
            -                 let mut page = self.page.lock();
            -                 std::mem::swap(&mut *page, &mut self.received);
            +                 std::mem::swap(&mut *self.page.lock(), &mut self.received);
                              match self.received.pop() {
                                  Some(val) => Ok(Some(val)),
                                  None => {
                                      let is_disconnected = Arc::strong_count(&self.page) < 2;
                                      if is_disconnected { Err(ChannelClosed) } else { Ok(None) }
                                  }
                              }
                          }
                      }
                  }
              }
            """;

    @Test
    void aGuardNarrowedAwayFromACheckOfTheLockIsReported() {
        List<Finding> f = RuleRun.on(rule, "minitrace/src/util/spsc.rs", RECV);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC30", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`self.page.lock()` in `try_recv` is now a temporary: "
                + "`let is_disconnected = Arc::strong_count(&self.page) < 2;` runs after it is released");
    }

    @Test
    void theFixALaterRelockNoLaterMentionOrAGuardStillBoundAreQuiet() {
        // the fix direction
        assertThat(RuleRun.on(rule, "src/spsc.rs", RECV.replace("\n-", "\n=").replace("\n+", "\n-").replace("\n=", "\n+"))).isEmpty();
        // the later code locks it again
        assertThat(RuleRun.on(rule, "src/spsc.rs", RECV.replace("Arc::strong_count(&self.page) < 2", "{ self.page.lock().is_empty() }"))).isEmpty();
        // the later code does not name the lock
        assertThat(RuleRun.on(rule, "src/spsc.rs", RECV.replace("Arc::strong_count(&self.page) < 2", "self.closed"))).isEmpty();
        // the new code still binds a guard of it
        assertThat(RuleRun.on(rule, "src/spsc.rs", RECV.replace("+                 std::mem::swap(&mut *self.page.lock(), &mut self.received);",
                "+                 let mut p = self.page.lock();\n+                 std::mem::swap(&mut *p, &mut self.received);"))).isEmpty();
        // another lock is taken as the temporary
        assertThat(RuleRun.on(rule, "src/spsc.rs", RECV.replace("&mut *self.page.lock(), &mut", "&mut *self.spare.lock(), &mut"))).isEmpty();
    }

    /** rust-rocksdb's DBCommon::create_cf with its fix (7cf4f8a9) reversed. */
    private static final String CREATE_CF = """
              impl<I: DBInner> DBCommon<MultiThreaded, I> {
                  pub fn create_cf<N: AsRef<str>>(&self, name: N, opts: &Options) -> Result<(), Error> {
            -         let mut cfs = self.cfs.cfs.write().unwrap();
                      let inner = self.create_inner_cf_handle(name.as_ref(), opts)?;
            -         cfs.insert(
            +         self.cfs.cfs.write().unwrap().insert(
                          name.as_ref().to_string(),
                          Arc::new(UnboundColumnFamily { inner }),
                      );
                      Ok(())
                  }
              }
            """;

    @Test
    void aGuardNowTakenAfterTheStepItCoveredIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/db.rs", CREATE_CF);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC30", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`self.cfs.cfs.write()` in `create_cf` no longer covers "
                + "`let inner = self.create_inner_cf_handle(name.as_ref(), opts)?;`");
        // the step before the first use is not a method of self
        assertThat(RuleRun.on(rule, "src/db.rs", CREATE_CF.replace("self.create_inner_cf_handle(", "make_handle("))).isEmpty();
    }

    /** raft-engine's Engine::fetch_entries_to with its fix (de1ec937) reversed. */
    private static final String FETCH = """
              impl<F: FileSystem, P: PipeLog> Engine<F, P> {
                  pub fn fetch_entries_to(&self, region_id: u64, begin: u64, end: u64, vec: &mut Vec<Entry>) -> Result<usize> {
                      if let Some(memtable) = self.memtables.get(region_id) {
                          let mut ents_idx: Vec<EntryIndex> = Vec::with_capacity((end - begin) as usize);
            -             let immutable = memtable.read();
            -             immutable.fetch_entries_to(begin, end, &mut ents_idx)?;
            +             memtable
            +                 .read()
            +                 .fetch_entries_to(begin, end, &mut ents_idx)?;
                          for i in ents_idx.iter() {
                              vec.push(read_entry_from_file(self.pipe_log.as_ref(), i)?);
                          }
                          return Ok(ents_idx.len());
                      }
                      Ok(0)
                  }
              }
            """;

    @Test
    void aLocalFilledUnderTheGuardAndReadAfterTheNarrowedLockIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/engine.rs", FETCH);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC30", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`memtable.read()` in `fetch_entries_to` is now a temporary: "
                + "`for i in ents_idx.iter() {` runs after it is released");
        // the fix direction; the filled local not read after the statement; a `&mut` of a field or an element
        assertThat(RuleRun.on(rule, "src/engine.rs", FETCH.replace("\n-", "\n=").replace("\n+", "\n-")
                .replace("\n=", "\n+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/engine.rs", FETCH.replace("for i in ents_idx.iter() {", "for i in others.iter() {")
                .replace("return Ok(ents_idx.len());", "return Ok(0);"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/engine.rs", FETCH.replace("-             immutable.fetch_entries_to(begin, end, &mut ents_idx)?;",
                "-             immutable.fetch_entries_to(begin, end, &mut ents_idx.inner)?;"))).isEmpty();
    }
}
