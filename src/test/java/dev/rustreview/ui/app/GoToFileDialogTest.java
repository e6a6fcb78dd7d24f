package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Go to file: typing narrows the changed files, Up/Down choose from the field, OK gives the chosen path. */
@ExtendWith(ApplicationExtension.class)
class GoToFileDialogTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    @Test
    void typingNarrowsArrowKeysChooseAndOkGivesThePath(FxRobot robot) {
        GoToFileDialog[] d = new GoToFileDialog[1];
        robot.interact(() -> d[0] = new GoToFileDialog(List.of("src/backup/executor.rs", "src/backup/mod.rs",
                "Cargo.toml", "src/exec.rs"), stage));
        assertThat(d[0].list().getItems()).hasSize(4);
        robot.interact(() -> d[0].query().setText("exe"));
        assertThat(d[0].list().getItems()).containsExactly("src/exec.rs", "src/backup/executor.rs");
        assertThat(d[0].list().getSelectionModel().getSelectedItem()).isEqualTo("src/exec.rs");
        robot.interact(() -> d[0].query().fireEvent(key(KeyCode.DOWN)));
        assertThat(d[0].list().getSelectionModel().getSelectedItem()).isEqualTo("src/backup/executor.rs");
        robot.interact(() -> d[0].query().fireEvent(key(KeyCode.DOWN))); // stays on the last
        robot.interact(() -> d[0].query().fireEvent(key(KeyCode.UP)));
        assertThat(d[0].list().getSelectionModel().getSelectedItem()).isEqualTo("src/exec.rs");
        assertThat(d[0].dialog().getResultConverter().call(ButtonType.OK)).isEqualTo("src/exec.rs");
        assertThat(d[0].dialog().getResultConverter().call(ButtonType.CANCEL)).isNull();
        robot.interact(() -> d[0].query().setText("nothing-like-this"));
        assertThat(d[0].list().getItems()).isEmpty();
        assertThat(d[0].dialog().getResultConverter().call(ButtonType.OK)).isNull();
    }

    private static KeyEvent key(KeyCode code) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false);
    }
}
