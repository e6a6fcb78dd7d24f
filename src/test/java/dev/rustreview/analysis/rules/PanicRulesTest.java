package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Severity.LOW;
import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class PanicRulesTest {

    private final PanicRule pn1 = new PanicRule();
    private final IndexArithmeticRule pn2 = new IndexArithmeticRule();

    // ---- PN1 ----

    @Test
    void pn1UnwrapAndExpectInLibraryCodeAreMedium() {
        List<Finding> f = RuleRun.on(pn1, "src/config.rs", """
                  fn port(cfg: &Config) -> u16 {
                +     let raw = cfg.get("port").unwrap();
                +     raw.parse()
                +         .expect("port must be a number")
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN1", MEDIUM, NEW, 2, 2), tuple("PN1", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).explanation()).contains("`.unwrap()` on `cfg.get(\"port\")`").contains("fn `port`");
    }

    @Test
    void pn1PanicMacrosAndUnwrapInsideMacroArguments() {
        List<Finding> f = RuleRun.added(pn1, """
                fn f(kind: u8, x: Option<u8>) -> u8 {
                    println!("{}", x.unwrap());
                    match kind {
                        0 => todo!(),
                        1 => unimplemented!("later"),
                        2 => unreachable!(),
                        _ => panic!("bad kind {kind}"),
                    }
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN1", MEDIUM, NEW, 2, 2), tuple("PN1", MEDIUM, NEW, 4, 4),
                tuple("PN1", MEDIUM, NEW, 5, 5), tuple("PN1", MEDIUM, NEW, 6, 6), tuple("PN1", MEDIUM, NEW, 7, 7));
    }

    @Test
    void pn1IsHighInDropPollExternAndWhileAGuardIsAlive() {
        List<Finding> f = RuleRun.added(pn1, """
                impl Drop for Conn {
                    fn drop(&mut self) {
                        self.sock.shutdown().unwrap();
                    }
                }
                impl Future for Job {
                    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u8> {
                        Poll::Ready(self.rx.try_recv().unwrap())
                    }
                }
                extern "C" fn cb(x: *const u8) { let v = parse(x).unwrap(); }
                fn update(&self) {
                    let state = self.state.lock().unwrap();
                    let n = state.pending.first().expect("queue empty");
                    drop(state);
                    let m = self.other().unwrap();
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN1", HIGH, NEW, 3, 3), tuple("PN1", HIGH, NEW, 8, 8),
                tuple("PN1", HIGH, NEW, 11, 11), tuple("PN1", LOW, NEW, 13, 13), tuple("PN1", HIGH, NEW, 14, 14),
                tuple("PN1", MEDIUM, NEW, 16, 16));
        assertThat(f.get(4).explanation()).contains("guard `state` from `self.state.lock()`");
        assertThat(f.get(0).explanation()).contains("impl Drop for Conn");
    }

    @Test
    void pn1AnAssertionOnACallsOutcomeInADropPathIsHigh() {
        // memmap2 f6d33692 reversed: Drop asserts that munmap succeeded. Not reported: the assertion in `len`
        // (a field, outside a drop path), the debug assertion, an invariant assertion in Drop (tokio's
        // EnterRuntimeGuard) and one behind `if !thread::panicking()` (tokio's queue::Local).
        List<Finding> f = RuleRun.on(pn1, "src/unix.rs", """
                  impl MmapInner {
                      pub fn len(&self) -> usize {
                +         assert!(self.len <= isize::MAX as usize);
                          self.len
                      }
                  }
                  impl Drop for MmapInner {
                      fn drop(&mut self) {
                          let (ptr, len, _) = self.as_mmap_params();
                +         debug_assert!(len > 0);
                +         assert!(self.entered.get());
                +         if !std::thread::panicking() {
                +             assert!(libc::close(self.fd) == 0);
                +         }
                          unsafe {
                -             libc::munmap(ptr, len as libc::size_t);
                +             assert!(
                +                 libc::munmap(ptr, len as libc::size_t) == 0,
                +                 "unable to unmap mmap: {}",
                +                 io::Error::last_os_error()
                +             );
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN1", HIGH, NEW, 16, 20));
    }

    @Test
    void pn1AnAssertionOnALocalHoldingACallsStatusInDropIsHigh() {
        // napi-rs e1265b8d reversed: Drop asserts the release status, which is `napi_closing` during teardown
        String bug = """
                  impl Drop for ThreadsafeFunctionHandle {
                      fn drop(&mut self) {
                          let release_status = unsafe {
                              sys::napi_release_threadsafe_function(self.raw, sys::ThreadsafeFunctionReleaseMode::release)
                          };
                -         if release_status != sys::Status::napi_ok {
                -             crate::bindgen_runtime::retain_current_module_for_unload_safety();
                -         }
                +         assert!(
                +             release_status == sys::Status::napi_ok,
                +             "Threadsafe Function release failed {}",
                +             Status::from(release_status)
                +         );
                      }
                  }
                """;
        assertThat(RuleRun.shape(RuleRun.on(pn1, "crates/napi/src/threadsafe_function.rs", bug)))
                .containsExactly(tuple("PN1", HIGH, NEW, 6, 10));
        // a local that holds a plain value, not a call's result, is an invariant the author asserts
        assertThat(RuleRun.on(pn1, "src/tsfn.rs", bug.replace("let release_status = unsafe {", "let release_status = {")
                .replace("sys::napi_release_threadsafe_function(self.raw, sys::ThreadsafeFunctionReleaseMode::release)",
                        "self.status"))).isEmpty();
    }

    @Test
    void pn1WasmBindgensThrowingUnwrapIsAPanicToo() {
        // wasm-bindgen 5a1dfdf2 reversed: a waker firing after completion re-queues a task whose future is gone
        assertThat(RuleRun.shape(RuleRun.on(pn1, "crates/futures/src/futures_0_3.rs", """
                  fn run(task: Rc<Task>) {
                      let mut future = task.future.borrow_mut();
                +     let mut future = future.as_mut().unwrap_throw();
                  }
                """))).containsExactly(tuple("PN1", MEDIUM, NEW, 3, 3));
        assertThat(RuleRun.on(pn1, "src/lib.rs", "+ fn f(x: Option<u8>) -> u8 { x.unwrap_or_throw_default() }\n")).isEmpty();
    }

    @Test
    void pn1InTestCodeIsLowNotMedium() {
        List<Finding> f = RuleRun.on(pn1, "src/parse.rs", """
                  pub fn parse(s: &str) -> Option<u8> { s.parse().ok() }
                  #[cfg(test)]
                  mod tests {
                      #[test]
                      fn parses() {
                +         assert_eq!(super::parse("7").unwrap(), 7);
                +         let v = super::parse("8").expect("eight");
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN1", LOW, NEW, 6, 6), tuple("PN1", LOW, NEW, 7, 7));
        assertThat(RuleRun.shape(RuleRun.on(pn1, "tests/it.rs", "+ fn t() { run().unwrap(); }\n")))
                .containsExactly(tuple("PN1", LOW, NEW, 1, 1));
    }

    @Test
    void pn1LockUnwrapIdiomIsLow() {
        List<Finding> f = RuleRun.added(pn1, """
                fn bump(&self) {
                    *self.count.lock().unwrap() += 1;
                    let r = self.table.read().expect("poisoned");
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN1", LOW, NEW, 2, 2), tuple("PN1", LOW, NEW, 3, 3));
    }

    @Test
    void pn1IgnoresCommentsStringsAndNonPanickingVariants() {
        assertThat(RuleRun.added(pn1, """
                // x.unwrap() is fine here
                fn f(x: Option<u8>, r: Result<u8, E>) -> u8 {
                    let msg = "never call panic!() or .unwrap()";
                    let a = x.unwrap_or(0);
                    let b = r.unwrap_or_else(|_| 1);
                    let c = x.unwrap_or_default();
                    a + b + c
                }
                """)).isEmpty();
    }

    @Test
    void pn1IgnoresOldPanicsAndConstEvaluation() {
        assertThat(RuleRun.on(pn1, "src/lib.rs", """
                  fn f(x: Option<u8>) -> u8 { x.unwrap() }
                + fn g() -> u8 { 2 }
                """)).isEmpty();
        assertThat(RuleRun.added(pn1, """
                const LIMIT: usize = match usize::BITS { 64 => 1 << 20, _ => panic!("unsupported") };
                """)).isEmpty();
    }

    // ---- PN2 ----

    @Test
    void pn2IndexingWithExternalLookingValues() {
        List<Finding> f = RuleRun.on(pn2, "src/frame.rs", """
                  fn header(buf: &[u8], offset: usize) -> &[u8] {
                +     let kind = buf[offset];
                +     &buf[offset..offset + HEADER]
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN2", LOW, NEW, 2, 2), tuple("PN2", LOW, NEW, 3, 3));
        assertThat(f.get(0).explanation()).contains("`offset`");
    }

    @Test
    void pn2LenMinusOneAndUncheckedProductOfInputs() {
        List<Finding> f = RuleRun.added(pn2, """
                fn last(v: &[u32], count: u32, width: u32) -> u32 {
                    let i = v.len() - 1;
                    let bytes = count * width;
                    v[i] + bytes
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN2", LOW, NEW, 2, 2), tuple("PN2", LOW, NEW, 3, 3));
    }

    @Test
    void pn2IntegerParameterAsIndex() {
        List<Finding> f = RuleRun.added(pn2, "fn pick(items: &[Item], n: usize) -> &Item { &items[n] }\n");
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN2", LOW, NEW, 1, 1));
    }

    @Test
    void pn2SkipsConstantIndicesLiteralIncrementsAndLoopCounters() {
        assertThat(RuleRun.added(pn2, """
                const N: usize = 4;
                fn f(v: &[u8], map: &HashMap<&str, u8>, len: usize) -> usize {
                    let a = v[0] + v[N];
                    let b = &v[1..3];
                    let c = map["key"];
                    for i in 0..v.len() { let _ = v[i]; }
                    let next = len + 1;
                    let total = 2.5 * 3.0;
                    len
                }
                """)).isEmpty();
    }

    @Test
    void pn2SkipsTestCode() {
        assertThat(RuleRun.added(pn2, """
                #[cfg(test)]
                mod tests {
                    fn t(buf: &[u8], offset: usize) { let x = buf[offset]; let y = buf.len() - 1; }
                }
                """)).isEmpty();
        assertThat(RuleRun.on(pn2, "tests/frames.rs", "+ fn t(buf: &[u8], offset: usize) -> u8 { buf[offset] }\n"))
                .isEmpty();
    }

    @Test
    void pn2IgnoresUnchangedLines() {
        assertThat(RuleRun.on(pn2, "src/lib.rs", """
                  fn f(buf: &[u8], offset: usize) -> u8 { buf[offset] }
                + fn g() {}
                """)).isEmpty();
    }

    // ---- PN1: Instant/Duration arithmetic ----

    @Test
    void pn1TimeArithmeticOnConfiguredDurationsCanPanic() {
        List<Finding> f = RuleRun.on(pn1, "src/timer.rs", """
                  impl Sleeper {
                      fn deadline(&self, timeout: Duration) -> Instant {
                +         Instant::now() + timeout
                      }
                      fn remaining(&self, interval: Duration, started: Instant) -> Duration {
                +         let elapsed = started.elapsed();
                +         interval - elapsed
                      }
                      fn run(&mut self) {
                +         let mut left = self.budget();
                +         let spent: Duration = self.spent;
                +         left = left;
                +         let mut next = Instant::now();
                +         next += self.period;
                      }
                  }
                  impl Drop for Sleeper {
                      fn drop(&mut self) {
                +         let waited = self.start.elapsed() - self.grace;
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN1", MEDIUM, NEW, 3, 3), tuple("PN1", MEDIUM, NEW, 7, 7),
                tuple("PN1", MEDIUM, NEW, 14, 14), tuple("PN1", HIGH, NEW, 19, 19));
        assertThat(f.get(0).explanation()).contains("`Instant::now() + timeout`").contains("`Duration::MAX`");
        assertThat(f.get(1).explanation()).contains("`saturating_sub`");
    }

    @Test
    void pn1TimeArithmeticWithLiteralOffsetsInstantDifferencesAndTestsIsNotMedium() {
        List<Finding> f = RuleRun.on(pn1, "src/timer.rs", """
                  fn soon() -> Instant {
                +     Instant::now() + Duration::from_millis(10)
                  }
                  fn took(start: Instant) -> Duration {
                +     let end = Instant::now();
                +     let d = end - start;
                +     let since = end - self.started_at;
                +     let secs = start.elapsed().as_secs() - 1;
                +     let total = d + Duration::from_secs(1);
                +     d
                  }
                  #[cfg(test)]
                  mod tests {
                      #[test]
                      fn deadline() {
                +         let t = Instant::now() + timeout();
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN1", LOW, NEW, 16, 16));
    }
    @Test
    void pn1TimeArithmeticOnDurationFieldsTheFileDeclaresCanPanic() {
        // metrics a41ea8e3 reversed: a bucket start stepped back by the configured width (a `Duration` field).
        List<Finding> f = RuleRun.on(pn1, "src/distribution.rs", """
                  struct Bucket { begin: Instant }
                  pub struct RollingSummary {
                      buckets: Vec<Bucket>,
                      bucket_duration: Duration,
                      started_at: Instant,
                      max_buckets: usize,
                  }
                  impl RollingSummary {
                      pub fn add(&mut self, value: f64, now: Instant) {
                          let reftime = self.buckets[0].begin;
                          let mut begin;
                          if now > reftime {
                              begin = reftime + self.bucket_duration;
                +         } else {
                +             begin = reftime - self.bucket_duration;
                +             while now < begin {
                +                 begin -= self.bucket_duration;
                +             }
                          }
                      }
                      fn age(&self) -> Duration {
                +         Instant::now() - self.started_at
                      }
                      fn spare(&self) -> usize {
                +         self.max_buckets - self.buckets.len()
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN1", MEDIUM, NEW, 15, 15), tuple("PN1", MEDIUM, NEW, 17, 17));
        assertThat(f.get(0).explanation()).contains("`reftime - self.bucket_duration`").contains("`SystemTime`");
    }

    @Test
    void pn1ATimeSteppedBackByADurationBuiltFromAConfiguredValueIsReported() {
        // bottom 3d22177d reversed: the newest sample's `Instant` stepped back by the configured display window
        // (`Duration::from_millis(state.field)`) panics on a machine up for less than the window. Hard negatives: a
        // sub-second rounding (`from_nanos(nanos)`), a computed argument, a literal window.
        List<Finding> f = RuleRun.on(pn1, "src/canvas/widgets/network_graph.rs", """
                  impl Painter {
                      fn draw(&self, state: &NetWidgetState, time: &[Instant]) {
                          if let Some(last_time) = time.last() {
                +             let first_time = *last_time
                +                 - Duration::from_millis(state.current_display_time);
                +             let rounded = *last_time - Duration::from_nanos(nanos);
                +             let computed = *last_time - Duration::from_millis(u64::from(state.ms));
                +             let fixed = *last_time - Duration::from_millis(600);
                          }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN1", MEDIUM, NEW, 4, 5));
        assertThat(f.get(0).explanation()).contains("`checked_sub` does not");
    }

    @Test
    void pn1AFieldNameTheFileDeclaresWithTwoTypesIsNotTakenForADuration() {
        // Hard negatives: `period` is a `Duration` in one struct and a count in another, so `self.period` is unknown;
        // milliseconds of a u64 added to an `Instant` cannot overflow it; a rounding to the next second subtracts a
        // constructed sub-second duration, not a configured one (hyper's date cache).
        List<Finding> f = RuleRun.on(pn1, "src/sched.rs", """
                  struct Timer { period: Duration }
                  struct Ring { period: u64, head: u64, start: Instant }
                  impl Ring {
                      fn behind(&self, at: u64) -> u64 {
                +         at - self.period
                      }
                      fn deadline(&self, when: u64) -> Instant {
                +         self.start + Duration::from_millis(when)
                      }
                      fn round(&mut self, now: SystemTime, nanos: u32) {
                +         self.next = now + Duration::new(1, 0) - Duration::from_nanos(u64::from(nanos));
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void pn1AnAssertionThatReplacesAReturnedErrorIsReported() {
        // rusqlite 0394e114 reversed: a wrong parameter count was an `Err` the caller handled; now it panics.
        List<Finding> f = RuleRun.on(pn1, "src/statement.rs", """
                  impl Statement<'_> {
                      fn bind_parameters<P>(&mut self, params: P) -> Result<()> {
                          let expected = self.stmt.bind_parameter_count();
                          let mut index = 0;
                          for p in params.into_iter() {
                              index += 1;
                              self.bind_parameter(&p, index)?;
                          }
                -         if index != expected {
                -             Err(Error::InvalidParameterCount(expected, index))
                -         } else {
                -             Ok(())
                -         }
                +         assert_eq!(index, expected, "incorrect number of parameters");
                +         Ok(())
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN1", MEDIUM, NEW, 9, 9));
        assertThat(f.get(0).explanation()).contains("returned an `Err` before the change");
    }

    @Test
    void pn1AnInvariantAssertionBesideErrorsTheFnKeepsIsNotReported() {
        // Hard negatives: the fn still returns the same errors (one rewritten, not removed); a new fn asserts an
        // invariant on its own state.
        List<Finding> f = RuleRun.on(pn1, "src/queue.rs", """
                  impl Queue {
                      fn pop(&mut self) -> Result<Item, Error> {
                -         if self.len == 0 { return Err(Error::Empty); }
                +         if self.is_empty() { return Err(Error::Empty); }
                +         assert!(self.head < self.slots.len());
                          Ok(self.take())
                      }
                      fn check(&self) {
                +         assert!(self.head <= self.tail);
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }
}
