package dev.rustreview.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustreview.io.Json;
import java.io.UncheckedIOException;
import java.util.Locale;

/** The agent feedback as JSON ({@code rust-review/feedback} version 1), for scripts that build an agent's prompt. */
public final class FeedbackJson {

    public static final String KIND = "rust-review/feedback";

    private FeedbackJson() {
    }

    public static String write(AgentFeedback feedback) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("kind", KIND).put("version", 1);
        root.put("head", feedback.head()).put("headCommit", feedback.headCommit()).put("round", feedback.round());
        root.put("verdict", feedback.verdict().name().toLowerCase(Locale.ROOT));
        root.put("unreviewedFindingsIncluded", feedback.unreviewedIncluded());
        root.put("mutedFindingsLeftOut", feedback.mutedLeftOut());
        ArrayNode items = root.putArray("items");
        for (AgentItems.Item i : feedback.items()) {
            ObjectNode n = items.addObject();
            n.put("kind", i.kind().name().toLowerCase(Locale.ROOT));
            n.put("id", i.sourceId());
            n.put("path", i.path());
            n.put("startLine", i.line()).put("endLine", i.endLine());
            n.put("text", i.text());
            ArrayNode code = n.putArray("code");
            i.code().forEach(code::add);
            if (i.fix() != null) {
                n.put(i.kind() == AgentItems.Kind.SUGGESTION ? "suggestedCode" : "toFix", i.fix());
            }
            if (!i.replies().isEmpty()) {
                ArrayNode replies = n.putArray("replies");
                i.replies().forEach(replies::add);
            }
        }
        ArrayNode accepted = root.putArray("accepted");
        for (AgentFeedback.Unit u : feedback.accepted()) {
            accepted.addObject().put("id", u.id()).put("path", u.path()).put("item", u.item())
                    .put("startLine", u.startLine()).put("endLine", u.endLine());
        }
        try {
            return Json.mapper().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
