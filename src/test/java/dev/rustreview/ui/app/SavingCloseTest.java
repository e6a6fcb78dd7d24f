package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Closing the window waits for the save on a worker, bounded, and never closes over a failed save unasked. */
@ExtendWith(ApplicationExtension.class)
class SavingCloseTest {

    private Stage stage;
    private final List<CompletableFuture<Boolean>> saves = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private final AtomicBoolean closeWhileSaving = new AtomicBoolean();
    private final AtomicBoolean closeAfterFailure = new AtomicBoolean();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    private SavingClose install(FxRobot robot, Duration patience) {
        SavingClose close = new SavingClose(stage, () -> {
            CompletableFuture<Boolean> save = new CompletableFuture<>();
            saves.add(save);
            return save;
        }, () -> "The review was not saved: disk full", patience, new SavingClose.Questions() {
            @Override
            public boolean closeWhileSaving() {
                asked.add("slow");
                return closeWhileSaving.get();
            }

            @Override
            public boolean closeAfterFailure(String problem) {
                asked.add(problem);
                return closeAfterFailure.get();
            }
        });
        robot.interact(close::install);
        return close;
    }

    private void requestClose(FxRobot robot) {
        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    @Test
    void theWindowStaysUntilTheSaveIsDoneThenCloses(FxRobot robot) {
        SavingClose close = install(robot, Duration.seconds(60));
        requestClose(robot);
        requestClose(robot); // impatient second click: still one save
        assertThat(stage.isShowing()).isTrue();
        assertThat(saves).hasSize(1);
        saves.get(0).complete(true); // completes on the "worker", the window closes on the FX thread
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isFalse();
        assertThat(close.savedBeforeClose()).isTrue();
        assertThat(close.abandoned()).isFalse();
        assertThat(asked).isEmpty();
    }

    @Test
    void aFailedSaveAsksAndStayingOpenLetsTheReviewerTryAgain(FxRobot robot) {
        SavingClose close = install(robot, Duration.seconds(60));
        requestClose(robot);
        saves.get(0).complete(false);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(asked).containsExactly("The review was not saved: disk full");
        assertThat(stage.isShowing()).isTrue();
        requestClose(robot);
        assertThat(saves).hasSize(2);
        saves.get(1).complete(true);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isFalse();
        assertThat(close.savedBeforeClose()).isTrue();
    }

    @Test
    void aSlowSaveOffersToCloseWithoutItAfterThePatienceRunsOut(FxRobot robot) throws Exception {
        closeWhileSaving.set(true);
        SavingClose close = install(robot, Duration.millis(200));
        requestClose(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !stage.isShowing());
        assertThat(asked).containsExactly("slow");
        assertThat(close.abandoned()).isTrue();
        saves.get(0).complete(true); // finishing late changes nothing: nothing may write after abandoning
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(close.savedBeforeClose()).isFalse();
    }
}
