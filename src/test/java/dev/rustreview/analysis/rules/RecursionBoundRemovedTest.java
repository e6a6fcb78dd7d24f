package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PN18: a recursive fn that stops bounding its depth. */
class RecursionBoundRemovedTest {

    private final RecursionBoundRemoved rule = new RecursionBoundRemoved();

    /** prost's skip_field with its fix (04091d3e) reversed: nested groups of an untrusted message recurse freely. */
    private static final String SKIP_FIELD = """
            - pub fn skip_field<B>(wire_type: WireType, tag: u32, buf: &mut B, ctx: DecodeContext) -> Result<(), DecodeError>
            + pub fn skip_field<B>(wire_type: WireType, tag: u32, buf: &mut B) -> Result<(), DecodeError>
              where
                  B: Buf,
              {
            -     ctx.limit_reached()?;
                  let len = match wire_type {
                      WireType::Varint => decode_varint(buf).map(|_| 0)?,
                      WireType::StartGroup => loop {
                          let (inner_tag, inner_wire_type) = decode_key(buf)?;
                          match inner_wire_type {
                              WireType::EndGroup => break 0,
            -                 _ => skip_field(inner_wire_type, inner_tag, buf, ctx.enter_recursion())?,
            +                 _ => skip_field(inner_wire_type, inner_tag, buf)?,
                          }
                      },
                      _ => return Err(DecodeError::new("invalid wire type")),
                  };
                  buf.advance(len as usize);
                  Ok(())
              }
            """;

    @Test
    void aDecoderThatRecursesIntoNestedGroupsWithoutItsLimit() {
        List<Finding> f = RuleRun.on(rule, "src/encoding.rs", SKIP_FIELD);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN18", MEDIUM, NEW, 1, 1));
        assertThat(f.get(0).title()).isEqualTo(
                "`skip_field` still calls itself but no longer bounds its depth (`limit_reached` gone)");
    }

    @Test
    void quietWhenABoundStaysTheRecursionGoesOrTheFnNeverHadABound() {
        // the depth still passed on, through another check
        assertThat(RuleRun.on(rule, "src/encoding.rs", SKIP_FIELD
                .replace("+                 _ => skip_field(inner_wire_type, inner_tag, buf)?,",
                        "+                 _ => skip_field(inner_wire_type, inner_tag, buf, depth + 1)?,"))).isEmpty();
        // no longer recursive: the nested groups are skipped by a loop
        assertThat(RuleRun.on(rule, "src/encoding.rs", SKIP_FIELD
                .replace("+                 _ => skip_field(inner_wire_type, inner_tag, buf)?,",
                        "+                 _ => pending.push(inner_tag),"))).isEmpty();
        // a recursive fn that never bounded its depth, changed elsewhere
        assertThat(RuleRun.on(rule, "src/tree.rs", """
                  fn walk(node: &Node, out: &mut Vec<u32>) {
                -     out.push(node.id);
                +     out.push(node.id + 1);
                      for c in &node.children {
                          walk(c, out);
                      }
                  }
                """)).isEmpty();
    }
}
