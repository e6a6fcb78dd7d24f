package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN27: len() - 1 without an emptiness check. */
class LastElementUncheckedTest {

    private final LastElementUnchecked rule = new LastElementUnchecked();

    /** opendal 4fc03962, reversed: the root's path is empty, and cutting its last byte underflows. */
    private static final String CREATE_DIR = """
              impl UpyunCore {
                  pub async fn create_dir(&self, ctx: &OperationContext, path: &str) -> Result<Response<Buffer>> {
            -         let path = folder_path(&self.root, path);
            +         let path = build_abs_path(&self.root, path);
            +         let path = path[..path.len() - 1].to_string();
                      let url = format!("https://v0.api.upyun.com/{}/{}", self.bucket, percent_encode_path(&path));
                      self.send(ctx, url).await
                  }
              }
            """;

    @Test
    void trailingByteCutFromAValueThatCanBeEmpty() {
        List<Finding> f = RuleRun.on(rule, "core/services/upyun/src/core.rs", CREATE_DIR);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN27", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`path.len() - 1` with no emptiness check in `create_dir`");
        assertThat(RuleRun.on(rule, "core/services/upyun/src/core.rs", CREATE_DIR.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+"))).isEmpty();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/stack.rs", """
                  fn top(&self) -> u8 {
                -     0
                +     self.items[self.items.len() - 1]
                  }
                """))).containsExactly(tuple("PN27", MEDIUM, NEW, 2, 2));
    }

    @Test
    void checksBeforeTheCutAndOtherValuesAreFine() {
        for (String check : List.of("if path.is_empty() { return Err(e()); }", "if !path.ends_with('/') { return Err(e()); }",
                "if path.len() < 2 { return Err(e()); }", "assert!(0 < path.len());", "let _ = path.last();")) {
            assertThat(RuleRun.on(rule, "core/services/upyun/src/core.rs", CREATE_DIR.replace(
                    "+         let path = path[..path.len() - 1].to_string();",
                    "+         " + check + "\n+         let path = path[..path.len() - 1].to_string();"))).as(check).isEmpty();
        }
        // another value's length
        assertThat(RuleRun.on(rule, "src/stack.rs", """
                  fn top(&self) -> u8 {
                -     0
                +     self.items[self.sizes.len() - 1]
                  }
                """)).isEmpty();
        // a line that was there before
        assertThat(RuleRun.on(rule, "src/stack.rs", """
                  fn top(&self) -> u8 {
                -     let n = 0;
                +     let n = 1;
                      self.items[self.items.len() - 1]
                  }
                """)).isEmpty();
    }
}
