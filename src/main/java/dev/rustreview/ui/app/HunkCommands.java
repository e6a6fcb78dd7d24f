package dev.rustreview.ui.app;

import dev.rustreview.review.DecisionState;
import dev.rustreview.ui.diff.DiffView;
import dev.rustreview.ui.inspector.InspectorPane;
import dev.rustreview.ui.navigator.NavigatorModel;

/**
 * The review keys on the selected hunk (a, x, d, e, c): each goes through the inspector, which shows the
 * decision, asks for a reason or note inline and opens the annotation editor; here only what to say when
 * nothing is selected.
 */
public final class HunkCommands {

    private final NavigatorModel navigator;
    private final InspectorPane inspectorPane;
    private final DiffView diff;
    private final StatusBar status;

    HunkCommands(NavigatorModel navigator, InspectorPane inspectorPane, DiffView diff, StatusBar status) {
        this.navigator = navigator;
        this.inspectorPane = inspectorPane;
        this.diff = diff;
        this.status = status;
    }

    /** Decides the selected hunk (the a, d keys); says what to do when no hunk is selected. */
    public void decide(DecisionState state) {
        if (!hunkSelected()) {
            return;
        }
        // Named before deciding: with "next after deciding" the selection has moved on by the time it returns.
        String decided = unitName(navigator.selectedProperty().get());
        boolean done = switch (state) {
            case ACCEPTED -> inspectorPane.accept();
            case DISCUSS -> inspectorPane.discuss();
            case REJECTED -> inspectorPane.reject();
            case UNREVIEWED -> inspectorPane.reset();
        };
        if (done && state != DecisionState.REJECTED) {
            status.idle(done(state) + ": " + decided);
        }
    }

    /** "src/lib.rs  impl Pool › fn take", as the status bar names a unit. */
    private String unitName(dev.rustreview.ui.navigator.HunkRef ref) {
        String item = navigator.entry(ref).map(e -> e.hunk().item()).orElse(null);
        return ref.path() + "  " + (item != null ? item : "hunk " + (ref.index() + 1));
    }

    /** Decides the selected hunk, selecting the first one when none is (for scripted flows and tests). */
    public void decideOrFirst(DecisionState state) {
        if (navigator.selectedProperty().get() == null) {
            navigator.moveHunk(1);
        }
        decide(state);
    }

    private boolean hunkSelected() {
        if (navigator.selectedProperty().get() == null) {
            status.error("Select a unit first (j / k, or click one in the navigator)");
            return false;
        }
        return true;
    }

    /** Rejects the selected hunk: the inspector asks for the reason inline (the x key). */
    public void reject() {
        decide(DecisionState.REJECTED);
    }

    /** Opens the note field on the selected hunk's first finding not yet acknowledged (the e key). */
    public void acknowledge() {
        if (hunkSelected() && !inspectorPane.acknowledgeNext()) {
            status.error("This unit has no finding left to acknowledge: press f for the next finding");
        }
    }

    /** Comments on the lines selected in the diff, or the caret's line (the c key). */
    public void comment() {
        var selected = diff.selectedLines();
        var row = diff.caretDiffRow();
        if (selected.isEmpty() && row != null && row.kind() == dev.rustreview.ui.diff.RowKind.HUNK_HEADER
                && inspectorPane.commentOnUnit()) {
            // After j the caret sits on the unit's header: c comments on the whole unit.
            String hint = "Commenting on the whole unit: Ctrl+Enter saves, Esc cancels";
            status.idle(hint);
            clearWhenEditorCloses(hint);
            return;
        }
        if (selected.isEmpty()) {
            status.error("Select lines in the diff first (click a line, or drag over several)");
            return;
        }
        var lines = selected.get();
        inspectorPane.beginAnnotation(lines.path(), lines.side(), lines.startLine(), lines.endLine());
        // An earlier "select lines first" must not stay beside the editor it asked for.
        String hint = "Commenting on " + lines.path() + " line" + (lines.startLine() == lines.endLine()
                ? " " + lines.startLine() : "s " + lines.startLine() + "–" + lines.endLine())
                + ": Ctrl+Enter saves, Esc cancels";
        status.idle(hint);
        clearWhenEditorCloses(hint);
    }

    // The hint belongs to the open editor: once it is saved or cancelled the hint would be a stale instruction.
    private void clearWhenEditorCloses(String hint) {
        javafx.beans.property.BooleanProperty editing = inspectorPane.editingProperty();
        javafx.beans.value.ChangeListener<Boolean> once = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean now) {
                if (!now) {
                    editing.removeListener(this);
                    if (hint.equals(status.messageText())) {
                        status.idle("");
                    }
                }
            }
        };
        editing.addListener(once);
    }

    /** What the status bar says a decision did: "Accepted", "Marked for discussion", ... */
    static String done(DecisionState state) {
        return switch (state) {
            case ACCEPTED -> "Accepted";
            case REJECTED -> "Rejected";
            case DISCUSS -> "Marked for discussion";
            case UNREVIEWED -> "Reset to unreviewed";
        };
    }
}
