package dev.rustreview.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.ParseLimits;
import dev.rustreview.analysis.crate.CrateIndex;
import dev.rustreview.analysis.crate.CrateModel;
import dev.rustreview.analysis.crate.FileFacts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crate index learns the lock macros a workspace's shared crate exports (zenoh's {@code zread!} and
 * {@code zwrite!} live in zenoh-core and are used by every other crate) without indexing that crate's fns.
 */
class WorkspaceLockMacrosTest {

    @TempDir
    Path dir;

    @Test
    void lockMacrosOfAnotherWorkspaceCratesMacroFileReachTheTouchedCrate() throws Exception {
        TestRepo test = TestRepo.create(dir);
        String commit = test.commit("workspace\n", TestRepo.tree()
                .file("Cargo.toml", "[workspace]\nmembers = [\"core\", \"transport\"]\n")
                .file("core/Cargo.toml", "[package]\nname = \"core\"\nedition = \"2021\"\n")
                .file("core/src/lib.rs", "pub mod macros;\npub fn helper() { let m = std::sync::Mutex::new(1); }\n")
                .file("core/src/macros.rs", """
                        #[macro_export]
                        macro_rules! zread {
                            ($var:expr) => {
                                $var.read().unwrap()
                            };
                        }
                        #[macro_export]
                        macro_rules! zlock {
                            ($var:expr) => {
                                $var.lock().unwrap()
                            };
                        }
                        """)
                .file("transport/Cargo.toml", "[package]\nname = \"transport\"\nedition = \"2021\"\n")
                .file("transport/src/lib.rs", """
                        use core::zread;
                        pub struct T { links: std::sync::RwLock<Vec<u8>> }
                        impl T {
                            pub fn count(&self) -> usize { zread!(self.links).len() }
                        }
                        """));
        test.branch("main", commit);
        try (GitRepository repo = GitRepository.open(dir)) {
            CrateIndex index = CrateIndex.build(repo.sources(DiffOptions.DEFAULT), commit,
                    List.of("transport/src/lib.rs"), ParseLimits.DEFAULT, 2, () -> false);
            assertThat(index.crates()).extracting(CrateIndex.Crate::root).containsExactly("transport");
            CrateModel model = index.forPath("transport/src/lib.rs").orElseThrow();
            assertThat(model.lockMacro("zread")).contains(new FileFacts.LockMacro("read", false));
            assertThat(model.lockMacro("zlock")).contains(new FileFacts.LockMacro("lock", false));
            assertThat(model.lockMacro("vec")).isEmpty();
            // only the macros came from core: its fns are not part of the transport crate's model
            assertThat(model.fns()).extracting(f -> f.key()).contains("T::count").noneMatch(k -> k.contains("helper"));
        }
    }
}
