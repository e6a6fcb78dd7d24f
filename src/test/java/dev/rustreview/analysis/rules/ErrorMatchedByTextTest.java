package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER16: an error told apart by its message text. */
class ErrorMatchedByTextTest {

    private final ErrorMatchedByText rule = new ErrorMatchedByText();

    /** mysql_async's DangerousVerifier with its fix (d74888d0) reversed. */
    private static final String VERIFY = """
              impl ServerCertVerifier for DangerousVerifier {
                  fn verify_server_cert(&self, end_entity: &Certificate) -> Result<ServerCertVerified, Error> {
                      match self.inner.verify_server_cert(end_entity) {
                          Ok(assertion) => Ok(assertion),
                          Err(ref e)
            -                 if e.to_string().contains("NotValidForName")
            +                 if e.to_string().contains("CertNotValidForName")
                                  && self.skip_domain_validation =>
                          {
                              Ok(ServerCertVerified::assertion())
                          }
                          Err(e) => Err(e),
                      }
                  }
              }
            """;

    @Test
    void anErrorBranchTakenOnTheMessageTextIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/io/tls/rustls_io.rs", VERIFY);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER16", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`verify_server_cert` tells `e` apart by its message text");
        assertThat(f.get(0).explanation()).contains("`contains` on its `to_string()`");
    }

    @Test
    void otherWaysOfReadingTheTextAreReportedToo() {
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn retry(&self, conn_err: Error) -> bool {
                +     conn_err.to_string() == "connection reset"
                  }
                """)).hasSize(1);
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn retry(&self, err: Error) -> bool {
                +     format!("{}", err).starts_with("timed out")
                  }
                """)).hasSize(1);
    }

    @Test
    void textOfValuesThatAreNotErrorsAndTestsAreLeftAlone() {
        // not named like an error; the text printed, not tested; an unchanged line; test code
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn check(&self, name: &str) -> bool {
                +     self.name.to_string().contains("x") || name.to_string() == "y"
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn report(&self, e: Error) {
                +     log::warn!("failed: {}", e.to_string());
                  }
                """)).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", VERIFY.replace("+                 if e.to_string().contains(\"CertNotValidForName\")\n", "")
                .replace("-                 if e.to_string().contains(\"NotValidForName\")", "                  if e.to_string().contains(\"NotValidForName\")")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "tests/tls.rs", VERIFY)).isEmpty();
    }
}
