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

    /**
     * The accelerator as the key you press: a plain letter in lower case ({@code j}, {@code Shift+J}),
     * {@code ?} rather than {@code Shift+/}, modified keys as JavaFX writes them ({@code Ctrl+R}); or empty.
     */
    public String keyText() {
        if (accelerator == null) {
            return "";
        }
        String shown = accelerator.getDisplayText();
        if (shown.equals("Shift+/")) {
            return "?";
        }
        return shown.length() == 1 && Character.isLetter(shown.charAt(0)) ? shown.toLowerCase(java.util.Locale.ROOT) : shown;
    }
}
