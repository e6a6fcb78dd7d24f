package dev.rustreview.ui.navigator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * What the navigator shows of the agent's rounds: units unchanged since the last round (marked, skipped by
 * {@code n}, hidden on request) and files the reviewer marked as viewed (dimmed, collapsed, skipped by {@code n}).
 * Kept apart from the navigator's filters so each can change alone; no nodes, tested without a scene.
 */
public final class RoundMarks {

    private final BooleanProperty hideUnchanged = new SimpleBooleanProperty(false);
    private final ReadOnlyIntegerWrapper hidden = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper unchangedCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper sinceRound = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper();
    private Map<String, Integer> unchanged = Map.of();
    private Set<String> viewed = Set.of();
    private Runnable onChange = () -> { };
    private BiConsumer<String, Boolean> onViewed = (path, value) -> { };

    RoundMarks() {
        hideUnchanged.addListener((obs, o, n) -> onChange.run());
    }

    void setOnChange(Runnable value) {
        onChange = value;
    }

    /**
     * The review's marks: unit id → the round it is unchanged since, the viewed paths, and the round the units
     * are compared with (the previous one; 0 in round 1). Returns whether anything changed (the tree was rebuilt).
     */
    public boolean update(Map<String, Integer> unchangedUnits, Set<String> viewedPaths, int previousRound) {
        Map<String, Integer> u = Map.copyOf(unchangedUnits);
        Set<String> v = Set.copyOf(viewedPaths);
        if (u.equals(unchanged) && v.equals(viewed) && previousRound == sinceRound.get()) {
            return false;
        }
        unchanged = u;
        viewed = v;
        sinceRound.set(previousRound);
        unchangedCount.set(u.size());
        onChange.run();
        version.set(version.get() + 1);
        return true;
    }

    /** The round a unit has been unchanged since, if the agent left it as that round showed it. */
    public OptionalInt unchangedSince(HunkEntry e) {
        Integer round = e == null || e.analysis() == null ? null : unchanged.get(e.analysis().id());
        return round == null ? OptionalInt.empty() : OptionalInt.of(round);
    }

    public boolean viewed(String path) {
        return viewed.contains(path);
    }

    /** Whether {@code n} passes over the unit while other undecided units remain. */
    boolean skippedByNext(HunkEntry e) {
        return unchangedSince(e).isPresent() || viewed(e.ref().path());
    }

    /** The entries the navigator lists: all, or without the unchanged ones; counts what it left out. */
    List<HunkEntry> shown(List<HunkEntry> entries) {
        if (!hideUnchanged.get() || unchanged.isEmpty()) {
            hidden.set(0);
            return entries;
        }
        List<HunkEntry> out = new ArrayList<>(entries.size());
        for (HunkEntry e : entries) {
            if (unchangedSince(e).isEmpty()) {
                out.add(e);
            }
        }
        hidden.set(entries.size() - out.size());
        return out;
    }

    /** The setting "Hide unchanged since round N" (remembered between runs). */
    public BooleanProperty hideUnchangedProperty() {
        return hideUnchanged;
    }

    /** How many units the setting hides now. */
    public ReadOnlyIntegerProperty hiddenProperty() {
        return hidden.getReadOnlyProperty();
    }

    /** How many units are unchanged since the previous round. */
    public ReadOnlyIntegerProperty unchangedCountProperty() {
        return unchangedCount.getReadOnlyProperty();
    }

    /** The round the current one is compared with: the previous round, 0 in round 1. */
    public ReadOnlyIntegerProperty sinceRoundProperty() {
        return sinceRound.getReadOnlyProperty();
    }

    /**
     * Bumped when the marks changed. The tree's nodes do not carry the marks, so a tree equal to the last one
     * does not notify its listeners: the pane listens here to repaint the marks.
     */
    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** Called when the reviewer ticks or clears a file's "viewed" box in the navigator. */
    public void setOnViewed(BiConsumer<String, Boolean> value) {
        onViewed = value == null ? (path, v) -> { } : value;
    }

    void viewedClicked(String path, boolean value) {
        onViewed.accept(path, value);
    }
}
