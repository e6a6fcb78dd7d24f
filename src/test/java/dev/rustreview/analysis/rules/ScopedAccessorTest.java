package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.Snippet;
import dev.rustreview.analysis.crate.Edition;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A crate fn that takes one lock and runs the closure it is handed under it ({@code inner.with(|stack| ..)}): the
 * closure's body holds that lock. Shaped on sentry-rust acba14fb: {@code Hub::capture_event} sent the event
 * inside {@code HubImpl::with}, under the stack's read guard, and took another lock there; a breadcrumb logged
 * while sending asked for the stack's write lock and deadlocked. {@code src/hub_impl.rs} is unchanged.
 */
class ScopedAccessorTest {

    private static final String HUB_IMPL = """
            use std::sync::{PoisonError, RwLock};

            pub struct Stack { layers: Vec<Layer> }

            pub struct HubImpl { stack: RwLock<Stack>, spare: std::sync::Mutex<u64> }

            fn record(stack: &Stack) {}

            impl HubImpl {
                pub(crate) fn with<F: FnOnce(&Stack) -> R, R>(&self, f: F) -> R {
                    let guard = self.stack.read().unwrap_or_else(PoisonError::into_inner);
                    f(&guard)
                }

                pub(crate) fn with_mut<F: FnOnce(&mut Stack) -> R, R>(&self, f: F) -> R {
                    let mut guard = self.stack.write().unwrap_or_else(PoisonError::into_inner);
                    f(&mut guard)
                }

                pub(crate) fn with_both<F: FnOnce(&Stack) -> R, R>(&self, f: F) -> R {
                    let guard = self.stack.read().unwrap();
                    let spare = self.spare.lock().unwrap();
                    f(&guard)
                }

                pub(crate) fn snapshot<F: FnOnce(usize) -> R, R>(&self, f: F) -> R {
                    let guard = self.stack.read().unwrap();
                    record(&guard);
                    drop(guard);
                    f(0)
                }

                pub(crate) fn depth(&self) -> usize {
                    self.stack.read().unwrap().layers.len()
                }
            }
            """;

    private static ChangedFile hub(String source) {
        ChangedFile added = Snippet.of("src/hub.rs", source.lines().map(l -> "+ " + l + "\n")
                .reduce("", String::concat));
        return Snippet.inCrate(added, Edition.E2021, Map.of("src/hub_impl.rs", HUB_IMPL));
    }

    @Test
    void aLockTakenInsideTheClosureIsNestedUnderTheAccessorsLock() {
        Finding f = assertSingle(new NestedLocks(), hub("""
                use crate::hub_impl::HubImpl;
                use std::sync::{Arc, RwLock};

                pub struct Hub { inner: Arc<HubImpl>, last_event_id: RwLock<Option<u64>> }

                impl Hub {
                    pub fn capture_event(&self, event: u64) -> u64 {
                        self.inner.with(|stack| {
                            let id = event + stack.layers.len() as u64;
                            *self.last_event_id.write().unwrap() = Some(id);
                            id
                        })
                    }
                }
                """), "CC2", Severity.HIGH, 8, 10);
        assertThat(f.title()).contains("HubImpl::stack", "Hub::last_event_id");
        assertThat(f.explanation()).contains("holds while this closure runs");
    }

    @Test
    void theAccessorCalledAgainInsideItsOwnClosureIsADoubleLock() {
        Finding f = assertSingle(new DoubleLock(), hub("""
                use crate::hub_impl::HubImpl;

                pub struct Hub { inner: HubImpl }

                impl Hub {
                    pub fn push_scope(&self) {
                        self.inner.with(|stack| {
                            if stack.layers.is_empty() {
                                self.inner.with_mut(|stack| stack.layers.clear());
                            }
                        });
                    }
                }
                """), "CC1", Severity.CRITICAL, 7, 9);
        assertThat(f.explanation()).contains("HubImpl::stack");
    }

    @Test
    void workAfterTheClosureIsNotUnderTheLock() {
        // The fix direction: the closure only clones what it needs, and the lock is taken after it returns.
        assertNone(new NestedLocks(), hub("""
                use crate::hub_impl::HubImpl;
                use std::sync::{Arc, RwLock};

                pub struct Hub { inner: Arc<HubImpl>, last_event_id: RwLock<Option<u64>> }

                impl Hub {
                    pub fn capture_event(&self, event: u64) -> u64 {
                        let depth = self.inner.with(|stack| stack.layers.len());
                        let id = event + depth as u64;
                        *self.last_event_id.write().unwrap() = Some(id);
                        id
                    }
                }
                """));
        assertNone(new DoubleLock(), hub("""
                use crate::hub_impl::HubImpl;

                pub struct Hub { inner: HubImpl }

                impl Hub {
                    pub fn push_scope(&self) {
                        let empty = self.inner.with(|stack| stack.layers.is_empty());
                        if empty {
                            self.inner.with_mut(|stack| stack.layers.clear());
                        }
                    }
                }
                """));
    }

