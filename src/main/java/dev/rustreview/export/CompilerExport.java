package dev.rustreview.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustreview.io.Json;
import dev.rustreview.model.CompilerCheck;
import dev.rustreview.model.CompilerFinding;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored compiler check in the exports: a Markdown section for the agent that puts compiler errors first,
 * SARIF results with the lint as rule id, and the whole check in the JSON export. Repository text (messages,
 * paths, suggestions) is escaped like everything else the exports carry.
 */
final class CompilerExport {

    private static final String INDENT = "   ";

    private CompilerExport() {
    }

    /** The Markdown section, empty when there is no check or it found nothing on the change. */
    static String markdown(CompilerCheck check) {
        if (check == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        List<CompilerFinding> errors = check.findings().stream().filter(CompilerFinding::isError).toList();
        List<CompilerFinding> others = check.findings().stream().filter(f -> !f.isError()).toList();
        if (!errors.isEmpty()) {
            sb.append("## Compiler errors — fix these before anything else\n\n");
            list(sb, errors);
        }
        if (!others.isEmpty()) {
            sb.append("## ").append(check.tool().equals("clippy") ? "Compiler and clippy warnings" : "Compiler warnings")
                    .append(" on the change\n\n");
            list(sb, others);
        }
        sb.append("_").append(MarkdownText.escape(summaryLine(check))).append("_\n\n");
        return sb.toString();
    }

    static String summaryLine(CompilerCheck check) {
        return "cargo " + check.tool() + " (" + check.toolchain() + ", lints: " + check.lints() + ", "
                + (check.sandboxed() ? "sandboxed" : "NOT sandboxed") + ") on " + shortId(check.headCommit()) + ": "
                + check.findings().size() + " introduced on the change, " + check.outsideChange()
                + " introduced outside the changed hunks, " + check.preExisting() + " already at the base";
    }

    private static void list(StringBuilder sb, List<CompilerFinding> findings) {
        int n = 1;
        for (CompilerFinding f : findings) {
            sb.append(n++).append(". `").append(f.path().replace("`", "'")).append(':').append(f.startLine())
                    .append("` — **").append(f.ruleId().isEmpty() ? f.source() : MarkdownText.escape(f.ruleId()))
                    .append("**: ").append(MarkdownText.escapeBlock(f.message(), INDENT)).append("\n\n");
            if (!f.ruleFindingIds().isEmpty()) {
                sb.append(INDENT).append("The same concern as risk finding ")
                        .append(MarkdownText.escape(String.join(", ", f.ruleFindingIds()))).append(" (two sources, one fix).\n\n");
            }
            if (f.suggestion() != null && !f.suggestion().isBlank()) {
                sb.append(INDENT).append("Suggested by the compiler:\n\n")
                        .append(MarkdownText.fence(f.suggestion().lines().toList(), "rust", INDENT)).append('\n');
            }
            if (!f.docUrl().isEmpty()) {
                sb.append(INDENT).append("See ").append(f.docUrl()).append("\n\n");
            }
        }
    }

    /** Appends one rule per lint and one {@code fail} result per compiler finding to a SARIF run. */
    static void sarif(ObjectNode run, CompilerCheck check) {
        if (check == null) {
            return;
        }
        ArrayNode rules = (ArrayNode) run.path("tool").path("driver").path("rules");
        ArrayNode results = (ArrayNode) run.path("results");
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> ids.add(r.path("id").asText()));
        for (CompilerFinding f : check.findings()) {
            String ruleId = f.ruleId();
            int index = ids.indexOf(ruleId);
            if (index < 0) {
                index = ids.size();
                ids.add(ruleId);
                ObjectNode d = rules.addObject();
                d.put("id", ruleId);
                d.putObject("shortDescription").put("text", f.source() + " " + (f.lint().isEmpty() ? "diagnostic" : f.lint()));
                if (!f.docUrl().isEmpty()) {
                    d.put("helpUri", f.docUrl());
                }
                d.putObject("defaultConfiguration").put("level", SarifRules.level(f.severity()));
                d.putObject("properties").putArray("tags").add(f.source()).add("rust");
            }
            ObjectNode r = results.addObject();
            r.put("ruleId", ruleId);
            r.put("ruleIndex", index);
            r.put("kind", "fail");
            r.put("level", f.isError() ? "error" : SarifRules.level(f.severity()));
            r.putObject("message").put("text", f.message());
            ObjectNode phys = r.putArray("locations").addObject().putObject("physicalLocation");
            phys.putObject("artifactLocation").put("uri", SarifExport.relativeUri(f.path())).put("uriBaseId", SarifExport.SRCROOT);
            phys.putObject("region").put("startLine", f.startLine()).put("endLine", Math.max(f.startLine(), f.endLine()));
            r.putObject("partialFingerprints").put("rustReviewCompiler/v1", f.id());
            ObjectNode props = r.putObject("properties");
            props.put("severity", f.severity().label());
            props.put("source", f.source());
            props.put("toolchain", check.toolchain());
            if (!f.ruleFindingIds().isEmpty()) {
                ArrayNode also = props.putArray("alsoFoundByRules");
                f.ruleFindingIds().forEach(also::add);
            }
            if (f.suggestion() != null) {
                props.put("suggestion", f.suggestion());
            }
        }
    }

    static void json(ObjectNode root, CompilerCheck check) {
        if (check != null) {
            root.set("compilerCheck", Json.mapper().valueToTree(check));
        }
    }

    private static String shortId(String id) {
        return id == null ? "?" : id.substring(0, Math.min(7, id.length()));
    }
}
