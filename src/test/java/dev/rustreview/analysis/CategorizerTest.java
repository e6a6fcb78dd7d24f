package dev.rustreview.analysis;

import static dev.rustreview.model.Category.API;
import static dev.rustreview.model.Category.BOILERPLATE;
import static dev.rustreview.model.Category.CORE_LOGIC;
import static dev.rustreview.model.Category.DEPENDENCIES_BUILD;
import static dev.rustreview.model.Category.DOCUMENTATION;
import static dev.rustreview.model.Category.ERROR_HANDLING;
import static dev.rustreview.model.Category.GENERATED;
import static dev.rustreview.model.Category.SCHEMA;
import static dev.rustreview.model.Category.TESTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.Category;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategorizerTest {

    private final Categorizer categorizer = new Categorizer(GitAttributes.none());

    private HunkCategory one(String path, String diff) {
        ChangedFile file = Snippet.of(path, diff);
        return categorizer.categorizeHunk(file, file.change().hunks().get(0), CategoryContext.empty());
    }

    // ---- documentation ----

    @Test
    void docCommentsOnlyAreDocumentation() {
        HunkCategory c = one("src/resolve.rs", """
                + /// Resolves a record by id.
                + ///
                + /// Returns `None` when the record was deleted.
                  pub fn resolve(id: u64) -> Option<Record> {
                      STORE.get(id)
                  }
                """);
        assertThat(c.primary()).isEqualTo(DOCUMENTATION);
        assertThat(c.tags()).isEmpty();
        assertThat(c.reason()).isEqualTo("only doc comments changed");
        assertThat(c.syntax().summary()).isEqualTo("fn resolve");
    }

    @Test
    void plainCommentsAndDocAttributesAreDocumentation() {
        assertThat(one("src/lib.rs", """
                  fn f() {
                -     // old note
                +     // clearer note
                      work();
                  }
                """)).satisfies(c -> {
            assertThat(c.primary()).isEqualTo(DOCUMENTATION);
            assertThat(c.reason()).isEqualTo("only comments changed");
        });
        assertThat(one("src/lib.rs", """
                + #[doc = "Crate entry points."]
                  pub mod api;
                """).primary()).isEqualTo(DOCUMENTATION);
    }

    @Test
    void docCommentPlusAnyCodeChangeIsNeverDocumentationPrimary() {
        HunkCategory c = one("src/resolve.rs", """
                + /// Resolves a record by id, now from the cache first.
                  pub fn resolve(id: u64) -> Option<Record> {
                -     STORE.get(id)
                +     CACHE.get(id).or_else(|| STORE.get(id))
                  }
                """);
        assertThat(c.primary()).isEqualTo(CORE_LOGIC);
        assertThat(c.tags()).containsExactly(DOCUMENTATION);
        assertThat(c.reason()).isEqualTo("code in fn resolve; also documentation");
    }

    // ---- tests ----

    @Test
    void testModulesTestFnsAndTestPathsAreTests() {
        assertThat(one("src/parse.rs", """
                  #[cfg(test)]
                  mod tests {
                +     #[test]
                +     fn parses_negative() {
                +         assert_eq!(parse("-1").unwrap(), -1);
                +     }
                  }
                """).primary()).isEqualTo(TESTS);
        assertThat(one("tests/api.rs", "+ fn helper() -> u8 { 1 }\n").primary()).isEqualTo(TESTS);
        assertThat(one("benches/speed.rs", "+ fn bench() {}\n").primary()).isEqualTo(TESTS);
        assertThat(one("tests/fixtures/input.json", "+ {}\n").primary()).isEqualTo(TESTS);
    }

    @Test
    void testPlusLibraryCodeInOneHunkIsCoreLogicTaggedTests() {
        HunkCategory c = one("src/parse.rs", """
                  pub fn parse(s: &str) -> i64 {
                +     let s = s.trim();
                      s.parse().unwrap_or(0)
                  }
                  #[cfg(test)]
                  mod tests {
                +     #[test]
                +     fn trims() { assert_eq!(super::parse(" 1 "), 1); }
                  }
                """);
        assertThat(c.primary()).isEqualTo(CORE_LOGIC);
        assertThat(c.tags()).containsExactly(TESTS);
    }

    // ---- boilerplate ----

    @Test
    void wellKnownTraitImplsAreBoilerplate() {
        HunkCategory c = one("src/status.rs", """
                  pub enum Status { Open, Closed }
                + impl fmt::Display for Status {
                +     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                +         f.write_str(match self { Status::Open => "open", Status::Closed => "closed" })
                +     }
                + }
                """);
        assertThat(c.primary()).isEqualTo(BOILERPLATE);
        assertThat(c.reason()).isEqualTo("impl fmt::Display for Status: a well-known trait impl");
    }

    @Test
    void implMirroringASiblingImplInAnotherChangedFileIsBoilerplate() {
        ChangedFile redis = Snippet.of("src/services/redis.rs", """
                  impl ExternalService for RedisService {
                      async fn resolve(&self, id: Uuid) -> Result<Record, AppError> { self.get(id).await }
                  }
                """);
        ChangedFile postgres = Snippet.of("src/services/postgres.rs", """
                + impl ExternalService for PostgresService {
                +     async fn resolve(&self, id: Uuid) -> Result<Record, AppError> {
                +         let row = sqlx::query_as("select * from records where id = $1").bind(id).fetch_one(&self.pool).await?;
                +         Ok(row)
                +     }
                + }
                """);
        ChangeCategories all = categorizer.categorize(List.of(redis, postgres));
        HunkCategory c = all.files().get(1).hunks().get(0);
        assertThat(c.primary()).isEqualTo(BOILERPLATE);
        assertThat(c.reason()).isEqualTo("impl ExternalService for PostgresService mirrors impl ExternalService "
                + "for RedisService in src/services/redis.rs");
        assertThat(c.syntax().async()).isTrue();
    }

    @Test
    void unchangedSourcesInTheContextLetAnImplMirrorAnUntouchedSibling() throws Exception {
        RustTree redis = RustParser.forCurrentThread().parse(
                "impl ExternalService for RedisService { fn name(&self) -> &str { \"redis\" } }\n", ParseLimits.DEFAULT);
        ChangedFile pg = Snippet.of("src/services/postgres.rs", """
                + impl ExternalService for PostgresService {
                +     fn name(&self) -> &str { "postgres" }
                + }
                """);
        HunkCategory alone = categorizer.categorizeHunk(pg, pg.change().hunks().get(0), CategoryContext.empty());
        assertThat(alone.primary()).isEqualTo(CORE_LOGIC);
        assertThat(alone.reason()).isEqualTo("code in impl ExternalService for PostgresService, fn name (impl ExternalService for PostgresService)");
        CategoryContext crate = CategoryContext.of(java.util.Map.of("src/services/redis.rs", redis));
        HunkCategory mirrored = categorizer.categorizeHunk(pg, pg.change().hunks().get(0), crate);
        assertThat(mirrored.primary()).isEqualTo(BOILERPLATE);
        assertThat(mirrored.reason()).endsWith("mirrors impl ExternalService for RedisService in src/services/redis.rs");
    }

    @Test
    void implOfATraitDefinedInTheSameFileWithoutSiblingsIsNotBoilerplate() {
        HunkCategory c = one("src/store.rs", """
                  pub trait Store { fn put(&mut self, k: u64); }
                + impl Store for MemStore {
                +     fn put(&mut self, k: u64) { self.keys.push(k); }
                + }
                """);
        assertThat(c.primary()).isEqualTo(CORE_LOGIC);
        HunkCategory sibling = one("src/store.rs", """
                  pub trait Store { fn put(&mut self, k: u64); }
                  impl Store for DiskStore { fn put(&mut self, k: u64) { self.write(k); } }
                + impl Store for MemStore {
                +     fn put(&mut self, k: u64) { self.keys.push(k); }
                + }
                """);
        assertThat(sibling.primary()).isEqualTo(BOILERPLATE);
        assertThat(sibling.reason()).endsWith("mirrors impl Store for DiskStore");
    }

    @Test
    void derivesGettersBuildersAndConstructorsAreBoilerplate() {
        assertThat(one("src/cfg.rs", """
                + #[derive(Debug, Clone, PartialEq)]
                  pub struct Config { retries: u8 }
                """)).satisfies(c -> {
            assertThat(c.primary()).isEqualTo(BOILERPLATE);
            assertThat(c.reason()).isEqualTo("derives on struct `Config`");
        });
        HunkCategory accessors = one("src/cfg.rs", """
                  impl Config {
                +     pub fn new(retries: u8) -> Self {
                +         Self { retries, timeout: None }
                +     }
                +     pub fn retries(&self) -> u8 {
                +         self.retries
                +     }
                +     pub fn with_timeout(mut self, t: Duration) -> Self {
                +         self.timeout = Some(t);
                +         self
                +     }
                  }
                """);
        assertThat(accessors.primary()).isEqualTo(BOILERPLATE);
        assertThat(accessors.reason()).isEqualTo("constructor `new` of Config (+2 more)");
    }

    @Test
    void importsOnlyAreBoilerplateButNotInAMixedHunk() {
        assertThat(one("src/worker.rs", """
                + use std::collections::HashMap;
                + use crate::error::AppError;
                  fn f() {}
                """)).satisfies(c -> {
            assertThat(c.primary()).isEqualTo(BOILERPLATE);
            assertThat(c.reason()).isEqualTo("only imports changed");
        });
        assertThat(one("src/worker.rs", """
                + use std::collections::HashMap;
                  fn f() {
                +     let m: HashMap<u8, u8> = HashMap::new();
                  }
                """).primary()).isEqualTo(CORE_LOGIC);
    }

    // ---- schema ----

    @Test
    void serdeAndOrmModelsAreSchema() {
        HunkCategory serde = one("src/api/dto.rs", """
                  #[derive(Debug, Serialize, Deserialize)]
                  pub struct CreateUser {
                +     #[serde(default)]
                +     pub display_name: Option<String>,
                  }
                """);
        assertThat(serde.primary()).isEqualTo(SCHEMA);
        assertThat(serde.reason()).isEqualTo("struct `CreateUser` with serde/ORM derives");
        HunkCategory entity = one("src/entity/user.rs", """
                + #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
                + #[sea_orm(table_name = "users")]
                + pub struct Model {
                +     #[sea_orm(primary_key)]
                +     pub id: i32,
                + }
                + #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
                + pub enum Relation {}
                + impl ActiveModelBehavior for ActiveModel {}
                """);
        assertThat(entity.primary()).isEqualTo(SCHEMA);
        assertThat(entity.tags()).containsExactly(BOILERPLATE);
    }

    @Test
    void migrationsSchemaFilesAndDieselTablesAreSchema() {
        assertThat(one("migrations/2024-05-01-120000_users/up.sql", "+ CREATE TABLE users (id SERIAL PRIMARY KEY);\n")
                .reason()).isEqualTo("database migration");
        assertThat(one("proto/records.proto", "+ message Record { string id = 1; }\n").primary()).isEqualTo(SCHEMA);
        assertThat(one("migration/src/m20240501_create_users.rs", "+ fn up() {}\n").primary()).isEqualTo(SCHEMA);
        assertThat(one("src/schema.rs", """
                  diesel::table! {
                      users (id) {
                +         email -> Text,
                      }
                  }
                """).primary()).isEqualTo(SCHEMA);
    }

    // ---- error handling ----

    @Test
    void errorEnumsErrorConversionsAndMapErrAreErrorHandling() {
        HunkCategory errorEnum = one("src/error.rs", """
                  #[derive(Debug, thiserror::Error)]
                  pub enum AppError {
                +     #[error("record {0} not found")]
                +     NotFound(Uuid),
                  }
                """);
        assertThat(errorEnum.primary()).isEqualTo(ERROR_HANDLING);
        assertThat(errorEnum.reason()).isEqualTo("error enum `AppError`");
        HunkCategory from = one("src/error.rs", """
                + impl From<sqlx::Error> for AppError {
                +     fn from(e: sqlx::Error) -> Self { AppError::Db(e.to_string()) }
                + }
                """);
        assertThat(from.primary()).isEqualTo(ERROR_HANDLING);
        assertThat(from.tags()).containsExactly(BOILERPLATE);
        HunkCategory mapErr = one("src/jobs.rs", """
                  pub async fn submit(&self, job: Job) -> Result<Uuid, AppError> {
                      self.tx.send(job).await
                -         .map_err(|_| AppError::Closed)?;
                +         .map_err(|e| AppError::Job(e.to_string()))?;
                      Ok(id)
                  }
                """);
        assertThat(mapErr.primary()).isEqualTo(ERROR_HANDLING);
        assertThat(mapErr.reason()).isEqualTo("error conversion or propagation");
    }

    // ---- api ----

    @Test
    void moduleDeclarationsReExportsAndPubTraitsAreApi() {
        HunkCategory mods = one("src/lib.rs", """
                  pub mod error;
                + pub mod services;
                + pub use services::{ExternalService, PostgresService};
                """);
        assertThat(mods.primary()).isEqualTo(API);
        assertThat(mods.reason()).isEqualTo("module declaration `mod services` in lib.rs (+1 more)");
        HunkCategory trait_ = one("src/services/mod.rs", """
                + #[async_trait]
                + pub trait ExternalService: Send + Sync {
                +     async fn resolve(&self, id: Uuid) -> Result<Record, AppError>;
                + }
                """);
        assertThat(trait_.primary()).isEqualTo(API);
        assertThat(trait_.reason()).isEqualTo("pub trait `ExternalService` definition");
    }

    // ---- core logic ----

    @Test
    void ordinaryFunctionBodiesAreCoreLogic() {
        HunkCategory c = one("src/backup/mod.rs", """
                  impl BackupRunner {
                      async fn upload_parts(&self, parts: Vec<Part>) -> Result<(), AppError> {
                -         for p in parts { self.upload(p).await?; }
                +         futures::future::try_join_all(parts.into_iter().map(|p| self.upload(p))).await?;
                          Ok(())
                      }
                  }
                """);
        assertThat(c.primary()).isEqualTo(CORE_LOGIC);
        assertThat(c.reason()).isEqualTo("code in fn upload_parts (impl BackupRunner)");
    }

    @Test
    void removedLinesAreCategorisedFromTheOldTree() {
        HunkCategory deletedTest = one("src/parse.rs", """
                  pub fn parse(s: &str) -> i64 { s.parse().unwrap_or(0) }
                  #[cfg(test)]
                  mod tests {
                -     #[test]
                -     fn flaky() { assert!(std::time::Instant::now().elapsed().as_nanos() < 10); }
                  }
                """);
        assertThat(deletedTest.primary()).isEqualTo(TESTS);
        HunkCategory deletedFile = one("src/legacy.rs", """
                - /// Old entry point.
                - pub fn legacy() -> u8 {
                -     1
                - }
                """);
        assertThat(deletedFile.primary()).isEqualTo(CORE_LOGIC);
        assertThat(deletedFile.syntax().items()).extracting(HunkSyntax.Item::side).containsOnly(dev.rustreview.model.Side.OLD);
    }

    @Test
    void unparseableCodeStillGetsACategory() {
        HunkCategory c = one("src/lib.rs", """
                + /// Docs for a broken fn.
                + fn broken( {
                +     let x = ;
                + }
                """);
        assertThat(c.primary()).isEqualTo(CORE_LOGIC);
        assertThat(c.syntax().partial()).isTrue();
    }

    // ---- by path ----

    @Test
    void manifestsBuildFilesAndCiAreDependenciesAndBuild() {
        assertThat(one("Cargo.toml", "  [dependencies]\n+ tokio = \"1\"\n").primary()).isEqualTo(DEPENDENCIES_BUILD);
        assertThat(one("build.rs", "+ fn main() {}\n").reason()).isEqualTo("build script");
        assertThat(one(".cargo/config.toml", "+ [build]\n").primary()).isEqualTo(DEPENDENCIES_BUILD);
        assertThat(one("rust-toolchain.toml", "+ [toolchain]\n").reason()).isEqualTo("toolchain pin");
        assertThat(one(".github/workflows/ci.yml", "+ on: [push]\n")).satisfies(c -> {
            assertThat(c.primary()).isEqualTo(DEPENDENCIES_BUILD);
            assertThat(c.reason()).isEqualTo("CI configuration");
        });
        HunkCategory members = one("Cargo.toml", """
                  [workspace]
                  members = [
                      "crates/core",
                +     "crates/cli",
                  ]
                """);
        assertThat(members.primary()).isEqualTo(DEPENDENCIES_BUILD);
        assertThat(members.tags()).containsExactly(API);
    }

    @Test
    void lockFilesGeneratedMarkersAndGitattributesAreGenerated() {
        HunkCategory lock = one("Cargo.lock", "+ [[package]]\n+ name = \"tokio\"\n");
        assertThat(lock.primary()).isEqualTo(GENERATED);
        assertThat(lock.tags()).containsExactly(DEPENDENCIES_BUILD);
        assertThat(one("src/proto/records.generated.rs", "+ pub struct Record;\n").primary()).isEqualTo(GENERATED);
        assertThat(one("src/bindings.rs", "+ /* automatically generated by rust-bindgen 0.69 */\n+ pub const X: u8 = 1;\n")
                .primary()).isEqualTo(GENERATED);
        Categorizer withAttributes = new Categorizer(GitAttributes.parse("src/pb/** linguist-generated\n"));
        ChangedFile pb = Snippet.of("src/pb/records.rs", "+ pub fn decode() {}\n");
        assertThat(withAttributes.categorizeHunk(pb, pb.change().hunks().get(0), CategoryContext.empty()).reason())
                .isEqualTo("marked linguist-generated in .gitattributes");
    }

    @Test
    void proseIsDocumentationAndOtherFilesAreCoreLogic() {
        assertThat(one("README.md", "+ ## Usage\n").primary()).isEqualTo(DOCUMENTATION);
        assertThat(one("docs/design.adoc", "+ = Design\n").primary()).isEqualTo(DOCUMENTATION);
        assertThat(one("LICENSE-MIT", "+ Permission is hereby granted\n").primary()).isEqualTo(DOCUMENTATION);
        assertThat(one("config/default.yaml", "+ port: 8080\n").reason()).isEqualTo("configuration file");
        assertThat(one("csrc/crc32c.c", "+ uint32_t crc32c_update(uint32_t crc);\n")).satisfies(c -> {
            assertThat(c.primary()).isEqualTo(CORE_LOGIC);
            assertThat(c.reason()).isEqualTo("non-Rust source file");
        });
    }

    // ---- rollups ----

    @Test
    void fileRollupIsTheRiskiestHunkAndChangeSetCountsEveryCategory() {
        ChangedFile file = Hunks.split(Snippet.of("src/resolve.rs", """
                + //! Record resolution.
                  use std::fmt;
                  pub fn resolve(id: u64) -> Option<Record> {
                -     STORE.get(id)
                +     CACHE.get(id)
                  }
                  impl fmt::Display for Record {
                +     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{}", self.id) }
                  }
                """));
        ChangedFile readme = Snippet.of("README.md", "+ Resolution now uses the cache.\n");
        ChangeCategories all = categorizer.categorize(List.of(file, readme));
        FileCategories rs = all.files().get(0);
        assertThat(rs.hunks()).extracting(HunkCategory::primary).containsExactly(DOCUMENTATION, CORE_LOGIC, BOILERPLATE);
        assertThat(rs.primary()).isEqualTo(CORE_LOGIC);
        assertThat(rs.reason()).isEqualTo("riskiest of 3 hunks: 1 documentation, 1 boilerplate, 1 core logic");
        assertThat(all.files().get(1).primary()).isEqualTo(DOCUMENTATION);
        assertThat(all.hunkCounts()).containsEntry(DOCUMENTATION, 2).containsEntry(CORE_LOGIC, 1)
                .containsEntry(BOILERPLATE, 1).containsEntry(TESTS, 0).hasSize(Category.values().length);
        assertThat(all.fileCounts()).containsEntry(CORE_LOGIC, 1).containsEntry(DOCUMENTATION, 1);
    }

    @Test
    void riskinessOrderCoversEveryCategory() {
        assertThat(Categorizer.RISKIEST_FIRST).containsExactlyInAnyOrder(Category.values());
        assertThat(Categorizer.riskiest(java.util.EnumSet.of(DOCUMENTATION, API, TESTS))).isEqualTo(API);
    }
}
