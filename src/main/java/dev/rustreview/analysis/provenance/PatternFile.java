package dev.rustreview.analysis.provenance;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rustreview.analysis.provenance.AgentRule.Target;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.PatternSyntaxException;

/** Reads the {@code provenance.agents} section of a settings file; the format is documented on {@link AgentPatterns}. */
final class PatternFile {

    private static final int MAX_AGENTS = 200;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String fileName;
    private final String origin;
    private final List<AgentRule> rules = new ArrayList<>();

    private PatternFile(String fileName, String origin) {
        this.fileName = fileName;
        this.origin = origin;
    }

    static List<AgentRule> parse(String json, String fileName, String origin) {
        PatternFile file = new PatternFile(fileName, origin);
        file.read(file.tree(json));
        return file.rules;
    }

    private JsonNode tree(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw fail("is empty; write {} or remove the file");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new BadInputException(fileName + ": is not valid JSON: " + describe(e), e);
        }
    }

    private static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").strip();
        JsonLocation at = e.getLocation();
        return at == null ? message : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private void read(JsonNode root) {
        if (!root.isObject()) {
            throw fail("must hold a JSON object at the top level");
        }
        JsonNode provenance = root.path("provenance");
        if (provenance.isMissingNode() || provenance.isNull()) {
            return;
        }
        if (!provenance.isObject()) {
            throw fail("provenance must be an object");
        }
        JsonNode agents = provenance.path("agents");
        if (agents.isMissingNode() || agents.isNull()) {
            return;
        }
        if (!agents.isArray()) {
            throw fail("provenance.agents must be an array");
        }
        if (agents.size() > MAX_AGENTS) {
            throw fail("provenance.agents has more than " + MAX_AGENTS + " entries");
        }
        for (int i = 0; i < agents.size(); i++) {
            readAgent(agents.get(i), "provenance.agents[" + i + "]");
        }
    }

    private void readAgent(JsonNode agent, String where) {
        if (!agent.isObject()) {
            throw fail(where + " must be an object");
        }
        String tool = string(agent, where, "tool");
        if (tool == null || tool.isBlank()) {
            throw fail(where + ".tool is missing; name the agent, e.g. \"tool\": \"Internal Bot\"");
        }
        Verdict verdict = verdict(agent, where);
        int before = rules.size();
        String author = string(agent, where, "author");
        if (author != null) {
            add(tool, Target.AUTHOR, null, regex(author, where + ".author"), verdict, Verdict.AGENT);
        }
        String committer = string(agent, where, "committer");
        if (committer != null) {
            add(tool, Target.COMMITTER, null, regex(committer, where + ".committer"), verdict, Verdict.AGENT);
        }
        JsonNode trailer = agent.path("trailer");
        if (!trailer.isMissingNode() && !trailer.isNull()) {
            readTrailer(trailer, tool, verdict, where + ".trailer");
        }
        String message = string(agent, where, "message");
        if (message != null) {
            add(tool, Target.MESSAGE_LINE, null, regex(message, where + ".message"), verdict, Verdict.ASSISTED);
        }
        if (rules.size() == before) {
            throw fail(where + " has none of author, committer, trailer, message; add at least one");
        }
    }

    private void readTrailer(JsonNode trailer, String tool, Verdict verdict, String where) {
        if (!trailer.isObject()) {
            throw fail(where + " must be an object with \"key\" and \"value\"");
        }
        String key = string(trailer, where, "key");
        if (key == null || key.isBlank()) {
            throw fail(where + ".key is missing; name the trailer, e.g. \"key\": \"Co-authored-by\"");
        }
        String value = string(trailer, where, "value");
        add(tool, Target.TRAILER, regex(key, where + ".key"), regex(value == null ? "" : value, where + ".value"),
                verdict, Verdict.ASSISTED);
    }

    private void add(String tool, Target target, BoundedRegex key, BoundedRegex pattern, Verdict chosen,
            Verdict byDefault) {
        rules.add(new AgentRule(tool, target, key, pattern, chosen != null ? chosen : byDefault, origin));
    }

    private Verdict verdict(JsonNode agent, String where) {
        String text = string(agent, where, "verdict");
        if (text == null) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "agent" -> Verdict.AGENT;
            case "assisted" -> Verdict.ASSISTED;
            default -> throw fail(where + ".verdict must be \"agent\" or \"assisted\", not \"" + oneLine(text) + "\"");
        };
    }

    private String string(JsonNode node, String where, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw fail(where + "." + field + " must be a string");
        }
        return value.textValue();
    }

    private BoundedRegex regex(String regex, String where) {
        try {
            return BoundedRegex.untrusted(regex);
        } catch (PatternSyntaxException e) {
            throw fail(where + " is not a valid regular expression: " + oneLine(e.getDescription()));
        } catch (IllegalArgumentException e) {
            throw fail(where + " " + e.getMessage());
        }
    }

    private BadInputException fail(String what) {
        return new BadInputException(fileName + ": " + what);
    }

    private static String oneLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
