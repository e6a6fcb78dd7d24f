package dev.rustreview.ui.fx;

import javafx.application.Platform;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Size, place and theme the window and its dialogs so they look the same under any window manager.
 *
 * <p>Why this exists: with JavaFX 21 on GTK, several window managers (openbox, recent mutter) map a new
 * stage at 200x200 whatever its scene asks for (JDK-8316423, fixed only in JavaFX 22), and a dialog shown a
 * second time, or one whose owner has moved, can land at the screen's top-left corner. Asking again once
 * the window is on screen, and centring every dialog on its owner ourselves, works on all of them. Dialogs
 * also need the window's stylesheets and its {@code dark} class, or they stay light in the dark theme.
 */
public final class Windows {

    private Windows() {
    }

    /** {@code width} x {@code height} made to fit the primary screen with room for the window manager's frame. */
    public static Dimension2D fitted(double width, double height) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        return new Dimension2D(Math.min(width, screen.getWidth() * 0.95), Math.min(height, screen.getHeight() * 0.92));
    }

    /**
     * Shows {@code stage} at its scene's size, centred. The size is asked again once the window is on screen:
     * that second request is the one the affected window managers honour (measured under openbox: without
     * it the stage reports 202x225 for a 1000x600 scene; with it, the scene's size plus the frame).
     */
    public static void showSized(Stage stage) {
        stage.show();
        Platform.runLater(() -> {
            stage.sizeToScene();
            stage.centerOnScreen();
        });
    }

    /** Makes {@code dialog} belong to {@code owner}: same stylesheets and theme, centred over it when shown. */
    public static void own(Dialog<?> dialog, Window owner) {
        if (owner == null) {
            return;
        }
        if (dialog.getOwner() == null) {
            dialog.initOwner(owner);
        }
        Scene scene = owner.getScene();
        if (scene != null) {
            dialog.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
            theme(dialog.getDialogPane(), scene.getRoot());
        }
        dialog.setOnShown(e -> centre(dialog.getX(), dialog.getY(), dialog.getWidth(), dialog.getHeight(), owner,
                (x, y) -> {
                    dialog.setX(x);
                    dialog.setY(y);
                }));
    }

    /** Makes {@code stage} belong to {@code owner}: same stylesheets and theme, centred over it when shown. */
    public static void own(Stage stage, Window owner) {
        stage.initOwner(owner);
        Scene ownerScene = owner == null ? null : owner.getScene();
        stage.setOnShown(e -> {
            Scene scene = stage.getScene();
            if (ownerScene != null && scene != null) {
                theme(scene.getRoot(), ownerScene.getRoot());
            }
            centre(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), owner, (x, y) -> {
                stage.setX(x);
                stage.setY(y);
            });
        });
    }

    /** Copies the theme class ({@code dark}) of the window's root onto a dialog's root. */
    public static void theme(Parent target, Parent windowRoot) {
        target.getStyleClass().remove("dark");
        if (windowRoot != null && windowRoot.getStyleClass().contains("dark")) {
            target.getStyleClass().add("dark");
        }
    }

    private interface Place {
        void at(double x, double y);
    }

    private static void centre(double x, double y, double width, double height, Window owner, Place place) {
        if (owner == null || Double.isNaN(width) || Double.isNaN(height) || width <= 0 || height <= 0) {
            return;
        }
        double cx = owner.getX() + (owner.getWidth() - width) / 2;
        double cy = owner.getY() + (owner.getHeight() - height) / 3;
        // Keep the dialog's title bar on the owner's screen even when the owner is partly off it.
        Rectangle2D bounds = Screen.getScreensForRectangle(owner.getX(), owner.getY(), owner.getWidth(),
                owner.getHeight()).stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
        cx = Math.max(bounds.getMinX(), Math.min(cx, bounds.getMaxX() - width));
        cy = Math.max(bounds.getMinY(), Math.min(cy, bounds.getMaxY() - height));
        if (Math.abs(cx - x) > 1 || Math.abs(cy - y) > 1) {
            place.at(cx, cy);
        }
    }
}
