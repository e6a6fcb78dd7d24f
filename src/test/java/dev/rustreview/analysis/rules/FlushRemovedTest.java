package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ER34: a flush removed from a fn that still writes the writer. */
class FlushRemovedTest {

    private final FlushRemoved rule = new FlushRemoved();

    /** nativelink 76b19241 reversed: the last chunk's write error is never seen before the rename. */
    private static final String STORE = """
              impl<Fe: FileEntry> FilesystemStore<Fe> {
                  async fn update_file(&self, mut temp_file: FileSlot, mut reader: DropCloserReadHalf) -> Result<(), Error> {
                      while let Some(mut data) = reader.recv().await? {
                          temp_file
                              .write_all_buf(&mut data)
                              .await
                              .err_tip(|| "Failed to write data into filesystem store")?;
                      }
            -         temp_file
            -             .flush()
            -             .await
            -             .err_tip(|| "Failed to flush in filesystem store")?;
                      temp_file.as_ref().sync_all().await.err_tip(|| "Failed to sync_data")?;
                      drop(temp_file);
                      self.emplace_file().await
                  }
              }
            """;

    @Test
    void aFlushRemovedBetweenTheWritesAndTheSync() {
        List<Finding> f = RuleRun.on(rule, "nativelink-store/src/filesystem_store.rs", STORE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER34", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`temp_file.flush()` removed from `update_file`, which still writes it");
        assertThat(RuleRun.on(rule, "src/store.rs", STORE.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-")
                .replaceAll("(?m)^@", "+"))).isEmpty();
    }

    @Test
    void aFlushThatMovesOrAWriterNoLongerWrittenIsFine() {
        // moved after the sync: still flushed in the fn
        assertThat(RuleRun.on(rule, "src/store.rs", STORE.replace("\n          temp_file.as_ref()",
                "\n+         temp_file.flush().await?;\n          temp_file.as_ref()")))
                .isEmpty();
        // the writes went with the flush
        assertThat(RuleRun.on(rule, "src/log.rs", """
                  fn close(&mut self) -> io::Result<()> {
                -     writeln!(self.out, "end")?;
                -     self.out.flush()?;
                +     self.closed = true;
                      Ok(())
                  }
                """)).isEmpty();
        // another writer's flush
        assertThat(RuleRun.on(rule, "src/log.rs", """
                  fn close(&mut self) -> io::Result<()> {
                      writeln!(self.out, "end")?;
                -     self.err.flush()?;
                      self.out.flush()?;
                      Ok(())
                  }
                """)).isEmpty();
        assertThat(RuleRun.shape(RuleRun.on(rule, "src/log.rs", """
                  fn close(&mut self) -> io::Result<()> {
                      writeln!(self.out, "end")?;
                -     self.out.flush()?;
                      Ok(())
                  }
                """))).containsExactly(tuple("ER34", MEDIUM, NEW, 2, 2));
    }
}
