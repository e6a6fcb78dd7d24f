package dev.rustreview.analysis.provenance;

import dev.rustreview.analysis.provenance.AgentRule.Target;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Commit;
import dev.rustreview.model.CommitProvenance;
import dev.rustreview.model.Person;
import dev.rustreview.model.ProvenanceEvidence;
import dev.rustreview.model.Revision;
import dev.rustreview.model.SquashedPull;
import dev.rustreview.model.Trailer;
import dev.rustreview.model.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides for each commit whether an agent wrote it (AI-PROVENANCE.md) and keeps every signal that matched.
 *
 * <ul>
 *   <li>{@code AGENT}: the author or the committer matches an agent identity (or a configured pattern says so).
 *       A human named in a {@code Co-authored-by} trailer does not change that: Copilot's commits credit the
 *       human who asked.</li>
 *   <li>{@code ASSISTED}: a human author, and an agent trailer or message marker.</li>
 *   <li>{@code HUMAN}: nothing else. Evidence may still be attached: a {@code [bot]} account that is not a known
 *       agent (dependabot).</li>
 * </ul>
 *
 * Weak signals (a branch named like an agent's, {@code claude/...}, prose such as "developed with Claude") make a
 * commit at most {@code ASSISTED}, and their evidence is marked weak: anyone can name a branch {@code claude/fix},
 * the name covers every commit of the branch including a human's fix-ups, and {@code q/} is short enough to be
 * chance. The reviewer sees the evidence and weighs it. Instances are immutable and thread-safe.
 */
public final class ProvenanceClassifier {

    private static final int MAX_VALUE_LENGTH = 300;
    private static final int MAX_MESSAGE_LINES = 2_000;
    /** {@code Merge branch 'main' into codex/x}, {@code Merge remote-tracking branch 'upstream/master' into codex/x}. */
    private static final Pattern MERGE_INTO = Pattern.compile("^Merge\\b.*\\binto\\s+['\"]?([^\\s'\"]+)['\"]?\\s*$");

    private final List<AgentRule> rules;

    private ProvenanceClassifier(List<AgentRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The built-in table only. */
    public static ProvenanceClassifier builtIn() {
        return with(AgentPatterns.none());
    }

    /** The built-in table followed by {@code configured} (user settings, then the repository's file). */
    public static ProvenanceClassifier with(AgentPatterns configured) {
        List<AgentRule> all = new ArrayList<>(BuiltInAgents.rules());
        all.addAll(configured.rules());
        return new ProvenanceClassifier(all);
    }

    /** Provenance for a commit outside the reviewed range: nothing is claimed about it. */
    public static CommitProvenance unknown(String commitId) {
        return new CommitProvenance(commitId, Verdict.UNKNOWN, null, List.of());
    }

    /**
     * The branch name a revision names, for the weak branch signal: {@code refs/heads/claude/x} and
     * {@code refs/remotes/origin/claude/x} give {@code claude/x}; a bare commit or other ref gives null.
     */
    public static String branchName(Revision revision) {
        if (revision == null || revision.refName() == null) {
            return null;
        }
        String ref = revision.refName();
        if (ref.startsWith("refs/heads/")) {
            return ref.substring("refs/heads/".length());
        }
        if (ref.startsWith("refs/remotes/")) {
            String rest = ref.substring("refs/remotes/".length());
            int slash = rest.indexOf('/');
            return slash < 0 ? null : rest.substring(slash + 1);
        }
        return null;
    }

    /** Every commit of the change set, with the head's branch name as the branch signal. */
    public List<CommitProvenance> classify(ChangeSet changeSet) {
        return classify(changeSet, List.of());
    }

    /**
     * Every commit of the change set. Branch signals are the head's name and every branch a merge subject of the
     * change set names as its target ({@code Merge ... into codex/x}); a squash commit listed in {@code pulls}
     * also carries the signals of its pull request's own commits, their evidence prefixed with the pull ref.
     */
    public List<CommitProvenance> classify(ChangeSet changeSet, List<SquashedPull> pulls) {
        List<BranchName> branches = new ArrayList<>();
        String head = branchName(changeSet.head());
        if (head != null && !head.isEmpty()) {
            branches.add(new BranchName("branch", head));
        }
        for (Commit commit : changeSet.commits()) {
            String subject = commit.subject() == null ? "" : commit.subject();
            Matcher m = MERGE_INTO.matcher(subject.length() > 300 ? subject.substring(0, 300) : subject);
            if (m.find()) {
                branches.add(new BranchName("merge-subject:" + commit.shortId(), m.group(1)));
            }
        }
        Map<String, SquashedPull> byCommit = new HashMap<>();
        pulls.forEach(p -> byCommit.putIfAbsent(p.commitId(), p));
        List<CommitProvenance> result = new ArrayList<>(changeSet.commits().size());
        for (Commit commit : changeSet.commits()) {
            Hits hits = new Hits();
            collect(hits, commit, "", branches);
            SquashedPull pull = byCommit.get(commit.id());
            if (pull != null) {
                for (Commit own : pull.commits()) {
                    collect(hits, own, pull.ref() + " " + own.shortId() + " ", List.of());
                }
            }
            result.add(hits.decide(commit.id()));
        }
        return result;
    }

    /** One commit, without a branch signal. */
    public CommitProvenance classify(Commit commit) {
        return classify(commit, null);
    }

    /** One commit reviewed on {@code branch} (without {@code refs/heads/}; null when unknown). */
    public CommitProvenance classify(Commit commit, String branch) {
        Hits hits = new Hits();
        collect(hits, commit, "", branch == null || branch.isEmpty() ? List.of() : List.of(new BranchName("branch", branch)));
        return hits.decide(commit.id());
    }

    /** A branch name and where it was found ({@code branch}, or the merge subject that names it). */
    private record BranchName(String field, String name) {
    }

    private void collect(Hits hits, Commit commit, String prefix, List<BranchName> branches) {
        hits.prefix = prefix;
        identity(hits, commit.author(), "author", Target.AUTHOR);
        identity(hits, commit.committer(), "committer", Target.COMMITTER);
        for (Trailer trailer : commit.trailers()) {
            trailer(hits, trailer);
        }
        message(hits, commit);
        for (BranchName branch : branches) {
            for (AgentRule rule : rules) {
                if (rule.target() == Target.BRANCH && rule.pattern().find(branch.name())) {
                    hits.add(branch.field(), branch.name(), rule, rule.verdict());
                }
            }
        }
    }

    private void identity(Hits hits, Person person, String field, Target own) {
        if (person == null) {
            return;
        }
        String display = person.name() + " <" + person.email() + ">";
        boolean known = false;
        for (AgentRule rule : rules) {
            if (matchesIdentity(rule, own, person, display)) {
                hits.add(field, display, rule, rule.verdict());
                known = true;
            }
        }
        if (!known && BuiltInAgents.GITHUB_BOT.find(display)) {
            hits.add(field, display, BuiltInAgents.GITHUB_BOT_RULE, null, Verdict.HUMAN, false);
        }
    }

    /**
     * Built-in identity patterns are written against {@code Name <email>}; a configured author or committer
     * pattern may also have been written for the bare email or name ({@code ci@corp\.example$}).
     */
    private static boolean matchesIdentity(AgentRule rule, Target own, Person person, String display) {
        if (rule.target() == Target.IDENTITY) {
            return rule.pattern().find(display);
        }
        return rule.target() == own && (rule.pattern().find(display)
                || rule.pattern().find(String.valueOf(person.name()))
                || rule.pattern().find(String.valueOf(person.email())));
    }

    private void trailer(Hits hits, Trailer trailer) {
        String field = "trailer:" + trailer.key();
        String value = trailer.value() == null ? "" : trailer.value().strip();
        boolean coAuthor = trailer.isKey(BuiltInAgents.CO_AUTHOR_KEY);
        for (AgentRule rule : rules) {
            if (rule.target() == Target.TRAILER && rule.key().matchesWhole(trailer.key())
                    && rule.pattern().find(value)) {
                hits.add(field, value, rule, rule.verdict());
            } else if (rule.target() == Target.IDENTITY && coAuthor && rule.pattern().find(value)) {
                hits.add(field, value, rule, Verdict.ASSISTED);
            }
        }
    }

    private void message(Hits hits, Commit commit) {
        String message = commit.message() == null ? "" : commit.message();
        List<String> lines = message.lines().limit(MAX_MESSAGE_LINES).toList();
        String subject = commit.subject() != null ? commit.subject() : lines.isEmpty() ? "" : lines.get(0);
        for (AgentRule rule : rules) {
            if (rule.target() == Target.SUBJECT && rule.pattern().find(subject)) {
                hits.add("subject", subject, rule, rule.verdict());
            }
        }
        for (String line : lines) {
            for (AgentRule rule : rules) {
                if ((rule.target() == Target.MESSAGE_LINE || rule.target() == Target.FREE_TEXT)
                        && rule.pattern().find(line)) {
                    hits.add("message", line.strip(), rule, rule.verdict());
                }
            }
        }
    }

    /** Matched signals in the order found (author, committer, trailers, message, branch), without repeats. */
    private static final class Hits {
        private final List<ProvenanceEvidence> evidence = new ArrayList<>();
        private final List<Verdict> weights = new ArrayList<>();
        private final Map<List<String>, Integer> seen = new HashMap<>();
        private Verdict strongest = Verdict.HUMAN;
        /** Put before each field: empty for the commit itself, the pull ref and commit for a squashed one. */
        String prefix = "";

        void add(String field, String value, AgentRule rule, Verdict weight) {
            String tool = rule.tool() != null ? rule.tool() : ToolNames.guess(afterKey(value));
            add(field, value, rule.describe(), tool, weight, rule.weak());
        }

        void add(String field, String value, String pattern, String tool, Verdict weight, boolean weak) {
            if (weight.ordinal() < strongest.ordinal()) {
                strongest = weight;
            }
            // Two patterns of one tool matching the same text (bot name and bot email) say one thing; the
            // evidence names the pattern that weighed most (a strong one before a weak one).
            ProvenanceEvidence found = new ProvenanceEvidence(prefix + field, cap(value), pattern, tool, weak);
            Integer earlier = seen.putIfAbsent(Arrays.asList(prefix + field, value, tool), evidence.size());
            if (earlier == null) {
                evidence.add(found);
                weights.add(weight);
            } else if (weight.ordinal() < weights.get(earlier).ordinal()
                    || weight == weights.get(earlier) && evidence.get(earlier).weak() && !weak) {
                evidence.set(earlier, found);
                weights.set(earlier, weight);
            }
        }

        CommitProvenance decide(String commitId) {
            return new CommitProvenance(commitId, strongest, tool(), evidence);
        }

        /** The tool of the first strong signal that decided the verdict, else of a weak one; none for a human. */
        private String tool() {
            if (strongest == Verdict.HUMAN) {
                return null;
            }
            for (int pass = 0; pass < 3; pass++) {
                for (int i = 0; i < evidence.size(); i++) {
                    ProvenanceEvidence e = evidence.get(i);
                    boolean fits = switch (pass) {
                        case 0 -> weights.get(i) == strongest && !e.weak();
                        case 1 -> weights.get(i) == strongest;
                        default -> weights.get(i) != Verdict.HUMAN;
                    };
                    if (fits && e.tool() != null) {
                        return e.tool();
                    }
                }
            }
            return null;
        }

        /** The part of a value after a glued {@code Assisted-by:}, where the tool is named. */
        private static String afterKey(String value) {
            int colon = value.toLowerCase(java.util.Locale.ROOT).lastIndexOf("-by:");
            return colon < 0 ? value : value.substring(colon + 4);
        }

        private static String cap(String value) {
            return value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) + "…" : value;
        }
    }

    @Override
    public String toString() {
        return "ProvenanceClassifier[" + rules.size() + " patterns]";
    }
}
