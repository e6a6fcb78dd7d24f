package dev.rustreview.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.CompilerCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancel and the wall-clock limit kill the whole build (a build script that sleeps), and nothing is left behind. */
class CancelAndLimitsTest {

    static final String SLEEPING_BUILD = "fn main() { std::thread::sleep(std::time::Duration::from_secs(120)); }\n";

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        CrateRepo.requireToolchainAndSandbox();
    }

    @Test
    void cancelKillsTheSandboxedBuildAndCleansUp() throws Exception {
        CrateRepo repo = sleeping();
        Cancellation cancellation = new Cancellation();
        List<String> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        CompletableFuture<CompilerCheck> run = CompletableFuture.supplyAsync(() -> check(repo,
                CheckOptions.defaults(), steps::add, cancellation));
        waitUntil(() -> steps.stream().anyMatch(s -> s.startsWith("building the head")) && buildScriptRunning());
        cancellation.cancel();

        assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(CancellationException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(100));
        waitUntil(() -> !buildScriptRunning());
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void wallClockLimitStopsTheBuildWithOneLine() throws Exception {
        CrateRepo repo = sleeping();
        assertThatThrownBy(() -> check(repo, CheckOptions.defaults().withTimeLimit(Duration.ofSeconds(8)), s -> { },
                new Cancellation()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cargo ran longer than 8 s")
                .hasMessageContaining("--time-limit");
        waitUntil(() -> !buildScriptRunning());
        assertThat(leftovers()).isEmpty();
    }

    private CrateRepo sleeping() throws Exception {
        return CrateRepo.create(tmp.resolve("repo"), Map.of("Cargo.toml", CrateRepo.CARGO_TOML, "src/lib.rs", "pub fn a() {}\n"))
                .branch("agent/hostile", Map.of("build.rs", SLEEPING_BUILD, "src/lib.rs", "pub fn a() {}\npub fn b() {}\n"));
    }

    private CompilerCheck check(CrateRepo repo, CheckOptions options, java.util.function.Consumer<String> steps,
                                Cancellation cancellation) {
        try (GitRepository git = GitRepository.open(repo.dir)) {
            var change = git.branchDiff("main", "agent/hostile", DiffOptions.DEFAULT);
            return new CompilerChecker(tmp.resolve("scratch")).check(git, change, List.of(), options, steps, cancellation);
        }
    }

    /** A build script of this test's crate ("build-script-build" under this test's scratch folder) is alive. */
    private boolean buildScriptRunning() {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().command().orElse("").contains("build-script-build"));
    }

    private List<Path> leftovers() throws Exception {
        Path scratch = tmp.resolve("scratch");
        if (!Files.exists(scratch)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(scratch)) {
            return files.toList();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 90 s");
            }
            Thread.sleep(100);
        }
    }
}
