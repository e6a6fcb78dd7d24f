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
            Label text = new Label(a.text());
            // Never "Ctrl+S…": a key that cannot be read is no use; the sheet asks for the room instead.
            key.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            text.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.add(key, 0, row);
            grid.add(text, 1, row++);
        }
        return grid;
    }

    /**
     * The sheet as shown: the actions in {@code columns} tables side by side, each starting at a menu (one long
     * column ran off a 1280×800 screen).
     */
    public static javafx.scene.layout.HBox sheet(List<Action> actions, int columns) {
        javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(16);
        int from = 0;
        for (int c = columns; c > 0 && from < actions.size(); c--) {
            int to = c == 1 ? actions.size() : splitIndex(actions, from, (actions.size() - from) / c);
            row.getChildren().add(table(actions.subList(from, to)));
            from = to;
        }
        return row;
    }

    /** The first action of the menu starting nearest {@code from + size}, after {@code from}. */
    static int splitIndex(List<Action> actions, int from, int size) {
        int target = from + size;
        int best = actions.size();
        for (int i = from + 1; i < actions.size(); i++) {
            boolean starts = !actions.get(i).menu().equals(actions.get(i - 1).menu());
            if (starts && Math.abs(i - target) < Math.abs(best - target)) {
                best = i;
            }
        }
        return best;
    }

    /** Columns the sheet needs to fit a screen {@code height} pixels tall (about 22 px a row). */
    static int columnsFor(List<Action> actions, double height) {
        double rows = actions.size() + actions.stream().map(Action::menu).distinct().count();
        double room = Math.max(200, height - 180); // the title bar, the padding and the Close button
        return (int) Math.max(2, Math.ceil(rows * 22 / room));
    }

    /** Shows the sheet in a non-modal dialog over {@code owner}, fitted to the owner's screen. */
    public static Dialog<ButtonType> show(Window owner, List<Action> actions) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dev.rustreview.ui.fx.Windows.own(dialog, owner);
        dialog.initModality(javafx.stage.Modality.NONE);
        dialog.setTitle("Keyboard shortcuts");
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getScreensForRectangle(owner.getX(), owner.getY(),
                Math.max(1, owner.getWidth()), Math.max(1, owner.getHeight())).stream().findFirst()
                .orElse(javafx.stage.Screen.getPrimary()).getVisualBounds();
        dialog.getDialogPane().setContent(sheet(actions, columnsFor(actions, screen.getHeight())));
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.show();
        return dialog;
    }
}
