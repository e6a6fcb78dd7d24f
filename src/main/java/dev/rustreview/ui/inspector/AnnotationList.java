package dev.rustreview.ui.inspector;

import static dev.rustreview.ui.inspector.InspectorNodes.section;

import dev.rustreview.review.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;

/**
 * The annotations section of a hunk: its heading with the count, the buttons that start a comment on the hunk or
 * on its file, the annotation editor while it is open (above the cards, where the new one will appear), and an
 * {@link AnnotationCard} per annotation.
 */
final class AnnotationList {

    private final AnnotationCard cards;
    private final FocusKeeper keys;
    private final Runnable commentOnHunk;
    private final Consumer<String> commentOnFile;

    AnnotationList(AnnotationCard cards, FocusKeeper keys, Runnable commentOnHunk, Consumer<String> commentOnFile) {
        this.cards = cards;
        this.keys = keys;
        this.commentOnHunk = commentOnHunk;
        this.commentOnFile = commentOnFile;
    }

    /** The section's nodes for {@code r}, with {@code editor} (the open annotation editor, or null). */
    List<Node> render(HunkReview r, AnnotationEditor editor) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(section(r.annotations().isEmpty() ? "No annotations" : "Annotations (" + r.annotations().size() + ")"));
        Button onHunk = new Button("Comment on hunk");
        onHunk.getStyleClass().addAll("small", "comment-hunk");
        keys.key(onHunk, "comment-hunk");
        onHunk.setOnAction(e -> commentOnHunk.run());
        Button onFile = new Button("Comment on file");
        onFile.getStyleClass().addAll("small", "comment-file");
        keys.key(onFile, "comment-file");
        onFile.setOnAction(e -> commentOnFile.accept(r.path()));
        onHunk.setDisable(!r.reviewOpen());
        onFile.setDisable(!r.reviewOpen());
        nodes.add(new HBox(6, onHunk, onFile));
        if (editor != null) {
            nodes.add(editor);
        }
        for (Annotation a : r.annotations()) {
            nodes.add(cards.render(a, r));
        }
        return nodes;
    }
}