    @Test
    void aFnOfTwoLocksOrThatOnlyCallsCrateFnsUnderItsLockIsNotAScopedAccessor() {
        for (String accessor : new String[] {"with_both", "snapshot"}) {
            assertNone(new NestedLocks(), hub("""
                    use crate::hub_impl::HubImpl;
                    use std::sync::{Arc, RwLock};

                    pub struct Hub { inner: Arc<HubImpl>, last_event_id: RwLock<Option<u64>> }

                    impl Hub {
                        pub fn capture_event(&self, event: u64) -> u64 {
                            self.inner.ACCESSOR(|stack| {
                                *self.last_event_id.write().unwrap() = Some(event);
                                event
                            })
                        }
                    }
                    """.replace("ACCESSOR", accessor)));
        }
    }

    @Test
    void anAccessorHandedANamedFnHoldsNothingAfterItReturns() {
        // Only a closure literal is read as running under the lock; `with(count)` is over when it returns.
        assertNone(new DoubleLock(), hub("""
                use crate::hub_impl::{HubImpl, Stack};

                pub struct Hub { inner: HubImpl }

                fn count(stack: &Stack) -> usize {
                    stack.layers.len()
                }

                impl Hub {
                    pub fn total(&self) -> usize {
                        self.inner.with(count) + self.inner.depth()
                    }
                }
                """));
    }

    @Test
    void aFnThatCallsAClosureWithoutHoldingItsLockIsNotAScopedAccessor() {
        assertNone(new NestedLocks(), hub("""
                use crate::hub_impl::HubImpl;
                use std::sync::{Arc, RwLock};

                pub struct Hub { inner: Arc<HubImpl>, last_event_id: RwLock<Option<u64>> }

                impl Hub {
                    fn counted<F: FnOnce(usize) -> u64>(&self, f: F) -> u64 {
                        let n = self.inner.depth();
                        f(n)
                    }

                    pub fn capture_event(&self, event: u64) -> u64 {
                        self.counted(|n| {
                            *self.last_event_id.write().unwrap() = Some(event);
                            event + n as u64
                        })
                    }
                }
                """));
    }

    /** rust-postgres: the crate's own free fn `query` takes the buffer lock; `frontend::query` is another crate's. */
    private static final String QUERY = """
            use crate::client::InnerClient;

            pub fn query(client: &InnerClient) -> usize {
                client.buffer.lock().len()
            }
            """;

    private static final String CLIENT = """
            use parking_lot::Mutex;
            use postgres_protocol::message::frontend;

            pub struct InnerClient { pub buffer: Mutex<Vec<u8>> }

            impl InnerClient {
                pub fn with_buf<F, R>(&self, f: F) -> R
                where
                    F: FnOnce(&mut Vec<u8>) -> R,
                {
                    let mut buffer = self.buffer.lock();
                    let r = f(&mut buffer);
                    buffer.clear();
                    r
                }

                pub fn rollback(&self) -> usize {
                    self.with_buf(|buf| {
                        CALL;
                        buf.len()
                    })
                }
            }
            """;

    @Test
    void aPathIntoAnotherCrateIsNotTheCratesFnOfThatName() {
        ChangedFile external = Snippet.inCrate(Snippet.of("src/client.rs", CLIENT.replace("CALL",
                "frontend::query(\"ROLLBACK\", buf).unwrap()").lines().map(l -> "+ " + l + "\n")
                .reduce("", String::concat)), Edition.E2021, Map.of("src/query.rs", QUERY));
        assertNone(new DoubleLock(), external);
        // The crate's own module path still reaches its fn, which takes the lock `with_buf` holds.
        ChangedFile internal = Snippet.inCrate(Snippet.of("src/client.rs", CLIENT.replace("CALL",
                "query::query(self)").lines().map(l -> "+ " + l + "\n")
                .reduce("", String::concat)), Edition.E2021, Map.of("src/query.rs", QUERY));
        Finding f = assertSingle(new DoubleLock(), internal, "CC1", Severity.CRITICAL, 18, 19);
        assertThat(f.explanation()).contains("InnerClient::buffer");
    }

