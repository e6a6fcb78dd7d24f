package dev.rustreview.ui.inspector;

import static dev.rustreview.ui.inspector.InspectorNodes.badge;
import static dev.rustreview.ui.inspector.InspectorNodes.text;

import dev.rustreview.review.Annotation;
import dev.rustreview.review.Reply;
import dev.rustreview.ui.review.ReviewModel;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One annotation: kind, author, age and lines, outdated and resolved badges, its Markdown text, the suggested
 * code, the replies, a reply box (Enter sends, Escape clears) and resolve or reopen. The reply boxes are kept per
 * annotation across repaints, so a reply being typed survives the review changing underneath it.
 */
final class AnnotationCard {

    private final Clock clock;
    private final Consumer<String> openLink;
    private final ReviewModel review;
    private final FocusKeeper keys;
    private final Map<String, TextField> replyFields = new HashMap<>();

    AnnotationCard(Clock clock, Consumer<String> openLink, ReviewModel review, FocusKeeper keys) {
        this.clock = clock;
        this.openLink = openLink;
        this.review = review;
        this.keys = keys;
    }

    /** Drops the reply boxes: another hunk is shown. */
    void forgetReplies() {
        replyFields.clear();
    }

    /** The card for {@code a} on hunk {@code r}. */
    Node render(Annotation a, HunkReview r) {
        Instant now = clock.instant();
        VBox card = new VBox(4);
        card.getStyleClass().add("annotation-card");
        if (a.outdated()) {
            card.getStyleClass().add("annotation-outdated");
        }
        if (a.resolved()) {
            card.getStyleClass().add("annotation-resolved");
        }
        Label kind = badge(a.kind().label(), "kind-badge");
        kind.getStyleClass().add("kind-" + a.kind().label());
        Label when = text(HunkReview.ago(a.created(), now), "muted");
        when.setTooltip(new Tooltip(HunkReview.when(a.created(), now, clock.getZone())));
        FlowPane head = new FlowPane(6, 2, kind, text(HunkReview.who(a.author()), "annotation-author"), when,
                text(HunkReview.linesLabel(a.anchor()), "muted"));
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
            VBox rb = new VBox(2, text(HunkReview.who(reply.author()) + " \u00b7 " + HunkReview.ago(reply.at(), now), "muted"),
                    MarkdownNodes.render(reply.text(), openLink));
            rb.getStyleClass().add("annotation-reply");
            card.getChildren().add(rb);
        }
        TextField replyField = replyFields.computeIfAbsent(a.id(), this::newReplyField);
        HBox.setHgrow(replyField, Priority.ALWAYS);
        replyField.setDisable(!r.reviewOpen());
        Button resolve = new Button(a.resolved() ? "Reopen" : "Resolve");
        resolve.getStyleClass().addAll("small", "resolve-button");
        keys.key(resolve, "resolve-" + a.id());
        resolve.setDisable(!r.reviewOpen());
        resolve.setOnAction(e -> review.resolve(a.id(), !a.resolved()));
        HBox row = new HBox(6, replyField, resolve);
        row.setAlignment(Pos.CENTER_LEFT);
        card.getChildren().add(row);
        return card;
    }

    /** Enter sends a non-blank reply and clears the box once recorded; Escape clears it and moves to Resolve. */
    private TextField newReplyField(String annotationId) {
        TextField f = new TextField();
        f.setPromptText("Reply (Markdown; Enter sends)");
        f.getStyleClass().add("reply-field");
        InlineField.onEnterAndEscape(f, () -> {
            if (!f.getText().isBlank() && review.reply(annotationId, f.getText()).isPresent()) {
                f.clear();
            }
        }, () -> {
            f.clear();
            Node back = keys.get("resolve-" + annotationId);
            if (back != null) {
                back.requestFocus();
            }
        });
        return f;
    }
}
