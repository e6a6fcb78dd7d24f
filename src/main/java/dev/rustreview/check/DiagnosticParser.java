package dev.rustreview.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads cargo's {@code --message-format=json} output: one {@code compiler-message} per line. Keeps errors and
 * warnings whose primary span (or the macro call it expanded from) lies in the tree; drops summary lines
 * ("aborting due to...") and diagnostics inside dependencies. With {@code --all-targets} the same diagnostic
 * comes once per target; duplicates are dropped.
 */
final class DiagnosticParser {

    private static final int RENDERED_CAP = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> prefixes;
    private final ItemLocator items;

    /**
     * @param prefixes absolute folder names the tree is known by (inside and outside the sandbox), each ending in /
     */
    DiagnosticParser(List<String> prefixes, ItemLocator items) {
        this.prefixes = List.copyOf(prefixes);
        this.items = items;
    }

    List<Diagnostic> parse(String cargoJson) {
        Map<String, Diagnostic> unique = new LinkedHashMap<>();
        for (String line : cargoJson.split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (java.io.IOException e) {
                continue;
            }
            if (!"compiler-message".equals(node.path("reason").asText())) {
                continue;
            }
            Diagnostic d = diagnostic(node.path("message"));
            if (d != null) {
                unique.putIfAbsent(d.key() + "\u0000" + d.line(), d);
            }
        }
        return new ArrayList<>(unique.values());
    }

    private Diagnostic diagnostic(JsonNode message) {
        String level = message.path("level").asText();
        if (!level.equals("error") && !level.equals("warning")) {
            return null;
        }
        JsonNode primary = null;
        for (JsonNode span : message.path("spans")) {
            if (span.path("is_primary").asBoolean()) {
                primary = inTree(span);
                if (primary != null) {
                    break;
                }
            }
        }
        if (primary == null) {
            return null;
        }
        String path = relative(primary.path("file_name").asText());
        int line = primary.path("line_start").asInt();
        int endLine = Math.max(line, primary.path("line_end").asInt());
        int[] extent = {line, endLine};
        widen(message, path, extent);
        String rendered = message.path("rendered").asText("");
        if (rendered.length() > RENDERED_CAP) {
            rendered = rendered.substring(0, RENDERED_CAP) + "\n…";
        }
        String lint = message.path("code").isObject() ? message.path("code").path("code").asText("") : "";
        return new Diagnostic(lint, level, message.path("message").asText(), path, line, endLine, extent[0], extent[1],
                items.itemAt(path, line), suggestion(message, path), rendered);
    }

    /** The span itself when it is in the tree, else the macro call site it came from, else null. */
    private JsonNode inTree(JsonNode span) {
        JsonNode at = span;
        for (int depth = 0; depth < 16 && at != null && !at.isMissingNode(); depth++) {
            if (relative(at.path("file_name").asText()) != null) {
                return at;
            }
            JsonNode expansion = at.path("expansion");
            at = expansion.isObject() ? expansion.path("span") : null;
        }
        return null;
    }

    private void widen(JsonNode message, String path, int[] extent) {
        for (JsonNode span : message.path("spans")) {
            if (path.equals(relative(span.path("file_name").asText()))) {
                extent[0] = Math.min(extent[0], span.path("line_start").asInt());
                extent[1] = Math.max(extent[1], span.path("line_end").asInt());
            }
        }
        for (JsonNode child : message.path("children")) {
            widen(child, path, extent);
        }
    }

    private String suggestion(JsonNode message, String path) {
        for (JsonNode child : message.path("children")) {
            for (JsonNode span : child.path("spans")) {
                if (span.hasNonNull("suggested_replacement") && path.equals(relative(span.path("file_name").asText()))) {
                    return span.path("suggested_replacement").asText();
                }
            }
        }
        return null;
    }

    /** The path relative to the tree's top, or null for a file outside it (a dependency, the standard library). */
    private String relative(String fileName) {
        if (fileName == null || fileName.isEmpty() || fileName.startsWith("<")) {
            return null;
        }
        for (String prefix : prefixes) {
            if (fileName.startsWith(prefix)) {
                return fileName.substring(prefix.length());
            }
        }
        if (fileName.startsWith("/") || fileName.startsWith("..")) {
            return null;
        }
        return fileName.startsWith("./") ? fileName.substring(2) : fileName;
    }
}