    @Test
    void aFnThatRunsItsClosureUnderARefCellBorrowIsNotALockAccessor() {
        // tokio's worker `with_core`: `match self.core.borrow_mut().as_mut() { Some(core) => f(Some(core)), .. }`.
        ChangedFile file = Snippet.inCrate(Snippet.of("src/worker.rs", """
                use std::cell::RefCell;

                pub struct Context { core: RefCell<Option<Box<Core>>> }

                impl Context {
                    fn with_core<F, R>(&self, f: F) -> R
                    where
                        F: FnOnce(Option<&mut Core>) -> R,
                    {
                        match self.core.borrow_mut().as_mut() {
                            Some(core) => f(Some(core)),
                            None => f(None),
                        }
                    }

                    pub fn with_temp<F, R>(&self, f: F) -> R
                    where
                        F: FnOnce(bool) -> R,
                    {
                        self.with_core(|core| f(core.is_some()))
                    }
                }
                """.lines().map(l -> "+ " + l + "\n").reduce("", String::concat)), Edition.E2021, Map.of());
        assertNone(new CallWhileLocked(), file);
    }

    /** egui's context: scoped accessors that pass the guard as an argument, and public fns that forward to them. */
    private static final String CONTEXT = """
            use std::sync::Arc;
            use parking_lot::RwLock;

            pub struct ContextImpl { os: u8, input: InputState }

            #[derive(Clone)]
            pub struct Context(Arc<RwLock<ContextImpl>>);

            impl Context {
                fn read<R>(&self, reader: impl FnOnce(&ContextImpl) -> R) -> R {
                    reader(&self.0.read())
                }

                fn write<R>(&self, writer: impl FnOnce(&mut ContextImpl) -> R) -> R {
                    writer(&mut self.0.write())
                }

                pub fn input<R>(&self, reader: impl FnOnce(&InputState) -> R) -> R {
                    self.write(move |ctx| reader(&ctx.input))
                }

                pub fn input_mut<R>(&self, writer: impl FnOnce(&mut InputState) -> R) -> R {
                    self.input_mut_for(0, writer)
                }

                fn input_mut_for<R>(&self, id: u8, writer: impl FnOnce(&mut InputState) -> R) -> R {
                    self.write(move |ctx| writer(&mut ctx.input))
                }

                pub fn os(&self) -> u8 {
                    self.read(|ctx| ctx.os)
                }
            }
            """;

    private static ChangedFile label(String changed) {
        return label(changed, CONTEXT);
    }

    private static ChangedFile label(String changed, String context) {
        return Snippet.inCrate(Snippet.of("src/label.rs", changed), Edition.E2021, Map.of("src/context.rs", context));
    }

    /** egui d3194894, reversed: `ctx.os()` inside `ctx.input(|i| ..)` read-locks the context held for writing. */
    private static final String SELECTION = """
              use crate::context::Context;

              fn process_selection_key_events(ctx: &Context, cursor: &mut CursorRange) {
            -     let os = ctx.os();
                  ctx.input(|i| {
                      for event in &i.events {
            -             cursor.on_event(os, event);
            +             cursor.on_event(ctx.os(), event);
                      }
                  });
              }
            """;

    @Test
    void aFnThatForwardsItsClosureToAScopedAccessorRunsItUnderThatLock() {
        Finding f = assertSingle(new DoubleLock(), label(SELECTION), "CC1", Severity.CRITICAL, 3, 5);
        assertThat(f.explanation()).contains("Context::0");
        String fix = SELECTION.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+     let os = ctx.os();");
        assertNone(new DoubleLock(), label(fix));
        // Two steps of forwarding (`input_mut` to `input_mut_for` to `write`).
        assertSingle(new DoubleLock(), label(SELECTION.replace("ctx.input(|i|", "ctx.input_mut(|i|")),
                "CC1", Severity.CRITICAL, 3, 5);
        // A closure longer than a receiver may be (egui's is 1.5 kB) is still the accessor's.
        String longClosure = SELECTION.replace("          for event in &i.events {",
                "          // " + "x".repeat(1_100) + "\n          for event in &i.events {");
        assertThat(longClosure).hasSizeGreaterThan(SELECTION.length() + 1_100);
        assertSingle(new DoubleLock(), label(longClosure), "CC1", Severity.CRITICAL, 3, 6);
    }

    @Test
    void aForwarderThatDoesNotHandOnItsParameterHoldsNothing() {
        String copied = CONTEXT.replace("self.write(move |ctx| reader(&ctx.input))",
                "let input = self.write(move |ctx| ctx.input.clone());\n        reader(&input)");
        assertThat(copied).contains("reader(&input)");
        assertNone(new DoubleLock(), label(SELECTION, copied));
    }
}
