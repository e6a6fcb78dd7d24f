package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER39: the first error kept no more. */
class FirstErrorOverwrittenTest {

    private final FirstErrorOverwritten rule = new FirstErrorOverwritten();

    /** tiberius's TokenStream::flush_done with the fix (30fdd491) reversed. */
    private static final String FLUSH = """
              impl<'a, S> TokenStream<'a, S> {
                  pub(crate) async fn flush_done(self) -> crate::Result<TokenDone> {
                      let mut last_error = None;
                      loop {
                          match stream.try_next().await? {
                              Some(ReceivedToken::Error(error)) => {
            -                     if last_error.is_none() {
            -                         last_error = Some(error);
            -                     }
            +                     last_error = Some(error);
                              }
                              Some(ReceivedToken::Done(token)) => return done(last_error, token),
                              _ => (),
                          }
                      }
                  }
              }
            """;

    @Test
    void theSetOnceGuardRemovedIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/tds/stream/token.rs", FLUSH);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER39", MEDIUM, NEW, 7, 7));
        assertThat(f.get(0).title()).isEqualTo("`last_error` in `flush_done` now keeps the last error, not the first");
    }

    @Test
    void theFixAGuardKeptElsewhereOrAValueNotAnErrorAreNotReported() {
        assertThat(RuleRun.on(rule, "src/lib.rs", RuleRun.diff("""
                fn f(mut last_error: Option<E>, error: E) {
                    last_error = Some(error);
                }
                """, """
                fn f(mut last_error: Option<E>, error: E) {
                    if last_error.is_none() {
                        last_error = Some(error);
                    }
                }
                """))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", FLUSH.replace("last_error", "last_token"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", FLUSH.replace(
                "+                     last_error = Some(error);",
                "+                     if last_error.is_none() { last_error = Some(error); }"))).isEmpty();
    }
}
