package dev.rustreview.ui.rounds;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The strip over the diff when a review resumes on a moved head: what changed since the reviewer's last
 * round, a one-click way to see it, and a close button. Hidden (and taking no space) otherwise.
 */
public final class RoundBanner extends HBox {

    private final Label message = new Label();
    private final Button show = new Button("Show changes since last review");
    private final Button close = new Button("\u2715");

    public RoundBanner() {
        getStyleClass().add("round-banner");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        message.getStyleClass().add("round-banner-text");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        show.getStyleClass().addAll("round-banner-show", "accent");
        show.setMinWidth(Region.USE_PREF_SIZE);
        close.getStyleClass().addAll("round-banner-close", "flat");
        close.setMinWidth(Region.USE_PREF_SIZE);
        close.setOnAction(e -> hide());
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(message, show, close);
        hide();
    }

    /** Shows {@code text}; the button runs {@code onShow} (a null {@code onShow} hides the button). */
    public void show(String text, Runnable onShow) {
        message.setText(text);
        show.setVisible(onShow != null);
        show.setManaged(onShow != null);
        show.setOnAction(e -> {
            if (onShow != null) {
                onShow.run();
            }
        });
        setVisible(true);
        setManaged(true);
    }

    public void hide() {
        setVisible(false);
        setManaged(false);
    }

    public String text() {
        return message.getText();
    }

    public Button showButton() {
        return show;
    }
}
