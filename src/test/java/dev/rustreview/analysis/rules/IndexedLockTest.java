package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.Snippet;
import dev.rustreview.analysis.crate.Edition;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Locks reached by indexing a collection field ({@code self.sessions[i % N].read()}): an element of the collection,
 * one lock {@code Owner::field[]} whichever index picks it. Shaped like boringtun's tunnel (201682d8 reversed), where
 * the `if let` scrutinee's read guard stayed alive through the `else` branch that took the handshake lock.
 */
class IndexedLockTest {

    private static final String TUNNEL = """
              use std::sync::Arc;
              pub struct Tunn {
                  handshake: spin::Mutex<Handshake>,
                  sessions: [Arc<spin::RwLock<Option<Session>>>; 4],
              }
              impl Tunn {
                  pub fn tunnel_to_network(&self, src: &[u8], dst: &mut [u8]) -> u32 {
                      let current = self.current();
                      if let Some(ref session) = *self.sessions[current % 4].read() {
                          session.format(src, dst);
            -             return 1;
            -         }
            -         self.format_handshake_initiation(dst)
            +             1
            +         } else {
            +             self.format_handshake_initiation(dst)
            +         }
                  }
                  pub fn format_handshake_initiation(&self, dst: &mut [u8]) -> u32 {
                      let mut handshake = self.handshake.lock();
                      handshake.start(dst)
                  }
                  pub fn network_to_tunnel(&self, src: &[u8]) -> u32 {
                      let mut handshake = self.handshake.lock();
                      let session = handshake.receive(src);
                      *self.sessions[session.index() % 4].write() = Some(session);
                      3
                  }
              }
            """;

    private static ChangedFile tunnel(String diff) {
        return Snippet.inCrate(Snippet.of("src/noise/mod.rs", diff), Edition.E2021, Map.of());
    }

    /**
     * The call under the scrutinee guard takes the handshake lock, and {@code network_to_tunnel} takes the two in
     * the other order: the crate index reads the indexed {@code *self.sessions[i].write()} too, so this is the
     * inverted lock order (CC2, high: the two paths may reach different elements), which CC3 leaves to CC2.
     */
    @Test
    void aCallUnderTheScrutineeGuardOfAnIndexedLockIsAnInvertedOrder() {
        List<Finding> f = new NestedLocks().check(tunnel(TUNNEL));
        assertThat(f).extracting(Finding::ruleId, Finding::severity, Finding::startLine)
                .containsExactly(org.assertj.core.api.Assertions.tuple("CC2", Severity.HIGH, 9));
        assertThat(f.get(0).title()).isEqualTo("Nested locks in `tunnel_to_network`: `Tunn::sessions[]` → `Tunn::handshake`");
        assertThat(f.get(0).explanation()).contains("`Tunn::network_to_tunnel`").contains("reach the same element");
        assertThat(new CallWhileLocked().check(tunnel(TUNNEL))).isEmpty();
    }

    @Test
    void theIndexedElementsShareOneLockName() {
        String after = TUNNEL.replaceAll("\n-[^\n]*", "").replace("\n+", "\n ")
                .replace("          *self.sessions", "+         *self.sessions");
        List<Finding> f = new NestedLocks().check(tunnel(after));
        assertThat(f).extracting(Finding::title)
                .containsExactly("Nested locks in `network_to_tunnel`: `Tunn::handshake` → `Tunn::sessions[]`");
    }

    @Test
    void theFixReleasingTheGuardBeforeTheCallIsQuiet() {
        assertNone(new CallWhileLocked(), tunnel(TUNNEL.replace("\n-", "\n=").replace("\n+", "\n-").replace("\n=", "\n+")));
    }
}
