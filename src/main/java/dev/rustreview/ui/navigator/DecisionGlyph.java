package dev.rustreview.ui.navigator;

import dev.rustreview.review.DecisionState;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/** A hunk's decision as one glyph with a colour and a tooltip: accepted ✓, rejected ✗, discuss ?, changed ↻. */
final class DecisionGlyph {

    private DecisionGlyph() {
    }

    static Label of(DecisionState state, boolean changed) {
        String glyph;
        String style;
        String tip;
        switch (state == null ? DecisionState.UNREVIEWED : state) {
            case ACCEPTED -> { glyph = "\u2713"; style = "glyph-accepted"; tip = "Accepted"; }
            case REJECTED -> { glyph = "\u2717"; style = "glyph-rejected"; tip = "Rejected"; }
            case DISCUSS -> { glyph = "?"; style = "glyph-discuss"; tip = "Needs discussion"; }
            default -> {
                glyph = changed ? "\u21bb" : "\u25cb";
                style = changed ? "glyph-changed" : "glyph-unreviewed";
                tip = changed ? "Changed by the agent since your decision: review again" : "Not reviewed yet";
            }
        }
        Label l = new Label(glyph);
        l.getStyleClass().addAll("decision-glyph", style);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setTooltip(new Tooltip(tip));
        return l;
    }
}
