package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.CRITICAL;
import static dev.rustreview.model.Severity.HIGH;
import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnsafeRulesTest {

    private final UnsafeCodeRule us1 = new UnsafeCodeRule();
    private final UnsafeSendSyncRule us2 = new UnsafeSendSyncRule();
    private final RawMemoryRule us3 = new RawMemoryRule();
    private final FfiRule us4 = new FfiRule();

    // ---- US1 ----

    @Test
    void us1AddedUnsafeBlockCoversTheBlock() {
        List<Finding> f = RuleRun.on(us1, "src/lib.rs", """
                  fn read(p: *const u8) -> u8 {
                +     let v = unsafe {
                +         *p
                +     };
                +     v
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US1", HIGH, NEW, 2, 4));
        assertThat(f.get(0).explanation()).contains("No // SAFETY: comment").contains("fn `read`");
    }

    @Test
    void us1UnsafeFnAndTraitAndImplAreReportedOnceEachWithNestedBlocksFolded() {
        List<Finding> f = RuleRun.added(us1, """
                unsafe fn raw(p: *const u8) -> u8 {
                    unsafe { *p }
                }
                pub unsafe trait Zeroable {}
                unsafe impl Zeroable for u8 {}
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US1", HIGH, NEW, 1, 3), tuple("US1", HIGH, NEW, 4, 4),
                tuple("US1", HIGH, NEW, 5, 5));
        assertThat(f).extracting(Finding::title).anyMatch(t -> t.contains("unsafe trait `Zeroable`"));
    }

    @Test
    void us1EditInsideExistingUnsafeBlockCountsAndNotesTheSafetyComment() {
        List<Finding> f = RuleRun.on(us1, "src/lib.rs", """
                  fn f(v: &mut Vec<u8>) {
                      // SAFETY: capacity reserved above
                      unsafe {
                -         v.set_len(4);
                +         v.set_len(8);
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US1", HIGH, NEW, 3, 5));
        assertThat(f.get(0).explanation()).contains("A // SAFETY: comment").contains("edits code inside unsafe block");
        assertThat(f.get(0).title()).isEqualTo("unsafe block changed in fn `f`");
    }

    @Test
    void us1EditWithoutAnUnsafeOperationInsideAnExistingRegionIsMedium() {
        List<Finding> safe = RuleRun.on(us1, "src/queue.rs", """
                  impl Queue {
                      pub(super) unsafe fn dequeue(&self) -> Dequeue {
                          let tail = *self.tail.get();
                -         if self.head.load(Acquire) as *const _ != tail {
                +         if !core::ptr::eq(self.head.load(Acquire), tail) {
                              return Dequeue::Inconsistent;
                          }
                +         let total = count * 2;
                          Dequeue::Empty
                      }
                  }
                """);
        assertThat(RuleRun.shape(safe)).containsExactly(tuple("US1", MEDIUM, NEW, 2, 9));
        assertThat(safe.get(0).explanation()).contains("perform no unsafe operation");
        // Each of these edits performs an unsafe operation itself: the region needs its proof again.
        for (String edit : List.of("let next = *tail;", "let p = tail as *mut Node;", "v.set_len(n);",
                "let n = ptr::read(tail);", "let x = (*tail).next;", "return *tail;")) {
            List<Finding> f = RuleRun.on(us1, "src/queue.rs", """
                      unsafe fn dequeue(&self, tail: *const Node, v: &mut Vec<u8>, n: usize) {
                          let a = 1;
                    +     EDIT
                      }
                    """.replace("EDIT", edit));
            assertThat(RuleRun.shape(f)).as(edit).containsExactly(tuple("US1", HIGH, NEW, 1, 4));
        }
    }

    @Test
    void us1ReadsARewrittenHeaderOfAnUnsafeFnTheOldSideHadAsAnEdit() {
        // capnproto-rust 7b7e5fd6: `pub unsafe fn get_root` narrowed to `pub(crate)`; nothing in it is new.
        List<Finding> f = RuleRun.on(us1, "capnp/src/private/layout.rs", """
                  impl<'a> PointerReader<'a> {
                -     pub unsafe fn get_root(location: *const u8) -> Self {
                +     pub(crate) unsafe fn get_root(location: *const u8) -> Self {
                          Self::at(location)
                      }
                -     pub fn get_other(location: *const u8) -> Self {
                +     pub unsafe fn get_other(location: *const u8) -> Self {
                          Self::at(location)
                      }
                +     pub unsafe fn get_new(location: *const u8) -> Self {
                +         Self::at(location)
                +     }
                  }
                """);
        // the fn made unsafe and the new one are new unsafe fns
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US1", MEDIUM, NEW, 2, 4), tuple("US1", HIGH, NEW, 5, 7),
                tuple("US1", HIGH, NEW, 8, 10));
        assertThat(f.get(0).title()).isEqualTo("unsafe fn `get_root` changed");
        // a one-line body edited on the header's line is read whole: its deref is an unsafe operation
        assertThat(RuleRun.shape(RuleRun.on(us1, "src/lib.rs", """
                - unsafe fn get(p: *const u8) -> u8 { 0 }
                + pub(crate) unsafe fn get(p: *const u8) -> u8 { *p }
                """))).containsExactly(tuple("US1", HIGH, NEW, 1, 1));
    }

    /** esp-idf-hal 95adcb9a (Claude-co-written): one-call blocks around the C library the crate wraps. */
    @Test
    void us1WeighsABlockOfOneForeignCallOnPlainValuesMediumAndPointerWorkHigh() {
        List<Finding> f = RuleRun.on(us1, "src/lcd.rs", """
                  impl LcdDriver {
                      pub fn set_display_off(&self, off: bool) -> Result<(), EspError> {
                          let panel = self.require_control_panel()?;
                +         unsafe { esp!(esp_lcd_panel_disp_on_off(panel, !off)) }
                      }
                      pub fn wake(mask: u64, mode: u32) -> Result<(), EspError> {
                +         esp!(unsafe { esp_sleep_enable_gpio_wakeup(mask, mode as u32) })
                      }
                      pub fn pid() -> i32 {
                +         unsafe { libc::getpid() }
                      }
                      pub fn handle(&mut self) -> Result<(), EspError> {
                +         unsafe { esp!(esp_lcd_new_panel(self.bus, &mut self.panel)) }
                      }
                      pub fn copy(src: *const u8, dst: *mut u8, n: usize) {
                +         unsafe { copy_nonoverlapping(src, dst, n) }
                      }
                      pub fn read(p: *const u8) -> u8 {
                +         unsafe { read_value(*p) }
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US1", MEDIUM, NEW, 4, 4), tuple("US1", MEDIUM, NEW, 10, 10),
                tuple("US1", HIGH, NEW, 13, 13), tuple("US1", HIGH, NEW, 16, 16), tuple("US1", HIGH, NEW, 19, 19),
                tuple("US1", MEDIUM, NEW, 7, 7)); // blocks in macro arguments come after the parsed ones
        assertThat(f.get(0).explanation()).contains("one call of a foreign fn with plain value arguments");
        assertThat(f.get(5).explanation()).contains("one call of a foreign fn with plain value arguments");
        assertThat(f.get(2).explanation()).doesNotContain("one call of a foreign fn");
        // rustix 5662b1f4 reversed: the crate's own unsafe fn, whose returned fd must never be dropped, is no foreign call
        assertThat(RuleRun.shape(RuleRun.on(us1, "src/stdio.rs", """
                  pub unsafe fn take_stdin() -> OwnedFd {
                      backend::fd::OwnedFd::from_raw_fd(c::STDIN_FILENO)
                  }
                  pub fn dup2_stdin<Fd: AsFd>(fd: Fd) -> io::Result<()> {
                +     let mut target = unsafe { take_stdin() };
                +     backend::io::syscalls::dup2(fd.as_fd(), &mut target)?;
                +     forget(target);
                      Ok(())
                  }
                """))).containsExactly(tuple("US1", HIGH, NEW, 5, 5));
    }

    @Test
    void us1SeesAnUnsafeBlockChangedInsideAMacrosArguments() {
        // parking_lot 1bb45aa reversed: the raw lock call run by defer! at scope end is swapped for another.
        List<Finding> f = RuleRun.on(us1, "lock_api/src/rwlock.rs", """
                  impl<'a, R: RawRwLockUpgradeDowngrade, T> RwLockUpgradableReadGuard<'a, R, T> {
                      pub fn with_upgraded<Ret, F: FnOnce(&mut T) -> Ret>(&mut self, f: F) -> Ret {
                          unsafe { self.rwlock.raw.upgrade() };
                          // Safety: We just upgraded the lock, so we have mutable access to the data.
                          // This will restore the state the lock was in at the start of the function.
                -         defer!(unsafe { self.rwlock.raw.downgrade_to_upgradable() });
                +         defer!(unsafe { self.rwlock.raw.downgrade_upgradable() });
                          f(unsafe { &mut *self.rwlock.data.get() })
                      }
                      fn log(&self) {
                +         trace!("unsafe { not code } {}", self.id);
                +         defer!(
                +             unsafe {
                +                 release(self.raw)
                +             }
                +         );
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US1", MEDIUM, NEW, 6, 6), tuple("US1", HIGH, NEW, 12, 14));
        assertThat(f.get(0).title()).isEqualTo("unsafe block in `defer!(..)` added in fn `with_upgraded`");
        assertThat(f.get(0).explanation()).contains("A // SAFETY: comment above");
        assertThat(f.get(1).explanation()).contains("No // SAFETY: comment");
        assertThat(f.get(1).title()).isEqualTo("unsafe block in `defer!(..)` added in fn `log`");
    }

    @Test
    void us1ReadsItemsInsideCfgMacrosButNotMacroTemplates() {
        List<Finding> f = RuleRun.on(us1, "src/net/udp.rs", """
                  cfg_io_util! {
                      impl UdpSocket {
                          pub fn peek(&self, buf: &mut [u8]) -> usize {
                +             let n = unsafe { self.io.peek(buf) };
                +             let m = unsafe {
                +                 // SAFETY: the driver filled `m` bytes.
                +                 self.io.filled()
                +             };
                              n
                          }
                      }
                  }
                  doc! {
                      macro_rules! join {
                +         ($($f:expr),*) => { unsafe { $crate::poll($($f),*) } };
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US1", HIGH, NEW, 4, 4), tuple("US1", MEDIUM, NEW, 5, 8));
        assertThat(f.get(0).title()).isEqualTo("unsafe block in `cfg_io_util!(..)` added in fn `peek`");
    }

    @Test
    void us1MacroUnsafeLeftAloneWhenUntouchedOrParsedAsAnExpression() {
        List<Finding> f = RuleRun.on(us1, "src/lib.rs", """
                  fn f(&self) {
                      defer!(unsafe { self.raw.unlock() });
                +     let n = self.count();
                +     assert!(unsafe { *self.ready.borrow() });
                  }
                """);
        // The assert!'s argument is parsed (it borrows): one finding for the real block, none from the tokens.
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US1", HIGH, NEW, 4, 4));
        assertThat(f.get(0).title()).startsWith("unsafe block added");
    }

    @Test
    void us1IgnoresUnsafeInCommentsAndStrings() {
        assertThat(RuleRun.added(us1, """
                // unsafe { evil() }
                fn f() -> &'static str { "unsafe { x }" }
                """)).isEmpty();
    }

    @Test
    void us1IgnoresUntouchedOldUnsafeBlock() {
        assertThat(RuleRun.on(us1, "src/lib.rs", """
                  fn f(p: *const u8) -> u8 {
                      unsafe { *p }
                  }
                + fn g() -> u8 { 1 }
                """)).isEmpty();
    }

    @Test
    void us1LeavesSendSyncImplsToUs2AndIgnoresCommentOnlyEdits() {
        assertThat(RuleRun.added(us1, "unsafe impl Send for Handle {}\n")).isEmpty();
        assertThat(RuleRun.on(us1, "src/lib.rs", """
                  fn f(p: *const u8) -> u8 {
                      unsafe {
                +         // reads the first byte
                          *p
                      }
                  }
                """)).isEmpty();
    }

    // ---- US2 ----

    @Test
    void us2GenericSendImplWithoutBoundsIsCriticalAndSaysSo() {
        List<Finding> f = RuleRun.added(us2, """
                pub struct Shared<T> { ptr: *mut T }
                unsafe impl<T> Send for Shared<T> {}
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US2", CRITICAL, NEW, 2, 2));
        assertThat(f.get(0).explanation()).contains("`Shared<T>` is generic").contains("`T: Send`");
    }

    @Test
    void us2BoundedGenericSyncImplIsStillCriticalButNotFlaggedAsUnbounded() {
        List<Finding> f = RuleRun.added(us2, """
                struct Cell2<T>(T);
                unsafe impl<T> Sync for Cell2<T>
                where
                    T: Sync + Send,
                {
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US2", CRITICAL, NEW, 2, 6));
        assertThat(f.get(0).explanation()).doesNotContain("is generic");
    }

    @Test
    void us2NonGenericImpl() {
        List<Finding> f = RuleRun.on(us2, "src/ffi.rs", """
                  pub struct Handle(*mut libc::c_void);
                + unsafe impl Send for Handle {}
                + unsafe impl Sync for Handle {}
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US2", CRITICAL, NEW, 2, 2), tuple("US2", CRITICAL, NEW, 3, 3));
    }

    @Test
    void us2IgnoresSafeImplsOtherUnsafeTraitsAndUntouchedImpls() {
        assertThat(RuleRun.added(us2, "impl Clone for Handle { fn clone(&self) -> Self { Handle } }\n")).isEmpty();
        assertThat(RuleRun.added(us2, "unsafe impl bytemuck::Pod for Px {}\n")).isEmpty();
        assertThat(RuleRun.on(us2, "src/lib.rs", """
                  unsafe impl Send for Handle {}
                + fn unrelated() {}
                """)).isEmpty();
    }

    // ---- US3 ----

    @Test
    void us3FromRawPartsInUnsafeBlockGivesOneCriticalFinding() {
        List<Finding> f = RuleRun.on(us3, "src/buf.rs", """
                  fn view(p: *const u8, len: usize) -> &'static [u8] {
                +     unsafe { std::slice::from_raw_parts(p, len) }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US3", CRITICAL, NEW, 2, 2));
        assertThat(f.get(0).objects()).containsExactly("std::slice::from_raw_parts");
        // US1 reports the same block separately, as intended.
        assertThat(RuleRun.shape(RuleRun.on(us1, "src/buf.rs", """
                  fn view(p: *const u8, len: usize) -> &'static [u8] {
                +     unsafe { std::slice::from_raw_parts(p, len) }
                  }
                """))).containsExactly(tuple("US1", HIGH, NEW, 2, 2));
    }

    @Test
    void us3SeveralOperationsOnOneLineMergeIntoOneFinding() {
        List<Finding> f = RuleRun.added(us3, """
                fn f(v: &mut Vec<u8>, x: u32) -> f32 {
                    unsafe { v.set_len(8); std::mem::transmute::<u32, f32>(x) }
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US3", CRITICAL, NEW, 2, 2));
        assertThat(f.get(0).objects()).containsExactly(".set_len()", "std::mem::transmute");
    }

    @Test
    void us3RawPointerDerefsCastsAndOwnershipTransfers() {
        List<Finding> f = RuleRun.added(us3, """
                fn f(p: *mut Node, b: Box<Node>) {
                    let q = &NODE as *const Node;
                    let raw = Box::into_raw(b);
                    unsafe { (*p).next = raw; }
                    let back = unsafe { Box::from_raw(raw) };
                    let kept = std::mem::ManuallyDrop::new(back);
                    let z: Node = unsafe { std::mem::zeroed() };
                    let r = unsafe { std::ptr::read(p) };
                    let s = unsafe { *p.add(1) };
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US3", CRITICAL, NEW, 2, 2), tuple("US3", CRITICAL, NEW, 3, 3),
                tuple("US3", CRITICAL, NEW, 4, 4), tuple("US3", CRITICAL, NEW, 5, 5), tuple("US3", CRITICAL, NEW, 6, 6),
                tuple("US3", CRITICAL, NEW, 7, 7), tuple("US3", CRITICAL, NEW, 8, 8), tuple("US3", CRITICAL, NEW, 9, 9));
        assertThat(f.get(2).objects()).containsExactly("deref of raw pointer `p`");
    }

    @Test
    void us3IgnoresLookalikesReferenceDerefsAndCommentedCode() {
        assertThat(RuleRun.added(us3, """
                use std::mem::ManuallyDrop;
                fn f(lock: &std::sync::RwLock<u8>, r: &u8, v: &mut Vec<u8>) -> u8 {
                    let g = lock.read().unwrap();
                    v.push(*r + *g);
                    let n = v.len().checked_add(1);
                    // std::mem::transmute(x) would be wrong here
                    let s = "ptr::read(p)";
                    *r
                }
                """)).isEmpty();
    }

    @Test
    void us3IgnoresOldCodeWhenAnUnrelatedLineIsAdded() {
        assertThat(RuleRun.on(us3, "src/lib.rs", """
                  fn f(x: u32) -> f32 {
                      unsafe { std::mem::transmute(x) }
                  }
                + fn g() {}
                """)).isEmpty();
    }

    @Test
    void us3SafeMemHelpersAreNotRawMemory() {
        assertThat(RuleRun.added(us3, """
                fn f(a: &mut u8, b: &mut u8) {
                    std::mem::swap(a, b);
                    let old = std::mem::replace(a, 0);
                    let t = std::mem::take(b);
                }
                """)).isEmpty();
    }

    @Test
    void us9AMutParameterMadeSharedForAMutableView() {
        // bevy ad15fdaa reversed: `From<&EntityMutExcept>` for `FilteredEntityMut`, a `&&mut` to `&mut` conversion
        String bug = """
                - impl<'w, 's, B: Bundle> From<&'w mut EntityMutExcept<'_, 's, B>> for FilteredEntityMut<'w, 's> {
                -     fn from(value: &'w mut EntityMutExcept<'_, 's, B>) -> Self {
                + impl<'w, 's, B: Bundle> From<&'w EntityMutExcept<'_, 's, B>> for FilteredEntityMut<'w, 's> {
                +     fn from(value: &'w EntityMutExcept<'_, 's, B>) -> Self {
                          unsafe { FilteredEntityMut::new(value.entity, value.access) }
                      }
                  }
                """;
        MutFromShared us9 = new MutFromShared();
        List<Finding> f = RuleRun.on(us9, "crates/bevy_ecs/src/world/entity_access/except.rs", bug);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US9", HIGH, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`from` now takes a shared reference where it took `&mut`");
        String fix = bug.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(us9, "src/except.rs", fix)).isEmpty();
        // a read-only view, or no unsafe code
        assertThat(RuleRun.on(us9, "src/except.rs", bug.replace("for FilteredEntityMut<'w, 's>", "for FilteredEntityRef<'w, 's>")))
                .isEmpty();
        assertThat(RuleRun.on(us9, "src/except.rs", bug.replace("unsafe { FilteredEntityMut::new(value.entity, value.access) }",
                "FilteredEntityMut::from_parts(value.entity)"))).isEmpty();
    }

    // ---- US4 ----

    @Test
    void us4CStringTemporaryBoundToALetIsCritical() {
        List<Finding> f = RuleRun.on(us4, "src/ffi.rs", """
                  fn greet(name: &str) {
                +     let p = CString::new(name).unwrap().as_ptr();
                      unsafe { puts(p) };
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US4", CRITICAL, NEW, 2, 2));
        assertThat(f.get(0).explanation()).contains("bound to `p`").contains("freed memory");
    }

    @Test
    void us4CStringTemporaryUsedWithinTheCallIsHigh() {
        List<Finding> f = RuleRun.added(us4, """
                fn greet(name: &str) {
                    unsafe { puts(CString::new(name).expect("nul").as_ptr()) };
                }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US4", HIGH, NEW, 2, 2));
    }

    @Test
    void us4ExternBlockExportedFnAndCharPointers() {
        List<Finding> f = RuleRun.added(us4, """
                extern "C" {
                    fn puts(s: *const c_char) -> i32;
                }

                #[no_mangle]
                pub extern "C" fn rr_len(s: *const c_char) -> usize {
                    0
                }

                fn wrap(s: *const c_char) {}
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US4", HIGH, NEW, 1, 3), tuple("US4", HIGH, NEW, 5, 6),
                tuple("US4", HIGH, NEW, 10, 10));
        assertThat(f.get(1).explanation()).contains("not `unsafe fn`").contains("exported");
    }

    @Test
    void us4AnExportTakingOnlyReferencesAndOwnedValuesWithNoUnsafeIsMedium() {
        // wasmtime's C API (483eb432, a rename of the tag type functions): six such exports were six high findings
        String src = """
                #[unsafe(no_mangle)]
                pub extern "C" fn wasm_tagtype_new(functype: Box<wasm_functype_t>) -> Box<wasm_tagtype_t> {
                    Box::new(wasm_tagtype_t::new(functype.ty().clone()))
                }
                """;
        assertThat(RuleRun.shape(RuleRun.added(us4, src))).containsExactly(tuple("US4", MEDIUM, NEW, 1, 2));
        // a raw pointer parameter, or unsafe code inside, keeps it high
        assertThat(RuleRun.shape(RuleRun.added(us4, src.replace("functype: Box<wasm_functype_t>",
                "functype: *mut wasm_functype_t")))).contains(tuple("US4", HIGH, NEW, 1, 2));
        assertThat(RuleRun.shape(RuleRun.added(us4, src.replace("Box::new(wasm_tagtype_t::new(functype.ty().clone()))",
                "unsafe { Box::from_raw(functype.raw()) }")))).containsExactly(tuple("US4", HIGH, NEW, 1, 2));
    }

    @Test
    void us4NewDeclarationInExistingExternBlockIsReportedAlone() {
        List<Finding> f = RuleRun.on(us4, "src/sys.rs", """
                  extern "C" {
                      fn puts(s: *const c_char) -> i32;
                +     fn strlen(s: *const c_char) -> usize;
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US4", HIGH, NEW, 3, 3));
    }

    @Test
    void us4IgnoresOwnedCStringsSafeFnsAndComments() {
        assertThat(RuleRun.added(us4, """
                fn f(name: &str) -> CString {
                    let owned = CString::new(name).unwrap();
                    let p = owned.as_ptr();
                    // extern "C" fn old_api() {}
                    owned
                }
                fn g(v: &[u8]) -> *const u8 { v.as_ptr() }
                """)).isEmpty();
    }

    @Test
    void us4IgnoresUntouchedExternFnWhenItsBodyOnlyGainsAComment() {
        assertThat(RuleRun.on(us4, "src/lib.rs", """
                  #[no_mangle]
                  pub extern "C" fn rr_len() -> usize {
                +     // always zero for now
                      0
                  }
                """)).isEmpty();
    }

    @Test
    void us4IgnoresNonCStringPointersAndUntouchedExternBlocks() {
        assertThat(RuleRun.added(us4, """
                extern crate alloc;
                fn f(s: &String, v: &[u8], p: *const u8) -> usize {
                    let a = s.as_ptr();
                    let b = String::from("x").as_ptr();
                    let c = v.as_ptr() as usize;
                    a as usize + b as usize + c
                }
                """)).isEmpty();
        assertThat(RuleRun.on(us4, "src/lib.rs", """
                  extern "C" {
                      fn puts(s: *const c_char) -> i32;
                  }
                + fn unrelated() {}
                """)).isEmpty();
    }

    /** grpc-rs's server builder with its fix (bcf48a5ef) reversed. */
    private static final String SERVER_BUILD = """
              impl ServerBuilder {
                  pub fn build(mut self) -> Result<Server> {
            -         let args = self.args
            -             .as_ref()
            -             .map_or_else(ptr::null, |args| args.as_ptr());
            +         let args = self.args.map_or_else(ptr::null, |args| args.as_ptr());
                      unsafe {
                          let server = grpc_sys::grpc_server_create(args, ptr::null_mut());
                          Ok(Server { core: server })
                      }
                  }
              }
            """;

    @Test
    void aPointerIntoAValueTheClosureOwnsAndDropsIsReported() {
        List<Finding> f = RuleRun.on(us4, "src/server.rs", SERVER_BUILD);
        assertThat(RuleRun.shape(f)).containsExactly(
                tuple("US4", HIGH, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("dangling pointer: `args` is dropped when the closure returns");
    }

    @Test
    void aBorrowedOptionAReferenceYieldingCallOrAnotherClosureIsNotReported() {
        // the fix: `.as_ref()` first, the closure borrows
        assertThat(RuleRun.on(us4, "src/server.rs", SERVER_BUILD.replace(
                "self.args.map_or_else(ptr::null, |args| args.as_ptr())",
                "self.args.as_ref().map_or_else(ptr::null, |args| args.as_ptr())"))).isEmpty();
        // a lookup yields a reference
        assertThat(RuleRun.on(us4, "src/server.rs", SERVER_BUILD.replace(
                "self.args.map_or_else(ptr::null, |args| args.as_ptr())",
                "self.named.get(\"args\").map_or_else(ptr::null, |args| args.as_ptr())"))).isEmpty();
        // the closure does more than take the pointer (it keeps the value, or reads a field)
        assertThat(RuleRun.on(us4, "src/server.rs", SERVER_BUILD.replace(
                "|args| args.as_ptr()", "|args| args.len()"))).isEmpty();
    }
}
