package dev.rustreview.ui.fx;

import javafx.geometry.Insets;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Dialog layouts that never clip their words. A GridPane shrinks every column alike when space is short, so
 * "Format" became "…" and "Choose…" became "Ch…"; here the label column keeps its width and the field column
 * takes what is left, and buttons and wrapped notes keep the size their text needs.
 */
public final class Forms {

    private Forms() {
    }

    /** A two-column form grid: labels at their full width, fields growing. */
    public static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().setAll(labels, fields);
        return grid;
    }

    /** Keeps {@code controls} at least as wide as their text (buttons, toggles, short labels). */
    public static void keepWidth(Control... controls) {
        for (Control c : controls) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
    }

    /** A wrapped note as tall as its text at the width it gets, never cut to one line with "…". */
    public static void wrapped(Labeled note) {
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
    }
}
