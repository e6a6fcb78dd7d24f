package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import dev.rustreview.model.Origin;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The central post-processing of findings: origin against the merge-base, severity from evidence and ids
 * that do not depend on wording. Rules here are stand-ins that flag every line containing a marker, on whatever
 * side they are shown, so the tests pin the policy and not one rule's detection.
 */
class FindingPolicyTest {

    /** Flags every new-side line containing {@code marker}, like a rule that sees the whole file. */
    record MarkerRule(String id, RiskArea area, Severity severity, String marker, String title, String object)
            implements RiskRule {
        MarkerRule(String id, RiskArea area, Severity severity, String marker) {
            this(id, area, severity, marker, "flagged " + marker, null);
        }

        @Override
        public RuleInfo info() {
            return RuleInfo.of(id, area, severity, "marker " + marker, "lines with " + marker, "everything else");
        }

        @Override
        public List<Finding> check(ChangedFile file) {
            List<Finding> out = new ArrayList<>();
            if (file.newText() == null) {
                return out;
            }
            String[] lines = file.newText().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(marker)) {
                    FindingBuilder b = FindingBuilder.lines(info(), file, Side.NEW, i + 1, i + 1).title(title);
                    if (object != null) {
                        b.object(object);
                    }
                    out.add(b.build());
                }
            }
            return out;
        }
    }

    private static final MarkerRule DOUBLE_LOCK = new MarkerRule("CC1", RiskArea.CONCURRENCY, Severity.CRITICAL, ".lock()");

    private static List<Finding> run(ChangedFile file, RiskRule... rules) {
        List<Finding> raw = new ArrayList<>();
        for (RiskRule r : rules) {
            raw.addAll(r.check(file));
        }
        return FindingPolicy.apply(file, raw, List.of(rules));
    }

    @Test
    void codeTheBaseAlreadyFlaggedIsPreExistingAndAtMostMedium() {
        ChangedFile file = Snippet.of("src/pool.rs", """
                  impl Pool {
                      fn get(&self) {
                          let a = self.a.lock();
                +         let b = self.b.lock();
                          work(a);
                      }
                  }
                """);
        List<Finding> findings = run(file, DOUBLE_LOCK);
        assertThat(findings).extracting(Finding::startLine, Finding::origin, Finding::severity).containsExactly(
                tuple(3, Origin.PRE_EXISTING, Severity.MEDIUM), tuple(4, Origin.INTRODUCED, Severity.CRITICAL));
    }

    @Test
    void theSameCodeInAnotherItemIsIntroduced() {
        ChangedFile file = Snippet.of("src/pool.rs", """
                  fn old_home(p: &Pool) {
                -     let a = p.a.lock();
                  }
                  fn new_home(p: &Pool) {
                +     let a = p.a.lock();
                  }
                """);
        assertThat(run(file, DOUBLE_LOCK)).extracting(Finding::origin).containsExactly(Origin.INTRODUCED);
    }

    @Test
    void aSecondCopyOfPreExistingCodeInTheSameItemIsIntroduced() {
        ChangedFile file = Snippet.of("src/pool.rs", """
                  fn get(p: &Pool) {
                      let a = p.a.lock();
                +     let a = p.a.lock();
                  }
                """);
        assertThat(run(file, DOUBLE_LOCK)).extracting(Finding::origin)
                .containsExactlyInAnyOrder(Origin.PRE_EXISTING, Origin.INTRODUCED);
    }

    @Test
    void rewritesThatKeepTheRiskKeepTheOrigin() {
        ChangedFile file = Snippet.of("src/exec.rs", """
                  fn leak(v: Vec<u8>, r: Option<u8>) -> u8 {
                -     std::mem::forget(v);
                -     r.unwrap()
                +     core::mem::forget(v);
                +     r.expect("the caller checked r")
                  }
                """);
        MarkerRule forget = new MarkerRule("US3", RiskArea.UNSAFE, Severity.HIGH, "forget(");
        MarkerRule panic = new MarkerRule("PN1", RiskArea.PANICS, Severity.HIGH, "r.");
        assertThat(run(file, forget, panic)).extracting(Finding::ruleId, Finding::origin, Finding::severity)
                .containsExactlyInAnyOrder(tuple("US3", Origin.PRE_EXISTING, Severity.MEDIUM),
                        tuple("PN1", Origin.PRE_EXISTING, Severity.MEDIUM));
        ChangedFile changedCall = Snippet.of("src/exec.rs", """
                  fn leak(v: Vec<u8>) {
                -     std::mem::forget(v);
                +     std::mem::forget(v.clone());
                  }
                """);
        assertThat(run(changedCall, forget)).extracting(Finding::origin).containsExactly(Origin.INTRODUCED);
    }

    @Test
    void codeTheChangeOnlyWrappedInUnsafeBlocksKeepsItsOrigin() {
        // crossbeam 12c5eb5a (the unsafe_op_in_unsafe_fn lint): the same operations, now inside `unsafe { .. }`.
        ChangedFile wrapped = Snippet.of("src/counter.rs", """
                  impl<C> Sender<C> {
                      pub(crate) unsafe fn release<F: FnOnce(&C) -> bool>(&self, disconnect: F) {
                          if self.counter().destroy.swap(true, Ordering::AcqRel) {
                -             drop(Box::from_raw(self.counter));
                -             slot.msg.get().write(MaybeUninit::new(msg));
                +             drop(unsafe { Box::from_raw(self.counter) });
                +             unsafe { slot.msg.get().write(MaybeUninit::new(msg)) }
                          }
                      }
                  }
                """);
        MarkerRule fromRaw = new MarkerRule("US3", RiskArea.UNSAFE, Severity.HIGH, "from_raw(");
        MarkerRule write = new MarkerRule("US3", RiskArea.UNSAFE, Severity.HIGH, ".write(");
        assertThat(run(wrapped, fromRaw, write)).extracting(Finding::startLine, Finding::origin, Finding::severity)
                .containsExactlyInAnyOrder(tuple(4, Origin.PRE_EXISTING, Severity.MEDIUM),
                        tuple(5, Origin.PRE_EXISTING, Severity.MEDIUM));
        // Hard negatives: an operation whose argument changed inside the new wrapper, and code that never says
        // `unsafe` whose braces moved, are introduced.
        ChangedFile changed = Snippet.of("src/counter.rs", """
                  unsafe fn release(&self) {
                -     drop(Box::from_raw(self.counter));
                -     if ready { a.lock() } b.lock();
                +     drop(unsafe { Box::from_raw(self.other) });
                +     if ready { a.lock(); b.lock() }
                  }
                """);
        MarkerRule lock = new MarkerRule("CC1", RiskArea.CONCURRENCY, Severity.HIGH, "b.lock()");
        assertThat(run(changed, fromRaw, lock)).extracting(Finding::startLine, Finding::origin)
                .containsExactlyInAnyOrder(tuple(2, Origin.INTRODUCED), tuple(3, Origin.INTRODUCED));
        // One base operation accounts for one wrapped copy, not two.
        ChangedFile copied = Snippet.of("src/counter.rs", """
                  unsafe fn release(&self) {
                -     drop(Box::from_raw(self.counter));
                +     drop(unsafe { Box::from_raw(self.counter) });
                +     drop(unsafe { Box::from_raw(self.counter) });
                  }
                """);
        assertThat(run(copied, fromRaw)).extracting(Finding::origin)
                .containsExactlyInAnyOrder(Origin.PRE_EXISTING, Origin.INTRODUCED);
    }

    @Test
    void normalisingFoldsOnlyWhatDoesNotChangeTheRisk() {
        assertThat(FindingKeys.normalise("  alloc::sync::Arc::new(x)\n\t.expect( \"it \\\" failed\" )"))
                .isEqualTo("std::sync::Arc::new(x) .unwrap()");
        assertThat(FindingKeys.normalise("mystd::f(\"a\")")).isEqualTo("mystd::f(\"\")");
        assertThat(FindingKeys.normalise("x.expect(msg)")).isEqualTo("x.expect(msg)");
    }

    @Test
    void anAddedFileHasOnlyIntroducedFindings() {
        ChangedFile file = Snippet.added("fn get(p: &Pool) {\n    let a = p.a.lock();\n}\n");
        assertThat(run(file, DOUBLE_LOCK)).extracting(Finding::origin, Finding::severity)
                .containsExactly(tuple(Origin.INTRODUCED, Severity.CRITICAL));
    }

    @Test
    void criticalStaysOnlyForDefinitePatterns() {
        ChangedFile file = Snippet.added("""
                fn f(p: *const u8) -> u8 {
                    let a = m.lock();
                    unsafe { std::ptr::read(p) }
                }
                unsafe impl<T> Send for Raw<T> {}
                unsafe impl<T: Send> Sync for Bounded<T> {}
                unsafe impl Send for Concrete {}
                """);
        MarkerRule raw = new MarkerRule("US3", RiskArea.UNSAFE, Severity.CRITICAL, "ptr::read");
        MarkerRule unbounded = new MarkerRule("US2", RiskArea.UNSAFE, Severity.CRITICAL, "for Raw",
                "unsafe impl Send for Raw<T>", "T without Send bound");
        MarkerRule bounded = new MarkerRule("US2", RiskArea.UNSAFE, Severity.CRITICAL, "for Bounded");
        MarkerRule concrete = new MarkerRule("US2", RiskArea.UNSAFE, Severity.CRITICAL, "for Concrete");
        assertThat(run(file, DOUBLE_LOCK, raw, unbounded, bounded, concrete))
                .extracting(Finding::ruleId, Finding::startLine, Finding::severity).containsExactlyInAnyOrder(
                        tuple("CC1", 2, Severity.CRITICAL),
                        tuple("US3", 3, Severity.HIGH),
                        tuple("US2", 5, Severity.CRITICAL),
                        tuple("US2", 6, Severity.HIGH),
                        tuple("US2", 7, Severity.CRITICAL));
    }

    @Test
    void unsafeCodeWhoseOnlyChangeSpellsOutADropIsLow() {
        // rust-rocksdb 6cd1c020, a clippy cleanup: the temporary was dropped at the same `;` before
        String diff = """
                  pub unsafe extern "C" fn destructor_callback(raw_cb: *mut c_void) {
                -     Box::from_raw(raw_cb as *mut Callback);
                +     drop(Box::from_raw(raw_cb as *mut Callback));
                  }
                  pub unsafe extern "C" fn delete_callback(value: *mut c_char, len: size_t) {
                -     Box::from_raw(slice::from_raw_parts_mut(
                +     drop(Box::from_raw(slice::from_raw_parts_mut(
                          value as *mut u8,
                          len,
                -     ));
                +     )));
                  }
                  unsafe fn keep(p: *mut u8) { let _b = Box::from_raw(p); } // unchanged: pre-existing, at most medium
                """;
        MarkerRule raw = new MarkerRule("US3", RiskArea.UNSAFE, Severity.HIGH, "from_raw");
        assertThat(run(Snippet.of("src/comparator.rs", diff), raw)).extracting(Finding::startLine, Finding::severity)
                .containsExactly(tuple(2, Severity.LOW), tuple(5, Severity.LOW), tuple(10, Severity.MEDIUM));
        // a drop that now runs earlier than before, or any other edit, keeps its grade
        assertThat(run(Snippet.of("src/comparator.rs", diff.replace("+     drop(Box::from_raw(raw_cb as *mut Callback));",
                "+     drop(Box::from_raw(raw_cb as *mut Other));")), raw)).extracting(Finding::startLine, Finding::severity)
                .containsExactly(tuple(2, Severity.HIGH), tuple(5, Severity.LOW), tuple(10, Severity.MEDIUM));
        assertThat(run(Snippet.of("src/comparator.rs", diff.replace("-     Box::from_raw(raw_cb as *mut Callback);",
                "-     let cb = Box::from_raw(raw_cb as *mut Callback);")), raw)).extracting(Finding::startLine, Finding::severity)
                .containsExactly(tuple(2, Severity.HIGH), tuple(5, Severity.LOW), tuple(10, Severity.MEDIUM));
    }

    @Test
    void anUnsafeBlockWithASafetyCommentDirectlyAboveIsOneStepLower() {
        ChangedFile file = Snippet.added("""
                fn f(p: *const u8, q: *const u8) -> u8 {
                    // SAFETY: the caller passes a pointer to a live byte.
                    let a = unsafe { *p };
                    let b = unsafe { *q };
                    // Reads the byte.

                    let c = unsafe { *q };
                    // Safety: `p` is valid for reads, see above;
                    // and aligned.
                    unsafe {
                        std::ptr::read(p)
                    }
                }
                """);
        MarkerRule block = new MarkerRule("US1", RiskArea.UNSAFE, Severity.HIGH, "unsafe {");
        MarkerRule inside = new MarkerRule("US3", RiskArea.UNSAFE, Severity.HIGH, "ptr::read");
        assertThat(run(file, block, inside)).extracting(Finding::ruleId, Finding::startLine, Finding::severity)
                .containsExactlyInAnyOrder(
                        tuple("US1", 3, Severity.MEDIUM),
                        tuple("US1", 4, Severity.HIGH),
                        tuple("US1", 7, Severity.HIGH),
                        tuple("US1", 10, Severity.MEDIUM),
                        tuple("US3", 11, Severity.MEDIUM));
    }

    @Test
    void aSafetyCommentOpeningTheBlockOrASafetyDocOnAnUnsafeFnAlsoCounts() {
        ChangedFile file = Snippet.added("""
                /// Pops one task.
                ///
                /// # Safety
                ///
                /// Must be called with the lock held.
                #[inline]
                pub(crate) unsafe fn pop(&self) {
                    let v = unsafe {
                        // SAFETY: the slot was written before the index was published.
                        self.read()
                    };
                    task.map(|t| unsafe { // SAFETY: same thread
                        t.run()
                    });
                }
                /// Undocumented.
                unsafe fn undocumented() {
                    unsafe {
                        // Reads it.
                        self.read()
                    }
                }
                """);
        MarkerRule unsafeFn = new MarkerRule("US1", RiskArea.UNSAFE, Severity.HIGH, "unsafe fn");
        MarkerRule block = new MarkerRule("US1", RiskArea.UNSAFE, Severity.HIGH, "unsafe {");
        assertThat(run(file, unsafeFn, block)).extracting(Finding::startLine, Finding::severity)
                .containsExactlyInAnyOrder(tuple(7, Severity.MEDIUM), tuple(8, Severity.MEDIUM),
                        tuple(12, Severity.MEDIUM), tuple(17, Severity.HIGH), tuple(18, Severity.HIGH));
    }

    @Test
    void testCodeIsLowExceptConcurrencyBugsInTheTestItself() {
        ChangedFile file = Snippet.added("""
                fn real() { v.unwrap(); }
                #[cfg(test)]
                mod tests {
                    #[tokio::test(flavor = "multi_thread")]
                    async fn t() {
                        v.unwrap();
                        let a = m.lock();
                    }
                }
                """);
        MarkerRule panic = new MarkerRule("PN1", RiskArea.PANICS, Severity.HIGH, "unwrap()");
        assertThat(run(file, panic, DOUBLE_LOCK)).extracting(Finding::ruleId, Finding::startLine, Finding::severity)
                .containsExactlyInAnyOrder(tuple("PN1", 1, Severity.HIGH), tuple("PN1", 6, Severity.LOW),
                        tuple("CC1", 7, Severity.CRITICAL));
        ChangedFile integration = Snippet.of("tests/pool.rs", "+ fn t() { v.unwrap(); }\n");
        assertThat(run(integration, panic)).extracting(Finding::severity).containsExactly(Severity.LOW);
    }

    @Test
    void aLockFindingInATestThatRunsOnOneThreadIsLowUnlessItIsADoubleLock() {
        // redb 2451c0e82 (test-only): CC3 "may panic while locked" and "takes another lock" in a one-thread test.
        ChangedFile file = Snippet.added("""
                #[cfg(test)]
                mod tests {
                    #[test]
                    fn one_thread() {
                        let pages = allocated.lock().unwrap();
                        build(&pages).unwrap();
                        let again = m.lock();
                    }
                    #[test]
                    fn two_threads() {
                        let pages = allocated.lock().unwrap();
                        let h = std::thread::spawn(move || build(&other));
                        h.join().unwrap();
                    }
                    #[tokio::test]
                    async fn two_tasks() {
                        let pages = allocated.lock().unwrap();
                        tokio::join!(build(&pages), build(&other));
                    }
                }
                """);
        MarkerRule callUnderLock = new MarkerRule("CC3", RiskArea.CONCURRENCY, Severity.HIGH, "build(");
        assertThat(run(file, callUnderLock, DOUBLE_LOCK)).extracting(Finding::ruleId, Finding::startLine,
                Finding::severity).containsExactlyInAnyOrder(tuple("CC3", 6, Severity.LOW),
                tuple("CC3", 12, Severity.HIGH), tuple("CC3", 18, Severity.HIGH), tuple("CC1", 5, Severity.CRITICAL),
                tuple("CC1", 7, Severity.CRITICAL), tuple("CC1", 11, Severity.CRITICAL),
                tuple("CC1", 17, Severity.CRITICAL));
    }

    /** shuttle c1661f1a (test-only): a test holds one mutex while its spawned threads queue on it, on purpose. */
    @Test
    void aLockNestingInATestIsLowEvenWhenTheTestSpawnsButAnInvertedOrderIsNot() {
        ChangedFile file = Snippet.of("tests/basic/mutex.rs", """
                + #[test]
                + fn mutex_unfair() {
                +     let guard = lock.lock().unwrap();
                +     let h = thread::spawn(move || other.lock().unwrap().push(1));
                +     while order.lock().unwrap().len() < 2 {}
                + }
                """);
        MarkerRule nesting = new MarkerRule("CC2", RiskArea.CONCURRENCY, Severity.HIGH, "order.lock()");
        assertThat(run(file, nesting)).extracting(Finding::severity).containsExactly(Severity.LOW);
        MarkerRule inverted = new MarkerRule("CC2", RiskArea.CONCURRENCY, Severity.CRITICAL, "order.lock()");
        assertThat(run(file, inverted)).extracting(Finding::severity).containsExactly(Severity.CRITICAL);
    }

    @Test
    void idsComeFromRuleItemAndCodeNotFromWordingOrPosition() {
        String source = "impl Pool {\n    fn get(&self) {\n        let a = self.a.lock();\n    }\n}\n";
        Finding first = run(Snippet.added(source), DOUBLE_LOCK).get(0);
        MarkerRule reworded = new MarkerRule("CC1", RiskArea.CONCURRENCY, Severity.CRITICAL, ".lock()",
                "a different title", null);
        assertThat(run(Snippet.added(source), reworded).get(0).id()).isEqualTo(first.id());
        Finding moved = run(Snippet.added("// a new header line\n\n" + source), DOUBLE_LOCK).get(0);
        assertThat(moved.startLine()).isEqualTo(5);
        assertThat(moved.id()).isEqualTo(first.id());
        Finding otherItem = run(Snippet.added(source.replace("fn get", "fn put")), DOUBLE_LOCK).get(0);
        assertThat(otherItem.id()).isNotEqualTo(first.id());
        assertThat(first.id()).startsWith("CC1-");
    }

    /** Flags, on each new-side line, every listed name it contains, in list order, naming it as the object. */
    record NamesRule(List<String> names) implements RiskRule {
        @Override
        public RuleInfo info() {
            return RuleInfo.of("CC3", RiskArea.CONCURRENCY, Severity.HIGH, "names", "listed names", "others");
        }

        @Override
        public List<Finding> check(ChangedFile file) {
            List<Finding> out = new ArrayList<>();
            String[] lines = file.newText().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String name : names) {
                    if (lines[i].matches(".*\\b" + name + "\\b.*")) {
                        out.add(FindingBuilder.lines(info(), file, Side.NEW, i + 1, i + 1)
                                .object("call " + name + " while locked").title("call " + name).build());
                    }
                }
            }
            return out;
        }
    }

    @Test
    void aSecondFindingOfOneRuleOnTheSameLineDoesNotTakeTheFirstOnesId() {
        // Round 1 flags `notify` on the line; in round 2 a change elsewhere makes the rule flag `count` on the same,
        // unchanged line too, and it comes first. Numbering by position alone gave `notify`'s id to `count`.
        String source = "impl Pool {\n    fn put(&self) {\n        self.notify(self.count());\n    }\n}\n";
        Finding before = run(Snippet.added(source), new NamesRule(List.of("notify"))).get(0);
        List<Finding> after = run(Snippet.added(source), new NamesRule(List.of("count", "notify")));
        assertThat(after).extracting(Finding::title).containsExactly("call count", "call notify");
        assertThat(after.get(1).id()).isEqualTo(before.id());
        assertThat(after.get(0).id()).isNotEqualTo(before.id());
        // The id the same finding had before names counted stays a former id, so saved acknowledgements re-attach.
        String withoutNames = StableIds.findingSixDigits("CC3", "src/lib.rs", "impl Pool > fn put\n"
                + "        self.notify(self.count());\n", 0);
        assertThat(before.formerIds()).contains(withoutNames);
    }

    @Test
    void formerIdsKeepTheTitleBasedIdsOfEarlierVersions() {
        String source = "fn get(p: &Pool) {\n    let a = p.a.lock();\n}\n";
        Finding f = run(Snippet.added(source), DOUBLE_LOCK).get(0);
        String legacy = StableIds.findingSixDigits("CC1", "src/lib.rs", "    let a = p.a.lock();\n" + '\n' + "flagged .lock()", 0);
        String sixDigits = StableIds.findingSixDigits("CC1", "src/lib.rs", "fn get\n    let a = p.a.lock();\n", 0);
        assertThat(f.formerIds()).containsExactly(sixDigits, legacy);
        assertThat(f.id()).matches("CC1-[0-9a-f]{8}");
    }

    @Test
    void aPanicReformattedOverOtherLinesIsTheSamePanicSite() {
        // unwrap replaced with expect and the chain spread over lines (rustfmt): the same call on the same
        // receiver in the same fn, so the panic the base already had is pre-existing.
        ChangedFile file = Snippet.of("src/conn.rs", """
                  impl Future for Upgrade {
                      fn poll(mut self: Pin<&mut Self>) -> Poll<()> {
                -         let parts = self.inner.take().unwrap().into_parts();
                +         let parts = self
                +             .inner
                +             .take()
                +             .expect("polled after upgrade")
                +             .into_parts();
                +         let other = self.other.take().expect("set in new");
                          Poll::Ready(())
                      }
                  }
                """);
        List<Finding> findings = run(file, new dev.rustreview.analysis.rules.PanicRule());
        assertThat(findings).extracting(Finding::startLine, Finding::origin)
                .containsExactlyInAnyOrder(tuple(6, Origin.PRE_EXISTING), tuple(8, Origin.INTRODUCED));
    }

    @Test
    void aNewChainEndingInTheSameExpectAsAnotherInTheFnIsIntroduced() {
        // quickwit 42f0c586 reversed: the flagged line of both chains is `.expect("..")` alone, so only the receiver
        // tells the new panic on a send from the fn's old one on a subtraction.
        ChangedFile file = Snippet.of("src/provider.rs", """
                  impl Actor {
                      fn handle_message(&mut self, msg: Message) {
                -         let _ = permit_sender.send(permits);
                +         permit_sender
                +             .send(permits)
                +             .expect("lives longer");
                          self.total = self
                              .total
                              .checked_sub(size)
                              .expect("lives longer");
                      }
                  }
                """);
        List<Finding> findings = run(file, new dev.rustreview.analysis.rules.PanicRule());
        assertThat(findings).extracting(Finding::startLine, Finding::origin)
                .containsExactly(tuple(5, Origin.INTRODUCED));
        // The base's own copy of the chain, unchanged and not shown, is what the old finding was.
        ChangedFile same = Snippet.of("src/provider.rs", """
                  impl Actor {
                      fn handle_message(&mut self, msg: Message) {
                -         let _unused = 0;
                +         let _unused = 1;
                          self.total = self
                              .total
                -             .checked_sub(size).unwrap();
                +             .checked_sub(size)
                +             .expect("lives longer");
                      }
                  }
                """);
        assertThat(run(same, new dev.rustreview.analysis.rules.PanicRule())).extracting(Finding::origin)
                .containsExactly(Origin.PRE_EXISTING);
    }

    @Test
    void aBlockingCallRustfmtJoinedOntoOneLineIsStillPreExisting() {
        // cargo fmt joined a chain onto one line: the same std::fs call in the same async fn.
        ChangedFile file = Snippet.of("src/tools/doc_parser.rs", """
                  async fn parse(path: PathBuf) -> Result<u64, Error> {
                -     let size = std::fs::metadata(&path)
                -         .map_err(Error::Io)?
                -         .len();
                +     let size = std::fs::metadata(&path).map_err(Error::Io)?.len();
                +     let text = std::fs::read_to_string(&path)?;
                      Ok(size)
                  }
                """);
        List<Finding> findings = run(file, new dev.rustreview.analysis.rules.BlockingInAsync());
        assertThat(findings).extracting(Finding::startLine, Finding::origin, Finding::severity).containsExactlyInAnyOrder(
                tuple(2, Origin.PRE_EXISTING, Severity.MEDIUM), tuple(3, Origin.INTRODUCED, Severity.HIGH));
    }

    @Test
    void aPanicTheFnDocumentsUnderPanicsIsOneStepLower() {
        ChangedFile file = Snippet.added("""
                /// Polls until idle.
                ///
                /// # Panics
                ///
                /// Panics if the iteration limit is exceeded.
                #[track_caller]
                pub fn poll_until_idle(&mut self) {
                    panic!("limit exceeded");
                }

                /// Polls once.
                pub fn poll_once(&mut self) {
                    panic!("limit exceeded");
                }
                """);
        MarkerRule panic = new MarkerRule("PN1", RiskArea.PANICS, Severity.HIGH, "panic!");
        assertThat(run(file, panic)).extracting(Finding::startLine, Finding::severity)
                .containsExactlyInAnyOrder(tuple(8, Severity.MEDIUM), tuple(13, Severity.HIGH));
    }

    @Test
    void aHandledCaseTurnedIntoAPanicKeepsItsSeverityUnderADocumentedPanicsSection() {
        // smallvec's drain documents its range panics; the overflow the change lets wrap in release is not one.
        ChangedFile file = Snippet.of("src/lib.rs", """
                  /// # Panics
                  ///
                  /// Panics if the starting point is greater than the end point.
                  pub fn drain(&mut self, from: usize) -> usize {
                -     from.checked_add(1).expect("out of bounds")
                +     from + 1
                  }
                """);
        assertThat(run(file, new dev.rustreview.analysis.rules.PanickingTwinAdded()))
                .extracting(Finding::startLine, Finding::severity).containsExactly(tuple(5, Severity.MEDIUM));
    }

    @Test
    void aDeletedPresenceGuardKeepsItsSeverityUnderADocumentedPanicsSection() {
        // raft-rs's on_entries_fetched documents the panic for a non-async context, not the missing peer.
        ChangedFile file = Snippet.of("src/raw_node.rs", """
                  impl RawNode {
                      /// # Panics
                      ///
                      /// Panics if passed with the context of context.can_async() == false
                      pub fn on_entries_fetched(&mut self, to: u64) {
                -         if self.raft.prs().get(to).is_none() {
                -             return;
                -         }
                          self.raft.send_append(to)
                      }
                  }
                """);
        assertThat(run(file, new dev.rustreview.analysis.rules.PresenceGuardClauseRemoved()))
                .extracting(Finding::startLine, Finding::severity).containsExactly(tuple(6, Severity.MEDIUM));
    }

    @Test
    void anArmRemovedBeforeAPanickingCatchAllKeepsItsSeverityUnderADocumentedPanicsSection() {
        // crucible's set_active_request documents "`self.state` is invalid for promotion", not the valid state whose arm went.
        ChangedFile file = Snippet.of("upstairs/src/client.rs", """
                  impl DownstairsClient {
                      /// # Panics
                      /// If `self.state` is invalid for promotion.
                      pub(crate) fn set_active_request(&mut self) {
                          match &self.state {
                              DsState::WaitActive => self.promote(),
                -             DsState::Stopping(ClientStopReason::Replacing) => {
                -                 info!(self.log, "ignoring activation request while replacing");
                -             }
                              s => panic!("invalid state for set_active_request: {s:?}"),
                          }
                      }
                  }
                """);
        assertThat(run(file, new dev.rustreview.analysis.rules.ArmFallsToPanic()))
                .extracting(Finding::startLine, Finding::severity).containsExactly(tuple(7, Severity.MEDIUM));
    }

    @Test
    void ownershipBookkeepingRemovedBesideDocumentedUnsafeCodeIsNotLowered() {
        // arrayvec's extend_from_iter documents its own contract; the forget the change drops is not part of it.
        ChangedFile file = Snippet.of("src/arrayvec.rs", """
                  /// ## Safety
                  ///
                  /// The caller must ensure the length of the input fits in the capacity.
                  pub(crate) unsafe fn extend_from_iter(&mut self, elt: T) {
                      if mem::size_of::<T>() != 0 {
                          self.ptr.write(elt);
                -     } else {
                -         mem::forget(elt);
                      }
                  }
                """);
        assertThat(run(file, new dev.rustreview.analysis.rules.OwnershipHandoffRemoved()))
                .extracting(Finding::startLine, Finding::severity).containsExactly(tuple(4, Severity.MEDIUM));
    }
}
