package dev.rustreview.export;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.io.Json;
import dev.rustreview.model.ClippyLint;
import dev.rustreview.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** SARIF rule descriptors: every analyzer rule in id order, then one for reviewer annotations. */
final class SarifRules {

    static final String ANNOTATION_RULE = "RR-ANNOTATION";

    private final List<String> ids = new ArrayList<>();
    private final ArrayNode descriptors = Json.mapper().createArrayNode();

    SarifRules() {
        for (RiskRule rule : ChangeAnalyzer.allRules()) {
            add(rule.info());
        }
        ObjectNode a = descriptor(ANNOTATION_RULE, "ReviewerAnnotation", "A reviewer's comment on the change.",
                "Issues, suggestions, questions, notes and praise written during the review.");
        a.putObject("defaultConfiguration").put("level", "note");
        ids.add(ANNOTATION_RULE);
        descriptors.add(a);
    }

    ArrayNode descriptors() {
        return descriptors;
    }

    /** The rule's index in {@link #descriptors()}, or -1 for a rule this build does not know. */
    int index(String ruleId) {
        return ids.indexOf(ruleId);
    }

    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
        };
    }

    private void add(RuleInfo info) {
        StringBuilder help = new StringBuilder(info.catches());
        if (info.cannotSee() != null && !info.cannotSee().isBlank()) {
            help.append("\nCannot see: ").append(info.cannotSee());
        }
        StringBuilder markdown = new StringBuilder(MarkdownText.escape(help.toString()));
        for (ClippyLint lint : info.lints()) {
            help.append("\nclippy: ").append(lint.name()).append(' ').append(lint.url());
            markdown.append("\n- clippy: [").append(lint.name()).append("](").append(lint.url()).append(')');
        }
        ObjectNode d = descriptor(info.id(), pascal(info.name()), info.name(), info.catches());
        d.putObject("help").put("text", help.toString()).put("markdown", markdown.toString());
        if (!info.lints().isEmpty()) {
            d.put("helpUri", info.lints().get(0).url());
        }
        d.putObject("defaultConfiguration").put("level", level(info.severity()));
        ObjectNode props = d.putObject("properties");
        props.putArray("tags").add(info.area().id()).add("rust");
        props.put("severity", info.severity().label());
        ids.add(info.id());
        descriptors.add(d);
    }

    private static ObjectNode descriptor(String id, String name, String shortText, String fullText) {
        ObjectNode d = Json.mapper().createObjectNode();
        d.put("id", id);
        d.put("name", name);
        d.putObject("shortDescription").put("text", shortText);
        d.putObject("fullDescription").put("text", fullText);
        return d;
    }

    /** SARIF recommends an identifier-like rule name; the analyzer's names are phrases. */
    private static String pascal(String phrase) {
        StringBuilder sb = new StringBuilder();
        for (String word : phrase.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return sb.isEmpty() ? "Rule" : sb.toString();
    }
}
