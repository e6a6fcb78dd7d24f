package dev.rustreview.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Parent;

/**
 * Light or dark: AtlantaFX's Primer stylesheet for the controls, plus a {@code dark} class on the root
 * so styles/diff.css can switch the colours it defines itself (Rust tokens, markers).
 */
public final class Theme {

    private final BooleanProperty dark = new SimpleBooleanProperty();

    public Theme(Parent root, boolean startDark) {
        dark.addListener((obs, o, on) -> apply(root, on));
        dark.set(startDark);
        apply(root, startDark);
    }

    private static void apply(Parent root, boolean on) {
        useStylesheetOf(on);
        root.getStyleClass().remove("dark");
        if (on) {
            root.getStyleClass().add("dark");
        }
    }

    /**
     * Makes AtlantaFX's Primer (dark when {@code dark}) the controls' stylesheet. Called before the first control is
     * built, it also spares JavaFX parsing its own Modena stylesheet, which the first control otherwise loads as the
     * default. AtlantaFX ships the same stylesheet precompiled (binary CSS), which JavaFX reads without parsing.
     */
    static void useStylesheetOf(boolean dark) {
        String sheet = dark ? new PrimerDark().getUserAgentStylesheetBSS() : new PrimerLight().getUserAgentStylesheetBSS();
        if (!sheet.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(sheet);
        }
    }

    public void toggle() {
        dark.set(!dark.get());
    }

    public BooleanProperty darkProperty() {
        return dark;
    }
}
