package dev.rustreview.ui.inspector;

import dev.rustreview.model.ClippyLint;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import dev.rustreview.review.Acknowledgement;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.AnnotationKind;
import dev.rustreview.review.Decision;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.OutdatedDecision;
import dev.rustreview.review.Reply;
import dev.rustreview.ui.navigator.HunkEntry;
import dev.rustreview.ui.review.ReviewModel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The right side: the current hunk's decision bar (accept, reject with a reason, needs discussion, reset), its
 * category and reason, findings with their explanation, checks, clippy links and acknowledgement, the
 * annotations on the hunk and its file with replies, and provenance and enclosing items.
 *
 * <p>Text is typed inline (a reason field under the decision bar, a note field in a finding card, a reply box
 * per annotation, the {@link AnnotationEditor}); Enter (Ctrl+Enter in the editor) confirms and Escape cancels,
 * never a dialog. The pane repaints whenever the review changes, reusing the fields being typed in and keeping
 * the focus and scroll position. {@link #editingProperty()} tells the window when to leave single-letter keys to
 * the text field.
 */
public final class InspectorPane extends VBox {

    private static final int MAX_ITEMS = 6;
    /** Node property holding a stable key, so focus can be put back on the rebuilt equivalent of a node. */
    private static final String FOCUS_KEY = "inspector.focusKey";

    /** The kinds of inline text field. */
    private enum InlineKind { REJECT, ACKNOWLEDGE, DISMISS }

    /** An open inline field and what Enter does with it. */
    private static final class Inline {
        final InlineKind kind;
        final String hunkId;
        final String findingId;
        final TextField field = new TextField();
        final Label error = new Label();
        Node returnFocus;

        Inline(InlineKind kind, String hunkId, String findingId) {
            this.kind = kind;
            this.hunkId = hunkId;
            this.findingId = findingId;
        }
    }

    private final InspectorModel model;
    private final ReviewModel review;
    private final Consumer<String> openLink;
    private final Clock clock;
    private final VBox content = new VBox(8);
    private final ScrollPane scroll;
    private final BooleanProperty editing = new SimpleBooleanProperty(this, "editing");
    private final Map<String, TextField> replyFields = new HashMap<>();
    private Map<String, Node> keyed = new HashMap<>();
    private HunkEntry entry;
    private HunkReview hunkReview;
    private Inline inline;
    private AnnotationEditor editor;
    private Node editorReturnFocus;

    /**
     * {@code review} receives the reviewer's commands and its version drives repaints; {@code openLink} opens a
     * URL in the user's browser (HostServices in the app).
     */
    public InspectorPane(InspectorModel model, ReviewModel review, Consumer<String> openLink) {
        this(model, review, openLink, Clock.systemDefaultZone());
    }

    /** As above, with the clock relative times are computed from (fixed in tests). */
    public InspectorPane(InspectorModel model, ReviewModel review, Consumer<String> openLink, Clock clock) {
        this.model = model;
        this.review = review;
        this.openLink = openLink;
        this.clock = clock;
        getStyleClass().add("inspector-pane");
        Label title = new Label("Inspector");
        title.getStyleClass().add("pane-title");
        content.getStyleClass().add("inspector-content");
        scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(title, scroll);
        model.detailsProperty().addListener((obs, o, d) -> hunkChanged());
        review.versionProperty().addListener((obs, o, v) -> refresh());
        ChangeListener<Node> focus = (obs, o, n) -> updateEditing();
        sceneProperty().addListener((obs, o, n) -> {
            if (o != null) {
                o.focusOwnerProperty().removeListener(focus);
            }
            if (n != null) {
                n.focusOwnerProperty().addListener(focus);
            }
            updateEditing();
        });
        hunkChanged();
    }

    // ---- the window's keyboard actions ---------------------------------------------------------------

    /** Accepts the current hunk. Returns whether it was recorded. */
    public boolean accept() {
        return decide(DecisionState.ACCEPTED, null);
    }

    /** Opens the reason field under the decision bar, focused; Enter rejects, Escape cancels. */
    public boolean reject() {
        if (hunkReview == null || !hunkReview.decidable()) {
            return false;
        }
        Inline in = open(InlineKind.REJECT, hunkReview.hunkId(), null);
        Decision d = hunkReview.decision();
        if (d != null && d.state() == DecisionState.REJECTED && d.reason() != null && in.field.getText().isEmpty()) {
            in.field.setText(d.reason());
            in.field.selectAll();
        }
        return true;
    }

    /** Marks the current hunk as needing discussion. */
    public boolean discuss() {
        return decide(DecisionState.DISCUSS, null);
    }

    /** Puts the current hunk back to unreviewed. */
    public boolean reset() {
        return decide(DecisionState.UNREVIEWED, null);
    }

    /**
     * Opens the note field on the first finding of the current hunk not yet acknowledged or dismissed; Enter
     * acknowledges. Returns false when every finding is answered (or the hunk has none).
     */
    public boolean acknowledgeNext() {
        if (hunkReview == null) {
            return false;
        }
        Optional<HunkReview.FindingStatus> next = hunkReview.nextUnanswered();
        next.ifPresent(f -> open(InlineKind.ACKNOWLEDGE, hunkReview.hunkId(), f.finding().id()));
        return next.isPresent();
    }

    /** Opens the annotation editor on lines {@code startLine..endLine} of {@code path} on {@code side}. */
    public boolean beginAnnotation(String path, Side side, int startLine, int endLine) {
        if (path == null || side == null || startLine < 1 || endLine < startLine) {
            return false;
        }
        openEditor(new AnnotationEditor.Target(path, side, startLine, endLine));
        return true;
    }

    /** Opens the annotation editor on the whole of {@code path}. */
    public boolean beginFileAnnotation(String path) {
        if (path == null) {
            return false;
        }
        openEditor(AnnotationEditor.Target.file(path));
        return true;
    }

    /**
     * True while a text field of the inspector has the focus, or one is open and the focus is nowhere else: the
     * window leaves single-letter shortcuts to the text field then. Maintained by the pane; do not set it.
     */
    public BooleanProperty editingProperty() {
        return editing;
    }

    public boolean isEditing() {
        return editing.get();
    }

    // ---- for tests -----------------------------------------------------------------------------------

    /** The rendered content. */
    public VBox content() {
        return content;
    }

    /** The review state of the current hunk, or null when none is selected. */
    public HunkReview hunkReview() {
        return hunkReview;
    }

    /** The open inline reason/note field, if any. */
    public Optional<TextField> inlineField() {
        return Optional.ofNullable(inline).map(i -> i.field);
    }

    /** The open annotation editor, if any. */
    public Optional<AnnotationEditor> editor() {
        return Optional.ofNullable(editor);
    }

    // ---- commands ------------------------------------------------------------------------------------

    private boolean decide(DecisionState state, String reason) {
        if (hunkReview == null || !hunkReview.decidable()) {
            return false;
        }
        boolean ok = review.decide(hunkReview.hunkId(), state, reason);
        if (ok && inline != null && inline.kind == InlineKind.REJECT) {
            close(inline);
        }
        return ok;
    }

    private Inline open(InlineKind kind, String hunkId, String findingId) {
        if (inline != null && inline.kind == kind && java.util.Objects.equals(inline.findingId, findingId)
                && java.util.Objects.equals(inline.hunkId, hunkId)) {
            focusLater(inline.field);
            return inline;
        }
        Node previous = focusOwner();
        Node returnFocus = inline != null ? inline.returnFocus : previous;
        Inline in = new Inline(kind, hunkId, findingId);
        in.returnFocus = returnFocus;
        in.field.getStyleClass().add("inline-input");
        in.field.setId("inline-input");
        in.field.setPromptText(switch (kind) {
            case REJECT -> "Why reject? The agent reads this (required)";
            case ACKNOWLEDGE -> "Note (optional)";
            case DISMISS -> "Why is this a false positive? (required)";
        });
        in.error.getStyleClass().add("inline-error");
        in.error.setVisible(false);
        in.error.setManaged(false);
        in.field.setOnAction(e -> confirm(in));
        in.field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                close(in);
            }
        });
        inline = in;
        refresh();
        reveal(in.field);
        focusLater(in.field);
        return in;
    }

    private void confirm(Inline in) {
        String text = in.field.getText();
        boolean ok = switch (in.kind) {
            case REJECT -> review.decide(in.hunkId, DecisionState.REJECTED, text);
            case ACKNOWLEDGE -> review.acknowledge(in.findingId, text);
            case DISMISS -> review.dismiss(in.findingId, text);
        };
        if (ok) {
            close(in);
        } else {
            in.error.setText(text == null || text.isBlank() && in.kind != InlineKind.ACKNOWLEDGE
                    ? "Not recorded: a reason is required." : "Not recorded: see the status bar.");
            in.error.setVisible(true);
            in.error.setManaged(true);
            in.field.requestFocus();
        }
    }

    private void close(Inline in) {
        if (inline != in) {
            return;
        }
        boolean hadFocus = in.field.isFocused();
        inline = null;
        refresh();
        if (hadFocus) {
            restoreFocus(in.returnFocus, in.kind == InlineKind.REJECT ? "decide-" + DecisionState.REJECTED.label()
                    : "ack-" + in.findingId);
        }
        updateEditing();
    }

    private void openEditor(AnnotationEditor.Target target) {
        if (editor != null && editor.target().equals(target)) {
            reveal(editor);
            focusLater(editor.textArea());
            return;
        }
        Node previous = focusOwner();
        AnnotationEditor old = editor;
        AnnotationEditor[] created = new AnnotationEditor[1];
        created[0] = new AnnotationEditor(target, this::saveAnnotation, () -> closeEditor(created[0]), openLink);
        if (old != null) {
            // A new target keeps what was being written.
            created[0].textArea().setText(old.textArea().getText());
            created[0].suggestionArea().setText(old.suggestionArea().getText());
            if (!old.textArea().getText().isBlank()) {
                created[0].setKind(old.kind());
            }
        } else {
            editorReturnFocus = previous;
        }
        editor = created[0];
        refresh();
        reveal(editor);
        focusLater(editor.textArea());
    }

    private boolean saveAnnotation(AnnotationEditor.Target t, AnnotationKind kind, String text, String suggestion) {
        Optional<Annotation> saved = t.wholeFile() ? review.annotateFile(t.path(), kind, text)
                : review.annotateLines(t.path(), t.side(), t.startLine(), t.endLine(), kind, text, suggestion);
        return saved.isPresent();
    }

    private void closeEditor(AnnotationEditor closing) {
        if (editor != closing) {
            return;
        }
        boolean hadFocus = isInside(focusOwner(), closing);
        editor = null;
        Node back = editorReturnFocus;
        editorReturnFocus = null;
        refresh();
        if (hadFocus) {
            restoreFocus(back, "comment-hunk");
        }
        updateEditing();
    }

    // ---- rendering -----------------------------------------------------------------------------------

    private void hunkChanged() {
        HunkEntry next = model.entryProperty().get();
        boolean same = entry != null && next != null && entry.ref().equals(next.ref());
        entry = next;
        if (!same) {
            replyFields.clear();
            if (inline != null) {
                Inline stale = inline;
                inline = null;
                if (stale.field.isFocused()) {
                    restoreFocus(stale.returnFocus, null);
                }
            }
        }
        refresh();
        if (!same) {
            scroll.setVvalue(0);
        }
    }

    /** Rebuilds the content, keeping the scroll position, the fields being typed in and the focus. */
    private void refresh() {
        // Keep the same pixel at the top: the content's height changes as cards open and close.
        double viewport = scroll.getViewportBounds().getHeight();
        double offset = scroll.getVvalue() * Math.max(0, content.getHeight() - viewport);
        Node focused = focusOwner();
        boolean inside = isInside(focused, content);
        Object key = inside ? focusKey(focused) : null;
        int anchor = -1;
        int caret = -1;
        if (inside && focused instanceof TextInputControl t) {
            anchor = t.getAnchor();
            caret = t.getCaretPosition();
        }
        render();
        if (getScene() != null) {
            content.applyCss();
            content.layout();
            scroll.layout();
            double extra = content.getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(extra <= 0 ? 0 : Math.min(1, offset / extra));
        }
        if (inside) {
            Node target = focused.getScene() != null && isInside(focused, content) ? focused
                    : key == null ? null : keyed.get(key.toString());
            if (target != null) {
                target.requestFocus();
                if (target == focused && focused instanceof TextInputControl t && caret >= 0) {
                    t.selectRange(anchor, caret);
                }
            }
        }
        updateEditing();
    }

    private void render() {
        keyed = new HashMap<>();
        content.getChildren().clear();
        HunkDetails d = model.detailsProperty().get();
        hunkReview = entry == null ? null : HunkReview.of(review, entry);
        if (d == null || hunkReview == null) {
            content.getChildren().add(text("Select a hunk in the navigator (or press j) to see its category, "
                    + "provenance and findings.", "muted"));
            if (editor != null) {
                content.getChildren().add(editor);
            }
            return;
        }
        HunkReview r = hunkReview;
        content.getChildren().add(text(d.title(), "inspector-title"));
        content.getChildren().add(decisionBar(r));
        content.getChildren().add(section("Category"));
        content.getChildren().add(new HBox(6, badge(d.category(), "category-badge")));
        content.getChildren().add(text(d.reason(), "inspector-text"));
        // Findings first: they are what the reviewer must act on; where and who come after.
        content.getChildren().add(section(d.findings().isEmpty() ? "No findings" : "Findings (" + d.findings().size() + ")"));
        for (HunkReview.FindingStatus f : r.findings()) {
            content.getChildren().add(finding(f, r));
        }
        annotations(r);
        content.getChildren().add(section("Provenance"));
        if (d.provenance().isEmpty()) {
            content.getChildren().add(text("No added lines: nothing to attribute.", "muted"));
        }
        for (HunkDetails.Provenance p : d.provenance()) {
            HBox head = new HBox(6, badge(p.verdict().label(), "verdict-" + p.verdict().label()),
                    text(p.commit() + "  " + p.subject(), "inspector-text"));
            content.getChildren().addAll(head, text(p.author() + (p.tool() == null ? "" : "  \u00b7  " + p.tool()), "muted"));
            p.evidence().forEach(e -> content.getChildren().add(text("\u2022 " + e, "muted")));
        }
        if (!d.items().isEmpty()) {
            content.getChildren().add(section("Enclosing items"));
            // A whole new file touches dozens of items; the first few say where it is, the count says the rest.
            d.items().stream().limit(MAX_ITEMS).forEach(i -> content.getChildren().add(text(i, "code-text")));
            if (d.items().size() > MAX_ITEMS) {
                content.getChildren().add(text("and " + (d.items().size() - MAX_ITEMS) + " more", "muted"));
            }
        }
    }

    private Node decisionBar(HunkReview r) {
        VBox bar = new VBox(6);
        bar.getStyleClass().addAll("decision-bar", "decision-" + r.state().label());
        Label state = badge(r.stateLabel(), "state-badge");
        state.getStyleClass().add("state-" + r.state().label());
        state.setId("decision-state");
        HBox head = new HBox(8, state);
        head.setAlignment(Pos.CENTER_LEFT);
        if (r.decision() != null) {
            head.getChildren().add(text(r.decisionByline(now(), zone()), "muted"));
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
                decisionButton("Accept", "a", DecisionState.ACCEPTED, r, "success", this::accept),
                decisionButton("Reject\u2026", "x", DecisionState.REJECTED, r, "danger", this::reject),
                decisionButton("Needs discussion", "d", DecisionState.DISCUSS, r, "accent", this::discuss),
                decisionButton("Reset", null, DecisionState.UNREVIEWED, r, null, this::reset));
        bar.getChildren().add(buttons);
        if (!r.decidable()) {
            bar.getChildren().add(text("The analyzer did not categorise this hunk, so it cannot be decided.", "muted"));
        } else if (!r.reviewOpen()) {
            bar.getChildren().add(text("No review is open yet: decisions are possible once the analysis finishes.", "muted"));
        }
        if (inline != null && inline.kind == InlineKind.REJECT && inline.hunkId.equals(r.hunkId())) {
            bar.getChildren().add(inlineRow("Reason:", inline, "Enter rejects \u00b7 Esc cancels"));
        }
        return bar;
    }

    private Button decisionButton(String label, String key, DecisionState state, HunkReview r, String colour,
                                  java.util.function.BooleanSupplier action) {
        Button b = new Button(label);
        b.getStyleClass().addAll("decision-button", "decide-" + state.label());
        b.setId("decide-" + state.label());
        keyed(b, "decide-" + state.label());
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

    private Node inlineRow(String label, Inline in, String hint) {
        HBox.setHgrow(in.field, Priority.ALWAYS);
        HBox row = new HBox(6, text(label, "inline-label"), in.field);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(2, row, in.error, text(hint, "muted"));
        box.getStyleClass().add("inline-row");
        return box;
    }

    private Node finding(HunkReview.FindingStatus status, HunkReview r) {
        Finding f = status.finding();
        VBox box = new VBox(4);
        box.getStyleClass().add("finding-card");
        if (status.ack() != null) {
            box.getStyleClass().add(status.ack().kind() == Acknowledgement.Kind.DISMISSED ? "finding-dismissed" : "finding-checked");
        }
        HBox head = new HBox(6, badge(f.severity().label(), "severity-" + f.severity().label()),
                badge(f.ruleId(), "rule-badge"), text(f.title(), "finding-title"));
        box.getChildren().addAll(head, text(f.explanation(), "inspector-text"),
                text("Check before accepting", "subsection"), text(f.checkBeforeAccepting(), "inspector-text"));
        if (!f.lints().isEmpty()) {
            FlowPane links = new FlowPane(4, 0);
            links.getChildren().add(text("Clippy:", "muted"));
            for (ClippyLint lint : f.lints()) {
                Hyperlink link = new Hyperlink(lint.name());
                link.getStyleClass().add("lint-link");
                link.setOnAction(e -> openLink.accept(lint.url()));
                links.getChildren().add(link);
            }
            box.getChildren().add(links);
        }
        Acknowledgement ack = status.ack();
        Label statusLabel = text(status.statusText() + (ack == null ? "" : " \u00b7 " + HunkReview.when(ack.at(), now(), zone())),
                ack == null ? "ack-none" : ack.kind() == Acknowledgement.Kind.DISMISSED ? "ack-dismissed" : "ack-checked");
        statusLabel.getStyleClass().add("ack-status");
        box.getChildren().add(statusLabel);
        Button acknowledge = new Button(ack == null ? "Acknowledge" : "Acknowledge again");
        acknowledge.getStyleClass().addAll("small", "ack-button");
        keyed(acknowledge, "ack-" + f.id());
        acknowledge.setOnAction(e -> open(InlineKind.ACKNOWLEDGE, r.hunkId(), f.id()));
        Button dismiss = new Button(ack != null && ack.kind() == Acknowledgement.Kind.DISMISSED
                ? "Dismiss again" : "Dismiss as false positive");
        dismiss.getStyleClass().addAll("small", "dismiss-button");
        keyed(dismiss, "dismiss-" + f.id());
        dismiss.setOnAction(e -> open(InlineKind.DISMISS, r.hunkId(), f.id()));
        acknowledge.setDisable(!r.reviewOpen());
        dismiss.setDisable(!r.reviewOpen());
        box.getChildren().add(new HBox(6, acknowledge, dismiss));
        if (inline != null && f.id().equals(inline.findingId)) {
            box.getChildren().add(inline.kind == InlineKind.DISMISS
                    ? inlineRow("Reason:", inline, "Enter dismisses \u00b7 Esc cancels")
                    : inlineRow("Note:", inline, "Enter acknowledges \u00b7 Esc cancels"));
        }
        return box;
    }

    private void annotations(HunkReview r) {
        content.getChildren().add(section(r.annotations().isEmpty() ? "No annotations"
                : "Annotations (" + r.annotations().size() + ")"));
        Button onHunk = new Button("Comment on hunk");
        onHunk.getStyleClass().addAll("small", "comment-hunk");
        keyed(onHunk, "comment-hunk");
        onHunk.setOnAction(e -> commentOnHunk());
        Button onFile = new Button("Comment on file");
        onFile.getStyleClass().addAll("small", "comment-file");
        keyed(onFile, "comment-file");
        onFile.setOnAction(e -> beginFileAnnotation(r.path()));
        onHunk.setDisable(!r.reviewOpen());
        onFile.setDisable(!r.reviewOpen());
        content.getChildren().add(new HBox(6, onHunk, onFile));
        if (editor != null) {
            content.getChildren().add(editor);
        }
        for (Annotation a : r.annotations()) {
            content.getChildren().add(annotation(a, r));
        }
    }

    private void commentOnHunk() {
        var hunk = entry.hunk();
        if (hunk.newCount() > 0) {
            beginAnnotation(entry.ref().path(), Side.NEW, hunk.newStart(), hunk.newStart() + hunk.newCount() - 1);
        } else if (hunk.oldCount() > 0) {
            beginAnnotation(entry.ref().path(), Side.OLD, hunk.oldStart(), hunk.oldStart() + hunk.oldCount() - 1);
        } else {
            beginFileAnnotation(entry.ref().path());
        }
    }

    private Node annotation(Annotation a, HunkReview r) {
        VBox card = new VBox(4);
        card.getStyleClass().add("annotation-card");
        if (a.outdated()) {
            card.getStyleClass().add("annotation-outdated");
        }
        if (a.resolved()) {
            card.getStyleClass().add("annotation-resolved");
        }
        Label author = text(HunkReview.who(a.author()), "annotation-author");
        Label when = text(HunkReview.ago(a.created(), now()), "muted");
        when.setTooltip(new Tooltip(HunkReview.when(a.created(), now(), zone())));
        FlowPane head = new FlowPane(6, 2, badge(a.kind().label(), "kind-badge"), author, when,
                text(HunkReview.linesLabel(a.anchor()), "muted"));
        ((Label) head.getChildren().get(0)).getStyleClass().add("kind-" + a.kind().label());
        if (a.outdated()) {
            head.getChildren().add(badge("outdated since round " + a.outdatedSince(), "outdated-badge"));
        }
        if (a.resolved()) {
            head.getChildren().add(badge("resolved", "resolved-badge"));
        }
        card.getChildren().addAll(head, MarkdownNodes.render(a.text(), openLink));
        if (a.suggestion() != null) {
            Label code = text(a.suggestion(), "md-code-block");
            code.setMaxWidth(Double.MAX_VALUE);
            card.getChildren().addAll(text("Suggested code", "subsection"), code);
        }
        for (Reply reply : a.replies()) {
            VBox rb = new VBox(2, text(HunkReview.who(reply.author()) + " \u00b7 " + HunkReview.ago(reply.at(), now()), "muted"),
                    MarkdownNodes.render(reply.text(), openLink));
            rb.getStyleClass().add("annotation-reply");
            card.getChildren().add(rb);
        }
        TextField replyField = replyFields.computeIfAbsent(a.id(), id -> newReplyField(id));
        HBox.setHgrow(replyField, Priority.ALWAYS);
        replyField.setDisable(!r.reviewOpen());
        Button resolve = new Button(a.resolved() ? "Reopen" : "Resolve");
        resolve.getStyleClass().addAll("small", "resolve-button");
        keyed(resolve, "resolve-" + a.id());
        resolve.setDisable(!r.reviewOpen());
        resolve.setOnAction(e -> review.resolve(a.id(), !a.resolved()));
        HBox row = new HBox(6, replyField, resolve);
        row.setAlignment(Pos.CENTER_LEFT);
        card.getChildren().add(row);
        return card;
    }

    private TextField newReplyField(String annotationId) {
        TextField f = new TextField();
        f.setPromptText("Reply (Markdown; Enter sends)");
        f.getStyleClass().add("reply-field");
        f.setOnAction(e -> {
            if (!f.getText().isBlank() && review.reply(annotationId, f.getText()).isPresent()) {
                f.clear();
            }
        });
        f.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                f.clear();
                Node back = keyed.get("resolve-" + annotationId);
                if (back != null) {
                    back.requestFocus();
                }
            }
        });
        return f;
    }

    // ---- focus and scrolling -------------------------------------------------------------------------

    private void keyed(Node n, String key) {
        n.getProperties().put(FOCUS_KEY, key);
        keyed.put(key, n);
    }

    private static Object focusKey(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            Object k = x.getProperties().get(FOCUS_KEY);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    private Node focusOwner() {
        Scene s = getScene();
        return s == null ? null : s.getFocusOwner();
    }

    private void restoreFocus(Node preferred, String fallbackKey) {
        if (preferred != null && preferred.getScene() != null && preferred.getScene() == getScene()
                && !isInside(preferred, content)) {
            preferred.requestFocus();
            return;
        }
        Node fallback = fallbackKey == null ? null : keyed.get(fallbackKey);
        if (fallback != null && !fallback.isDisabled()) {
            fallback.requestFocus();
        } else {
            scroll.requestFocus();
        }
    }

    private void focusLater(Node n) {
        n.requestFocus();
        updateEditing();
    }

    /** Scrolls so that {@code n} (inside the content) is in view. */
    private void reveal(Node n) {
        if (getScene() == null || !isInside(n, content)) {
            return;
        }
        content.applyCss();
        content.layout();
        scroll.layout();
        Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
        double viewport = scroll.getViewportBounds().getHeight();
        double extra = content.getHeight() - viewport;
        if (extra <= 0 || viewport <= 0) {
            return;
        }
        double top = extra * scroll.getVvalue();
        if (b.getMinY() < top) {
            scroll.setVvalue(b.getMinY() / extra);
        } else if (b.getMaxY() > top + viewport) {
            scroll.setVvalue(Math.min(1, (b.getMaxY() - viewport) / extra));
        }
    }

    private static boolean isInside(Node n, Node ancestor) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (x == ancestor) {
                return true;
            }
        }
        return false;
    }

    private void updateEditing() {
        Node f = focusOwner();
        boolean typing = f instanceof TextInputControl && isInside(f, this);
        boolean open = (inline != null || editor != null) && (f == null || isInside(f, this));
        editing.set(typing || open);
    }

    private Instant now() {
        return clock.instant();
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    private static Label section(String title) {
        return text(title, "inspector-section");
    }

    private static Label text(String s, String style) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add(style);
        return l;
    }

    private static Label badge(String s, String style) {
        Label b = new Label(s);
        b.getStyleClass().addAll("badge", style);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }
}
