package dev.rustreview.model;

import java.util.Collection;
import java.util.Comparator;

/**
 * How urgently a hunk, file or change set asks for review: its highest finding severity, then how many
 * findings it has. {@link #NONE} sorts last.
 */
public record Priority(Severity highest, int findings) implements Comparable<Priority> {

    public static final Priority NONE = new Priority(null, 0);

    private static final Comparator<Priority> ORDER = Comparator
            .comparing((Priority p) -> p.highest == null ? Integer.MAX_VALUE : p.highest.ordinal())
            .thenComparing(Priority::findings, Comparator.reverseOrder());

    /** The priority of a set of findings. */
    public static Priority of(Collection<Finding> found) {
        Severity top = found.stream().map(Finding::severity).min(Comparator.naturalOrder()).orElse(null);
        return new Priority(top, found.size());
    }

    /** Most urgent first. */
    @Override
    public int compareTo(Priority other) {
        return ORDER.compare(this, other);
    }

    public String label() {
        return highest == null ? "no findings" : findings + " finding" + (findings == 1 ? "" : "s") + ", highest " + highest.label();
    }
}
