package dev.rustreview.analysis.provenance;

import dev.rustreview.analysis.provenance.AgentRule.Target;
import dev.rustreview.model.Verdict;
import java.util.List;
import java.util.stream.Stream;

/**
 * The table of AI-PROVENANCE.md as data: one row per signal, grouped by tool. Identity patterns are found in
 * {@code Name <email>}; they apply to author and committer (an agent wrote the commit) and to
 * {@code Co-authored-by} trailers (an agent helped a human), so a bot identity named as co-author counts too.
 */
final class BuiltInAgents {

    static final String CLAUDE_CODE = "Claude Code";
    static final String COPILOT = "GitHub Copilot coding agent";
    static final String CODEX = "OpenAI Codex";
    static final String DEVIN = "Devin";
    static final String CURSOR = "Cursor";
    static final String AIDER = "Aider";
    static final String JULES = "Google Jules";
    static final String AMAZON_Q = "Amazon Q Developer";
    static final String OPENHANDS = "OpenHands";

    /** {@code Co-authored-by}, however it is capitalised. */
    static final String CO_AUTHOR_KEY = "co-authored-by";

    /** A {@code [bot]} account pushing through a GitHub noreply address: a bot, but not necessarily an agent. */
    static final BoundedRegex GITHUB_BOT = BoundedRegex.trusted("\\[bot\\] <[^<>]*@users\\.noreply\\.github\\.com>$");
    static final String GITHUB_BOT_RULE = "[bot] name with a GitHub noreply email: bot, not a known agent";

    /** Known agents named in prose; "cursor", "copilot" and "devin" alone are too common to count. */
    private static final String PROSE_AGENT = "(?:ai\\s+\\(?)?(?:openai\\s+|anthropic\\s+|google\\s+)?"
            + "(?:claude(?: code)?|codex|chatgpt|gemini|github copilot|cursor agent)\\b";
    /** "with the help of", "with assistance from", ... */
    private static final String PROSE_HELP = "(?:the\\s+)?(?:help|assistance)\\s+(?:of|from)\\s+";

    private static final List<AgentRule> RULES = Stream.of(
            githubApp(CLAUDE_CODE, "claude"),
            // Claude Code commits as, and credits, any model name on Anthropic's noreply address.
            identity(CLAUDE_CODE, "<noreply@anthropic\\.com>$"),
            messageLine(CLAUDE_CODE, "generated with \\[claude code\\]\\("),
            trailer(CLAUDE_CODE, "claude-session", "\\S"),
            branch(CLAUDE_CODE, "claude/"),

            identity(COPILOT, "<(?:\\d+\\+)?copilot@users\\.noreply\\.github\\.com>$"),
            githubApp(COPILOT, "copilot-swe-agent"),
            trailer(COPILOT, "copilot-session", "\\S"),
            branch(COPILOT, "copilot/"),
            coAuthor(ToolNames.COPILOT_AUTOFIX, "^copilot autofix\\b"),
            subject(ToolNames.COPILOT_AUTOFIX, "^potential fix for (?:pull request finding|code scanning alert)"),

            githubApp(CODEX, "chatgpt-codex-connector"),
            identity(CODEX, "^codex\\b[^<]*<(?:codex|noreply)@openai\\.com>$"),
            branch(CODEX, "codex/"),

            githubApp(DEVIN, "devin-ai-integration"),
            messageLine(DEVIN, "generated with \\[devin\\]"),
            branch(DEVIN, "devin/"),

            identity(CURSOR, "<cursoragent@cursor\\.com>$"),
            trailer(CURSOR, "made-with", "^\\s*cursor\\b"),
            branch(CURSOR, "cursor/"),

            identity(AIDER, " \\(aider\\) <"),
            coAuthor(AIDER, "^aider\\b[^<]*<(?:aider|noreply)@aider\\.chat>"),
            subject(AIDER, "^aider: "),

            githubApp(JULES, "google-labs-jules"),
            branch(JULES, "jules/"),

            githubApp(AMAZON_Q, "amazon-q-developer"),
            branch(AMAZON_Q, "q/"),

            identity(ToolNames.GEMINI, "<bot@gemini\\.local>$"),
            identity(ToolNames.GEMINI, "^gemini[a-z-]*\\[bot\\] <"),
            identity(ToolNames.GEMINI, "<(?:\\d+\\+)?gemini[a-z-]*\\[bot\\]@users\\.noreply\\.github\\.com>$"),

            identity(OPENHANDS, "^openhands <"),
            identity(OPENHANDS, "<openhands@all-hands\\.dev>$"),

            // Generic: a trailer that says an AI helped, whatever the tool (named when the value names one).
            trailer(null, "generated-by", "\\S"),
            trailer(null, "assisted-by", "\\S"),
            trailer(null, "ai-assisted", "^\\s*(?:true|yes)\\s*$"),
            trailer(null, "ai-assisted-by", "\\S"),
            trailer(null, "ai-tool-disclosure", "\\S"),
            // A co-author named only by the product: "Co-Authored-By: Claude AI" (no address).
            coAuthor(CLAUDE_CODE, "^claude (?:ai|code)\\s*(?:<|$)"),
            // A trailer some tools glue to the end of the subject line.
            subject(null, "\\sassisted-by:\\s*\\S"),
            freeText("\\b(?:developed|written|created|built|implemented|made|done|coded|generated|pair[- ]programmed)"
                    + "\\s+(?:in\\s+conjunction\\s+|together\\s+)?with\\s+(?:" + PROSE_HELP + ")?" + PROSE_AGENT),
            freeText("\\bwith\\s+" + PROSE_HELP + PROSE_AGENT))
            .flatMap(s -> s)
            .toList();

