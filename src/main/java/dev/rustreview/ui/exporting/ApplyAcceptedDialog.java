package dev.rustreview.ui.exporting;

import dev.rustreview.review.ReviewSession;
import dev.rustreview.ui.fx.Forms;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Apply accepted…: how many hunks are accepted, the branch to write ({@code review/<head>-accepted} by default),
 * and what writing does (one commit on the merge-base, one ref, never the working tree). The accepted hunks are
 * prepared on the FX thread when the dialog is made; Write runs the {@link BranchWriter} on the background
 * executor and reports on the FX thread. Create and use on the FX thread.
 */
public final class ApplyAcceptedDialog {

    /** The Write branch button. */
    public static final ButtonType WRITE = new ButtonType("Write branch", ButtonBar.ButtonData.OK_DONE);

    private final ApplyAccepted.Plan plan;
    private final ApplyAccepted logic;
    private final BranchWriter writer;
    private final Executor fx;
    private final Report report;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final Label summary = new Label();
    private final TextField branch = new TextField();
    private final Label problem = new Label();

    public ApplyAcceptedDialog(ReviewSession session, BranchWriter writer, Executor background, Executor fx,
                               Report report) {
        this.plan = ApplyAccepted.plan(session);
        this.logic = new ApplyAccepted(background);
        this.writer = Objects.requireNonNull(writer);
        this.fx = Objects.requireNonNull(fx);
        this.report = Objects.requireNonNull(report);

        dialog.setTitle("Apply accepted units");
        dialog.setHeaderText(null);
        dialog.setResizable(true);
        dialog.getDialogPane().getStyleClass().add("apply-accepted-dialog");
        dialog.getDialogPane().getButtonTypes().setAll(WRITE, ButtonType.CANCEL);
        summary.setText(plan.summary());
        summary.getStyleClass().add(plan.canWrite() ? "apply-summary" : "apply-nothing");
        branch.setText(plan.defaultBranch());
        branch.setPrefColumnCount(32);
        branch.textProperty().addListener((o, a, t) -> validate());
        Label note = new Label(plan.canWrite()
                ? "Writes one commit on the merge-base " + Exporter.shortId(plan.prepared().mergeBaseId())
                        + " holding exactly the accepted hunks, and one ref (an existing branch of that name is moved)."
                        + " Never touches the working tree, the index or the checked-out branch."
                : "Writes one commit on the merge-base and one ref; never touches the working tree.");
        note.getStyleClass().add("apply-note");
        Forms.wrapped(note);
        note.setMaxWidth(440);
        Forms.wrapped(summary);
        summary.setMaxWidth(440);
        Forms.wrapped(problem);
        problem.getStyleClass().add("apply-problem");

        GridPane grid = Forms.grid();
        grid.add(summary, 0, 0, 2, 1);
        grid.addRow(1, new Label("Branch"), branch);
        grid.add(note, 0, 2, 2, 1);
        grid.add(problem, 0, 3, 2, 1);
        dialog.getDialogPane().setContent(grid);

        Node ok = dialog.getDialogPane().lookupButton(WRITE);
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            if (!validate()) {
                e.consume();
                return;
            }
            start();
        });
        branch.setDisable(!plan.canWrite());
        validate();
    }

    /** Shows the dialog (not blocking); the outcome arrives through {@link Report}. */
    public void show(Window owner) {
        Report.showOwned(dialog, owner);
    }

    /** Writes the branch in the background and reports on the FX thread; what Write branch does. */
    public CompletableFuture<String> start() {
        return report.on(logic.write(plan.prepared(), branch.getText(), writer), fx);
    }

    public ApplyAccepted.Plan plan() {
        return plan;
    }

    public Dialog<ButtonType> dialog() {
        return dialog;
    }

    public TextField branchField() {
        return branch;
    }

    private boolean validate() {
        String message = plan.canWrite() ? ApplyAccepted.invalidBranch(branch.getText()) : null;
        problem.setText(message == null ? "" : message);
        dialog.getDialogPane().lookupButton(WRITE).setDisable(!plan.canWrite() || message != null);
        return plan.canWrite() && message == null;
    }
}
