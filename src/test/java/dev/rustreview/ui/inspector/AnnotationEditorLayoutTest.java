package dev.rustreview.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.Side;
import dev.rustreview.ui.app.RustReviewApp;
import dev.rustreview.ui.fx.Clipping;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The comment editor at the inspector's default width and narrower: kinds, Save and Cancel keep their words. */
@ExtendWith(ApplicationExtension.class)
class AnnotationEditorLayoutTest {

    private StackPane host;

    @Start
    void start(Stage stage) {
        host = new StackPane();
        Scene scene = new Scene(host, 800, 600);
        scene.getStylesheets().addAll(RustReviewApp.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void nothingIsCutAtTheInspectorsWidths(FxRobot robot) {
        for (double width : new double[] {330, 280}) {
            List<String> cut = new ArrayList<>();
            robot.interact(() -> {
                AnnotationEditor editor = new AnnotationEditor(new AnnotationEditor.Target("src/lib.rs", Side.NEW, 3, 4),
                        (t, k, text, s) -> true, () -> { }, url -> { });
                host.getChildren().setAll(editor);
                editor.applyCss();
                editor.resize(width, editor.prefHeight(width));
                editor.layout();
                editor.applyCss();
                editor.layout();
                cut.addAll(Clipping.clipped(editor));
            });
            assertThat(cut).as("clipped at width " + width).isEmpty();
        }
    }
}
