package dev.rustreview.ui.navigator;

import java.util.OptionalInt;
import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** The navigator's nodes for {@link RoundMarks}: the "Hide unchanged" setting, unit marks and "viewed" boxes. */
final class RoundMarksView {

    private RoundMarksView() {
    }

    /**
     * "Hide unchanged since round N" and, when it hides any, how many ("12 units hidden"); shown from round 2 on
     * when the agent left some units as they were.
     */
    static javafx.scene.layout.FlowPane bar(RoundMarks marks) {
        CheckBox hide = new CheckBox();
        hide.getStyleClass().add("hide-unchanged");
        hide.selectedProperty().bindBidirectional(marks.hideUnchangedProperty());
        hide.textProperty().bind(Bindings.concat("Hide unchanged since round ", marks.sinceRoundProperty()));
        hide.setTooltip(new Tooltip("Hide units the agent left exactly as the last round showed them (Shift+U)"));
        Label count = new Label();
        count.getStyleClass().addAll("muted", "hidden-count");
        count.textProperty().bind(Bindings.createStringBinding(() -> {
            int hidden = marks.hiddenProperty().get();
            int unchanged = marks.unchangedCountProperty().get();
            return hidden > 0 ? "(" + hidden + (hidden == 1 ? " unit hidden)" : " units hidden)")
                    : "(" + unchanged + ")";
        }, marks.hiddenProperty(), marks.unchangedCountProperty()));
        count.setMinWidth(Region.USE_PREF_SIZE);
        // Wraps in a narrow pane rather than cutting the round number off.
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 2, hide, count);
        bar.getStyleClass().add("round-marks-bar");
        bar.visibleProperty().bind(marks.unchangedCountProperty().greaterThan(0));
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** Adds a unit's "unchanged since round N" or a file's "viewed" box to its row in the tree. */
    static void decorate(RoundMarks marks, NavNode node, HBox row, HunkEntry entry) {
        if (node.kind() == NavNode.Kind.HUNK) {
            OptionalInt since = marks.unchangedSince(entry);
            if (since.isPresent()) {
                Label mark = new Label("unchanged since round " + since.getAsInt());
                mark.getStyleClass().addAll("muted", "unchanged-mark");
                mark.setMinWidth(Region.USE_PREF_SIZE);
                mark.setTooltip(new Tooltip("Unchanged since round " + since.getAsInt()
                        + ": the agent left this unit as you saw it"));
                row.getChildren().add(mark); // last: the item's name stays in view in a narrow pane
                // ...and a compact sign beside the decision, which a narrow pane never cuts off.
                Label sign = new Label("=");
                sign.getStyleClass().addAll("muted", "unchanged-sign");
                sign.setMinWidth(Region.USE_PREF_SIZE);
                sign.setTooltip(mark.getTooltip());
                row.getChildren().add(1, sign);
                row.getStyleClass().add("nav-unchanged");
            }
            if (node.hunk() != null && marks.viewed(node.hunk().path())) {
                row.getStyleClass().add("nav-viewed");
            }
        } else if (node.kind() == NavNode.Kind.FILE) {
            String path = node.label();
            CheckBox box = new CheckBox();
            box.getStyleClass().add("viewed-box");
            box.setSelected(marks.viewed(path));
            box.setTooltip(new Tooltip(box.isSelected() ? "Viewed: cleared when the agent changes this file (Shift+V)"
                    : "Mark this file as viewed (Shift+V)"));
            box.setFocusTraversable(false);
            box.setUserData(path);
            box.setOnAction(e -> marks.viewedClicked(path, box.isSelected()));
            row.getChildren().add(0, box);
            if (box.isSelected()) {
                row.getStyleClass().add("nav-viewed");
            }
        }
    }
}
