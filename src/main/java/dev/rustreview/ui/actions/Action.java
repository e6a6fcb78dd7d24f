package dev.rustreview.ui.actions;

import java.util.Objects;
import javafx.scene.input.KeyCombination;

/**
 * One thing the reviewer can do: its menu, text, accelerator and handler. The same record builds the
 * menu item (and with it the keyboard shortcut) and the cheat sheet's line, so they cannot disagree.
 */
public record Action(String menu, String text, KeyCombination accelerator, Runnable handler) {

    public Action {
        Objects.requireNonNull(menu);
        Objects.requireNonNull(text);
        Objects.requireNonNull(handler);
    }

    /** The accelerator as the menus show it ({@code Shift+J}), or empty. */
    public String keyText() {
        return accelerator == null ? "" : accelerator.getDisplayText();
    }
}
