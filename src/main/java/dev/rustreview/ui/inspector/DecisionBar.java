package dev.rustreview.ui.inspector;

import static dev.rustreview.ui.inspector.InspectorNodes.badge;
import static dev.rustreview.ui.inspector.InspectorNodes.text;

import dev.rustreview.review.Decision;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.OutdatedDecision;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The top of a hunk's inspector: its decision state with who decided and when, the reason, a warning when the
 * agent changed the hunk since, earlier rounds' decisions, and the accept, reject, needs discussion and reset
 * buttons, with the reject reason field under them while it is open. The buttons run the same actions as the
 * window's keys, so clicking and typing behave alike.
 */
final class DecisionBar {

    /** The pane's decision commands, shared with the window's keys. */
    record Actions(BooleanSupplier accept, BooleanSupplier reject, BooleanSupplier discuss, BooleanSupplier reset) {
    }

    private final Clock clock;
    private final FocusKeeper keys;
    private final Actions actions;

    DecisionBar(Clock clock, FocusKeeper keys, Actions actions) {
        this.clock = clock;
        this.keys = keys;
        this.actions = actions;
    }

    /** The bar for {@code r}; {@code inline} is the open inline field, shown here when it is r's reject reason. */
    Node render(HunkReview r, InlineField inline) {
        VBox bar = new VBox(6);
        bar.getStyleClass().addAll("decision-bar", "decision-" + r.state().label());
        Label state = badge(r.stateLabel(), "state-badge");
        state.getStyleClass().add("state-" + r.state().label());
        state.setId("decision-state");
        HBox head = new HBox(8, state);
        head.setAlignment(Pos.CENTER_LEFT);
        if (r.decision() != null) {
            head.getChildren().add(text(r.decisionByline(clock.instant(), clock.getZone()), "muted"));
        }
        bar.getChildren().add(head);
        if (r.decision() != null && r.decision().reason() != null) {
            Label reason = text("Reason: " + r.decision().reason(), "decision-reason");
            reason.setId("decision-reason");
            bar.getChildren().add(reason);
        }
        if (r.changedSince().isPresent()) {
            Label changed = text("\u26a0 Changed by the agent since round " + r.changedSince().getAsInt()
                    + ": decide it again", "changed-since");
            changed.setId("changed-since");
            bar.getChildren().add(changed);
        }
        for (OutdatedDecision o : r.outdated()) {
            Decision old = o.decision();
            bar.getChildren().add(text("Round " + old.round() + " (outdated since round " + o.sinceRound() + "): "
                    + HunkReview.label(old.state()) + " by " + HunkReview.who(old.author())
                    + (old.reason() == null ? "" : " \u2014 " + old.reason()), "outdated-decision"));
        }
        FlowPane buttons = new FlowPane(6, 6);
        buttons.getStyleClass().add("decision-buttons");
        buttons.getChildren().addAll(
                button("Accept", "a", DecisionState.ACCEPTED, r, "success", actions.accept()),
                button("Reject\u2026", "x", DecisionState.REJECTED, r, "danger", actions.reject()),
                button("Needs discussion", "d", DecisionState.DISCUSS, r, "accent", actions.discuss()),
                button("Reset", null, DecisionState.UNREVIEWED, r, null, actions.reset()));
        bar.getChildren().add(buttons);
        if (!r.decidable()) {
            bar.getChildren().add(text("The analyzer did not categorise this hunk, so it cannot be decided.", "muted"));
        } else if (!r.reviewOpen()) {
            bar.getChildren().add(text("No review is open yet: decisions are possible once the analysis finishes.", "muted"));
        }
        if (inline != null && inline.rejects(r.hunkId())) {
            bar.getChildren().add(inline.row("Reason:", "Enter rejects \u00b7 Esc cancels"));
        }
        return bar;
    }

    /** One decision button; the current state's button is marked (and coloured) and Reset is off when unreviewed. */
    private Button button(String label, String key, DecisionState state, HunkReview r, String colour,
                          BooleanSupplier action) {
        Button b = new Button(label);
        b.getStyleClass().addAll("decision-button", "decide-" + state.label());
        b.setId("decide-" + state.label());
        keys.key(b, "decide-" + state.label());
        boolean current = r.state() == state;
        if (current) {
            b.getStyleClass().add("decision-current");
            if (colour != null) {
                b.getStyleClass().add(colour);
            }
        }
        if (key != null) {
            b.setTooltip(new Tooltip(label.replace("\u2026", "") + " (" + key + ")"));
        }
        b.setDisable(!r.decidable() || !r.reviewOpen() || current && state == DecisionState.UNREVIEWED);
        b.setOnAction(e -> action.getAsBoolean());
        return b;
    }
}
