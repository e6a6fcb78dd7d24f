package dev.rustreview.analysis.provenance;

import java.util.List;

/**
 * The tool a generic signal names in its text ({@code Assisted-by: Claude Code}, {@code Generated-by: Gemini 2.5}),
 * so the reviewer sees which agent helped. Only whole words of known agent names count; anything else stays
 * without a tool.
 */
final class ToolNames {

    static final String GEMINI = "Google Gemini";
    static final String COPILOT_AUTOFIX = "GitHub Copilot Autofix";

    private record Name(BoundedRegex word, String tool) {
    }

    private static final List<Name> NAMES = List.of(
            name("\\bclaude\\b", BuiltInAgents.CLAUDE_CODE),
            name("\\bcodex\\b", BuiltInAgents.CODEX),
            name("\\bgemini\\b", GEMINI),
            name("\\bcopilot\\b", BuiltInAgents.COPILOT),
            name("\\bcursor\\b", BuiltInAgents.CURSOR),
            name("\\bdevin\\b", BuiltInAgents.DEVIN),
            name("\\bjules\\b", BuiltInAgents.JULES),
            name("\\baider\\b", BuiltInAgents.AIDER),
            name("\\bopenhands\\b", BuiltInAgents.OPENHANDS),
            name("\\bamazon q\\b", BuiltInAgents.AMAZON_Q));

    private ToolNames() {
    }

    /** The first known agent named in {@code text}, or null. */
    static String guess(String text) {
        if (text == null) {
            return null;
        }
        String head = text.length() > BoundedRegex.MAX_INPUT_LENGTH ? text.substring(0, BoundedRegex.MAX_INPUT_LENGTH) : text;
        for (Name name : NAMES) {
            if (name.word().find(head)) {
                return name.tool();
            }
        }
        return null;
    }

    private static Name name(String regex, String tool) {
        return new Name(BoundedRegex.trusted(regex), tool);
    }
}
