package dev.rustreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustreview.check.CompilerCheckerTest;
import dev.rustreview.check.CrateRepo;
import dev.rustreview.io.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rust-review check} end to end on real crates, and the exports that carry its stored result. */
class CheckCommandTest {

    @TempDir
    static Path tmp;
    static CrateRepo repo;

    @BeforeAll
    static void crate() throws Exception {
        CrateRepo.requireToolchainAndSandbox();
        repo = CrateRepo.create(tmp.resolve("repo"), Map.of("Cargo.toml", CrateRepo.CARGO_TOML, "src/lib.rs",
                        CompilerCheckerTest.BASE_LIB))
                .branch("agent/lock", Map.of("src/lib.rs", CompilerCheckerTest.LOCKED_LIB))
                .branch("agent/broken", Map.of("src/lib.rs", CompilerCheckerTest.BROKEN_LIB));
    }

    @Test
    void checkPrintsTheIntroducedLintMergedWithAl1ThenReusesTheStoredResultAndSarifCarriesIt() throws Exception {
        CliRun first = run("check", "--head", "agent/lock");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("sandboxed (bubblewrap")
                .contains("src/lib.rs:17  clippy clippy::await_holding_lock  in pub async fn bump")
                .contains("also found by rule finding AL1-")
                .contains("1 already at the base")
                .contains("https://rust-lang.github.io/rust-clippy/master/index.html#await_holding_lock");

        CliRun again = run("check", "--head", "agent/lock", "--format", "json");
        assertThat(again.status()).as(again.err()).isZero();
        JsonNode json = Json.mapper().readTree(again.out());
        assertThat(json.path("reused").asBoolean()).isTrue();
        assertThat(json.path("check").path("findings").get(0).path("lint").asText()).isEqualTo("await_holding_lock");
        assertThat(json.path("check").path("sandboxed").asBoolean()).isTrue();

        CliRun sarif = run("export", "--format", "sarif", "--head", "agent/lock");
        assertThat(sarif.status()).as(sarif.err()).isZero();
        JsonNode sarifRoot = Json.mapper().readTree(sarif.out());
        try (var in = CheckCommandTest.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
            var schema = com.networknt.schema.JsonSchemaFactory.getInstance(
                    com.networknt.schema.SpecVersion.VersionFlag.V4).getSchema(in);
            assertThat(schema.validate(sarifRoot)).as("SARIF with compiler results against the official schema").isEmpty();
        }
        JsonNode results = sarifRoot.path("runs").get(0).path("results");
        JsonNode compiler = null;
        for (JsonNode r : results) {
            if (r.path("ruleId").asText().equals("clippy::await_holding_lock")) {
                compiler = r;
            }
        }
        assertThat(compiler).as("a SARIF result with the lint as rule id").isNotNull();
        assertThat(compiler.path("kind").asText()).isEqualTo("fail");
        assertThat(compiler.path("properties").path("alsoFoundByRules").get(0).asText()).startsWith("AL1-");
    }

    @Test
    void compileErrorComesFirstInTheAgentMarkdownAndAnUnsandboxedRunSaysSo() {
        CliRun check = run("check", "--head", "agent/broken", "--no-sandbox");
        assertThat(check.status()).as(check.err()).isZero();
        assertThat(check.out()).contains("NOT sandboxed (--no-sandbox)")
                .contains("error [high] src/lib.rs:13  rustc E0308")
                .contains("note: built WITHOUT a sandbox");

        CliRun md = run("export", "--format", "markdown", "--head", "agent/broken");
        assertThat(md.status()).as(md.err()).isZero();
        String text = md.out();
        int errors = text.indexOf("## Compiler errors — fix these before anything else");
        assertThat(errors).isPositive();
        assertThat(text.indexOf("`src/lib.rs:13` — **E0308**")).isGreaterThan(errors);
        int todo = text.indexOf("## To do");
        assertThat(todo < 0 || todo > errors).as("compiler errors before every other item").isTrue();
    }

    @Test
    void missingCrateOfflineIsOneLineNamingTheCrate() throws Exception {
        CrateRepo deps = CrateRepo.create(tmp.resolve("deps"), Map.of("Cargo.toml", CrateRepo.CARGO_TOML, "src/lib.rs", "pub fn a() {}\n"))
                .branch("agent/serde", Map.of("Cargo.toml", CrateRepo.CARGO_TOML + "serde = \"1\"\n",
                        "src/lib.rs", "pub fn a() {}\npub fn b() {}\n"));
        CliRun run = CliRun.of("check", "--repo", deps.dir.toString(), "--base", "main", "--head", "agent/serde");
        assertThat(run.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip()).doesNotContain("\n")
                .contains("crate `serde`")
                .contains("run `cargo fetch` in your own checkout of this project");
    }

    @Test
    void theReviewRoundOfTheCheckedHeadRefersToTheStoredCheckAndExportsReadIt() throws Exception {
        CrateRepo own = CrateRepo.create(tmp.resolve("round"), Map.of("Cargo.toml", CrateRepo.CARGO_TOML,
                        "src/lib.rs", CompilerCheckerTest.BASE_LIB))
                .branch("agent/lock", Map.of("src/lib.rs", CompilerCheckerTest.LOCKED_LIB));
        String[] at = {"--repo", own.dir.toString(), "--base", "main", "--head", "agent/lock"};
        CliRun started = CliRun.of(concat(new String[] {"review", "status"}, at));
        assertThat(started.status()).as(started.err()).isZero();
        Path reviews = own.dir.resolve(".git/rust-review/reviews");
        Path reviewFile;
        try (var files = java.nio.file.Files.list(reviews)) {
            reviewFile = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        assertThat(Json.mapper().readTree(reviewFile.toFile()).path("rounds").get(0).has("compilerCheck"))
                .as("no check ran yet").isFalse();

        CliRun check = CliRun.of(concat(new String[] {"check"}, at));
        assertThat(check.status()).as(check.err()).isZero();

        String stored;
        try (var files = java.nio.file.Files.list(own.dir.resolve(".git/rust-review/checks"))) {
            stored = files.map(p -> p.getFileName().toString()).findFirst().orElseThrow();
        }
        JsonNode round = Json.mapper().readTree(reviewFile.toFile()).path("rounds").get(0);
        assertThat(round.path("compilerCheck").asText()).isEqualTo(stored);
        assertThat(stored).startsWith(round.path("headCommit").asText() + "-");

        CliRun export = CliRun.of(concat(new String[] {"export", "--format", "json"}, at));
        assertThat(export.status()).as(export.err()).isZero();
        JsonNode exported = Json.mapper().readTree(export.out());
        assertThat(exported.path("compilerCheck").path("findings").get(0).path("lint").asText())
                .isEqualTo("await_holding_lock");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void unknownLintSetIsBadInput() {
        CliRun run = run("check", "--head", "agent/lock", "--lints", "everything");
        assertThat(run.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("unknown lint set 'everything': use default or pedantic");
    }

    private static CliRun run(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = args[0];
        all[1] = "--repo";
        all[2] = repo.dir.toString();
        all[3] = "--base=main";
        System.arraycopy(args, 1, all, 4, args.length - 1);
        return CliRun.of(all);
    }
}