    private BuiltInAgents() {
    }

    static List<AgentRule> rules() {
        return RULES;
    }

    /**
     * A GitHub App's bot account: display name {@code slug[bot]}, email {@code <id>+slug[bot]@users.noreply...}.
     * Slugs hold only letters and dashes, so they are their own regex.
     */
    private static Stream<AgentRule> githubApp(String tool, String slug) {
        String bot = slug + "\\[bot\\]";
        return Stream.concat(identity(tool, "^" + bot + " <"),
                identity(tool, "<(?:\\d+\\+)?" + bot + "@users\\.noreply\\.github\\.com>$"));
    }

    private static Stream<AgentRule> identity(String tool, String regex) {
        return Stream.of(rule(tool, Target.IDENTITY, null, regex, Verdict.AGENT));
    }

    private static Stream<AgentRule> coAuthor(String tool, String regex) {
        return trailer(tool, CO_AUTHOR_KEY, regex);
    }

    private static Stream<AgentRule> trailer(String tool, String key, String regex) {
        return Stream.of(rule(tool, Target.TRAILER, key, regex, Verdict.ASSISTED));
    }

    private static Stream<AgentRule> messageLine(String tool, String regex) {
        return Stream.of(rule(tool, Target.MESSAGE_LINE, null, regex, Verdict.ASSISTED));
    }

    private static Stream<AgentRule> subject(String tool, String regex) {
        return Stream.of(rule(tool, Target.SUBJECT, null, regex, Verdict.ASSISTED));
    }

    /** Anyone can name a branch {@code claude/...}: a weak signal, at most {@code assisted}. */
    private static Stream<AgentRule> branch(String tool, String prefix) {
        return Stream.of(rule(tool, Target.BRANCH, null, "^" + prefix, Verdict.ASSISTED));
    }

    /** Prose that says an agent helped: a weak signal, the tool taken from the words. */
    private static Stream<AgentRule> freeText(String regex) {
        return Stream.of(rule(null, Target.FREE_TEXT, null, regex, Verdict.ASSISTED));
    }

    private static AgentRule rule(String tool, Target target, String key, String regex, Verdict verdict) {
        return new AgentRule(tool, target, key == null ? null : BoundedRegex.trusted(key),
                BoundedRegex.trusted(regex), verdict, null);
    }
}
