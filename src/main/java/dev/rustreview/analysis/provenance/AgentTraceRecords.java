package dev.rustreview.analysis.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustreview.analysis.provenance.LineNoteParser.Malformed;
import dev.rustreview.analysis.provenance.LineNoteParser.Sink;
import dev.rustreview.model.AttributionRecord;
import dev.rustreview.model.Commit;
import dev.rustreview.model.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Agent Trace records (agent-trace.dev, v0.1): {@code files[].conversations[]} with a {@code contributor}
 * ({@code type} ai, mixed, human or unknown; {@code model_id}) and {@code ranges[]} of {@code start_line}/
 * {@code end_line} at the record's revision, a range's own contributor overriding its conversation's. Read from
 * a note (the revision is the noted commit) or from a trace file at the head: one record per file, or one per
 * line ({@code .jsonl}), each applied to the branch commit its {@code vcs.revision} names.
 */
final class AgentTraceRecords {

    private AgentTraceRecords() {
    }

    static void parse(AttributionRecord record, List<Commit> branch, Sink sink, List<String> ignored)
            throws Malformed {
        if (record.commitId() != null) {
            one(LineNoteParser.json(record.text()), record.commitId(), record.location(), sink);
            return;
        }
        List<String> texts = record.location().endsWith(".jsonl")
                ? record.text().lines().filter(l -> !l.isBlank()).toList() : List.of(record.text());
        int elsewhere = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String where = texts.size() > 1 ? "line " + (i + 1) : "record";
            try {
                JsonNode node = LineNoteParser.json(texts.get(i));
                String revision = LineNoteParser.text(node.path("vcs"), "revision");
                if (revision == null) {
                    throw new Malformed("no `vcs.revision`, so its line numbers belong to no known commit");
                }
                String commit = commitOf(revision, branch);
                if (commit == null) {
                    elsewhere++;
                    continue;
                }
                one(node, commit, record.location(), sink);
            } catch (Malformed e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            ignored.add(record.location() + ": " + problems.size() + " of " + texts.size() + " records ignored, first "
                    + problems.get(0));
        }
        if (elsewhere == texts.size() && !texts.isEmpty()) {
            ignored.add(record.location() + ": none of its " + texts.size() + " records is about a commit of this branch");
        }
    }

    private static void one(JsonNode node, String commit, String location, Sink sink) throws Malformed {
        JsonNode files = node.get("files");
        if (files == null || !files.isArray()) {
            throw new Malformed("no `files` array (not an Agent Trace record)");
        }
        String id = LineNoteParser.text(node, "id");
        String toolName = LineNoteParser.text(node.path("tool"), "name");
        for (JsonNode file : files) {
            String path = LineNoteParser.text(file, "path");
            if (path == null || !file.path("conversations").isArray()) {
                throw new Malformed("a file without `path` or `conversations`");
            }
            for (JsonNode conversation : file.get("conversations")) {
                if (!conversation.path("ranges").isArray()) {
                    throw new Malformed("a conversation without `ranges`");
                }
                for (JsonNode range : conversation.get("ranges")) {
                    JsonNode contributor = range.has("contributor") ? range.get("contributor")
                            : conversation.path("contributor");
                    String type = LineNoteParser.text(contributor, "type");
                    Verdict verdict = verdict(type);
                    if (verdict == null) {
                        continue;
                    }
                    String model = LineNoteParser.text(contributor, "model_id");
                    int from = LineNoteParser.line(range, "start_line");
                    int to = LineNoteParser.line(range, "end_line");
                    sink.add(commit, path, from, to, verdict,
                            verdict == Verdict.HUMAN ? null : LineNoteParser.tool(toolName, model), location,
                            location + (id == null ? "" : " record " + LineNoteParser.clean(id)) + " on "
                                    + LineNoteParser.abbrev(commit) + ": " + LineNoteParser.clean(path) + " " + from
                                    + "-" + to + " contributor " + LineNoteParser.clean(type)
                                    + (model == null ? "" : " (model " + LineNoteParser.clean(model) + ")"));
                }
            }
        }
    }

    /** The branch commit a revision names (full id, or an abbreviation of at least 7 digits that is unique). */
    private static String commitOf(String revision, List<Commit> branch) {
        String r = revision.trim().toLowerCase(Locale.ROOT);
        if (r.length() < 7 || !r.matches("[0-9a-f]+")) {
            return null;
        }
        String found = null;
        for (Commit c : branch) {
            if (c.id().startsWith(r)) {
                if (found != null) {
                    return null;
                }
                found = c.id();
            }
        }
        return found;
    }

    private static Verdict verdict(String type) {
        if (type == null) {
            return null;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "ai" -> Verdict.AGENT;
            case "mixed" -> Verdict.ASSISTED;
            case "human" -> Verdict.HUMAN;
            default -> null;
        };
    }
}
