package dev.rustreview.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.CompilerCheck;
import dev.rustreview.model.CompilerFinding;
import dev.rustreview.model.Severity;
import dev.rustreview.review.BranchAnalysis;
import dev.rustreview.settings.AppDirs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real cargo and clippy, inside the real sandbox, on small std-only crates made per test. */
public class CompilerCheckerTest {

    public static final String BASE_LIB = """
            use std::sync::Mutex;

            pub struct Counter {
                pub hits: Mutex<u64>,
            }

            pub fn old_helper() -> u32 {
                let unused = 5;
                7
            }

            pub fn answer() -> u32 {
                42
            }
            """;

    public static final String LOCKED_LIB = """
            use std::sync::Mutex;

            pub struct Counter {
                pub hits: Mutex<u64>,
            }

            pub fn old_helper() -> u32 {
                let unused = 5;
                7
            }

            pub fn answer() -> u32 {
                42
            }

            pub async fn bump(counter: &Counter) {
                let mut hits = counter.hits.lock().unwrap();
                *hits += 1;
                std::future::ready(()).await;
                *hits += 1;
            }
            """;

    public static final String BROKEN_LIB = BASE_LIB.replace("    42\n", "    let total: u32 = \"forty-two\";\n    total\n");

    @TempDir
    static Path tmp;
    static CrateRepo repo;

    @BeforeAll
    static void crate() throws Exception {
        CrateRepo.requireToolchainAndSandbox();
        repo = CrateRepo.create(tmp.resolve("repo"), Map.of("Cargo.toml", CrateRepo.CARGO_TOML, "src/lib.rs", BASE_LIB))
                .branch("agent/lock", Map.of("src/lib.rs", LOCKED_LIB))
                .branch("agent/broken", Map.of("src/lib.rs", BROKEN_LIB));
    }

    @Test
    void guardHeldAcrossAwaitIsIntroducedOnItsHunkAndMergedWithAl1() {
        Run run = check("agent/lock");
        CompilerFinding lock = run.only("await_holding_lock");
        assertThat(lock.source()).isEqualTo("clippy");
        assertThat(lock.path()).isEqualTo("src/lib.rs");
        assertThat(lock.startLine()).isEqualTo(17);
        assertThat(lock.severity()).isEqualTo(Severity.HIGH);
        assertThat(lock.docUrl()).endsWith("#await_holding_lock");
        assertThat(lock.item()).isEqualTo("pub async fn bump");
        assertThat(ChangeMapper.inChangedHunk(run.change(), lock.path(), lock.startLine())).isTrue();
        String al1 = run.analysis().findings().stream().filter(f -> f.ruleId().equals("AL1")).findFirst()
                .orElseThrow(() -> new AssertionError("AL1 did not fire: " + run.analysis().findings())).id();
        assertThat(lock.ruleFindingIds()).containsExactly(al1);
        // The unused variable was already there at the base.
        assertThat(run.check().findings()).noneMatch(f -> f.lint().equals("unused_variables"));
        assertThat(run.check().preExisting()).isGreaterThanOrEqualTo(1);
        assertThat(run.check().sandboxed()).isTrue();
        assertThat(run.check().tool()).isEqualTo("clippy");
    }

    @Test
    void compileErrorIsShownAsAnErrorOnItsLine() {
        Run run = check("agent/broken");
        CompilerFinding error = run.check().findings().get(0);
        assertThat(error.isError()).isTrue();
        assertThat(error.lint()).isEqualTo("E0308");
        assertThat(error.source()).isEqualTo("rustc");
        assertThat(error.startLine()).isEqualTo(13);
        assertThat(error.severity()).isEqualTo(Severity.HIGH);
        assertThat(error.docUrl()).isEqualTo("https://doc.rust-lang.org/error_codes/E0308.html");
        assertThat(run.check().errors()).isEqualTo(1);
    }

    record Run(ChangeSet change, ChangeAnalysis analysis, CompilerCheck check) {
        CompilerFinding only(String lint) {
            List<CompilerFinding> hits = check.findings().stream().filter(f -> f.lint().equals(lint)).toList();
            assertThat(hits).as("findings: %s", check.findings()).hasSize(1);
            return hits.get(0);
        }
    }

    static Run check(String head) {
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", tmp.resolve("home").toString()), "Linux", tmp);
        try (GitRepository git = GitRepository.open(repo.dir)) {
            ChangeSet change = git.branchDiff("main", head, DiffOptions.DEFAULT);
            ChangeAnalysis analysis = new BranchAnalysis(dirs, ChangeAnalyzer.Options.defaults())
                    .analyze(git, change, DiffOptions.DEFAULT, ChangeAnalyzer.Listener.NONE, () -> false);
            CompilerCheck check = new CompilerChecker(tmp.resolve("scratch")).check(git, change, analysis.findings(),
                    CheckOptions.defaults(), step -> { }, new Cancellation());
            return new Run(change, analysis, check);
        }
    }
}
