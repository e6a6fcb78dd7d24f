package dev.rustreview.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.ui.app.RustReviewApp;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Dialogs take the window's owner, stylesheets and theme; the window gets the size it asked for. */
@ExtendWith(ApplicationExtension.class)
class WindowsTest {

    private Stage stage;
    private StackPane root;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        root = new StackPane();
        javafx.geometry.Dimension2D size = Windows.fitted(1000, 700);
        Scene scene = new Scene(root, size.getWidth(), size.getHeight());
        scene.getStylesheets().addAll(RustReviewApp.stylesheets());
        stage.setScene(scene);
        Windows.showSized(stage);
    }

    @Test
    void theWindowGetsTheSizeItAskedFor(FxRobot robot) {
        robot.interact(() -> { });
        assertThat(stage.getScene().getWidth()).isEqualTo(1000);
        assertThat(stage.getScene().getHeight()).isEqualTo(700);
    }

    @Test
    void aSizeLargerThanTheScreenIsFittedToIt() {
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        javafx.geometry.Dimension2D size = Windows.fitted(screen.getWidth() * 3, screen.getHeight() * 3);
        assertThat(size.getWidth()).isLessThan(screen.getWidth()).isGreaterThan(screen.getWidth() * 0.9);
        assertThat(size.getHeight()).isLessThan(screen.getHeight()).isGreaterThan(screen.getHeight() * 0.9);
    }

    @Test
    void aDialogInTheDarkThemeIsDarkAndStyledLikeTheWindow(FxRobot robot) {
        robot.interact(() -> {
            root.getStyleClass().add("dark");
            Dialog<Void> dialog = new Dialog<>();
            Windows.own(dialog, stage);
            assertThat(dialog.getOwner()).isSameAs(stage);
            assertThat(dialog.getDialogPane().getStylesheets()).containsExactlyElementsOf(stage.getScene().getStylesheets());
            assertThat(dialog.getDialogPane().getStyleClass()).contains("dark");
        });
    }

    @Test
    void aDialogInTheLightThemeHasNoDarkClass(FxRobot robot) {
        robot.interact(() -> {
            root.getStyleClass().remove("dark");
            Dialog<Void> dialog = new Dialog<>();
            dialog.getDialogPane().getStyleClass().add("dark");
            Windows.own(dialog, stage);
            assertThat(dialog.getDialogPane().getStyleClass()).doesNotContain("dark");
        });
    }
}
