package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CC37: a test-and-set replaced by a plain store. */
class SwapTestReplacedByStoreTest {

    private final SwapTestReplacedByStore rule = new SwapTestReplacedByStore();

    /** cloud-hypervisor e5dbf524, reversed: a second pause waits for workers that are already parked. */
    private static final String PAUSE = """
              impl Pausable for VirtioCommon {
                  fn pause(&mut self) -> result::Result<(), MigratableError> {
                      info!("Pausing virtio-{}", VirtioDeviceType::from(self.device_type));
            -         if self.paused.swap(true, Ordering::SeqCst) {
            -             return Ok(());
            -         }
            +         self.paused.store(true, Ordering::SeqCst);
                      if let Some(pause_evt) = &self.pause_evt {
                          pause_evt.write(1).map_err(|e| MigratableError::Pause(e.into()))?;
                          self.paused_sync.as_ref().unwrap().wait();
                      }
                      Ok(())
                  }
              }
            """;

    @Test
    void swapTestReplacedByStore() {
        List<Finding> f = RuleRun.on(rule, "virtio-devices/src/device.rs", PAUSE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC37", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`self.paused.swap(..)` test replaced by a plain `store` in `pause`");
        assertThat(RuleRun.on(rule, "virtio-devices/src/device.rs", PAUSE.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/once.rs", """
                  fn start(&self) {
                -     if self.started.compare_exchange(false, true, AcqRel, Acquire).is_err() {
                -         return;
                -     }
                +     self.started.store(true, Release);
                      self.spawn_workers();
                  }
                """))).containsExactly(tuple("CC37", MEDIUM, NEW, 2, 2));
    }

    @Test
    void testsThatStayOtherAtomicsAndOldStoresAreFine() {
        // the swap moved, the store is for something else
        assertThat(RuleRun.on(rule, "virtio-devices/src/device.rs", PAUSE.replace(
                "+         self.paused.store(true, Ordering::SeqCst);",
                "+         let was = self.paused.swap(true, Ordering::SeqCst);\n+         if was { return Ok(()); }\n+         self.paused.store(true, Ordering::SeqCst);"))).isEmpty();
        // a store of another atomic
        assertThat(RuleRun.on(rule, "virtio-devices/src/device.rs", PAUSE.replace(
                "+         self.paused.store(true, Ordering::SeqCst);", "+         self.resumed.store(false, Ordering::SeqCst);"))).isEmpty();
        // the store was there before the change
        assertThat(RuleRun.on(rule, "src/once.rs", """
                  fn start(&self) {
                -     if self.started.swap(true, AcqRel) {
                -         log::debug!("again");
                -     }
                      self.started.store(true, Release);
                  }
                """)).isEmpty();
    }
}
