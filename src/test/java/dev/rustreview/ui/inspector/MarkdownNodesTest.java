package dev.rustreview.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Markdown to JavaFX nodes: the structure the inspector shows, without a WebView. */
@ExtendWith(ApplicationExtension.class)
class MarkdownNodesTest {

    private final List<String> opened = new ArrayList<>();

    @Start
    void start(Stage stage) {
        // Only the FX toolkit is needed.
    }

    @Test
    void rendersInlineStylesCodeBlocksListsAndLinks(FxRobot robot) {
        VBox[] box = new VBox[1];
        robot.interact(() -> box[0] = MarkdownNodes.render("""
                **Race** on *the* guard `g`
                across lines

                ```rust
                let g = m.lock();
                ```

                - one
                - two

                3. third
                4. fourth

                See [the lint](https://rust-lang.github.io/clippy/) and <b>raw</b>.
                """, opened::add));
        List<Node> blocks = box[0].getChildren();
        assertThat(blocks).hasSize(5);

        TextFlow first = (TextFlow) blocks.get(0);
        assertThat(styled(first, "md-strong")).containsExactly("Race");
        assertThat(styled(first, "md-emphasis")).containsExactly("the");
        assertThat(styled(first, "md-code")).containsExactly("g");
        assertThat(text(first)).isEqualTo("Race on the guard g across lines");

        Label code = (Label) blocks.get(1);
        assertThat(code.getStyleClass()).contains("md-code-block");
        assertThat(code.getText()).isEqualTo("let g = m.lock();");

        assertThat(markers(blocks.get(2))).containsExactly("\u2022", "\u2022");
        assertThat(markers(blocks.get(3))).containsExactly("3.", "4.");

        TextFlow last = (TextFlow) blocks.get(4);
        Hyperlink link = (Hyperlink) last.getChildren().stream().filter(n -> n instanceof Hyperlink).findFirst().orElseThrow();
        assertThat(link.getText()).isEqualTo("the lint");
        assertThat(text(last)).contains("<https://rust-lang.github.io/clippy/>").contains("<b>raw</b>");
        robot.interact(link::fire);
        assertThat(opened).containsExactly("https://rust-lang.github.io/clippy/");
    }

    @Test
    void emptyAndNullRenderNothing(FxRobot robot) {
        robot.interact(() -> {
            assertThat(MarkdownNodes.render("", opened::add).getChildren()).isEmpty();
            assertThat(MarkdownNodes.render(null, opened::add).getChildren()).isEmpty();
        });
    }

    private static List<String> styled(TextFlow flow, String style) {
        return flow.getChildren().stream().filter(n -> n instanceof Text && n.getStyleClass().contains(style))
                .map(n -> ((Text) n).getText()).toList();
    }

    private static String text(TextFlow flow) {
        StringBuilder sb = new StringBuilder();
        flow.getChildren().forEach(n -> sb.append(n instanceof Text t ? t.getText() : n instanceof Hyperlink h ? h.getText() : ""));
        return sb.toString();
    }

    private static List<String> markers(Node list) {
        return ((Parent) list).getChildrenUnmodifiable().stream()
                .map(row -> ((Label) ((HBox) row).getChildren().get(0)).getText()).toList();
    }
}
