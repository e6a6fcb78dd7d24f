package dev.rustreview.ui.navigator;

import dev.rustreview.model.Finding;
import dev.rustreview.model.Origin;
import dev.rustreview.model.Severity;
import dev.rustreview.review.RuleMutes;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Which findings the navigator counts: at or above a severity ({@code null}: all) and not of a muted rule. Units
 * are never hidden by it (each still needs a decision); their findings below the line or muted just stop
 * flagging them, and what was left out is counted ({@link #hidden}). Pure apart from its two properties.
 */
public final class NoiseFilter {

    /** What the filter left out of a set of units. */
    public record Hidden(int muted, int below) {
    }

    private final ObjectProperty<Severity> minimum = new SimpleObjectProperty<>();
    private final ObjectProperty<RuleMutes> mutes = new SimpleObjectProperty<>(RuleMutes.NONE);

    /** The lowest severity counted; null counts every finding. */
    public ObjectProperty<Severity> minimumProperty() {
        return minimum;
    }

    /** The review's muted rules. */
    public ObjectProperty<RuleMutes> mutesProperty() {
        return mutes;
    }

    public boolean shows(Finding f) {
        return !muted(f) && (minimum.get() == null || f.severity().atLeast(minimum.get()));
    }

    public boolean muted(Finding f) {
        return mutes.get() != null && mutes.get().muted(f);
    }

    /** The units with only the findings the filter shows (the same objects when nothing is left out). */
    public List<HunkEntry> apply(List<HunkEntry> entries) {
        if (minimum.get() == null && (mutes.get() == null || mutes.get().rules().isEmpty())) {
            return entries;
        }
        List<HunkEntry> out = new ArrayList<>(entries.size());
        for (HunkEntry e : entries) {
            List<Finding> kept = e.findings().stream().filter(this::shows).toList();
            out.add(kept.size() == e.findings().size() ? e : new HunkEntry(e.ref(), e.file(), e.hunk(), e.analysis(),
                    kept, e.commitIds(), e.agentWritten(), e.searchText()));
        }
        return out;
    }

    /** How many findings of {@code entries} are muted, and how many more are below the severity line. */
    public Hidden hidden(List<HunkEntry> entries) {
        int muted = 0;
        int below = 0;
        for (HunkEntry e : entries) {
            for (Finding f : e.findings()) {
                if (muted(f)) {
                    muted++;
                } else if (!shows(f)) {
                    below++;
                }
            }
        }
        return new Hidden(muted, below);
    }

    /** The findings of one unit in the order {@code f} visits them: shown ones by line, pre-existing last. */
    public List<Finding> visitOrder(HunkEntry e) {
        return e.findings().stream().filter(this::shows)
                .sorted(java.util.Comparator.comparing((Finding f) -> f.origin() == Origin.PRE_EXISTING)
                        .thenComparingInt(Finding::startLine).thenComparing(Finding::severity))
                .toList();
    }
}
