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
 * A crate fn that takes one lock and returns its guard (a guard accessor) is an acquisition for its caller, who
 * holds the lock as long as it keeps the result. Shaped on firecracker 753a817a: {@code vm.resource_allocator()}
 * bound to a local stayed alive across a call that takes the bus lock, while a device reset takes the two the
 * other way round. {@code src/vm.rs} (unchanged, seen only through the model) declares the accessor.
 */
class GuardAccessorTest {

    private static final String VM = """
            use std::sync::{Mutex, MutexGuard, RwLock};

            pub struct Allocator { pub mmio: Vec<u64> }

            pub struct Bus { devices: RwLock<Vec<u64>> }

            impl Bus {
                pub fn insert(&self, device: u64) {
                    self.devices.write().unwrap().push(device);
                }
            }

            pub struct Vm { allocator: Mutex<Allocator>, pub bus: Bus, both: Mutex<u64>, other: Mutex<u64> }

            impl Vm {
                pub fn resource_allocator(&self) -> MutexGuard<'_, Allocator> {
                    self.allocator.lock().expect("Poisoned lock")
                }

                pub fn either(&self, first: bool) -> MutexGuard<'_, u64> {
                    if first { self.both.lock().unwrap() } else { self.other.lock().unwrap() }
                }

                pub fn compact(&self) {
                    self.allocator.lock().unwrap().mmio.clear();
                }
            }
            """;

    private static ChangedFile worker(String source) {
        ChangedFile added = Snippet.of("src/pci.rs", source.lines().map(l -> "+ " + l + "\n")
                .reduce("", String::concat));
        return Snippet.inCrate(added, Edition.E2021, Map.of("src/vm.rs", VM));
    }

    @Test
    void accessorGuardKeptAcrossACallThatTakesAnotherLock() {
        Finding f = assertSingle(new CallWhileLocked(), worker("""
                use crate::vm::Vm;

                pub fn attach(vm: &Vm, device: u64) {
                    let mut allocator = vm.resource_allocator();
                    allocator.mmio.push(device);
                    vm.bus.insert(device);
                }
                """), "CC3", Severity.HIGH, 4, 6);
        assertThat(f.title()).contains("vm.bus.insert(device)", "vm.resource_allocator()");
        assertThat(f.explanation()).contains("Bus::devices");
    }

    @Test
    void accessorGuardThatDiesWithItsStatementHoldsNothingAfterIt() {
        // The fix direction of firecracker 753a817a: the guard is a temporary of the allocating statement.
        assertNone(new CallWhileLocked(), worker("""
                use crate::vm::Vm;

                pub fn attach(vm: &Vm, device: u64) {
                    vm.resource_allocator().mmio.push(device);
                    vm.bus.insert(device);
                }
                """));
        assertNone(new CallWhileLocked(), worker("""
                use crate::vm::Vm;

                pub fn attach(vm: &Vm, device: u64) {
                    let mut allocator = vm.resource_allocator();
                    allocator.mmio.push(device);
                    drop(allocator);
                    vm.bus.insert(device);
                }
                """));
    }

    @Test
    void accessorTakenTwiceIsADoubleLockOfTheLockItReturns() {
        Finding f = assertSingle(new DoubleLock(), worker("""
                use crate::vm::Vm;

                impl Vm {
                    pub fn reserve(&self, device: u64) {
                        let allocator = self.resource_allocator();
                        if allocator.mmio.is_empty() {
                            self.compact();
                        }
                    }
                }
                """), "CC1", Severity.CRITICAL, 5, 7);
        assertThat(f.title()).contains("Vm::allocator");
        assertThat(f.explanation()).contains("`Vm::compact`");
    }

    @Test
    void aFnThatMayReturnEitherOfTwoGuardsIsNotAnAccessor() {
        assertNone(new CallWhileLocked(), worker("""
                use crate::vm::Vm;

                pub fn attach(vm: &Vm, device: u64) {
                    let n = vm.either(device > 4);
                    vm.bus.insert(device + *n);
                }
                """));
    }

    @Test
    void aGuardOfNoLockIsNotAnAcquisition() {
        assertNone(new CallWhileLocked(), worker("""
                use crate::vm::Vm;
                use tokio::runtime::{EnterGuard, Handle};

                pub struct Ctx { handle: Handle }

                impl Ctx {
                    pub fn enter(&self) -> EnterGuard<'_> {
                        self.handle.enter()
                    }

                    pub fn attach(&self, vm: &Vm, device: u64) {
                        let _entered = self.enter();
                        vm.bus.insert(device);
                    }
                }
                """));
    }

    @Test
    void anAccessorOfTheLockItIsHandedIsNotOneLockForEveryCaller() {
        // flume's `wait_lock(lock: &Mutex<T>)`: two calls with two different mutexes are not a double lock.
        assertNone(new DoubleLock(), worker("""
                use std::sync::{Mutex, MutexGuard};

                fn wait_lock<T>(lock: &Mutex<T>) -> MutexGuard<'_, T> {
                    lock.lock().unwrap()
                }

                pub struct Chan { sending: Mutex<Vec<u64>>, queue: Mutex<Vec<u64>> }

                impl Chan {
                    pub fn pull(&self) {
                        let sending = wait_lock(&self.sending);
                        let queue = wait_lock(&self.queue);
                    }
                }
                """));
    }

    @Test
    void aGuardTypeInAWhereClauseIsNotAReturnedGuard() {
        // bb8's `drop_connections<L>(.., internals: L) -> Box<dyn Future<..>> where L: BorrowMut<MutexGuard<..>>`.
        var facts = dev.rustreview.analysis.crate.LexicalReader.read("src/lib.rs", """
                use std::sync::{Mutex, MutexGuard};
                pub struct Pool { internals: Mutex<u32> }
                fn drop_connections<'a, L>(pool: &Pool, internals: L) -> Box<u32>
                where
                    L: BorrowMut<MutexGuard<'a, u32>>,
                {
                    Box::new(*pool.internals.lock().unwrap())
                }
                fn internals(pool: &Pool) -> MutexGuard<'_, u32> {
                    pool.internals.lock().unwrap()
                }
                """, false);
        assertThat(facts.fns()).extracting(f -> f.key() + " " + f.returnsGuard())
                .containsExactlyInAnyOrder("drop_connections false", "internals true");
    }
}
