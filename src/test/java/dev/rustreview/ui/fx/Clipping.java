package dev.rustreview.ui.fx;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/** Finds words a layout cut short: a label, button or toggle whose drawn text is not its text ("Ch…"). */
public final class Clipping {

    private Clipping() {
    }

    /** The texts of every visible {@link Labeled} under {@code root} that is drawn shortened; empty when none. */
    public static List<String> clipped(Parent root) {
        List<String> cut = new ArrayList<>();
        collect(root, cut);
        return cut;
    }

    private static void collect(Node node, List<String> cut) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
            Node drawn = labeled.lookup(".text");
            if (drawn instanceof Text text && !text.getText().replace("\n", " ").strip()
                    .equals(labeled.getText().replace("\n", " ").strip())) {
                cut.add(labeled.getText() + " drawn as " + text.getText());
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, cut);
            }
        }
    }
}
