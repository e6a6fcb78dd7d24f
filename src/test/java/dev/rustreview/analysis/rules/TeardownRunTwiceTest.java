package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS16: a teardown run by a consuming method and again by Drop. */
class TeardownRunTwiceTest {

    private final TeardownRunTwice rule = new TeardownRunTwice();

    private static final String FIXED = """
            pub(crate) struct Mount(Option<MountImpl>);
            impl Mount {
                pub(crate) fn umount(mut self) -> io::Result<()> {
                    match self.0.take() {
                        Some(mut mount) => mount.umount_impl(),
                        None => Ok(()),
                    }
                }
            }
            impl Drop for Mount {
                fn drop(&mut self) {
                    if let Some(mut mount) = self.0.take() {
                        if let Err(err) = mount.umount_impl() {
                            error!("Unmount failed: {}", err);
                        }
                    }
                }
            }
            """;

    /** fuser's Mount with the fix (a83b23ea) reversed. */
    private static final String BROKEN = """
            pub(crate) enum Mount {
                Fuse3(fuse3::MountImpl),
            }
            impl Mount {
                fn umount_impl(&mut self) -> io::Result<()> {
                    match self {
                        Mount::Fuse3(mount) => mount.umount_impl(),
                    }
                }
                pub(crate) fn umount(mut self) -> io::Result<()> {
                    self.umount_impl()
                }
            }
            impl Drop for Mount {
                fn drop(&mut self) {
                    if let Err(err) = self.umount_impl() {
                        error!("Unmount failed: {}", err);
                    }
                }
            }
            """;

    @Test
    void aConsumingMethodAndDropBothTearingDownIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/mnt/mod.rs", RuleRun.diff(FIXED, BROKEN));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS16", MEDIUM, NEW, 11, 11));
        assertThat(f.get(0).title()).isEqualTo("`umount(self)` calls `self.umount_impl()` and `Drop` calls it again");
    }

    @Test
    void theFixAForgetOrAFlagTheDropTestsAreNotReported() {
        assertThat(RuleRun.on(rule, "src/mnt/mod.rs", RuleRun.diff(BROKEN, FIXED))).isEmpty();
        String forgets = BROKEN.replace("        self.umount_impl()\n",
                "        let r = self.umount_impl();\n        std::mem::forget(self);\n        r\n");
        assertThat(RuleRun.on(rule, "src/mnt/mod.rs", RuleRun.diff(FIXED, forgets))).isEmpty();
        String flagged = BROKEN.replace("        if let Err(err) = self.umount_impl() {",
                "        if !self.done && let Err(err) = self.umount_impl() {");
        assertThat(RuleRun.on(rule, "src/mnt/mod.rs", RuleRun.diff(FIXED, flagged))).isEmpty();
        // the method tests a flag first (greptimedb's ProgressPhase::finish_once)
        String once = BROKEN.replace("        match self {\n            Mount::Fuse3(mount) => mount.umount_impl(),\n        }",
                "        if self.done { return Ok(()); }\n        match self {\n            Mount::Fuse3(mount) => mount.umount_impl(),\n        }");
        assertThat(once).isNotEqualTo(BROKEN);
        assertThat(RuleRun.on(rule, "src/mnt/mod.rs", RuleRun.diff(FIXED, once))).isEmpty();
        // a method taking `&mut self` is not followed by a drop
        String borrowed = BROKEN.replace("fn umount(mut self)", "fn umount(&mut self)");
        assertThat(RuleRun.on(rule, "src/mnt/mod.rs", RuleRun.diff(FIXED, borrowed))).isEmpty();
    }
}
