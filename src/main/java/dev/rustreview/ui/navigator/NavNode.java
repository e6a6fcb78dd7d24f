package dev.rustreview.ui.navigator;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Verdict;
import dev.rustreview.review.DecisionState;
import java.util.List;

/**
 * One node of the navigator tree: a group, a file or a hunk, with its hunk and finding counts and the
 * highest severity below it.
 *
 * @param decided how many of its hunks have a decision (accepted, rejected or discuss)
 * @param hunk    the hunk a HUNK node points at; null for other kinds
 * @param state   a HUNK node's decision; null for other kinds
 * @param changed whether a HUNK node was changed by the agent since an earlier round's decision
 * @param verdict the provenance badge of a COMMIT group; null for other kinds
 */
public record NavNode(Kind kind, String label, String detail, int hunks, int decided, int findings, Severity highest,
                      HunkRef hunk, DecisionState state, boolean changed, Verdict verdict, List<NavNode> children) {

    /** What a node stands for. */
    public enum Kind { ROOT, GROUP, COMMIT, FILE, HUNK }

    public NavNode {
        children = List.copyOf(children);
    }

    /** Fraction of its hunks decided, for the node's progress indicator. */
    public double progress() {
        return hunks == 0 ? 0 : (double) decided / hunks;
    }

    /** The counts a reviewer sees beside a group or file: {@code 1/3 units · 2 findings}. */
    public String counts() {
        String text = (decided > 0 ? decided + "/" : "") + hunks + (hunks == 1 ? " unit" : " units");
        return findings == 0 ? text : text + " \u00b7 " + findings + (findings == 1 ? " finding" : " findings");
    }
}
