package dev.rustreview.ui.navigator;

import dev.rustreview.model.Severity;
import dev.rustreview.model.Verdict;
import java.util.List;

/**
 * One node of the navigator tree: a group, a file or a hunk, with its hunk and finding counts and the
 * highest severity below it.
 *
 * @param hunk    the hunk a HUNK node points at; null for other kinds
 * @param verdict the provenance badge of a COMMIT group; null for other kinds
 */
public record NavNode(Kind kind, String label, String detail, int hunks, int findings, Severity highest,
                      HunkRef hunk, Verdict verdict, List<NavNode> children) {

    /** What a node stands for. */
    public enum Kind { ROOT, GROUP, COMMIT, FILE, HUNK }

    public NavNode {
        children = List.copyOf(children);
    }

    /** The counts a reviewer sees beside a group or file: {@code 3 hunks · 2 findings}. */
    public String counts() {
        String text = hunks + (hunks == 1 ? " hunk" : " hunks");
        return findings == 0 ? text : text + " \u00b7 " + findings + (findings == 1 ? " finding" : " findings");
    }
}
