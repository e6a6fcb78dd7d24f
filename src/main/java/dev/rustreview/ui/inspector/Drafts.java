package dev.rustreview.ui.inspector;

import dev.rustreview.review.Annotation;
import dev.rustreview.review.AnnotationKind;
import dev.rustreview.review.DecisionState;
import dev.rustreview.ui.review.ReviewModel;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Node;

/**
 * What the reviewer is in the middle of typing: at most one {@link InlineField} and at most one
 * {@link AnnotationEditor}. They are kept here, outside the rendered content, so that every repaint puts the same
 * nodes back with their text; opening one remembers where the focus was, and closing it puts the focus back.
 */
final class Drafts {

    private final ReviewModel review;
    private final Consumer<String> openLink;
    private final FocusKeeper focus;
    private final ScrollKeeper scroll;
    /** Repaints the pane, reusing these drafts. */
    private final Runnable refresh;
    /** Recomputes whether the reviewer is typing, once the focus has moved. */
    private final Runnable updateEditing;
    private InlineField inline;
    private AnnotationEditor editor;
    private Node editorReturnFocus;

    Drafts(ReviewModel review, Consumer<String> openLink, FocusKeeper focus, ScrollKeeper scroll, Runnable refresh,
           Runnable updateEditing) {
        this.review = review;
        this.openLink = openLink;
        this.focus = focus;
        this.scroll = scroll;
        this.refresh = refresh;
        this.updateEditing = updateEditing;
    }

    /** The open inline field, or null. */
    InlineField inline() {
        return inline;
    }

    /** The open annotation editor, or null. */
    AnnotationEditor editor() {
        return editor;
    }

    boolean anyOpen() {
        return inline != null || editor != null;
    }

    // ---- inline fields -------------------------------------------------------------------------------

    /** Opens an inline field, or focuses it when that very field is already open (keeping its text). */
    InlineField open(InlineField.Kind kind, String hunkId, String findingId) {
        if (inline != null && inline.is(kind, hunkId, findingId)) {
            focusOn(inline.field);
            return inline;
        }
        // Moving from one inline field to another still goes back to where the first was opened from.
        Node returnFocus = inline != null ? inline.returnFocus : focus.focusOwner();
        InlineField[] created = new InlineField[1];
        created[0] = new InlineField(kind, hunkId, findingId, returnFocus,
                () -> confirm(created[0]), () -> close(created[0]));
        inline = created[0];
        refresh.run();
        scroll.reveal(inline.field);
        focusOn(inline.field);
        return inline;
    }

    /** Closes the reject reason field, if that is what is open: the hunk has just been decided another way. */
    void closeReject() {
        if (inline != null && inline.kind == InlineField.Kind.REJECT) {
            close(inline);
        }
    }

    /** Another hunk is shown: an open inline field no longer applies; the caller repaints. */
    void dropInline() {
        if (inline != null) {
            InlineField stale = inline;
            inline = null;
            if (stale.field.isFocused()) {
                focus.restore(stale.returnFocus, null);
            }
        }
    }

    private void confirm(InlineField in) {
        String text = in.field.getText();
        boolean ok = switch (in.kind) {
            case REJECT -> review.decide(in.hunkId, DecisionState.REJECTED, text);
            case ACKNOWLEDGE -> review.acknowledge(in.findingId, text);
            case DISMISS -> review.dismiss(in.findingId, text);
            case PROBLEM -> review.markProblem(in.findingId, text);
        };
        if (ok) {
            close(in);
        } else {
            in.refused();
        }
    }

    private void close(InlineField in) {
        if (inline != in) {
            return;
        }
        boolean hadFocus = in.field.isFocused();
        inline = null;
        refresh.run();
        if (hadFocus) {
            focus.restore(in.returnFocus, in.openerKey());
        }
        updateEditing.run();
    }

    // ---- annotation editor ---------------------------------------------------------------------------

    /** Opens the editor on {@code target}, or focuses it when it is already open on that target. */
    void openEditor(AnnotationEditor.Target target) {
        if (editor != null && editor.target().equals(target)) {
            scroll.reveal(editor);
            focusOn(editor.textArea());
            return;
        }
        Node previous = focus.focusOwner();
        AnnotationEditor old = editor;
        AnnotationEditor[] created = new AnnotationEditor[1];
        created[0] = new AnnotationEditor(target, this::saveAnnotation, () -> closeEditor(created[0]), openLink);
        if (old != null) {
            // A new target keeps what was being written (and where the focus goes back to).
            created[0].textArea().setText(old.textArea().getText());
            created[0].suggestionArea().setText(old.suggestionArea().getText());
            if (!old.textArea().getText().isBlank()) {
                created[0].setKind(old.kind());
            }
        } else {
            editorReturnFocus = previous;
        }
        editor = created[0];
        refresh.run();
        scroll.reveal(editor);
        focusOn(editor.textArea());
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
        boolean hadFocus = InspectorNodes.isInside(focus.focusOwner(), closing);
        editor = null;
        Node back = editorReturnFocus;
        editorReturnFocus = null;
        refresh.run();
        if (hadFocus) {
            focus.restore(back, "comment-hunk");
        }
        updateEditing.run();
    }

    private void focusOn(Node n) {
        n.requestFocus();
        updateEditing.run();
    }
}
