package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER19: a write moved ahead of a statement that can still fail. */
class WriteMovedBeforeCheckTest {

    private final WriteMovedBeforeCheck rule = new WriteMovedBeforeCheck();

    /** tar-rs's prepare_header_path with its fix (9c5df0bf) reversed. */
    private static final String PREPARE = """
              fn prepare_header_path(dst: &mut dyn Write, header: &mut Header, path: &Path) -> io::Result<()> {
                  if let Err(e) = header.set_path(path) {
                      let data = path2bytes(path)?;
            +         let header2 = prepare_header(data.len() as u64, b'L');
            +         append(dst, &header2, &mut data.as_ref())?;
                      let truncated = str::from_utf8(&data[..max]).unwrap();
                      header.set_truncated_path_for_gnu_header(truncated)?;
            -         let header2 = prepare_header(data.len() as u64, b'L');
            -         append(dst, &header2, &mut data.as_ref())?;
                  }
                  Ok(())
              }
            """;

    @Test
    void anAppendMovedAheadOfTheValidationThatCanFail() {
        List<Finding> f = RuleRun.on(rule, "src/builder.rs", PREPARE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER19", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`append(dst, &header2, &mut data.as_ref())?;` now runs before "
                + "`header.set_truncated_path_for_gnu_header(truncated)?;` in `prepare_header_path`");
    }

    @Test
    void bothRewrittenInTheOtherOrderCounts() {
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn put(&mut self, dst: &mut dyn Write, e: &Entry) -> io::Result<()> {
                -     validate(e)?;
                -     dst.write_all(e.bytes())?;
                +     dst.write_all(e.bytes())?;
                +     validate(e)?;
                      Ok(())
                  }
                """)).hasSize(1);
    }

    @Test
    void otherMovesAreLeftAlone() {
        // the fix direction; the statement passed is infallible; the moved statement writes nothing
        assertThat(RuleRun.on(rule, "src/builder.rs", PREPARE.replace("+   ", "@   ").replace("-   ", "+   ")
                .replace("@   ", "-   "))).isEmpty();
        assertThat(RuleRun.on(rule, "src/builder.rs", PREPARE.replace("set_truncated_path_for_gnu_header(truncated)?;",
                "set_truncated_path_for_gnu_header(truncated);"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/builder.rs", PREPARE.replace("append(dst", "check(dst"))).isEmpty();
        // a write moved ahead of another write, and one that was never after the check
        assertThat(RuleRun.on(rule, "src/builder.rs", PREPARE.replace("header.set_truncated_path_for_gnu_header(truncated)?;",
                "dst.write_all(b\"x\")?;"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn f(dst: &mut dyn Write) -> io::Result<()> {
                -     dst.write_all(b"a")?;
                +     dst.write_all(b"a")?;
                      check()?;
                  }
                """)).isEmpty();
    }

    /** tonbo's WAL rotation with its fix (6c6c9558) reversed: the active segment sealed before the next one opens. */
    private static final String ROTATE = """
              impl<F> WalWriter<F> {
                  async fn rotate_segment(&mut self) -> Result<(), WalError> {
                      self.sync_if_needed().await;
            +         self.close_active_segment().await?;
                      let old_path = self.segment.path().clone();
                      let new_seq = self.next_seq;
                      let mut new_segment = self.storage.open_segment(new_seq).await?;
                      let new_bytes = initial_size(new_segment.file_mut()).await?;
            -         self.close_active_segment().await?;
                      let old_segment = std::mem::replace(&mut self.segment, new_segment);
                      drop(old_segment);
                      Ok(())
                  }
              }
            """;

    @Test
    void aTeardownMovedBeforeAFallibleStepIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/wal/writer.rs", ROTATE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER19", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).startsWith("`self.close_active_segment().await?;` now runs before `let mut new_segment")
                .endsWith("in `rotate_segment`");
        // the fix direction; a teardown moved past infallible lines only
        assertThat(RuleRun.on(rule, "src/wal/writer.rs", ROTATE.replace("+         self.close", "@         self.close")
                .replace("-         self.close", "+         self.close").replace("@         self.close", "-         self.close"))).isEmpty();
        assertThat(RuleRun.on(rule, "src/wal/writer.rs", ROTATE.replace("self.storage.open_segment(new_seq).await?;",
                "self.storage.open_segment(new_seq);").replace("initial_size(new_segment.file_mut()).await?;",
                "initial_size(new_segment.file_mut());"))).isEmpty();
    }
}
