package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.check.Cancellation;
import dev.rustreview.check.CheckOptions;
import dev.rustreview.check.CompilerChecker;
import dev.rustreview.check.CompilerCheckerTest;
import dev.rustreview.check.CrateRepo;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.Finding;
import dev.rustreview.review.BranchAnalysis;
import dev.rustreview.settings.AppDirs;
import dev.rustreview.ui.fx.FxExecutors;
import dev.rustreview.ui.navigator.HunkEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Reopening a repository whose head was checked before shows the stored compiler check in the window without
 * building: a real crate is checked once (sandboxed clippy), then the window opens it and its navigator holds the
 * AL1 finding with clippy's {@code await_holding_lock} as a second source.
 */
@ExtendWith(ApplicationExtension.class)
class StoredCompilerCheckWindowTest {

    @TempDir
    static Path tmp;
    static CrateRepo repo;

    private FxExecutors executors;
    private MainWindow window;

    @BeforeAll
    static void checkedOnce() throws Exception {
        CrateRepo.requireToolchainAndSandbox();
        repo = CrateRepo.create(tmp.resolve("repo"), Map.of("Cargo.toml", CrateRepo.CARGO_TOML, "src/lib.rs",
                CompilerCheckerTest.BASE_LIB)).branch("agent/lock", Map.of("src/lib.rs", CompilerCheckerTest.LOCKED_LIB));
        AppDirs dirs = dirs();
        try (GitRepository git = GitRepository.open(repo.dir)) {
            var change = git.branchDiff("main", "agent/lock", DiffOptions.DEFAULT);
            List<Finding> rules = new BranchAnalysis(dirs, dev.rustreview.analysis.ChangeAnalyzer.Options.defaults())
                    .analyze(git, change, DiffOptions.DEFAULT, dev.rustreview.analysis.ChangeAnalyzer.Listener.NONE,
                            () -> false).findings();
            new CompilerChecker(tmp.resolve("scratch")).checkOrReuse(git, change, () -> rules,
                    CheckOptions.defaults(), false, s -> { }, new Cancellation());
        }
    }

    private static AppDirs dirs() {
        return AppDirs.of(Map.of("RUST_REVIEW_HOME", tmp.resolve("home").toString()), "Linux", tmp.resolve("home"));
    }

    @Start
    void start(Stage stage) {
        executors = new FxExecutors();
        window = new MainWindow(executors, link -> { });
        stage.setScene(new Scene(window, 1200, 800));
        stage.show();
        window.open(() -> RepositorySession.open(new OpenRequest(repo.dir, "main", "agent/lock"), dirs()));
    }

    @AfterEach
    void close() throws Exception {
        // On the FX thread, as the application closes it (close touches the window's controls).
        WaitForAsyncUtils.asyncFx(() -> window.close()).get(60, java.util.concurrent.TimeUnit.SECONDS);
        executors.close();
    }

    @Test
    void theStoredCheckJoinsTheRuleFindingsWithoutABuild() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.compilerCheckProperty().get() != null
                && window.navigator().analysisProperty().get() != null
                && window.navigator().analysisProperty().get().findings().stream().anyMatch(f -> !f.compiler().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.compilerCheckProperty().get().headCommit()).isEqualTo(window.backend().branch().toId());
        List<Finding> findings = window.navigator().analysisProperty().get().findings();
        Finding merged = findings.stream().filter(f -> f.ruleId().equals("AL1")).findFirst().orElseThrow();
        assertThat(merged.sourceLabel()).isEqualTo("AL1 + clippy::await_holding_lock");
        assertThat(findings).noneMatch(f -> f.ruleId().equals("clippy::await_holding_lock"));
        HunkEntry unit = HunkEntry.of(window.navigator().analysisProperty().get()).stream()
                .filter(e -> e.findings().contains(merged)).findFirst().orElseThrow();
        assertThat(unit.findings()).filteredOn(f -> f.sourceLabel().contains("await_holding_lock")).hasSize(1);
        // The review's own analysis keeps the rule findings only: nothing to acknowledge came from the build.
        assertThat(window.analysisProperty().get().findings()).allMatch(f -> f.compiler().isEmpty());
    }
}
