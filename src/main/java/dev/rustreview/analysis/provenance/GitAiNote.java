package dev.rustreview.analysis.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustreview.analysis.provenance.LineNoteParser.Malformed;
import dev.rustreview.analysis.provenance.LineNoteParser.Sink;
import dev.rustreview.model.AttributionRecord;
import dev.rustreview.model.Verdict;
import java.util.List;

/**
 * A git-ai authorship log ({@code refs/notes/ai}, schema {@code authorship/3.x}): file paths (quoted when they
 * hold spaces), each followed by indented {@code <prompt hash> <ranges>} lines ({@code 1,2,19-222}), a line
 * {@code ---}, then JSON metadata whose {@code prompts} map each hash to its {@code agent_id} (tool, model).
 * git-ai records only lines an agent wrote, so every listed line is the agent's.
 */
final class GitAiNote {

    private GitAiNote() {
    }

    static void parse(AttributionRecord record, Sink sink) throws Malformed {
        List<String> lines = record.text().lines().toList();
        int divider = lines.indexOf("---");
        if (divider < 0) {
            throw new Malformed("no `---` line between attestations and metadata (not a git-ai authorship log)");
        }
        JsonNode metadata = LineNoteParser.json(String.join("\n", lines.subList(divider + 1, lines.size())));
        String schema = LineNoteParser.text(metadata, "schema_version");
        if (schema == null || !schema.startsWith("authorship/")) {
            throw new Malformed("metadata has no `schema_version` authorship/...");
        }
        JsonNode prompts = metadata.path("prompts");
        String path = null;
        for (int i = 0; i < divider; i++) {
            String line = lines.get(i).stripTrailing();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("  ")) {
                path = line.length() > 1 && line.startsWith("\"") && line.endsWith("\"")
                        ? line.substring(1, line.length() - 1) : line;
                continue;
            }
            if (path == null) {
                throw new Malformed("line " + (i + 1) + ": an attestation before any file path");
            }
            String entry = line.substring(2);
            int space = entry.indexOf(' ');
            if (space <= 0) {
                throw new Malformed("line " + (i + 1) + ": expected `<hash> <ranges>`");
            }
            String hash = entry.substring(0, space);
            JsonNode agent = prompts.path(hash).path("agent_id");
            String toolName = LineNoteParser.text(agent, "tool");
            String model = LineNoteParser.text(agent, "model");
            String tool = LineNoteParser.tool(toolName, model);
            String who = toolName == null ? "prompt " + LineNoteParser.clean(hash) + " (not in the note's prompts)"
                    : "prompt " + LineNoteParser.clean(hash) + " (tool " + LineNoteParser.clean(toolName)
                    + (model == null ? "" : ", model " + LineNoteParser.clean(model)) + ")";
            for (String part : entry.substring(space + 1).split(",")) {
                if (part.isEmpty()) {
                    continue;
                }
                int[] range = range(part, i + 1);
                sink.add(record.commitId(), path, range[0], range[1], Verdict.AGENT, tool, record.location(),
                        record.location() + " on " + LineNoteParser.abbrev(record.commitId()) + ": "
                                + LineNoteParser.clean(path) + " " + part + " written by " + who);
            }
        }
    }

    private static int[] range(String part, int lineNr) throws Malformed {
        try {
            int dash = part.indexOf('-');
            if (dash < 0) {
                int line = Integer.parseInt(part);
                return new int[] {line, line};
            }
            return new int[] {Integer.parseInt(part.substring(0, dash)), Integer.parseInt(part.substring(dash + 1))};
        } catch (NumberFormatException e) {
            throw new Malformed("line " + lineNr + ": `" + LineNoteParser.clean(part) + "` is not a line range");
        }
    }
}
