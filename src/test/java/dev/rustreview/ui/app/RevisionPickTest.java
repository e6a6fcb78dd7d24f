package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.settings.AppDirs;
import dev.rustreview.ui.fx.FxExecutors;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Picking revisions in the top bar: a head that does not exist fails in one line, before any question. */
@ExtendWith(ApplicationExtension.class)
class RevisionPickTest {

    @TempDir
    Path home;

    private FxExecutors executors;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        executors = new FxExecutors();
        window = new MainWindow(executors, url -> { });
        Scene scene = new Scene(window, 1200, 800);
        scene.getStylesheets().addAll(RustReviewApp.stylesheets());
        stage.setScene(scene);
        stage.show();
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", home.toString()), "Linux", home);
        window.setOpener(request -> ReviewBackend.open(request, dirs));
        window.open(OpenRequest.sample());
    }

    @AfterEach
    void close() {
        window.close();
        executors.close();
    }

    @Test
    void anUnknownHeadIsReportedWithoutAskingWhetherItContinuesTheReview(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.review().isOpen());
        // Were the question asked first, its modal alert would block here and the status would never change.
        robot.interact(() -> new TopBarActions(window).changeRevisions("main", "agent/backup-executr"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> window.statusBar().messageText().contains("unknown revision 'agent/backup-executr'"));
        assertThat(window.statusBar().messageText()).contains("did you mean").doesNotContain("\n");
        assertThat(window.topBar().headPicker().getValue()).isNotEqualTo("agent/backup-executr");
        assertThat(window.review().isOpen()).isTrue();
    }
}
