package dev.rustreview.export;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustreview.io.Json;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Commit;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Finding;
import dev.rustreview.review.Acknowledgement;
import dev.rustreview.review.Coverage;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;

/**
 * The whole review as one JSON document, schema {@value #KIND} version {@value #VERSION}: the change set
 * summary, verdict and coverage, findings with their acknowledgement, and under {@code review} the decisions,
 * acknowledgements, annotations and rounds in the review file's own format ({@link JsonImport} reads it back).
 */
public final class JsonExport {

    public static final String KIND = "rust-review/export";
    public static final int VERSION = 1;

    private JsonExport() {
    }

    public static ObjectNode toJson(ReviewSession session) {
        return toJson(session, null);
    }

    /** With the stored compiler check (null: none) under {@code compilerCheck}. */
    public static ObjectNode toJson(ReviewSession session, dev.rustreview.model.CompilerCheck check) {
        Review review = session.review();
        HunkIndex index = session.index();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("kind", KIND);
        root.put("schemaVersion", VERSION);
        Coverage c = session.coverage();
        root.put("verdict", ReviewVerdict.of(c).name());
        root.set("coverage", Json.mapper().valueToTree(c));
        root.set("changeSet", changeSet(index));
        ArrayNode findings = root.putArray("findings");
        for (Finding f : index.analysis().findings()) {
            ObjectNode node = AnalysisJson.finding(f);
            Acknowledgement a = review.acknowledgements().get(f.id());
            node.put("acknowledged", a == null ? null : a.kind().name().toLowerCase(java.util.Locale.ROOT));
            findings.add(node);
        }
        root.set("review", Json.mapper().valueToTree(ReviewDtos.of(review)));
        CompilerExport.json(root, check);
        return root;
    }

    public static String write(ReviewSession session) {
        return write(session, null);
    }

    public static String write(ReviewSession session, dev.rustreview.model.CompilerCheck check) {
        try {
            return Json.mapper().writeValueAsString(toJson(session, check)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the review could not be written as JSON", e);
        }
    }

    private static ObjectNode changeSet(HunkIndex index) {
        ChangeSet cs = index.analysis().changeSet();
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("base", cs.base() == null ? null : cs.base().spec());
        node.put("head", cs.head() == null ? null : cs.head().spec());
        node.put("mergeBase", cs.mergeBaseId());
        node.put("from", cs.fromId());
        node.put("to", cs.toId());
        node.put("additions", cs.additions());
        node.put("deletions", cs.deletions());
        ArrayNode commits = node.putArray("commits");
        for (Commit commit : cs.commits()) {
            commits.addObject().put("id", commit.id()).put("subject", commit.subject())
                    .put("author", commit.author() == null ? null : commit.author().display());
        }
        ArrayNode files = node.putArray("files");
        for (FileChange f : cs.files()) {
            ObjectNode file = files.addObject().put("path", f.path()).put("oldPath", f.oldPath())
                    .put("change", f.changeType().name().toLowerCase(java.util.Locale.ROOT))
                    .put("additions", f.additions()).put("deletions", f.deletions());
            ArrayNode hunks = file.putArray("hunks");
            index.entries().stream().filter(e -> e.file() == f).forEach(e -> hunks.addObject()
                    .put("id", e.id()).put("header", e.hunk().header())
                    .put("category", e.analysis().category().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return node;
    }
}
