package dev.rustreview.export;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustreview.io.Json;
import dev.rustreview.model.Side;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.AnnotationKind;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.ReviewSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON body of GitHub's "create a review for a pull request": the verdict as the event, inline comments on
 * lines the diff shows, and everything else (file and review comments, lines outside the diff) in the body,
 * because GitHub refuses a review whose comment is not on a diff line.
 */
public final class GitHubReview {

    private GitHubReview() {
    }

    public static ObjectNode toJson(ReviewSession session) {
        HunkIndex index = session.index();
        ReviewVerdict verdict = ReviewVerdict.of(session.coverage());
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("commit_id", index.analysis().changeSet().toId());
        root.put("event", verdict.name());
        ArrayNode comments = root.putArray("comments");
        List<String> outside = new ArrayList<>();
        for (Comment c : comments(session)) {
            Optional<HunkIndex.Entry> start = c.path == null || c.start <= 0 ? Optional.empty()
                    : index.at(c.path, c.side == Side.NEW, c.start);
            Optional<HunkIndex.Entry> end = c.path == null || c.end <= 0 ? Optional.empty()
                    : index.at(c.path, c.side == Side.NEW, c.end);
            if (start.isPresent() && end.isPresent() && start.get().id().equals(end.get().id())) {
                ObjectNode n = comments.addObject().put("path", c.path).put("line", c.end)
                        .put("side", c.side == Side.OLD ? "LEFT" : "RIGHT");
                if (c.start < c.end) {
                    n.put("start_line", c.start).put("start_side", c.side == Side.OLD ? "LEFT" : "RIGHT");
                }
                n.put("body", c.body);
            } else {
                String where = c.path == null ? "Whole change" : MarkdownText.escape(c.path) + (c.start > 0 ? ":" + c.start : "");
                outside.add("- " + where + ": " + c.body.replace("\n", "\n  "));
            }
        }
        String summary = MarkdownExport.summary(session);
        root.put("body", outside.isEmpty() ? summary : summary + "\n### Comments outside the diff\n\n"
                + String.join("\n", outside) + "\n");
        return root;
    }

    private record Comment(String path, Side side, int start, int end, String body) {
    }

    private static List<Comment> comments(ReviewSession session) {
        List<Comment> out = new ArrayList<>();
        for (AgentItems.Item item : AgentItems.of(session.review(), session.index())) {
            if (item.kind() == AgentItems.Kind.REJECTED) {
                out.add(new Comment(item.path(), Side.NEW, item.line(), item.line(),
                        "**Rejected:** " + MarkdownText.escape(item.text())));
            } else if (item.kind() == AgentItems.Kind.FINDING || item.kind() == AgentItems.Kind.PROBLEM) {
                out.add(new Comment(item.path(), side(session, item.sourceId()), item.line(), item.endLine(),
                        "**Risk:** " + MarkdownText.escape(item.text()) + "\n\n**To fix:** "
                                + MarkdownText.escape(item.fix())));
            }
        }
        for (Annotation a : session.review().annotations()) {
            if (!a.open()) {
                continue;
            }
            StringBuilder body = new StringBuilder("**").append(a.kind().label()).append(":** ").append(a.text());
            if (a.kind() == AnnotationKind.SUGGESTION && a.suggestion() != null) {
                body.append("\n\n").append(MarkdownText.fence(a.suggestion().lines().toList(), "suggestion", "").strip());
            }
            var x = a.anchor();
            out.add(new Comment(x.path(), x.side() == null ? Side.NEW : x.side(), x.startLine(), x.endLine(),
                    body.toString()));
        }
        return out;
    }

    private static Side side(ReviewSession session, String findingId) {
        return session.index().analysis().finding(findingId).map(f -> f.side() == null ? Side.NEW : f.side())
                .orElse(Side.NEW);
    }
}
