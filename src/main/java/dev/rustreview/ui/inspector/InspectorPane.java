package dev.rustreview.ui.inspector;

import static dev.rustreview.ui.inspector.InspectorNodes.isInside;
import static dev.rustreview.ui.inspector.InspectorNodes.text;

import dev.rustreview.model.Side;
import dev.rustreview.review.Decision;
import dev.rustreview.review.DecisionState;
import dev.rustreview.ui.navigator.HunkEntry;
import dev.rustreview.ui.review.ReviewModel;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The right side: the current hunk's {@link DecisionBar}, its category and reason, a {@link FindingCard} per
 * finding, the {@link AnnotationList}, and provenance and enclosing items ({@link HunkFacts}). This class composes
 * those sections and offers the window its keyboard actions.
 *
 * <p>Text is typed inline (an {@link InlineField}, a reply box, the {@link AnnotationEditor}); Enter (Ctrl+Enter
 * in the editor) confirms and Escape cancels, never a dialog. The pane repaints whenever the review changes,
 * reusing the fields being typed in ({@link Drafts}) and keeping the focus ({@link FocusKeeper}) and the scroll
 * position ({@link ScrollKeeper}). {@link #editingProperty()} tells the window when to leave single-letter keys to
 * the text field.
 */
public final class InspectorPane extends VBox {

    private final InspectorModel model;
    private final ReviewModel review;
    private final VBox content = new VBox(8);

    /** What the inspector says with nothing to show: the window tells it whether a repository is open. */
    public static final String SELECT_A_UNIT = "Select a unit in the navigator (or press j) to see its category, "
            + "provenance and findings.";
    private String emptyText = SELECT_A_UNIT;
    private final ScrollKeeper scroll;
    private final BooleanProperty editing = new SimpleBooleanProperty(this, "editing");
    private final FocusKeeper focus;
    private final Drafts drafts;
    private final DecisionBar decisionBar;
    private final FindingCard findingCard;
    private final AnnotationCard annotationCard;
    private final AnnotationList annotationList;
    private final FindingGroups findingGroups;
    private HunkEntry entry;
    private HunkReview hunkReview;

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
        scroll = new ScrollKeeper(this, content);
        focus = new FocusKeeper(this, content, scroll.pane());
        drafts = new Drafts(review, openLink, focus, scroll, this::refresh, this::updateEditing);
        decisionBar = new DecisionBar(clock, focus,
                new DecisionBar.Actions(this::accept, this::reject, this::discuss, this::reset));
        findingCard = new FindingCard(clock, openLink, focus, drafts::open);
        annotationCard = new AnnotationCard(clock, openLink, review, focus);
        annotationList = new AnnotationList(annotationCard, focus, this::commentOnHunk, this::beginFileAnnotation);
        findingGroups = new FindingGroups(findingCard, focus);
        findingGroups.actions((rule, scope) -> review.mute(rule, scope), review::unmute, this::refresh);
        getStyleClass().add("inspector-pane");
        Label title = new Label("Inspector");
        title.getStyleClass().add("pane-title");
        content.getStyleClass().add("inspector-content");
        VBox.setVgrow(scroll.pane(), Priority.ALWAYS);
        getChildren().addAll(title, scroll.pane());
        model.detailsProperty().addListener((obs, o, d) -> hunkChanged());
        review.versionProperty().addListener((obs, o, v) -> refresh());
        ChangeListener<Node> focusMoved = (obs, o, n) -> updateEditing();
        sceneProperty().addListener((obs, o, n) -> {
            if (o != null) {
                o.focusOwnerProperty().removeListener(focusMoved);
            }
            if (n != null) {
                n.focusOwnerProperty().addListener(focusMoved);
            }
            updateEditing();
        });
        hunkChanged();
    }

    // ---- the window's keyboard actions ---------------------------------------------------------------

    /** Accepts the current hunk. Returns whether it was recorded. */
    public boolean accept() {
        return decide(DecisionState.ACCEPTED);
    }

    /** Opens the reason field under the decision bar, focused; Enter rejects, Escape cancels. */
    public boolean reject() {
        if (hunkReview == null || !hunkReview.decidable()) {
            return false;
        }
        InlineField in = drafts.open(InlineField.Kind.REJECT, hunkReview.hunkId(), null);
        // Rejecting again starts from the recorded reason, selected so that typing replaces it.
        Decision d = hunkReview.decision();
        if (d != null && d.state() == DecisionState.REJECTED && d.reason() != null && in.field.getText().isEmpty()) {
            in.field.setText(d.reason());
            in.field.selectAll();
        }
        return true;
    }

    /** Marks the current hunk as needing discussion. */
    public boolean discuss() {
        return decide(DecisionState.DISCUSS);
    }

    /** Puts the current hunk back to unreviewed. */
    public boolean reset() {
        return decide(DecisionState.UNREVIEWED);
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
        next.ifPresent(f -> drafts.open(InlineField.Kind.ACKNOWLEDGE, hunkReview.hunkId(), f.finding().id()));
        return next.isPresent();
    }

    /** Opens the annotation editor on lines {@code startLine..endLine} of {@code path} on {@code side}. */
    public boolean beginAnnotation(String path, Side side, int startLine, int endLine) {
        if (path == null || side == null || startLine < 1 || endLine < startLine) {
            return false;
        }
        drafts.openEditor(new AnnotationEditor.Target(path, side, startLine, endLine));
        return true;
    }

    /** Opens the annotation editor on the whole of {@code path}. */
    public boolean beginFileAnnotation(String path) {
        if (path == null) {
            return false;
        }
        drafts.openEditor(AnnotationEditor.Target.file(path));
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

    /**
     * How the pane mutes and unmutes a rule; the window passes its own, which also writes the team's
     * {@code .rust-review.json} for "Mute for the repository" (the default only records it in the review).
     */
    public void setMuteActions(java.util.function.BiConsumer<String, dev.rustreview.review.RuleMute.Scope> mute,
                               Consumer<String> unmute) {
        findingGroups.actions(mute, unmute, this::refresh);
    }

    /** Called with a finding the reviewer clicked, to scroll the diff to its line. */
    public void setOnShowFinding(Consumer<dev.rustreview.model.Finding> action) {
        findingCard.onShow(action);
    }

    /** Opens the group of {@code finding}'s rule and scrolls its card into view ({@code f} reached it). */
    public void revealFinding(dev.rustreview.model.Finding finding) {
        findingGroups.open(finding.ruleId());
        refresh();
        Node link = focus.get("line-" + finding.id());
        if (link != null) {
            scroll.reveal(link);
        }
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
        return Optional.ofNullable(drafts.inline()).map(i -> i.field);
    }

    /** The open annotation editor, if any. */
    public Optional<AnnotationEditor> editor() {
        return Optional.ofNullable(drafts.editor());
    }

    // ---- commands ------------------------------------------------------------------------------------

    /** Records {@code state} for the current hunk; a decision taken another way closes an open reject reason. */
    private boolean decide(DecisionState state) {
        if (hunkReview == null || !hunkReview.decidable()) {
            return false;
        }
        boolean ok = review.decide(hunkReview.hunkId(), state, null);
        if (ok) {
            drafts.closeReject();
        }
        return ok;
    }

    /**
     * Opens the comment editor on the selected unit's lines (the c key on its header row); false when no unit is
     * selected or no review is open.
     */
    public boolean commentOnUnit() {
        if (entry == null || hunkReview == null || !hunkReview.reviewOpen()) {
            return false;
        }
        commentOnHunk();
        return true;
    }

    /** Comments on the hunk's new lines, else its old lines (a pure deletion), else its whole file. */
    private void commentOnHunk() {
        String path = entry.ref().path();
        int[] lines = HunkReview.lines(entry.hunk(), Side.NEW);
        if (lines != null) {
            beginAnnotation(path, Side.NEW, lines[0], lines[1]);
        } else if ((lines = HunkReview.lines(entry.hunk(), Side.OLD)) != null) {
            beginAnnotation(path, Side.OLD, lines[0], lines[1]);
        } else {
            beginFileAnnotation(path);
        }
    }

    // ---- rendering -----------------------------------------------------------------------------------

    private void hunkChanged() {
        HunkEntry next = model.entryProperty().get();
        boolean same = entry != null && next != null && entry.ref().equals(next.ref());
        entry = next;
        if (!same) {
            annotationCard.forgetReplies();
            findingGroups.forget();
            drafts.dropInline();
        }
        if (same) {
            refresh();
            return;
        }
        // Another unit starts at the top: no position to keep, so no layout forced here (it cost j most of its
        // time on the FX thread); the next pulse lays the new content out once.
        Runnable refocus = focus.remember();
        render();
        scroll.top();
        refocus.run();
        updateEditing();
    }

    /** Rebuilds the content, keeping the scroll position, the fields being typed in and the focus. */
    private void refresh() {
        double offset = scroll.offset();
        Runnable refocus = focus.remember();
        render();
        scroll.restore(offset);
        refocus.run();
        updateEditing();
    }

    /** The text shown when no unit is selected (no repository open yet, opening, or a unit to pick). */
    public void setEmptyText(String text) {
        emptyText = text;
        render();
    }

    /** The text shown now when no unit is selected, for tests. */
    public String emptyText() {
        return emptyText;
    }

    private void render() {
        focus.clear();
        content.getChildren().clear();
        HunkDetails d = model.detailsProperty().get();
        hunkReview = entry == null ? null : HunkReview.of(review, entry);
        if (d == null || hunkReview == null) {
            content.getChildren().add(text(emptyText, "muted"));
            if (drafts.editor() != null) {
                content.getChildren().add(drafts.editor());
            }
            return;
        }
        HunkReview r = hunkReview;
        InlineField inline = drafts.inline();
        content.getChildren().add(text(d.title(), "inspector-title"));
        content.getChildren().add(decisionBar.render(r, inline));
        content.getChildren().addAll(HunkFacts.category(d));
        // The reviewer's and the agent's words first, then the findings grouped by rule; where and who come after.
        content.getChildren().addAll(annotationList.render(r, drafts.editor()));
        content.getChildren().addAll(findingGroups.render(r, inline, review.mutes()));
        content.getChildren().addAll(HunkFacts.provenanceAndItems(d));
    }

    // ---- editing -----------------------------------------------------------------------------------

    private void updateEditing() {
        Node f = focus.focusOwner();
        boolean typing = f instanceof TextInputControl && isInside(f, this);
        boolean open = drafts.anyOpen() && (f == null || isInside(f, this));
        editing.set(typing || open);
    }
}
