package dev.rustreview.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A reviewer's comment on lines, a file or the review.
 *
 * @param text          Markdown
 * @param suggestion    replacement code for a suggestion, else null
 * @param round         the round it was written in
 * @param outdatedSince 0 while current; else the round in which its hunk changed (kept, shown as outdated)
 */
public record Annotation(String id, Anchor anchor, AnnotationKind kind, String text, String suggestion,
                         String author, Instant created, Instant updated, List<Reply> replies, boolean resolved,
                         int round, int outdatedSince) {

    public Annotation {
        replies = List.copyOf(replies);
    }

    public boolean outdated() {
        return outdatedSince > 0;
    }

    /** Open: not resolved and not outdated (an outdated one is shown, but no longer blocks). */
    public boolean open() {
        return !resolved && !outdated();
    }

    public Annotation withReply(Reply reply) {
        List<Reply> all = new ArrayList<>(replies);
        all.add(reply);
        return new Annotation(id, anchor, kind, text, suggestion, author, created, reply.at(), all, resolved, round,
                outdatedSince);
    }

    public Annotation withResolved(boolean value, Instant at) {
        return new Annotation(id, anchor, kind, text, suggestion, author, created, at, replies, value, round,
                outdatedSince);
    }

    public Annotation withAnchor(Anchor moved) {
        return new Annotation(id, moved, kind, text, suggestion, author, created, updated, replies, resolved, round,
                outdatedSince);
    }

    public Annotation outdatedIn(int roundNumber) {
        return new Annotation(id, anchor, kind, text, suggestion, author, created, updated, replies, resolved, round,
                roundNumber);
    }
}
