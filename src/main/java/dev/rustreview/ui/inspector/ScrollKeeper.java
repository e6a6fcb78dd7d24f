package dev.rustreview.ui.inspector;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * The scroll pane around the inspector's content. A repaint changes the content's height as cards open and
 * close, so the position is kept in pixels (the same pixel stays at the top) rather than as a fraction; and a
 * field opened below the fold is scrolled into view.
 */
final class ScrollKeeper {

    /** Whose scene decides whether layout is possible yet: the content itself is parented only by the skin. */
    private final Node owner;
    private final VBox content;
    private final ScrollPane scroll;

    ScrollKeeper(Node owner, VBox content) {
        this.owner = owner;
        this.content = content;
        scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
    }

    ScrollPane pane() {
        return scroll;
    }

    /** The distance in pixels from the top of the content to the top of the viewport. */
    double offset() {
        double viewport = scroll.getViewportBounds().getHeight();
        return scroll.getVvalue() * Math.max(0, content.getHeight() - viewport);
    }

    /** After a repaint, scrolls back to {@code offset} pixels, as near as the new content's height allows. */
    void restore(double offset) {
        if (owner.getScene() == null) {
            return;
        }
        layout();
        double extra = content.getHeight() - scroll.getViewportBounds().getHeight();
        scroll.setVvalue(extra <= 0 ? 0 : Math.min(1, offset / extra));
    }

    /** Back to the top: another hunk is shown. */
    void top() {
        scroll.setVvalue(0);
    }

    /** Scrolls so that {@code n} (inside the content) is in view. */
    void reveal(Node n) {
        if (owner.getScene() == null || !InspectorNodes.isInside(n, content)) {
            return;
        }
        layout();
        Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
        double viewport = scroll.getViewportBounds().getHeight();
        double extra = content.getHeight() - viewport;
        if (extra <= 0 || viewport <= 0) {
            return;
        }
        double top = extra * scroll.getVvalue();
        if (b.getMinY() < top) {
            scroll.setVvalue(b.getMinY() / extra);
        } else if (b.getMaxY() > top + viewport) {
            scroll.setVvalue(Math.min(1, (b.getMaxY() - viewport) / extra));
        }
    }

    /** Sizes the freshly built content now, so that heights and bounds are those of what will be shown. */
    private void layout() {
        content.applyCss();
        content.layout();
        scroll.layout();
    }
}
