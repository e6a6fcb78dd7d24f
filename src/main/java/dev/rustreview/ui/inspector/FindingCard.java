package dev.rustreview.ui.inspector;

import static dev.rustreview.ui.inspector.InspectorNodes.badge;
import static dev.rustreview.ui.inspector.InspectorNodes.text;

import dev.rustreview.model.ClippyLint;
import dev.rustreview.model.CompilerFinding;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Origin;
import dev.rustreview.review.Acknowledgement;
import java.time.Clock;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * One finding of the hunk: severity, rule and title, the explanation and what to check before accepting, links
 * to the clippy lints that catch it, and whether the reviewer has acknowledged or dismissed it. Acknowledging and
 * dismissing take a note typed in an {@link InlineField} in the card itself, next to what it is about. A finding
 * on code the merge-base already had is folded to its head line until the reviewer opens it.
 */
final class FindingCard {

    /** Opens the inline note field of a finding. */
    interface Opener {
        void open(InlineField.Kind kind, String hunkId, String findingId);
    }

    private final Clock clock;
    private final Consumer<String> openLink;
    private final FocusKeeper keys;
    private final Opener opener;
    private Consumer<Finding> onShow = f -> { };

    FindingCard(Clock clock, Consumer<String> openLink, FocusKeeper keys, Opener opener) {
        this.clock = clock;
        this.openLink = openLink;
        this.keys = keys;
        this.opener = opener;
    }

    /** Called with a finding when the reviewer asks to see it in the diff. */
    void onShow(Consumer<Finding> action) {
        onShow = action == null ? f -> { } : action;
    }

    /** The card for {@code status} in hunk {@code r}; {@code inline} is shown in it when it is this finding's note. */
    Node render(HunkReview.FindingStatus status, HunkReview r, InlineField inline) {
        Finding f = status.finding();
        Acknowledgement ack = status.ack();
        boolean dismissed = ack != null && ack.kind() == Acknowledgement.Kind.DISMISSED;
        VBox box = new VBox(4);
        box.getStyleClass().add("finding-card");
        if (ack != null) {
            box.getStyleClass().add(dismissed ? "finding-dismissed"
                    : ack.kind() == Acknowledgement.Kind.PROBLEM ? "finding-problem" : "finding-checked");
        }
        // Two sources make a long badge: the title then gets its own line instead of a sliver beside it.
        boolean longBadge = f.sourceLabel().length() > 12;
        Label title = text(f.title(), "finding-title");
        HBox head = longBadge ? new HBox(6, badge(f.severity().label(), "severity-" + f.severity().label()),
                badge(f.sourceLabel(), "rule-badge"))
                : new HBox(6, badge(f.severity().label(), "severity-" + f.severity().label()),
                badge(f.sourceLabel(), "rule-badge"), title);
        Hyperlink where = new Hyperlink("line " + f.startLine()
                + (f.endLine() > f.startLine() ? "\u2013" + f.endLine() : ""));
        where.getStyleClass().add("finding-line-link");
        where.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        where.setTooltip(new javafx.scene.control.Tooltip("Show it in the diff"));
        keys.key(where, "line-" + f.id());
        where.setOnAction(e -> onShow.accept(f));

        head.setOnMouseClicked(e -> {
            if (e.getClickCount() == 1 && !(e.getTarget() instanceof javafx.scene.control.ButtonBase)) {
                onShow.accept(f);
            }
        });
        VBox details = new VBox(4);
        details.getChildren().addAll(where, text(f.explanation(), "inspector-text"),
                text("Check before accepting", "subsection"), text(f.checkBeforeAccepting(), "inspector-text"));
        if (!f.lints().isEmpty()) {
            details.getChildren().add(lintLinks(f));
        }
        if (!f.compiler().isEmpty()) {
            details.getChildren().add(compilerSection(f));
        }
        Label statusLabel = text(status.statusText()
                        + (ack == null ? "" : " \u00b7 " + HunkReview.when(ack.at(), clock.instant(), clock.getZone())),
                ack == null ? "ack-none" : dismissed ? "ack-dismissed"
                        : ack.kind() == Acknowledgement.Kind.PROBLEM ? "ack-problem" : "ack-checked");
        statusLabel.getStyleClass().add("ack-status");
        details.getChildren().add(statusLabel);
        Button acknowledge = new Button(ack == null ? "Acknowledge" : "Acknowledge again");
        acknowledge.getStyleClass().addAll("small", "ack-button");
        keys.key(acknowledge, "ack-" + f.id());
        acknowledge.setOnAction(e -> opener.open(InlineField.Kind.ACKNOWLEDGE, r.hunkId(), f.id()));
        Button dismiss = new Button(dismissed ? "Dismiss again" : "Dismiss as false positive");
        dismiss.getStyleClass().addAll("small", "dismiss-button");
        keys.key(dismiss, "dismiss-" + f.id());
        dismiss.setOnAction(e -> opener.open(InlineField.Kind.DISMISS, r.hunkId(), f.id()));
        boolean problem = ack != null && ack.kind() == Acknowledgement.Kind.PROBLEM;
        Button toAgent = new Button(problem ? "Problem again" : "Problem for the agent");
        toAgent.getStyleClass().addAll("small", "problem-button");
        toAgent.setTooltip(new javafx.scene.control.Tooltip("A real problem: it goes into the feedback for the agent"));
        keys.key(toAgent, "problem-" + f.id());
        toAgent.setOnAction(e -> opener.open(InlineField.Kind.PROBLEM, r.hunkId(), f.id()));
        acknowledge.setDisable(!r.reviewOpen());
        dismiss.setDisable(!r.reviewOpen());
        toAgent.setDisable(!r.reviewOpen());
        if (status.acknowledgeable()) {
            details.getChildren().add(new FlowPane(6, 4, acknowledge, dismiss, toAgent));
        }
        boolean noteOpen = inline != null && f.id().equals(inline.findingId);
        if (noteOpen) {
            details.getChildren().add(switch (inline.kind) {
                case DISMISS -> inline.row("Reason:", "Enter dismisses \u00b7 Esc cancels");
                case PROBLEM -> inline.row("To do:", "Enter marks it as a problem for the agent \u00b7 Esc cancels");
                default -> inline.row("Note:", "Enter acknowledges \u00b7 Esc cancels");
            });
        }
        box.getChildren().add(head);
        if (longBadge) {
            box.getChildren().add(title);
        }
        if (f.origin() == Origin.PRE_EXISTING) {
            // Code the merge-base already had: shown folded so the change's own findings lead.
            box.getStyleClass().add("finding-pre-existing");
            head.getChildren().add(1, badge("pre-existing", "origin-badge"));
            Hyperlink toggle = new Hyperlink();
            toggle.getStyleClass().add("finding-toggle");
            keys.key(toggle, "toggle-" + f.id());
            Runnable show = () -> {
                boolean open = details.isVisible();
                toggle.setText(open ? "Hide details" : "Show details (the merge-base already had this code)");
            };
            details.setVisible(noteOpen);
            details.setManaged(noteOpen);
            show.run();
            toggle.setOnAction(e -> {
                details.setVisible(!details.isVisible());
                details.setManaged(details.isVisible());
                show.run();
            });
            box.getChildren().add(toggle);
        }
        box.getChildren().add(details);
        return box;
    }

