package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AL41: state taken out of self before an await. */
class StateTakenAcrossAwaitTest {

    private final StateTakenAcrossAwait rule = new StateTakenAcrossAwait();

    /** clickhouse-rs's watch cursor with its fix (d8ece036) reversed. */
    private static final String CURSOR = """
              enum CursorWithInit<T> {
            -     Preparing(Client, WatchParams),
            +     Preparing(Option<(Client, WatchParams)>),
                  Fetching(JsonCursor<T>),
              }
              impl<T> CursorWithInit<T> {
                  async fn next<'a, 'b: 'a>(&'a mut self) -> Result<Option<T>> {
            -         if let Self::Preparing(client, params) = self {
            -             let cursor = init_cursor(client, params).await?;
            -             *self = Self::Fetching(cursor);
            +         if let Self::Preparing(pair) = self {
            +             let (client, params) = pair.take().unwrap();
            +             self.init(client, params).await?;
                      }
                      match self {
                          Self::Fetching(cursor) => cursor.next().await,
                          Self::Preparing(..) => unreachable!(),
                      }
                  }
              }
            """;

    @Test
    void anOptionTakenFromTheStateBeforeAnAwaitIsReported() {
        List<Finding> f = RuleRun.on(rule, "src/watch.rs", CURSOR);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL41", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("`next` takes `pair` out of `self` before an `.await`: a cancelled call "
                + "leaves it empty");
        // a fn that is not async, or does not await after the take, cannot be cancelled in between
        assertThat(RuleRun.on(rule, "src/watch.rs", CURSOR.replace("async fn next", "fn next")
                .replace("self.init(client, params).await?;", "self.init(client, params)?;")
                .replace("cursor.next().await", "cursor.next()"))).isEmpty();
        // a name not bound from self
        assertThat(RuleRun.on(rule, "src/watch.rs", CURSOR.replace("let (client, params) = pair.take().unwrap();",
                "let (client, params) = self.pending.lock().take().unwrap();"))).isEmpty();
    }

    private static final String WRITER = """
              impl Writer {
                  pub async fn flush(&mut self) -> io::Result<()> {
            -         self.inner.write_all(&self.buf).await?;
            -         self.buf.clear();
            +         let buf = std::mem::take(&mut self.buf);
            +         self.inner.write_all(&buf).await?;
            +         self.buf = buf;
            +         self.buf.clear();
                      Ok(())
                  }
              }
            """;

    @Test
    void aFieldTakenAndPutBackAfterTheAwaitIsReportedButNotOneRestoredBeforeIt() {
        List<Finding> f = RuleRun.on(rule, "src/writer.rs", WRITER);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL41", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).explanation()).contains("`self.buf` stays empty");
        // consumed for good (never put back): taking is the point
        String consumed = WRITER.replace("+         self.buf = buf;\n", "");
        assertThat(consumed).isNotEqualTo(WRITER);
        assertThat(RuleRun.on(rule, "src/writer.rs", consumed)).isEmpty();
        // put back before the await
        String early = WRITER.replace("+         self.inner.write_all(&buf).await?;\n+         self.buf = buf;\n",
                "+         self.buf = buf.clone();\n+         self.inner.write_all(&buf).await?;\n+         self.buf = buf;\n");
        assertThat(early).isNotEqualTo(WRITER);
        assertThat(RuleRun.on(rule, "src/writer.rs", early)).isEmpty();
        // the same fn, untouched by the change
        String untouched = WRITER.replaceAll("(?m)^-.*\\n", "").replaceAll("(?m)^\\+", " ") + "+ fn other() {}\n";
        assertThat(RuleRun.on(rule, "src/writer.rs", untouched)).isEmpty();
    }
}
