package dev.rustreview.export;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustreview.io.Json;
import dev.rustreview.model.Category;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ClippyLint;
import dev.rustreview.model.CommitProvenance;
import dev.rustreview.model.FileAnalysis;
import dev.rustreview.model.Finding;
import dev.rustreview.model.HunkAnalysis;
import dev.rustreview.model.LineAttribution;
import dev.rustreview.model.Priority;
import dev.rustreview.model.ProvenanceEvidence;
import dev.rustreview.model.ProvenanceSummary;
import dev.rustreview.model.Severity;
import java.util.Locale;

/**
 * {@code analyze --format json}: the change set of {@link ChangeSetJson} with categories, findings and
 * provenance woven in. Field names are stable and documented in the README.
 */
public final class AnalysisJson {

    /** Bumped when a field changes meaning or disappears; adding fields does not bump it. */
    public static final int FORMAT_VERSION = 1;

    private AnalysisJson() {
    }

    public static ObjectNode toJson(ChangeAnalysis analysis) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", "rust-review-analysis");
        root.put("version", FORMAT_VERSION);
        root.setAll(ChangeSetJson.toJson(analysis.changeSet()));
        ObjectNode summary = (ObjectNode) root.get("summary");
        summary.set("priority", priority(analysis.priority()));
        ObjectNode categories = summary.putObject("categories");
        for (Category c : Category.values()) {
            categories.put(c.id(), analysis.categoryCounts().getOrDefault(c, 0));
        }
        ObjectNode bySeverity = summary.putObject("findings");
        for (Severity s : Severity.values()) {
            bySeverity.put(s.label(), analysis.findings().stream().filter(f -> f.severity() == s).count());
        }
        ProvenanceSummary written = ProvenanceSummary.of(analysis.commits(), analysis.lines(),
                analysis.changeSet().additions());
        summary.put("changedLines", written.changedLines());
        summary.put("agentWrittenLines", written.agentWrittenLines());
        summary.put("provenance", written.sentence());

        ArrayNode files = (ArrayNode) root.get("files");
        for (int i = 0; i < files.size(); i++) {
            decorate((ObjectNode) files.get(i), analysis.files().get(i));
        }
        ArrayNode findings = root.putArray("findings");
        analysis.findings().forEach(f -> findings.add(finding(f)));
        ArrayNode provenance = root.putArray("provenance");
        analysis.commits().forEach(p -> provenance.add(provenance(p)));
        ArrayNode lines = root.putArray("lineOrigins");
        for (LineAttribution l : analysis.lines()) {
            ObjectNode run = lines.addObject().put("path", l.path()).put("startLine", l.startLine())
                    .put("endLine", l.endLine()).put("commit", l.commitId());
            if (l.note() != null) {
                run.putObject("note").put("source", l.note().source()).put("verdict", l.note().verdict().label())
                        .put("tool", l.note().tool()).put("evidence", l.note().evidence());
            }
        }
        return root;
    }

    private static void decorate(ObjectNode file, FileAnalysis fa) {
        file.put("category", fa.category().id());
        file.put("analysed", fa.analysed());
        file.put("partial", fa.partial());
        file.put("note", fa.note());
        file.set("priority", priority(fa.priority()));
        ArrayNode hunks = (ArrayNode) file.get("hunks");
        for (int i = 0; i < hunks.size() && i < fa.hunks().size(); i++) {
            ObjectNode hunk = (ObjectNode) hunks.get(i);
            HunkAnalysis ha = fa.hunks().get(i);
            ObjectNode head = Json.mapper().createObjectNode();
            head.put("id", ha.id());
            head.put("category", ha.category().id());
            ArrayNode tags = head.putArray("tags");
            ha.tags().forEach(t -> tags.add(t.id()));
            head.put("reason", ha.reason());
            ArrayNode items = head.putArray("items");
            ha.items().forEach(items::add);
            head.put("async", ha.async());
            head.put("unsafe", ha.unsafeCode());
            head.put("test", ha.testCode());
            ArrayNode ids = head.putArray("findings");
            ha.findingIds().forEach(ids::add);
            head.set("priority", priority(ha.priority()));
            head.setAll(hunk);
            hunks.set(i, head);
        }
    }

    static ObjectNode finding(Finding f) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", f.id());
        node.put("rule", f.ruleId());
        node.put("area", f.area().id());
        node.put("severity", f.severity().label());
        node.put("origin", f.origin().label());
        node.put("path", f.path());
        node.put("side", f.side().name().toLowerCase(Locale.ROOT));
        node.put("startLine", f.startLine());
        node.put("endLine", f.endLine());
        ArrayNode objects = node.putArray("objects");
        f.objects().forEach(objects::add);
        node.put("title", f.title());
        node.put("explanation", f.explanation());
        node.put("check", f.checkBeforeAccepting());
        ArrayNode lints = node.putArray("lints");
        for (ClippyLint l : f.lints()) {
            lints.addObject().put("name", l.name()).put("url", l.url());
        }
        return node;
    }

    static ObjectNode provenance(CommitProvenance p) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("commit", p.commitId());
        node.put("verdict", p.verdict().label());
        node.put("tool", p.tool());
        ArrayNode evidence = node.putArray("evidence");
        for (ProvenanceEvidence e : p.evidence()) {
            evidence.addObject().put("field", e.field()).put("value", e.value()).put("pattern", e.pattern())
                    .put("tool", e.tool()).put("weak", e.weak());
        }
        return node;
    }

    static ObjectNode priority(Priority p) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("highest", p.highest() == null ? null : p.highest().label());
        node.put("findings", p.findings());
        return node;
    }
}