    /**
     * What the compiler said: for a rule finding it confirms, "Also found by clippy::…" with its message; for each,
     * the documentation link and the compiler's suggested replacement, shown like an annotation's suggested code.
     */
    private Node compilerSection(Finding f) {
        VBox box = new VBox(4);
        box.getStyleClass().add("compiler-source");
        box.getChildren().add(text(f.compilerOnly() ? "Found by " + f.sourceLabel() + " on the head, not on the merge-base"
                : "Found by two sources: " + f.sourceLabel(), "subsection"));
        for (CompilerFinding c : f.compiler()) {
            if (!f.compilerOnly()) {
                box.getChildren().add(text(c.ruleId() + " (" + c.level() + "): " + c.message(), "inspector-text"));
            }
            boolean linkedAbove = f.lints().stream().anyMatch(l -> l.url().equals(c.docUrl()));
            if (!c.docUrl().isEmpty() && !linkedAbove) {
                Hyperlink doc = new Hyperlink(c.ruleId() + " documentation");
                doc.getStyleClass().add("lint-link");
                doc.setOnAction(e -> openLink.accept(c.docUrl()));
                box.getChildren().add(doc);
            }
            if (c.suggestion() != null && !c.suggestion().isBlank()) {
                Label code = text(c.suggestion(), "md-code-block");
                code.setMaxWidth(Double.MAX_VALUE);
                box.getChildren().addAll(text("Suggested code (from " + c.source() + ")", "subsection"), code);
            }
        }
        return box;
    }

    /** "Clippy:" and a link per lint, opened in the browser. */
    private Node lintLinks(Finding f) {
        FlowPane links = new FlowPane(4, 0);
        links.getChildren().add(text("Clippy:", "muted"));
        for (ClippyLint lint : f.lints()) {
            Hyperlink link = new Hyperlink(lint.name());
            link.getStyleClass().add("lint-link");
            link.setOnAction(e -> openLink.accept(lint.url()));
            links.getChildren().add(link);
        }
        return links;
    }
}
