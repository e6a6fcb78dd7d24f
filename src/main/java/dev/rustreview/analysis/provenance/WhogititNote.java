package dev.rustreview.analysis.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustreview.analysis.provenance.LineNoteParser.Malformed;
import dev.rustreview.analysis.provenance.LineNoteParser.Sink;
import dev.rustreview.model.AttributionRecord;
import dev.rustreview.model.Verdict;
import java.util.Locale;

/**
 * A whogitit attribution ({@code refs/notes/whogitit}, JSON {@code AIAttribution}): {@code files[].lines[]} each
 * with {@code line_number} and {@code source.type}: {@code AI} (the agent's), {@code AIModified} (agent output a
 * human edited: assisted), {@code Human}; {@code Original} and {@code Unknown} lines say nothing and keep the
 * commit's verdict. The session's {@code model.id} names the agent.
 */
final class WhogititNote {

    private WhogititNote() {
    }

    static void parse(AttributionRecord record, Sink sink) throws Malformed {
        JsonNode root = LineNoteParser.json(record.text());
        JsonNode files = root.get("files");
        if (files == null || !files.isArray()) {
            throw new Malformed("no `files` array (not a whogitit attribution)");
        }
        String model = LineNoteParser.text(root.path("session").path("model"), "id");
        String tool = LineNoteParser.tool(model);
        for (JsonNode file : files) {
            String path = LineNoteParser.text(file, "path");
            if (path == null || !file.path("lines").isArray()) {
                throw new Malformed("a file without `path` or `lines`");
            }
            int start = -1;
            int end = -1;
            Verdict runVerdict = null;
            String runType = null;
            for (JsonNode line : file.get("lines")) {
                int number = LineNoteParser.line(line, "line_number");
                String type = LineNoteParser.text(line.path("source"), "type");
                Verdict verdict = verdict(type);
                if (runVerdict != null && (verdict != runVerdict || number != end + 1 || !type.equals(runType))) {
                    add(sink, record, path, start, end, runVerdict, runType, tool, model);
                    runVerdict = null;
                }
                if (verdict == null) {
                    continue;
                }
                if (runVerdict == null) {
                    start = number;
                    runVerdict = verdict;
                    runType = type;
                }
                end = number;
            }
            if (runVerdict != null) {
                add(sink, record, path, start, end, runVerdict, runType, tool, model);
            }
        }
    }

    private static void add(Sink sink, AttributionRecord record, String path, int start, int end, Verdict verdict,
                            String type, String tool, String model) throws Malformed {
        sink.add(record.commitId(), path, start, end, verdict, verdict == Verdict.HUMAN ? null : tool,
                record.location(), record.location() + " on " + LineNoteParser.abbrev(record.commitId()) + ": "
                        + LineNoteParser.clean(path) + " " + (start == end ? "" + start : start + "-" + end)
                        + " source " + LineNoteParser.clean(type)
                        + (model == null || verdict == Verdict.HUMAN ? "" : " (model " + LineNoteParser.clean(model) + ")"));
    }

    private static Verdict verdict(String type) {
        if (type == null) {
            return null;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "ai" -> Verdict.AGENT;
            case "aimodified", "ai_modified" -> Verdict.ASSISTED;
            case "human" -> Verdict.HUMAN;
            default -> null;
        };
    }
}
