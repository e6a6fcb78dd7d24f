package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS20: a map insert used as the conflict check. */
class InsertBeforeConflictCheckTest {

    private final InsertBeforeConflictCheck rule = new InsertBeforeConflictCheck();

    /** turmoil's host with its fix (1df956bb) reversed. */
    private static final String BIND = """
              impl Udp {
                  pub(crate) fn bind(&mut self, addr: SocketAddr) -> io::Result<UdpSocket> {
                      let (tx, rx) = mpsc::channel(self.capacity);
            -         match self.binds.entry(addr) {
            -             indexmap::map::Entry::Occupied(_) => {
            -                 return Err(io::Error::new(io::ErrorKind::AddrInUse, addr.to_string()));
            -             }
            -             indexmap::map::Entry::Vacant(entry) => entry.insert(tx),
            -         };
            +         if self.binds.insert(addr, tx).is_some() {
            +             return Err(io::Error::new(io::ErrorKind::AddrInUse, addr.to_string()));
            +         }
                      Ok(UdpSocket::new(addr, rx))
                  }
              }
            """;

    @Test
    void anInsertWhoseReplacedValueIsReportedAsAnErrorIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/host.rs", BIND);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS20", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`bind` inserts into `self.binds` before it reports the conflict: the "
                + "existing entry is already replaced");
        String letSome = BIND.replace("+         if self.binds.insert(addr, tx).is_some() {",
                "+         if let Some(_old) = self.binds.insert(addr, tx) {");
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/host.rs", letSome))).containsExactly(tuple("SS20", MEDIUM, NEW, 4, 4));
    }

    @Test
    void anOldValuePutBackALoggedDuplicateOrASetInsertIsQuiet() {
        assertThat(RuleRun.on(rule, "src/host.rs", BIND.replace("+         if self.binds.insert(addr, tx).is_some() {",
                "+         if let Some(old) = self.binds.insert(addr, tx) {\n+             self.binds.insert(addr, old);"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/host.rs", BIND.replace(
                "+             return Err(io::Error::new(io::ErrorKind::AddrInUse, addr.to_string()));",
                "+             tracing::warn!(?addr, \"rebound\");"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/host.rs", BIND.replace("+         if self.binds.insert(addr, tx).is_some() {",
                "+         if !self.seen.insert(addr) {"))).isEmpty();
    }
}
