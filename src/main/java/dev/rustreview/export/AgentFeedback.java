package dev.rustreview.export;

import dev.rustreview.review.Coverage;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.review.Round;
import java.util.List;

/**
 * What goes back to the coding agent for the current round, as data the Markdown and JSON feedback print: the
 * reviewed head, the items to act on ({@link AgentItems}) and the units accepted as they are.
 *
 * @param head               the reviewed head as the round recorded it ({@code agent/backup-executor})
 * @param headCommit         its commit id
 * @param round              the round number (0 before any round was recorded)
 * @param verdict            the overall outcome
 * @param coverage           how far the review is
 * @param items              what to change, in the order to do it
 * @param accepted           the units accepted, which the agent must leave as they are
 * @param unreviewedIncluded whether open findings nobody answered are among the items
 * @param mutedLeftOut       unanswered high and critical findings of muted rules, left out even when included
 */
public record AgentFeedback(String head, String headCommit, int round, ReviewVerdict verdict, Coverage coverage,
                            List<AgentItems.Item> items, List<Unit> accepted, boolean unreviewedIncluded,
                            int mutedLeftOut) {

    /** A unit of the round, where the agent finds it. */
    public record Unit(String id, String path, String item, int startLine, int endLine) {
    }

    public AgentFeedback {
        items = List.copyOf(items);
        accepted = List.copyOf(accepted);
    }

    /** The feedback for {@code session}'s round; {@code includeUnreviewed} adds the unanswered findings. */
    public static AgentFeedback of(ReviewSession session, boolean includeUnreviewed) {
        Review r = session.review();
        HunkIndex index = session.index();
        Coverage c = session.coverage();
        Round round = r.lastRound().orElse(null);
        String head = round == null ? r.headRef() : round.headRef();
        String commit = round == null ? index.analysis().changeSet().toId() : round.headCommitId();
        List<Unit> accepted = index.entries().stream().filter(e -> r.state(e.id()) == DecisionState.ACCEPTED)
                .map(AgentFeedback::unit).toList();
        var mutes = session.mutes();
        int muted = (int) index.analysis().findings().stream()
                .filter(f -> f.severity().atLeast(dev.rustreview.model.Severity.HIGH))
                .filter(f -> !r.acknowledgements().containsKey(f.id()) && mutes.muted(f)).count();
        return new AgentFeedback(head, commit, r.currentRound(), ReviewVerdict.of(c), c,
                AgentItems.of(r, index, mutes, includeUnreviewed), accepted, includeUnreviewed, muted);
    }

    static Unit unit(HunkIndex.Entry e) {
        boolean newSide = e.hunk().newCount() > 0;
        int start = newSide ? e.hunk().newStart() : e.hunk().oldStart();
        int count = newSide ? e.hunk().newCount() : e.hunk().oldCount();
        return new Unit(e.id(), e.path(), e.hunk().item(), start, start + Math.max(count, 1) - 1);
    }

    /** The head commit's short id. */
    public String shortCommit() {
        return headCommit == null ? "" : headCommit.substring(0, Math.min(7, headCommit.length()));
    }
}
