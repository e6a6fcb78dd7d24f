package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.settings.AppDirs;
import dev.rustreview.ui.fx.FxExecutors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A team mute list that cannot be read is said in the window, in the command line's words, and the review opens. */
@ExtendWith(ApplicationExtension.class)
class TeamMuteWarningTest {

    @TempDir
    Path dir;

    private FxExecutors executors;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        executors = new FxExecutors();
        window = new MainWindow(executors, url -> { });
        stage.setScene(new Scene(window, 1200, 800));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        // On the FX thread, as the application closes it (close touches the window's controls).
        WaitForAsyncUtils.asyncFx(() -> window.close()).get(60, java.util.concurrent.TimeUnit.SECONDS);
        executors.close();
    }

    @Test
    void aBrokenMuteListIsAOneLineWarningAndTheReviewStillOpens(FxRobot robot) throws Exception {
        Path repo = dir.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve(".rust-review.json"), "{\"mutedRules\": [\"PN1\",");
            Files.writeString(repo.resolve("lib.rs"), "pub fn a() {}\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("base").setAuthor("A", "a@x").setCommitter("A", "a@x").setSign(false).call();
            git.checkout().setCreateBranch(true).setName("agent/x").call();
            Files.writeString(repo.resolve("lib.rs"), "pub fn a() {}\npub fn b(v: Option<u8>) -> u8 { v.unwrap() }\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("add b").setAuthor("A", "a@x").setCommitter("A", "a@x").setSign(false).call();
        }
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", dir.resolve("home").toString()), "Linux", dir);
        robot.interact(() -> {
            window.setOpener(request -> ReviewBackend.open(request, dirs));
            window.open(new OpenRequest(repo, "main", "agent/x"));
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.review().isOpen());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.statusBar().messageText())
                .startsWith("Warning: .rust-review.json: is not valid JSON")
                .endsWith("(at the base; its muted rules were ignored)")
                .doesNotContain("\n");
        assertThat(window.statusBar().showsError()).isTrue();
        assertThat(window.review().mutes().rules()).isEmpty();
    }
}
