package dev.rustreview.export;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustreview.io.Json;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Commit;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.Person;
import dev.rustreview.model.Revision;
import dev.rustreview.model.Trailer;
import java.util.Locale;

/**
 * The change set as JSON with explicit, stable field names (documented in the README), so renaming a Java
 * record component can never silently change what scripts read.
 */
public final class ChangeSetJson {

    private ChangeSetJson() {
    }

    public static ObjectNode toJson(ChangeSet cs) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("repository", cs.repository());
        root.set("base", revision(cs.base()));
        root.set("head", revision(cs.head()));
        root.put("mergeBase", cs.mergeBaseId());
        root.put("from", cs.fromId());
        root.put("to", cs.toId());
        ObjectNode summary = root.putObject("summary");
        summary.put("commits", cs.commits().size());
        summary.put("files", cs.files().size());
        summary.put("additions", cs.additions());
        summary.put("deletions", cs.deletions());
        ArrayNode commits = root.putArray("commits");
        cs.commits().forEach(c -> commits.add(commit(c)));
        ArrayNode files = root.putArray("files");
        cs.files().forEach(f -> files.add(file(f)));
        return root;
    }

    static ObjectNode revision(Revision r) {
        ObjectNode node = Json.mapper().createObjectNode();
        if (r == null) {
            return node;
        }
        node.put("spec", r.spec());
        node.put("ref", r.refName());
        node.put("commit", r.commitId());
        return node;
    }

    static ObjectNode commit(Commit c) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", c.id());
        ArrayNode parents = node.putArray("parents");
        c.parentIds().forEach(parents::add);
        node.set("author", person(c.author()));
        node.set("committer", person(c.committer()));
        node.put("subject", c.subject());
        node.put("message", c.message());
        ArrayNode trailers = node.putArray("trailers");
        for (Trailer t : c.trailers()) {
            trailers.addObject().put("key", t.key()).put("value", t.value());
        }
        return node;
    }

    private static ObjectNode person(Person p) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", p.name());
        node.put("email", p.email());
        node.put("date", p.when().toString());
        return node;
    }

    static ObjectNode file(FileChange f) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("path", f.path());
        node.put("oldPath", f.oldPath());
        node.put("newPath", f.newPath());
        node.put("change", lower(f.changeType().name()));
        node.put("similarity", f.similarity());
        node.put("oldKind", lower(f.oldKind().name()));
        node.put("newKind", lower(f.newKind().name()));
        node.put("oldBlob", f.oldBlobId());
        node.put("newBlob", f.newBlobId());
        node.put("oldSize", f.oldSize());
        node.put("newSize", f.newSize());
        node.put("binary", f.binary());
        node.put("tooLarge", f.tooLarge());
        node.put("language", f.language());
        node.put("encoding", f.encoding());
        node.put("additions", f.additions());
        node.put("deletions", f.deletions());
        ArrayNode hunks = node.putArray("hunks");
        f.hunks().forEach(h -> hunks.add(hunk(h)));
        return node;
    }

    static ObjectNode hunk(Hunk h) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("header", h.header());
        node.put("oldStart", h.oldStart());
        node.put("oldCount", h.oldCount());
        node.put("newStart", h.newStart());
        node.put("newCount", h.newCount());
        ArrayNode lines = node.putArray("lines");
        for (DiffLine l : h.lines()) {
            ObjectNode line = lines.addObject();
            line.put("kind", lower(l.kind().name()));
            line.put("old", l.oldLine());
            line.put("new", l.newLine());
            line.put("text", l.text());
            if (l.crlf()) {
                line.put("crlf", true);
            }
            if (l.noNewlineAtEnd()) {
                line.put("noNewlineAtEnd", true);
            }
        }
        return node;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
