package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER32: a panic payload downcast to `&str` or `String` only. */
class PanicPayloadHalfReadTest {

    private final PanicPayloadHalfRead rule = new PanicPayloadHalfRead();

    /** aws-lambda-rust-runtime fd6f5288, reversed: formatted panic messages were lost. */
    private static final String DIAGNOSTIC = """
              fn build_panic_diagnostic(err: &Box<dyn Any + Send>) -> Diagnostic {
                  let error_message = if let Some(msg) = err.downcast_ref::<&str>() {
                      format!("Lambda panicked: {msg}")
            -     } else if let Some(msg) = err.downcast_ref::<String>() {
            -         format!("Lambda panicked: {msg}")
                  } else {
                      "Lambda panicked".to_string()
                  };
                  Diagnostic { error_type: type_name_of_val(err), error_message }
              }
            """;

    @Test
    void removingTheStringDowncastLosesFormattedMessages() {
        List<Finding> f = RuleRun.on(rule, "lambda-runtime/src/layers/panic.rs", DIAGNOSTIC);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER32", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`build_panic_diagnostic` reads the payload as `&str` but not as `String`");
        String fix = DIAGNOSTIC.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fix).contains("+     } else if let Some(msg) = err.downcast_ref::<String>() {");
        assertThat(RuleRun.on(rule, "src/panic.rs", fix)).isEmpty();
    }

    @Test
    void aNewReadOfOneTypeOnlyIsReportedAndBothTypesAreNot() {
        String added = """
                  fn message(p: Box<dyn Any + Send>) -> String {
                +     match p.downcast::<String>() {
                +         Ok(s) => *s,
                +         Err(_) => "unknown panic".into(),
                +     }
                  }
                """;
        List<Finding> f = RuleRun.on(rule, "src/worker.rs", added);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER32", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`message` reads the payload as `String` but not as `&str`");
        String both = """
                  fn message(p: &(dyn Any + Send)) -> &str {
                +     p.downcast_ref::<&'static str>().copied()
                +         .or_else(|| p.downcast_ref::<String>().map(String::as_str))
                +         .unwrap_or("unknown panic")
                  }
                """;
        assertThat(RuleRun.on(rule, "src/worker.rs", both)).isEmpty();
        assertThat(RuleRun.on(rule, "src/worker.rs", DIAGNOSTIC.replaceAll("(?m)^-", " "))).isEmpty();
    }
}
