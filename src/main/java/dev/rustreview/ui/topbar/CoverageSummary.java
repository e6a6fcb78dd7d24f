package dev.rustreview.ui.topbar;

import dev.rustreview.model.Severity;
import dev.rustreview.review.Coverage;
import java.util.ArrayList;
import java.util.List;

/**
 * What the top bar shows of a review's {@link Coverage}: "12 / 40 units · 2 open", the decided
 * fraction for the progress bar, the ready flag, and what blocks readiness in words.
 *
 * @param text      the one-line summary next to the progress bar
 * @param fraction  decided hunks of all, 0..1 (1 when there are no hunks)
 * @param ready     the review is ready (every hunk decided, critical and high findings acknowledged, no open issue)
 * @param blockers  what keeps it from being ready, one phrase each ("3 hunks not decided"); empty when ready
 */
public record CoverageSummary(String text, double fraction, boolean ready, List<String> blockers,
                              boolean changesRequested, List<String> requested) {

    public CoverageSummary {
        blockers = List.copyOf(blockers);
        requested = List.copyOf(requested);
    }

    public CoverageSummary(String text, double fraction, boolean ready, List<String> blockers) {
        this(text, fraction, ready, blockers, false, List.of());
    }

    /** The summary shown while no review is open. */
    public static CoverageSummary none() {
        return new CoverageSummary("No review open", 0, false, List.of("no review is open"));
    }

    /** Summarizes {@code coverage}; {@code null} gives {@link #none()}. */
    public static CoverageSummary of(Coverage coverage) {
        if (coverage == null) {
            return none();
        }
        int total = coverage.hunksTotal();
        int decided = coverage.hunksDecided();
        double fraction = total == 0 ? 1 : Math.min(1, Math.max(0, decided / (double) total));
        List<String> blockers = new ArrayList<>();
        int undecided = Math.max(0, total - decided);
        if (undecided > 0) {
            blockers.add(plural(undecided, "unit") + " not decided");
        }
        for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH)) {
            int open = open(coverage, s);
            if (open > 0) {
                blockers.add(open + " " + s.label() + (open == 1 ? " finding" : " findings") + " not acknowledged");
            }
        }
        if (coverage.openIssues() > 0) {
            blockers.add(plural(coverage.openIssues(), "open issue"));
        }
        // Short: the top bar has about 150 px for this at 1280 px wide. The text's tooltip and the badge's say which
        // severities are open; the navigator lists them.
        StringBuilder text = new StringBuilder().append(decided).append(" / ").append(total).append(" units");
        int critical = open(coverage, Severity.CRITICAL);
        int high = open(coverage, Severity.HIGH);
        if (critical > 0 || high > 0) {
            text.append(" · ").append(critical + high).append(" open");
        }
        if (coverage.openIssues() > 0) {
            text.append(" · ").append(plural(coverage.openIssues(), "issue"));
        }
        // Trust the model's own flag; if it disagrees with the words, list nothing rather than invent a reason.
        boolean ready = coverage.ready();
        // Finished (every unit decided, every serious finding acknowledged) but with rejections or open issues:
        // the outcome is "changes requested", which "Not ready" or "Ready" alone would misstate.
        List<String> requested = new ArrayList<>();
        if (coverage.rejected() > 0) {
            requested.add(plural(coverage.rejected(), "unit") + " rejected");
        }
        if (coverage.openIssues() > 0) {
            requested.add(plural(coverage.openIssues(), "open issue"));
        }
        boolean finished = undecided == 0 && critical == 0 && high == 0;
        boolean changes = finished && !requested.isEmpty();
        return new CoverageSummary(text.toString(), fraction, ready, ready ? List.of() : blockers, changes,
                changes ? requested : List.of());
    }

    /** The coverage text's tooltip: the same counts in words ("2 critical and 12 high findings not acknowledged"). */
    public String details() {
        return blockers.isEmpty() ? text : text + "\n" + String.join("\n", blockers);
    }

    /** The badge's word: Ready, Changes requested, or Not ready. */
    public String badge() {
        return changesRequested ? "Changes requested" : ready ? "Ready" : "Not ready";
    }

    /** The ready badge's tooltip: what blocks readiness, one per line, or why it is ready. */
    public String tooltip() {
        if (changesRequested) {
            return "Review finished, changes requested: " + String.join(", ", requested)
                    + ".\nExport the feedback for the agent (Ctrl+E).";
        }
        if (ready) {
            return "Ready: every unit decided, critical and high findings acknowledged, no open issues";
        }
        return blockers.isEmpty() ? "Not ready" : "Not ready:\n• " + String.join("\n• ", blockers);
    }

    private static int open(Coverage coverage, Severity severity) {
        Coverage.Count c = coverage.findings() == null ? null : coverage.findings().get(severity);
        return c == null ? 0 : Math.max(0, c.total() - c.done());
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
