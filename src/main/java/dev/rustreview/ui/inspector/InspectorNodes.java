package dev.rustreview.ui.inspector;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/**
 * The few label shapes every part of the inspector is built from, in one place so that the cards, the decision
 * bar and the pane wrap text and size badges the same way.
 */
final class InspectorNodes {

    private InspectorNodes() {
    }

    /** A section heading. */
    static Label section(String title) {
        return text(title, "inspector-section");
    }

    /** Wrapping text that never shrinks below its height, so long explanations are not cut off. */
    static Label text(String s, String style) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add(style);
        return l;
    }

    /** A badge that keeps its full width when the row is tight. */
    static Label badge(String s, String style) {
        Label b = new Label(s);
        b.getStyleClass().addAll("badge", style);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** Whether {@code n} is {@code ancestor} or inside it; false for a null node. */
    static boolean isInside(Node n, Node ancestor) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (x == ancestor) {
                return true;
            }
        }
        return false;
    }
}
