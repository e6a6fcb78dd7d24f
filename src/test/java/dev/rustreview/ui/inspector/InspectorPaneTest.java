package dev.rustreview.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.Side;
import dev.rustreview.review.Acknowledgement;
import dev.rustreview.review.AnnotationKind;
import dev.rustreview.review.DecisionState;
import dev.rustreview.ui.navigator.Fixtures;
import dev.rustreview.ui.navigator.HunkRef;
import dev.rustreview.ui.navigator.NavigatorModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The inspector's decision bar, finding acknowledgements and annotation editor, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class InspectorPaneTest {

    private static final String HUNK = "H0";

    @TempDir
    Path store;

    private final List<String> links = new CopyOnWriteArrayList<>();
    private InspectorSample sample;
    private InspectorPane pane;
    private TextField elsewhere;

    @Start
    void start(Stage stage) {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        ChangeAnalysis analysis = Fixtures.analysis();
        NavigatorModel navigator = new NavigatorModel();
        navigator.show(analysis);
        InspectorModel model = new InspectorModel(navigator);
        sample = new InspectorSample(analysis, store);
        pane = new InspectorPane(model, sample.review, links::add, InspectorSample.CLOCK);
        elsewhere = new TextField("stand-in for the diff view");
        Scene scene = new Scene(new BorderPane(pane, null, null, null, elsewhere), 700, 900);
        scene.getStylesheets().add(InspectorPaneTest.class.getResource("/styles/inspector.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        navigator.selectedProperty().set(new HunkRef("src/lib.rs", 0));
        elsewhere.requestFocus();
    }

    private Label stateBadge() {
        return (Label) pane.lookup("#decision-state");
    }

    @Test
    void clickingAcceptRecordsItAndTheBarShowsIt(FxRobot robot) {
        assertThat(stateBadge().getText()).isEqualTo("Unreviewed");
        robot.clickOn(pane.lookup("#decide-accepted"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sample.review.state(HUNK)).isEqualTo(DecisionState.ACCEPTED);
        assertThat(stateBadge().getText()).isEqualTo("Accepted");
        assertThat(stateBadge().getStyleClass()).contains("state-accepted");
        Button accept = (Button) pane.lookup("#decide-accepted");
        assertThat(accept.getStyleClass()).contains("decision-current");
        assertThat(accept.isFocused()).as("focus stays on the rebuilt button").isTrue();
        assertThat(pane.lookup("#decide-rejected").getStyleClass()).doesNotContain("decision-current");
        assertThat(texts(pane.content())).anyMatch(t -> t.startsWith("by Tester \u00b7 2026-11-22 10:00"));
        assertThat(sample.errors).isEmpty();
    }

    @Test
    void rejectOpensAFocusedReasonFieldEnterConfirmsAndFocusGoesBack(FxRobot robot) {
        robot.interact(() -> assertThat(pane.reject()).isTrue());
        TextField field = pane.inlineField().orElseThrow();
        assertThat(field.isFocused()).isTrue();
        assertThat(pane.isEditing()).isTrue();
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sample.review.state(HUNK)).as("no reason, no rejection").isEqualTo(DecisionState.UNREVIEWED);
        assertThat(sample.errors).singleElement().asString().contains("reason");
        assertThat(pane.inlineField()).contains(field);

        robot.write("holds the lock across await");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sample.review.state(HUNK)).isEqualTo(DecisionState.REJECTED);
        assertThat(sample.review.decision(HUNK).orElseThrow().reason()).isEqualTo("holds the lock across await");
        assertThat(pane.inlineField()).isEmpty();
        assertThat(stateBadge().getText()).isEqualTo("Rejected");
        assertThat(((Label) pane.lookup("#decision-reason")).getText()).isEqualTo("Reason: holds the lock across await");
        assertThat(elsewhere.isFocused()).as("focus back where the reviewer was").isTrue();
        assertThat(pane.isEditing()).isFalse();
    }

    @Test
    void escapeCancelsTheReason(FxRobot robot) {
        robot.interact(pane::reject);
        robot.write("never mind");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.inlineField()).isEmpty();
        assertThat(sample.review.state(HUNK)).isEqualTo(DecisionState.UNREVIEWED);
        assertThat(pane.isEditing()).isFalse();
    }

    @Test
    void acknowledgeNextOpensTheNoteFieldOnTheFirstOpenFindingAndEnterAcknowledges(FxRobot robot) {
        robot.interact(() -> assertThat(pane.acknowledgeNext()).isTrue());
        assertThat(pane.inlineField().orElseThrow().isFocused()).isTrue();
        robot.write("guard dropped first");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        Acknowledgement ack = sample.review.acknowledgement("F1").orElseThrow();
        assertThat(ack.kind()).isEqualTo(Acknowledgement.Kind.CHECKED);
        assertThat(ack.note()).isEqualTo("guard dropped first");
        assertThat(texts(pane.content())).anyMatch(t -> t.startsWith("checked by Tester: guard dropped first"));
        robot.interact(() -> assertThat(pane.acknowledgeNext()).as("nothing left to acknowledge").isFalse());
        assertThat(pane.hunkReview().nextUnanswered()).isEmpty();
    }

    @Test
    void dismissNeedsAReason(FxRobot robot) {
        Button dismiss = (Button) pane.content().lookupAll(".dismiss-button").iterator().next();
        robot.clickOn(dismiss);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sample.review.acknowledgement("F1")).isEmpty();
        robot.write("std mutex, dropped before the await");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sample.review.acknowledgement("F1").orElseThrow().kind()).isEqualTo(Acknowledgement.Kind.DISMISSED);
        assertThat(texts(pane.content())).anyMatch(t -> t.startsWith("dismissed by Tester: std mutex"));
    }

    @Test
    void beginAnnotationTypingMarkdownAndCtrlEnterSavesAndRendersIt(FxRobot robot) {
        robot.interact(() -> assertThat(pane.beginAnnotation("src/lib.rs", Side.NEW, 1, 2)).isTrue());
        AnnotationEditor editor = pane.editor().orElseThrow();
        assertThat(texts(editor)).contains("Comment on new lines 1\u20132 of src/lib.rs");
        assertThat(editor.textArea().isFocused()).isTrue();
        assertThat(pane.isEditing()).isTrue();
        assertThat(editor.kind()).isEqualTo(AnnotationKind.ISSUE);
        robot.write("**Race** here");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(boldTexts(editor)).as("live preview").contains("Race");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(sample.review.annotations("src/lib.rs")).singleElement().satisfies(a -> {
            assertThat(a.text()).isEqualTo("**Race** here");
            assertThat(a.kind()).isEqualTo(AnnotationKind.ISSUE);
            assertThat(a.anchor().hunkId()).isEqualTo(HUNK);
        });
        assertThat(pane.editor()).isEmpty();
        assertThat(pane.hunkReview().annotations()).hasSize(1);
        Node card = pane.content().lookup(".annotation-card");
        assertThat(boldTexts(card)).containsExactly("Race");
        assertThat(texts(card)).contains("new 1\u20132", "Tester", "issue");
        assertThat(elsewhere.isFocused()).isTrue();
        assertThat(pane.isEditing()).isFalse();
    }

    @Test
    void escapeCancelsTheEditorAndAFileCommentSavesWithoutLines(FxRobot robot) {
        robot.interact(() -> pane.beginAnnotation("src/lib.rs", Side.NEW, 2, 2));
        robot.write("draft");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.editor()).isEmpty();
        assertThat(sample.review.annotations("src/lib.rs")).isEmpty();

        robot.interact(() -> pane.beginFileAnnotation("src/lib.rs"));
        assertThat(texts(pane.editor().orElseThrow())).contains("Comment on file src/lib.rs");
        robot.write("See `save`");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sample.review.annotations("src/lib.rs")).singleElement()
                .satisfies(a -> assertThat(a.anchor().scope()).isEqualTo(dev.rustreview.review.Anchor.Scope.FILE));
        assertThat(texts(pane.content())).contains("whole file");
    }

    @Test
    void aRepaintKeepsTheReplyBeingTypedAndItsFocus(FxRobot robot) {
        robot.interact(() -> sample.review.annotateLines("src/lib.rs", Side.NEW, 2, 2, AnnotationKind.QUESTION,
                "Why *here*?", null));
        TextField reply = (TextField) pane.content().lookup(".reply-field");
        robot.clickOn(reply).write("because");
        assertThat(pane.isEditing()).isTrue();
        robot.interact(() -> sample.review.decide(HUNK, DecisionState.DISCUSS, null));
        assertThat(stateBadge().getText()).isEqualTo("Needs discussion");
        assertThat(pane.content().lookup(".reply-field")).isSameAs(reply);
        assertThat(reply.getText()).isEqualTo("because");
        assertThat(reply.isFocused()).isTrue();
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sample.review.annotations("src/lib.rs").get(0).replies()).singleElement()
                .satisfies(r -> assertThat(r.text()).isEqualTo("because"));
        assertThat(reply.getText()).isEmpty();
        robot.clickOn(pane.content().lookup(".resolve-button"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sample.review.annotations("src/lib.rs").get(0).resolved()).isTrue();
        assertThat(((Button) pane.content().lookup(".resolve-button")).getText()).isEqualTo("Reopen");
    }

    private static List<String> texts(Node root) {
        List<String> out = new java.util.ArrayList<>();
        collect(root, n -> {
            if (n instanceof Label l) {
                out.add(l.getText());
            } else if (n instanceof Text t) {
                out.add(t.getText());
            }
        });
        return out;
    }

    private static List<String> boldTexts(Node root) {
        List<String> out = new java.util.ArrayList<>();
        collect(root, n -> {
            if (n instanceof Text t && t.getStyleClass().contains("md-strong")) {
                out.add(t.getText());
                assertThat(t.getFont().getStyle().toLowerCase()).as("rendered bold by inspector.css").contains("bold");
            }
        });
        return out;
    }

    private static void collect(Node n, java.util.function.Consumer<Node> visit) {
        visit.accept(n);
        if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, visit));
        }
    }
}
