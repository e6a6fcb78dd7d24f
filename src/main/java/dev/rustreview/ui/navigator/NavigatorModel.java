package dev.rustreview.ui.navigator;

import dev.rustreview.model.ChangeAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State of the change navigator: the analysis, grouping, filter text and agent-only toggle, the tree
 * they produce and the selected hunk, with the keyboard's movement commands. No nodes: tested without a scene.
 */
public final class NavigatorModel {

    private final ReadOnlyObjectWrapper<ChangeAnalysis> analysis = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Grouping> grouping = new SimpleObjectProperty<>(Grouping.PLAN);
    private final BooleanProperty advanceAfterDecision = new SimpleBooleanProperty(true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty onlyAgent = new SimpleBooleanProperty(false);
    private final BooleanProperty hideDecided = new SimpleBooleanProperty(false);
    private ReviewStatus status = ReviewStatus.NONE;
    private final ReadOnlyObjectWrapper<NavNode> root = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<HunkRef> selected = new SimpleObjectProperty<>();
    private List<HunkEntry> entries = List.of();
    private java.util.Map<HunkRef, HunkEntry> byRef = java.util.Map.of();
    private List<HunkRef> order = List.of();
    private final RoundMarks marks = new RoundMarks();
    /** Severity filter and muted rules (kept in their own class: the tree only sees the findings it shows). */
    private final NoiseFilter noise = new NoiseFilter();
    /** The finding {@code f} showed last in the selected unit; cleared when the selection moves another way. */
    private String visitedFinding;
    private boolean visiting;

    public NavigatorModel() {
        grouping.addListener((obs, o, n) -> rebuild());
        filter.addListener((obs, o, n) -> rebuild());
        onlyAgent.addListener((obs, o, n) -> rebuild());
        hideDecided.addListener((obs, o, n) -> rebuild());
        marks.setOnChange(this::rebuild);
        noise.minimumProperty().addListener((obs, o, n) -> rebuild());
        noise.mutesProperty().addListener((obs, o, n) -> rebuild());
        selected.addListener((obs, o, n) -> {
            if (!visiting) {
                visitedFinding = null;
            }
        });
        // With decided hunks hidden, the one just decided stays until the reviewer moves on; then it goes.
        selected.addListener((obs, o, n) -> {
            if (hideDecided.get() && o != null && entry(o).map(status::decided).orElse(false)) {
                rebuild();
            }
        });
    }

    /** Shows the review's decisions (counts, badges, hide-decided); call {@link #refresh} when they change. */
    public void setStatus(ReviewStatus value) {
        status = value == null ? ReviewStatus.NONE : value;
        rebuild();
    }

    /** Rebuilds the tree after decisions changed. */
    public void refresh() {
        rebuild();
    }

    /**
     * Shows a new analysis (null clears the navigator) and selects the first unit of the tree's order: with the
     * default grouping that is where the risk is (the plan's first unit).
     */
    public void show(ChangeAnalysis value) {
        entries = value == null ? List.of() : HunkEntry.of(value);
        byRef = entries.stream().collect(java.util.stream.Collectors.toMap(HunkEntry::ref, e -> e, (a, b) -> a));
        analysis.set(value);
        selected.set(null);
        rebuild();
        selected.set(order.isEmpty() ? null : order.get(0));
    }

    /**
     * Shows the same branch with more findings (a compiler check arrived): the selected unit stays selected, so the
     * reviewer is not moved; the inspector reads the new findings.
     */
    public void refresh(ChangeAnalysis value) {
        HunkRef keep = selected.get();
        entries = value == null ? List.of() : HunkEntry.of(value);
        byRef = entries.stream().collect(java.util.stream.Collectors.toMap(HunkEntry::ref, e -> e, (a, b) -> a));
        analysis.set(value);
        rebuild();
        if (keep == null || !byRef.containsKey(keep)) {
            selected.set(order.isEmpty() ? null : order.get(0));
        }
    }

    /**
     * After a decision on the selected unit: moves on to the next undecided one when
     * {@link #advanceAfterDecisionProperty()} is on (the default).
     */
    public void decided(HunkRef ref) {
        if (advanceAfterDecision.get() && ref != null && ref.equals(selected.get())) {
            nextUnreviewed();
        }
    }

    /** The setting: whether a decision moves the selection to the next undecided unit. */
    public BooleanProperty advanceAfterDecisionProperty() {
        return advanceAfterDecision;
    }

    private void rebuild() {
        ChangeAnalysis a = analysis.get();
        NavNode tree = a == null ? null : NavigatorTree.build(a, marks.shown(noise.apply(entries)), grouping.get(), filter.get(), onlyAgent.get(),
                status, hideDecided.get(), selected.get());
        order = tree == null ? List.of() : hunksInOrder(tree);
        root.set(tree);
    }

    /** The hunks in the order the tree shows them, each once (a hunk may sit under several commits). */
    static List<HunkRef> hunksInOrder(NavNode node) {
        LinkedHashSet<HunkRef> out = new LinkedHashSet<>();
        collect(node, out);
        return new ArrayList<>(out);
    }

    private static void collect(NavNode node, LinkedHashSet<HunkRef> out) {
        if (node.hunk() != null) {
            out.add(node.hunk());
        }
        node.children().forEach(c -> collect(c, out));
    }

    /** Selects the next ({@code +1}) or previous ({@code -1}) visible hunk; the ends stay put. */
    public void moveHunk(int delta) {
        moveTo(delta, r -> true);
    }

    /** Selects the first hunk of the next or previous file, in the tree's order. */
    public void moveFile(int delta) {
        HunkRef current = selected.get();
        String path = current == null ? null : current.path();
        if (delta > 0) {
            moveTo(1, r -> !r.path().equals(path));
            return;
        }
        // Backwards: find the previous file, then its first hunk in the tree's order.
        int at = order.indexOf(current);
        for (int i = at - 1; i >= 0; i--) {
            if (!order.get(i).path().equals(path)) {
                String previous = order.get(i).path();
                order.stream().filter(r -> r.path().equals(previous)).findFirst().ifPresent(selected::set);
                return;
            }
        }
    }

    /**
     * The {@code f} key: selects the unit of the next finding the noise filter shows (the next one in the selected
     * unit first) and returns it, so the diff can scroll to its line; empty when no unit shows a finding.
     */
    public java.util.Optional<dev.rustreview.model.Finding> nextFinding() {
        var stop = FindingWalk.next(order, r -> entry(r).map(noise::visitOrder).orElse(List.of()), selected.get(),
                visitedFinding);
        stop.ifPresent(s -> {
            visiting = true;
            try {
                selected.set(s.unit());
            } finally {
                visiting = false;
            }
            visitedFinding = s.finding().id();
        });
        return stop.map(FindingWalk.Stop::finding);
    }

    /** The id of the finding {@code f} showed last in the selected unit, or null. */
    public String visitedFinding() {
        return visitedFinding;
    }

    /** The severity filter and muted rules the tree applies. */
    public NoiseFilter noise() {
        return noise;
    }

    /**
     * Selects the next visible hunk without a decision after the current one, wrapping around once. Units unchanged
     * since the last round and units of files marked as viewed are passed over while any other undecided unit is
     * left; then they come in turn, so {@code n} still leads to every undecided unit.
     */
    public void nextUnreviewed() {
        if (!nextUndecided(e -> !marks.skippedByNext(e))) {
            nextUndecided(e -> true);
        }
    }

    private boolean nextUndecided(Predicate<HunkEntry> accept) {
        if (order.isEmpty()) {
            return false;
        }
        int at = order.indexOf(selected.get());
        for (int step = 1; step <= order.size(); step++) {
            HunkRef r = order.get(Math.floorMod(at + step, order.size()));
            if (entry(r).map(e -> !status.decided(e) && accept.test(e)).orElse(false)) {
                selected.set(r);
                return true;
            }
        }
        return false;
    }

    /** The rounds' marks: unchanged units, viewed files, and the setting that hides unchanged units. */
    public RoundMarks marks() {
        return marks;
    }

    /** The hunks below a node of the tree, in tree order (for bulk decisions on a group, file or commit). */
    public static List<HunkRef> hunksUnder(NavNode node) {
        return hunksInOrder(node);
    }

    private void moveTo(int delta, Predicate<HunkRef> accept) {
        if (order.isEmpty()) {
            return;
        }
        int at = order.indexOf(selected.get());
        for (int i = at + delta; i >= 0 && i < order.size(); i += delta) {
            if (accept.test(order.get(i))) {
                selected.set(order.get(i));
                return;
            }
        }
    }

    /** The flattened hunk behind {@code ref}. */
    public java.util.Optional<HunkEntry> entry(HunkRef ref) {
        return java.util.Optional.ofNullable(ref == null ? null : byRef.get(ref));
    }

    /** Every hunk of the analysis, filtered or not, in file order. */
    public List<HunkRef> allHunks() {
        return entries.stream().map(HunkEntry::ref).toList();
    }

    public List<HunkRef> visibleHunks() {
        return order;
    }

    public ReadOnlyObjectProperty<ChangeAnalysis> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    public ObjectProperty<Grouping> groupingProperty() {
        return grouping;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty hideDecidedProperty() {
        return hideDecided;
    }

    public BooleanProperty onlyAgentProperty() {
        return onlyAgent;
    }

    public ReadOnlyObjectProperty<NavNode> rootProperty() {
        return root.getReadOnlyProperty();
    }

    public ObjectProperty<HunkRef> selectedProperty() {
        return selected;
    }
}
