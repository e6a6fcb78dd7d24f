package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.Side;
import org.junit.jupiter.api.Test;

class HunkSyntaxTest {

    private static HunkSyntax read(ChangedFile file) {
        return HunkSyntaxReader.read(file, file.change().hunks().get(0));
    }

    @Test
    void namesTheImplWithTraitAndTypeAndTheFnAndSeesAsync() {
        HunkSyntax s = read(Snippet.of("src/services/postgres.rs", """
                  impl ExternalService for PostgresService {
                      async fn resolve(&self, id: Uuid) -> Result<Record, AppError> {
                -         let row = self.pool.get(id).await?;
                +         let row = self.pool.get(id).await.map_err(AppError::from)?;
                          Ok(row)
                      }
                  }
                """));
        assertThat(s.items()).extracting(HunkSyntax.Item::label)
                .containsExactly("impl ExternalService for PostgresService", "fn resolve");
        assertThat(s.items().get(0).traitName()).isEqualTo("ExternalService");
        assertThat(s.items().get(0).name()).isEqualTo("PostgresService");
        assertThat(s.summary()).isEqualTo("impl ExternalService for PostgresService, fn resolve");
        assertThat(s.async()).isTrue();
        assertThat(s.unsafe()).isFalse();
        assertThat(s.test()).isFalse();
    }

    @Test
    void removedLinesAreFoundInTheOldTreeAndDocCommentsBelongToTheirItem() {
        HunkSyntax s = read(Snippet.of("src/lib.rs", """
                - fn legacy() {
                -     unsafe { free(p) }
                - }
                + /// The replacement.
                  pub mod modern {}
                """));
        assertThat(s.items()).extracting(HunkSyntax.Item::label).containsExactly("fn legacy", "mod modern");
        assertThat(s.items().get(0).side()).isEqualTo(Side.OLD);
        assertThat(s.items().get(1).side()).isEqualTo(Side.NEW);
        assertThat(s.unsafe()).isTrue();
        assertThat(s.async()).isFalse();
    }

    @Test
    void structEnumMacroAndTestFlags() {
        HunkSyntax s = read(Snippet.of("src/model.rs", """
                  #[cfg(test)]
                  mod tests {
                      #[test]
                      fn t() {
                +         assert!(true);
                      }
                  }
                """));
        assertThat(s.items()).extracting(HunkSyntax.Item::label).containsExactly("mod tests", "fn t");
        assertThat(s.test()).isTrue();
        HunkSyntax d = read(Snippet.added("""
                pub struct A { x: u8 }
                pub enum B { X }
                macro_rules! m { () => {} }
                diesel::table! { users (id) { id -> Int4, } }
                extern "C" { fn puts(s: *const c_char) -> i32; }
                """));
        assertThat(d.items()).extracting(HunkSyntax.Item::label)
                .containsExactly("struct A", "enum B", "macro_rules! m", "diesel::table!", "extern \"C\"");
        assertThat(d.test()).isFalse();
    }

    @Test
    void nonRustFilesHaveNoSyntaxAndBrokenCodeIsPartial() {
        assertThat(read(Snippet.of("Cargo.toml", "+ [dependencies]\n"))).isEqualTo(HunkSyntax.NONE);
        HunkSyntax broken = read(Snippet.added("""
                fn ok() {}
                fn broken( {
                    let x = ;
                }
                """));
        assertThat(broken.partial()).isTrue();
        assertThat(broken.items()).extracting(HunkSyntax.Item::label).contains("fn ok");
    }
}
