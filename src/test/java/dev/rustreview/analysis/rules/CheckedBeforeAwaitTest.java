package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.Snippet;
import dev.rustreview.analysis.crate.Edition;
import dev.rustreview.analysis.crate.FileFacts;
import dev.rustreview.analysis.crate.LexicalReader;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CC8's check-before-await shape: a limit checked under one guard of a lock, the guard gone, an {@code .await},
 * and the lock taken again to do what the check allowed. Shaped like zenoh 1e7edc6a reversed (a transport's
 * {@code add_link} moved its inbound-link limit check in front of the sequence sync), whose locks are taken
 * through the workspace's own {@code zread!}/{@code zwrite!} macros.
 */
class CheckedBeforeAwaitTest {

    /** The workspace's lock macros (another file of the crate here; zenoh-core's macros.rs in the real one). */
    private static final String MACROS = """
            #[macro_export]
            macro_rules! zread {
                ($var:expr) => {
                    $var.read().unwrap()
                };
            }

            // try_write first, then the blocking write
            #[macro_export]
            macro_rules! zwrite {
                ($var:expr) => {
                    if let Ok(g) = $var.try_write() { g } else { $var.write().unwrap() }
                };
            }

            #[macro_export]
            macro_rules! zasynclock {
                ($var:expr) => {
                    $var.lock().await
                };
            }

            #[macro_export]
            macro_rules! zerror {
                ($($t:tt)*) => { format!($($t)*) };
            }
            """;

    private static final String HEAD = """
            use std::sync::RwLock;

            pub struct Transport {
                links: RwLock<Vec<Link>>,
                max_links: usize,
            }

            impl Transport {
                async fn add_link(&self, link: Link) -> Result<(), String> {
            %s
                    self.sync(link.sn).await?;
            %s
                    Ok(())
                }

                async fn sync(&self, sn: u64) -> Result<(), String> {
                    Ok(())
                }
            }
            """;

    /** The limit check, under the read guard, in a block of its own (the bug side). */
    private static final String CHECK = """
                    {
                        let guard = %s;
                        if guard.len() >= self.max_links {
                            return Err(zerror!("max links reached"));
                        }
                    }""";

    private static final String UPDATE = """
                    let mut guard = %s;
                    guard.push(link);""";

    /** The fix: the check under the one write guard that also pushes, after the await. */
    private static final String CHECKED_UPDATE = """
                    let mut guard = %s;
                    if guard.len() >= self.max_links {
                        return Err(zerror!("max links reached"));
                    }
                    guard.push(link);""";

    private static String fixed(String write) {
        return HEAD.formatted("", CHECKED_UPDATE.formatted(write));
    }

    private static String buggy(String read, String write) {
        return HEAD.formatted(CHECK.formatted(read), UPDATE.formatted(write));
    }

    private static ChangedFile change(String before, String after) {
        return Snippet.inCrate(Snippet.of("transport/src/lib.rs", RuleRun.diff(before, after)), Edition.E2021,
                Map.of("transport/src/macros.rs", MACROS));
    }

    private static List<Finding> cc8(ChangedFile file) {
        return new AtomicityViolation().check(file).stream().filter(f -> f.title().contains("after an `.await`")).toList();
    }

    @Test
    void lockMacrosAreReadFromTheirDefinitions() {
        FileFacts facts = LexicalReader.read("core/src/macros.rs", MACROS, false);
        assertThat(facts.lockMacros()).containsOnlyKeys("zread", "zwrite", "zasynclock");
        assertThat(facts.lockMacros().get("zread")).isEqualTo(new FileFacts.LockMacro("read", false));
        // The try-then-block body is named by its blocking method.
        assertThat(facts.lockMacros().get("zwrite")).isEqualTo(new FileFacts.LockMacro("write", false));
        assertThat(facts.lockMacros().get("zasynclock")).isEqualTo(new FileFacts.LockMacro("lock", true));
    }

