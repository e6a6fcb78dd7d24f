package dev.rustreview.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.Origin;
import dev.rustreview.ui.navigator.Fixtures;
import dev.rustreview.ui.navigator.HunkRef;
import dev.rustreview.ui.navigator.NavigatorModel;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A finding on code the merge-base already had is folded to its head line in the inspector until opened. */
@ExtendWith(ApplicationExtension.class)
class PreExistingFindingTest {

    @TempDir
    Path store;

    private InspectorPane pane;

    @Start
    void start(Stage stage) {
        ChangeAnalysis analysis = Fixtures.analysis(Origin.PRE_EXISTING);
        NavigatorModel navigator = new NavigatorModel();
        navigator.show(analysis);
        InspectorSample sample = new InspectorSample(analysis, store);
        pane = new InspectorPane(new InspectorModel(navigator), sample.review, link -> { }, InspectorSample.CLOCK);
        stage.setScene(new Scene(new BorderPane(pane), 700, 900));
        stage.show();
        navigator.selectedProperty().set(new HunkRef("src/lib.rs", 0));
    }

    @Test
    void theCardShowsItsHeadAndOpensOnDemand(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Node card = pane.lookup(".finding-card");
        assertThat(card.getStyleClass()).contains("finding-pre-existing");
        assertThat(pane.lookupAll(".origin-badge")).hasSize(1);
        Node acknowledge = pane.lookup(".ack-button");
        assertThat(acknowledge.isVisible() && acknowledge.getParent().getParent().isVisible()).isFalse();
        Hyperlink toggle = (Hyperlink) pane.lookup(".finding-toggle");
        assertThat(toggle.getText()).startsWith("Show details");
        robot.clickOn(toggle);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.lookup(".ack-button").getParent().getParent().isVisible()).isTrue();
        assertThat(((Hyperlink) pane.lookup(".finding-toggle")).getText()).isEqualTo("Hide details");
    }
}
