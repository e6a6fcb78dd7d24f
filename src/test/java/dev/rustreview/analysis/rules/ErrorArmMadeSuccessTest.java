package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER11: a match arm that returned Err now returns Ok for the same pattern. */
class ErrorArmMadeSuccessTest {

    private final ErrorArmMadeSuccess rule = new ErrorArmMadeSuccess();

    @Test
    void anUnclosedTagArmInAMacroTemplateNowEndsTheDocument() {
        // quick-xml's read_until_close! with its fix (3b5d5b14) reversed.
        List<Finding> f = RuleRun.on(rule, "src/reader/mod.rs", """
                  macro_rules! read_until_close {
                      ($self:ident, $buf:ident, $reader:expr) => {{
                          match $reader.read_with(ElementParser::default(), $buf, &mut $self.state.offset) {
                              Ok(Some(bytes)) => $self.state.emit_start(bytes),
                -             // `<` - syntax error, tag not closed
                -             Ok(None) => Err(Error::Syntax(SyntaxError::UnclosedTag)),
                +             Ok(None) => Ok(Event::Eof),
                              Err(e) => Err(e),
                          }
                      }};
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER11", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("The arm `Ok(None) =>` now returns `Ok` where it returned `Err`");
        assertThat(f.get(0).explanation()).contains("`Ok(None) => Err(Error::Syntax(SyntaxError::UnclosedTag)),`",
                "`Ok(None) => Ok(Event::Eof),`");
    }

    @Test
    void quietWhenTheArmStaysAnErrorWasAlreadyOkOrTheCodeIsATest() {
        List<Finding> f = RuleRun.on(rule, "src/lib.rs", """
                  fn parse(b: u8) -> Result<u8, E> {
                      match b {
                -         0 => Err(E::Zero),
                +         0 => Err(E::Other),
                -         2 => Ok(1),
                +         2 => Ok(2),
                          _ => Ok(b),
                      }
                  }
                  #[cfg(test)]
                  mod tests {
                      fn fake(x: Option<u8>) -> Result<u8, E> {
                          match x {
                -             None => Err(E::Missing),
                +             None => Ok(0),
                              Some(v) => Ok(v),
                          }
                      }
                  }
                """);
        assertThat(f).isEmpty();
    }

    @Test
    void armsOfOnePatternInTwoMatchesOfAHunkAreNotPairedWhenTheOtherKindMovesToo() {
        // Two adjacent matches whose `None` arms traded places, then one that lost its `Ok` arm, one that gained an Err.
        String swapped = """
                  fn two(x: Option<u8>, y: Option<u8>) -> Result<u8, E> {
                      let a = match x {
                -         None => Err(E::A),
                +         None => Ok(0),
                          Some(v) => Ok(v),
                      };
                      match y {
                -         None => Ok(1),
                +         None => Err(E::B),
                          Some(v) => Ok(v),
                      }
                  }
                """;
        assertThat(RuleRun.on(rule, "src/lib.rs", swapped)).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", swapped.replace("+         None => Err(E::B),\n", "")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", swapped.replace("-         None => Ok(1),\n", "")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", swapped.replace("-         None => Ok(1),\n", "")
                .replace("+         None => Err(E::B),\n", ""))).hasSize(1);
    }

    /** sccache's cache-write future with its fix (a21e9f89) reversed. */
    private static final String CACHE_WRITE = """
              fn write(storage: Arc<dyn Storage>, key: String, entry: CacheWrite) -> Result<CacheWriteInfo> {
                  let future = async move {
                      match storage.put(&key, entry).await {
            -             Ok(_) => {
            -                 debug!("Stored in cache successfully!");
            -                 Ok(CacheWriteInfo { duration: start.elapsed() })
            -             }
            -             Err(e) => Err(e),
            +             Ok(_) => debug!("Stored in cache successfully!"),
            +             Err(ref e) => debug!("Cache write error: {:?}", e),
                      }
            +         Ok(CacheWriteInfo { duration: start.elapsed() })
                  };
                  future
              }
            """;

    @Test
    void anErrorArmThatNowOnlyLogs() {
        List<Finding> f = RuleRun.on(rule, "src/compiler/compiler.rs", CACHE_WRITE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER11", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("The arm `Err(e) =>` now only logs the error it returned");
        // the fix direction; the error still returned on the next line; an Ok arm that logs; another pattern
        assertThat(RuleRun.on(rule, "src/compiler/compiler.rs", CACHE_WRITE.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/compiler/compiler.rs", CACHE_WRITE.replace(
                "+             Err(ref e) => debug!(\"Cache write error: {:?}\", e),",
                "+             Err(ref e) => debug!(\"Cache write error: {:?}\", e),\n+             Err(e) => Err(e),"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/compiler/compiler.rs", CACHE_WRITE.replace("Err(ref e) => debug!", "Err(Error::Busy) => debug!")))
                .isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn f(x: Option<u8>) -> Result<u8> {
                      let v = match x {
                          Some(v) => v,
                -         None => return Err(Error::Missing),
                +         None => warn!("missing"),
                      };
                      Ok(v)
                  }
                """)).hasSize(1);
    }
}