    @Test
    void checkMovedBeforeTheAwaitThroughLockMacrosIsReported() {
        ChangedFile file = change(fixed("zwrite!(self.links)"), buggy("zread!(self.links)", "zwrite!(self.links)"));
        List<Finding> found = cc8(file);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.title()).contains("Transport::links").contains("zread!(self.links)").contains("zwrite!(self.links)");
        assertThat(f.explanation()).contains("The check on line 12").contains("`.await` on line 16");
        assertThat(f.startLine()).isEqualTo(11);
        assertThat(f.endLine()).isEqualTo(17);
    }

    @Test
    void checkMovedBeforeTheAwaitWithLockMethodsIsReported() {
        ChangedFile file = change(fixed("self.links.write().unwrap()"),
                buggy("self.links.read().unwrap()", "self.links.write().unwrap()"));
        assertThat(cc8(file)).singleElement().satisfies(f -> assertThat(f.title()).contains("Transport::links"));
    }

    @Test
    void theFixDirectionIsNotReported() {
        ChangedFile file = change(buggy("zread!(self.links)", "zwrite!(self.links)"), fixed("zwrite!(self.links)"));
        assertThat(cc8(file)).isEmpty();
    }

    @Test
    void aRecheckUnderTheSecondGuardIsNotReported() {
        // Double-checked: the cheap read check first, the same check again under the write guard.
        String after = HEAD.formatted(CHECK.formatted("zread!(self.links)"), CHECKED_UPDATE.formatted("zwrite!(self.links)"));
        assertThat(cc8(change(fixed("zwrite!(self.links)"), after))).isEmpty();
    }

    @Test
    void noAwaitBetweenTheTwoAcquisitionsIsNotThisShape() {
        String after = buggy("zread!(self.links)", "zwrite!(self.links)").replace("self.sync(link.sn).await?;",
                "self.count(link.sn);");
        String before = fixed("zwrite!(self.links)").replace("self.sync(link.sn).await?;", "self.count(link.sn);");
        assertThat(cc8(change(before, after))).isEmpty();
    }

    @Test
    void anotherLockUpdatedAfterTheAwaitIsNotReported() {
        String after = buggy("zread!(self.links)", "zwrite!(self.pending)").replace("links: RwLock<Vec<Link>>,",
                "links: RwLock<Vec<Link>>,\n    pending: RwLock<Vec<Link>>,");
        String before = fixed("zwrite!(self.links)").replace("links: RwLock<Vec<Link>>,",
                "links: RwLock<Vec<Link>>,\n    pending: RwLock<Vec<Link>>,");
        assertThat(cc8(change(before, after))).isEmpty();
    }

    @Test
    void aMacroTheCrateDoesNotDefineAsALockIsNoAcquisition() {
        // Without the definitions, `zread!(..)` is an unknown macro: nothing is read as a lock.
        ChangedFile file = Snippet.inCrate(Snippet.of("transport/src/lib.rs",
                RuleRun.diff(fixed("zwrite!(self.links)"), buggy("zread!(self.links)", "zwrite!(self.links)"))),
                Edition.E2021, Map.of());
        assertNone(new AtomicityViolation(), file);
    }

    /** cpal dbe07df2 (the fix): one guard from the check to the store. */
    private static final String DRIVER_FIXED = """
            use std::sync::{Arc, Mutex, Weak};

            pub struct Asio {
                loaded_driver: Mutex<Weak<DriverInner>>,
            }

            impl Asio {
                fn loaded_driver(&self) -> Option<Driver> {
                    let guard = self.loaded_driver.lock().expect("lock");
                    guard.upgrade().map(|inner| Driver { inner })
                }

                pub fn load_driver(&self, name: &str) -> Result<Driver, LoadDriverError> {
                    let mut loaded = self.loaded_driver.lock().expect("lock");
                    if let Some(inner) = loaded.upgrade() {
                        return Ok(Driver { inner });
                    }
                    let inner = Arc::new(load(name)?);
                    *loaded = Arc::downgrade(&inner);
                    Ok(Driver { inner })
                }
            }
            """;

    private static final String DRIVER_SPLIT = DRIVER_FIXED
            .replace("""
                    let mut loaded = self.loaded_driver.lock().expect("lock");
                    if let Some(inner) = loaded.upgrade() {
                        return Ok(Driver { inner });
                    }
            """, """
                    if let Some(driver) = self.loaded_driver() {
                        return Ok(driver);
                    }
            """)
            .replace("*loaded = Arc::downgrade(&inner);", "*self.loaded_driver.lock().expect(\"lock\") = Arc::downgrade(&inner);");

    private static List<Finding> split(ChangedFile file) {
        return new AtomicityViolation().check(file).stream().filter(f -> f.title().contains("two critical sections where"))
                .toList();
    }

    @Test
    void aCriticalSectionSplitIntoACheckThroughACrateFnAndAnUpdateIsReported() {
        assertThat(DRIVER_SPLIT).contains("self.loaded_driver()").contains("*self.loaded_driver.lock()");
        ChangedFile file = Snippet.of("asio-sys/src/bindings/mod.rs", RuleRun.diff(DRIVER_FIXED, DRIVER_SPLIT));
        assertThat(split(file)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.title()).startsWith("`Asio::loaded_driver` checked and updated");
            assertThat(f.startLine()).isEqualTo(14);
            assertThat(f.endLine()).isEqualTo(18);
        });
    }

    @Test
    void theFixAndAnUpdateThatWasAlwaysSeparateAreQuiet() {
        assertThat(split(Snippet.of("asio-sys/src/bindings/mod.rs", RuleRun.diff(DRIVER_SPLIT, DRIVER_FIXED)))).isEmpty();
        // the old fn already checked through the helper and locked again: not split by this change
        String before = DRIVER_SPLIT.replace("let inner = Arc::new(load(name)?);", "let inner = Arc::new(load(name)?);\n        log(name);");
        assertThat(split(Snippet.of("asio-sys/src/bindings/mod.rs", RuleRun.diff(before, DRIVER_SPLIT)))).isEmpty();
    }

    /** vhost's backend request handler with its fix (9756a7d4) reversed: the feature check and the send split. */
    private static final String BACKEND_FIXED = """
            use std::sync::{Arc, Mutex};

            pub struct Backend {
                inner: Arc<Mutex<BackendInternal>>,
            }

            struct BackendInternal {
                shmem_negotiated: bool,
            }

            impl BackendInternal {
                fn send_message(&mut self, req: u32) -> io::Result<u64> {
                    Ok(u64::from(req))
                }
            }

            impl Backend {
                fn shmem_unmap(&self, req: u32) -> io::Result<u64> {
                    let mut guard = self.inner.lock().unwrap();
                    if !guard.shmem_negotiated {
                        return Err(io::Error::other("SHMEM feature not negotiated"));
                    }
                    guard.send_message(req)
                }
            }
            """;

    private static final String BACKEND_SPLIT = BACKEND_FIXED
            .replace("""
                    let mut guard = self.inner.lock().unwrap();
                    if !guard.shmem_negotiated {
            """, """
                    if !self.inner.lock().unwrap().shmem_negotiated {
            """)
            .replace("    guard.send_message(req)\n", "    self.send_message(req)\n")
            .replace("impl Backend {\n", """
            impl Backend {
                fn send_message(&self, req: u32) -> io::Result<u64> {
                    self.inner.lock().unwrap().send_message(req)
                }

            """);

    @Test
    void aCheckSplitFromAnUpdateThroughACrateFnThatLocksIsReported() {
        assertThat(BACKEND_SPLIT).contains("if !self.inner.lock().unwrap().shmem_negotiated").contains("self.send_message(req)");
        ChangedFile file = Snippet.of("vhost/src/vhost_user/backend_req.rs", RuleRun.diff(BACKEND_FIXED, BACKEND_SPLIT));
        assertThat(split(file)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.title()).isEqualTo("`Backend::inner` checked and used in two critical sections where one guard held both");
            assertThat(f.startLine()).isEqualTo(23);
            assertThat(f.endLine()).isEqualTo(26);
        });
        // the fix direction, and a fn that always checked and sent separately
        assertThat(split(Snippet.of("vhost/src/vhost_user/backend_req.rs", RuleRun.diff(BACKEND_SPLIT, BACKEND_FIXED)))).isEmpty();
        String before = BACKEND_SPLIT.replace("    self.send_message(req)\n", "    log(req);\n        self.send_message(req)\n");
        assertThat(split(Snippet.of("vhost/src/vhost_user/backend_req.rs", RuleRun.diff(before, BACKEND_SPLIT)))).isEmpty();
    }

    /** iceoryx2's RegisteredServices::add_or with its fix (326cba4b) reversed: the guard dropped in the miss branch. */
    private static final String ADD_OR_FIXED = """
            use std::sync::Mutex;
            use std::collections::BTreeMap;

            pub struct RegisteredServices {
                data: Mutex<BTreeMap<u128, (u32, u64)>>,
            }

            impl RegisteredServices {
                pub fn add(&self, id: &u128, handle: u32) {
                    let mut guard = self.data.lock().unwrap();
                    guard.insert(*id, (handle, 1));
                }

                pub fn add_or<F: FnMut() -> Result<u32, E>>(&self, id: &u128, mut or_callback: F) -> Result<(), E> {
                    let mut guard = self.data.lock().unwrap();
                    match guard.get_mut(id) {
                        Some(entry) => {
                            entry.1 += 1;
                        }
                        None => {
                            let new_handle = or_callback()?;
                            guard.insert(*id, (new_handle, 1));
                        }
                    };
                    Ok(())
                }
            }
            """;

    private static final String ADD_OR_RACY = ADD_OR_FIXED.replace("""
                            let new_handle = or_callback()?;
                            guard.insert(*id, (new_handle, 1));
            """, """
                            drop(guard);
                            let new_handle = or_callback()?;
                            self.add(id, new_handle);
            """);

    @Test
    void aGuardDroppedInTheBranchItsLookupDecidedAndTheLockRetakenIsReported() {
        assertThat(ADD_OR_RACY).contains("drop(guard);");
        List<Finding> f = new AtomicityViolation().check(Snippet.of("iceoryx2/src/node/mod.rs", RuleRun.diff(ADD_OR_FIXED, ADD_OR_RACY)))
                .stream().filter(x -> x.title().contains("dropped in the branch")).toList();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(x.title()).isEqualTo("`RegisteredServices::data` looked up under guard `guard`, dropped in the branch, and taken again to act");
        });
        // the fix direction, and a branch that drops the guard and does not lock again
        assertThat(new AtomicityViolation().check(Snippet.of("src/mod.rs", RuleRun.diff(ADD_OR_RACY, ADD_OR_FIXED)))
                .stream().filter(x -> x.title().contains("dropped in the branch"))).isEmpty();
        // r2d2's get: what the guard popped is claimed, so dropping the guard and locking again to record an error races with nobody
        String popped = ADD_OR_RACY.replace("match guard.get_mut(id) {", "match guard.pop_first() {");
        assertThat(new AtomicityViolation().check(Snippet.of("src/mod.rs", RuleRun.diff(ADD_OR_FIXED.replace("match guard.get_mut(id) {",
                "match guard.pop_first() {"), popped))).stream().filter(x -> x.title().contains("dropped in the branch"))).isEmpty();
        String noRetake = ADD_OR_RACY.replace("self.add(id, new_handle);", "log(new_handle);");
        assertThat(new AtomicityViolation().check(Snippet.of("src/mod.rs", RuleRun.diff(ADD_OR_FIXED, noRetake)))
                .stream().filter(x -> x.title().contains("dropped in the branch"))).isEmpty();
    }
}
