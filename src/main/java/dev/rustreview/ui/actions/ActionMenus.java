package dev.rustreview.ui.actions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/** Builds the menu bar from actions, menus in first-seen order, each item carrying its accelerator. */
public final class ActionMenus {

    private ActionMenus() {
    }

    /** The menu bar; {@code owner} is any node of the window, used to find the focus owner at run time. */
    public static MenuBar menuBar(List<Action> actions, Node owner) {
        Map<String, Menu> menus = new LinkedHashMap<>();
        for (Action action : actions) {
            MenuItem item = new MenuItem(action.text());
            item.setAccelerator(action.accelerator());
            item.setOnAction(e -> {
                if (!typing(owner.getScene(), action.accelerator())) {
                    swallowTypedKey(owner.getScene(), action.accelerator());
                    action.handler().run();
                }
            });
            menus.computeIfAbsent(action.menu(), Menu::new).getItems().add(item);
        }
        MenuBar bar = new MenuBar();
        bar.getMenus().addAll(menus.values());
        if (owner.getScene() != null) {
            plainKeysFirst(owner.getScene(), actions);
        } else {
            owner.sceneProperty().addListener((obs, old, scene) -> {
                if (scene != null && old == null) {
                    plainKeysFirst(scene, actions);
                }
            });
        }
        return bar;
    }

    /**
     * Plain-key shortcuts ({@code j}, {@code a}, {@code c}) are handled before the focused control sees the key.
     * Scene accelerators only run for keys no control consumed, and the diff's read-only RichTextFX area consumes
     * every key press for its own bindings, so with focus in the diff (where lines are selected for a comment)
     * the letters did nothing. Text fields still get their letters.
     */
    private static void plainKeysFirst(Scene scene, List<Action> actions) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (scene.getFocusOwner() instanceof TextInputControl) {
                return;
            }
            for (Action action : actions) {
                KeyCombination key = action.accelerator();
                if (key != null && plain(key) && key.match(e)) {
                    e.consume();
                    swallowTypedKey(scene, key);
                    action.handler().run();
                    return;
                }
            }
        });
    }

    private static boolean plain(KeyCombination accelerator) {
        return accelerator.getControl() != KeyCombination.ModifierValue.DOWN
                && accelerator.getShortcut() != KeyCombination.ModifierValue.DOWN
                && accelerator.getAlt() != KeyCombination.ModifierValue.DOWN
                && accelerator.getMeta() != KeyCombination.ModifierValue.DOWN;
    }

    private static final Object SWALLOW = new Object();

    /**
     * A plain-letter shortcut fires on the key press; the same key's typed character follows. When the action
     * focuses a text field ({@code e} opens a note, {@code c} the comment editor) that character must not land in
     * it, so the scene drops the next typed event (until the key is released).
     */
    private static void swallowTypedKey(Scene scene, KeyCombination accelerator) {
        if (scene == null || accelerator == null || accelerator.getControl() == KeyCombination.ModifierValue.DOWN
                || accelerator.getShortcut() == KeyCombination.ModifierValue.DOWN) {
            return;
        }
        if (!scene.getProperties().containsKey(SWALLOW)) {
            boolean[] armed = new boolean[1];
            scene.getProperties().put(SWALLOW, armed);
            scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_TYPED, e -> {
                if (armed[0]) {
                    armed[0] = false;
                    e.consume();
                }
            });
            scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_RELEASED, e -> armed[0] = false);
        }
        ((boolean[]) scene.getProperties().get(SWALLOW))[0] = true;
    }

    /**
     * Single-letter shortcuts must not fire while the reviewer types in a text field ("j" in the filter
     * box is a letter, not "next hunk"); shortcuts with Ctrl/Cmd/Alt always fire.
     */
    static boolean typing(Scene scene, KeyCombination accelerator) {
        if (scene == null || accelerator == null) {
            return false;
        }
        return plain(accelerator) && scene.getFocusOwner() instanceof TextInputControl;
    }
}
