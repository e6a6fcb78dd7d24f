package dev.rustreview.model;

/**
 * What a line-level attribution note (git-ai, whogitit, Agent Trace) says about lines of one file as one commit
 * left them: it overrides the commit's verdict for those lines.
 *
 * @param commitId  the commit the note is about (its lines are that commit's version of the file)
 * @param path      the file, as the note names it
 * @param startLine first line (1-based)
 * @param endLine   last line (inclusive)
 * @param verdict   AGENT (written by an agent), ASSISTED (agent output a human edited, or mixed), or HUMAN
 * @param tool      the agent the note names ({@code Cursor}), or null
 * @param source    where it was read: {@code refs/notes/ai}, {@code refs/notes/whogitit},
 *                  {@code refs/notes/agent-trace} or the trace file's path
 * @param evidence  one line naming the source, the commit, the lines and the value that decided
 */
public record LineNote(String commitId, String path, int startLine, int endLine, Verdict verdict, String tool,
                       String source, String evidence) {

    public boolean covers(String commit, String file, int line) {
        return commitId.equals(commit) && path.equals(file) && startLine <= line && line <= endLine;
    }
}
