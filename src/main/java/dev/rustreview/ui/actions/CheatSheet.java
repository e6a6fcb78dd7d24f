package dev.rustreview.ui.actions;

import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The keyboard cheat sheet: every action with its shortcut, grouped by menu, built from the same records. */
public final class CheatSheet {

    private CheatSheet() {
    }

    /** The table of shortcuts, one row per action (menu headings in between). */
    public static GridPane table(List<Action> actions) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("cheat-sheet");
        grid.setHgap(24);
        grid.setPadding(new javafx.geometry.Insets(4, 12, 4, 12));
        grid.setVgap(4);
        int row = 0;
        String menu = null;
        for (Action a : actions) {
            if (!a.menu().equals(menu)) {
                menu = a.menu();
                Label heading = new Label(menu);
                heading.getStyleClass().add("inspector-section");
                grid.add(heading, 0, row++, 2, 1);
            }
            Label key = new Label(a.keyText());
            key.getStyleClass().add("cheat-key");
            grid.add(key, 0, row);
            grid.add(new Label(a.text()), 1, row++);
        }
        return grid;
    }

    /** Shows the sheet in a non-modal dialog over {@code owner}. */
    public static Dialog<ButtonType> show(Window owner, List<Action> actions) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dev.rustreview.ui.fx.Windows.own(dialog, owner);
        dialog.initModality(javafx.stage.Modality.NONE);
        dialog.setTitle("Keyboard shortcuts");
        dialog.getDialogPane().setContent(table(actions));
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.show();
        return dialog;
    }
}
