package dev.rustreview.analysis.provenance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rustreview.model.AttributionRecord;
import dev.rustreview.model.Commit;
import dev.rustreview.model.LineNote;
import dev.rustreview.model.LineNotes;
import dev.rustreview.model.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the raw line-level attribution records of a branch (git-ai, whogitit, Agent Trace) into
 * {@link LineNotes}. The records come from the repository, so they are untrusted data: only read as JSON or
 * git-ai's text, never executed; nesting, string lengths, ranges and line numbers are bounded; a record that
 * does not parse is ignored with one line saying which and why, and the others still count.
 */
public final class LineNoteParser {

    /** More ranges than this in one record are not read (a branch does not write millions of runs). */
    static final int MAX_RANGES = 100_000;
    /** Line numbers above this are not lines of a source file. */
    static final int MAX_LINE = 10_000_000;

    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64).maxStringLength(1 << 20).maxNumberLength(40).build())
            .build()).build();

    private LineNoteParser() {
    }

    /** The notes of {@code records} for {@code branch}'s commits; {@code skipped} lines are kept as ignored. */
    public static LineNotes parse(List<AttributionRecord> records, List<Commit> branch, List<String> skipped) {
        List<LineNote> notes = new ArrayList<>();
        List<String> ignored = new ArrayList<>(skipped);
        Sink sink = new Sink(notes);
        for (AttributionRecord record : records) {
            String where = record.commitId() == null ? record.location()
                    : record.location() + " note on " + abbrev(record.commitId());
            try {
                switch (record.format()) {
                    case "git-ai" -> GitAiNote.parse(record, sink);
                    case "whogitit" -> WhogititNote.parse(record, sink);
                    case "agent-trace" -> AgentTraceRecords.parse(record, branch, sink, ignored);
                    default -> throw new Malformed("unknown format " + record.format());
                }
            } catch (Malformed e) {
                ignored.add(where + " ignored: " + e.getMessage());
            }
            if (sink.ranges > MAX_RANGES) {
                ignored.add(where + ": more than " + MAX_RANGES + " ranges, the rest were not read");
                break;
            }
        }
        return new LineNotes(notes, ignored);
    }

    /** A record (or part of one) that is not in its format. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** Collects notes and counts ranges, so one record cannot flood the analysis. */
    static final class Sink {
        private final List<LineNote> notes;
        private int ranges;

        Sink(List<LineNote> notes) {
            this.notes = notes;
        }

        void add(String commit, String path, int from, int to, Verdict verdict, String tool, String source,
                 String evidence) throws Malformed {
            if (from < 1 || to < from || to > MAX_LINE) {
                throw new Malformed("bad line range " + from + "-" + to + " for " + clean(path));
            }
            if (++ranges > MAX_RANGES) {
                return;
            }
            notes.add(new LineNote(commit, path, from, to, verdict, tool, source, evidence));
        }
    }

    static JsonNode json(String text) throws Malformed {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new Malformed("not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Malformed("not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
    }

    /** An integer field within bounds, or Malformed naming it. */
    static int line(JsonNode node, String field) throws Malformed {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new Malformed("`" + field + "` is missing or not a line number");
        }
        return value.asInt();
    }

    /** Untrusted text shown in evidence: printable, at most 80 characters. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "\u2026" : printable;
    }

    /** The agent a note's tool or model names ({@code cursor} → Cursor), else null. */
    static String tool(String... names) {
        for (String name : names) {
            String tool = ToolNames.guess(name == null ? null : name.replace('-', ' ').replace('_', ' '));
            if (tool != null) {
                return tool;
            }
        }
        return null;
    }

    static String abbrev(String id) {
        return id.substring(0, Math.min(7, id.length()));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
