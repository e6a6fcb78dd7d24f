package dev.rustreview.analysis.provenance;

import dev.rustreview.model.Verdict;

/**
 * One pattern of the provenance table or of a settings file: which part of a commit it looks at, what it
 * looks for, which tool it points to and what a match makes the commit.
 *
 * @param tool    the agent a match points to, or null for a generic signal
 * @param target  the part of the commit the pattern is matched against
 * @param key     for {@link Target#TRAILER}: the trailer key, matched whole and ignoring case; null otherwise
 * @param pattern found anywhere in the target text (anchor with {@code ^}/{@code $} where needed)
 * @param verdict what a match makes the commit: AGENT, ASSISTED, or HUMAN for evidence that decides nothing;
 *                for {@link Target#IDENTITY} it is AGENT on author/committer and ASSISTED on a co-author trailer
 * @param origin  where the pattern comes from, shown next to it in the evidence ({@code null} for built-ins)
 */
record AgentRule(String tool, Target target, BoundedRegex key, BoundedRegex pattern, Verdict verdict, String origin) {

    /** The part of a commit a rule is matched against. */
    enum Target {
        /** {@code Name <email>} of the author, the committer, and of every {@code Co-authored-by} trailer. */
        IDENTITY,
        /** {@code Name <email>} of the author only. */
        AUTHOR,
        /** {@code Name <email>} of the committer only. */
        COMMITTER,
        /** The value of each trailer whose key matches {@link AgentRule#key}. */
        TRAILER,
        /** Each line of the message, subject included. */
        MESSAGE_LINE,
        /** The subject line only. */
        SUBJECT,
        /**
         * The reviewed branch's name, without {@code refs/heads/}, and a branch named as the target of a merge
         * subject of the branch ({@code Merge ... into codex/x}): a weak signal.
         */
        BRANCH,
        /** Each line of the message, read as prose ("developed with Claude"): a weak signal. */
        FREE_TEXT
    }

    /** Weak signals make a commit at most {@code assisted}, and their evidence says they are weak. */
    boolean weak() {
        return target == Target.BRANCH || target == Target.FREE_TEXT;
    }

    /** The pattern as it appears in evidence: the regex, and where it came from when not built in. */
    String describe() {
        String text = key != null ? key.source() + ": " + pattern.source() : pattern.source();
        return origin == null ? text : text + " (" + origin + ")";
    }
}
