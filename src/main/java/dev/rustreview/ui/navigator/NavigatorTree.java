package dev.rustreview.ui.navigator;

import dev.rustreview.model.Category;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.Commit;
import dev.rustreview.model.CommitProvenance;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Verdict;
import dev.rustreview.review.DecisionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** Builds the navigator's tree from flattened hunks: pure, so grouping and filtering are tested on data. */
public final class NavigatorTree {

    private final ReviewStatus status;

    private NavigatorTree(ReviewStatus status) {
        this.status = status;
    }

    /** The tree for {@code entries} under {@code grouping}, keeping hunks that match the filter and toggle. */
    public static NavNode build(ChangeAnalysis analysis, List<HunkEntry> entries, Grouping grouping,
                                String filter, boolean onlyAgent) {
        return build(analysis, entries, grouping, filter, onlyAgent, ReviewStatus.NONE, false, null);
    }

    /**
     * As above with the review's decisions: counts of decided hunks per node, and with {@code hideDecided} only
     * undecided hunks, except {@code keep} (the selected hunk stays until the reviewer moves on).
     */
    public static NavNode build(ChangeAnalysis analysis, List<HunkEntry> entries, Grouping grouping,
                                String filter, boolean onlyAgent, ReviewStatus status, boolean hideDecided,
                                HunkRef keep) {
        String needle = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        Predicate<HunkEntry> match = e -> (!onlyAgent || e.agentWritten())
                && (needle.isEmpty() || e.searchText().contains(needle))
                && (!hideDecided || !status.decided(e) || e.ref().equals(keep));
        List<HunkEntry> kept = entries.stream().filter(match).toList();
        return new NavigatorTree(status).tree(analysis, kept, grouping);
    }

    private NavNode tree(ChangeAnalysis analysis, List<HunkEntry> kept, Grouping grouping) {
        List<NavNode> groups = switch (grouping) {
            case FILE -> files(kept);
            case CATEGORY -> byCategory(kept);
            case RISK -> byRisk(kept);
            case COMMIT -> byCommit(analysis, kept);
        };
        return node(NavNode.Kind.ROOT, "branch", "", groups, null);
    }

    private List<NavNode> byCategory(List<HunkEntry> kept) {
        List<NavNode> groups = new ArrayList<>();
        for (Category c : Category.values()) {
            List<HunkEntry> in = kept.stream().filter(e -> e.analysis() != null && e.analysis().category() == c).toList();
            if (!in.isEmpty()) {
                groups.add(node(NavNode.Kind.GROUP, c.label(), c.covers(), files(in), null));
            }
        }
        List<HunkEntry> none = kept.stream().filter(e -> e.analysis() == null).toList();
        if (!none.isEmpty()) {
            groups.add(node(NavNode.Kind.GROUP, "not categorised", "binary, over-size or unreadable",
                    files(none), null));
        }
        return groups;
    }

    private List<NavNode> byRisk(List<HunkEntry> kept) {
        List<NavNode> groups = new ArrayList<>();
        for (Severity s : Severity.values()) {
            List<HunkEntry> in = kept.stream().filter(e -> e.highest() == s).toList();
            if (!in.isEmpty()) {
                groups.add(node(NavNode.Kind.GROUP, s.label(), "highest finding " + s.label(), files(in), null));
            }
        }
        List<HunkEntry> none = kept.stream().filter(e -> e.highest() == null).toList();
        if (!none.isEmpty()) {
            groups.add(node(NavNode.Kind.GROUP, "no findings", "", files(none), null));
        }
        return groups;
    }

    private List<NavNode> byCommit(ChangeAnalysis analysis, List<HunkEntry> kept) {
        List<NavNode> groups = new ArrayList<>();
        for (Commit commit : analysis.changeSet().commits()) {
            List<HunkEntry> in = kept.stream().filter(e -> e.commitIds().contains(commit.id())).toList();
            if (!in.isEmpty()) {
                Verdict verdict = analysis.provenance(commit.id()).map(CommitProvenance::verdict).orElse(Verdict.UNKNOWN);
                groups.add(node(NavNode.Kind.COMMIT, commit.shortId() + "  " + commit.subject(),
                        commit.author().name(), files(in), verdict));
            }
        }
        List<HunkEntry> none = kept.stream().filter(e -> e.commitIds().isEmpty()).toList();
        if (!none.isEmpty()) {
            groups.add(node(NavNode.Kind.GROUP, "removals only", "no added lines to attribute", files(none), null));
        }
        return groups;
    }

    /** File nodes in first-seen order, each with its hunks. */
    List<NavNode> files(List<HunkEntry> entries) {
        Map<String, List<NavNode>> byFile = new LinkedHashMap<>();
        for (HunkEntry e : entries) {
            byFile.computeIfAbsent(e.ref().path(), p -> new ArrayList<>()).add(hunk(e));
        }
        List<NavNode> files = new ArrayList<>();
        byFile.forEach((path, hunks) -> files.add(node(NavNode.Kind.FILE, path, "", hunks, null)));
        return files;
    }

    private NavNode hunk(HunkEntry e) {
        String items = e.analysis() == null || e.analysis().items().isEmpty() ? "" : String.join(", ", e.analysis().items());
        String label = "#" + (e.ref().index() + 1) + "  " + (items.isEmpty() ? e.hunk().header() : items);
        String detail = "+" + e.hunk().additions() + " \u2212" + e.hunk().deletions()
                + (e.analysis() == null ? "" : " \u00b7 " + e.analysis().category().label());
        DecisionState state = status.state(e);
        return new NavNode(NavNode.Kind.HUNK, label, detail, 1, state == DecisionState.UNREVIEWED ? 0 : 1,
                e.findings().size(), e.highest(), e.ref(), state, status.changed(e), null, List.of());
    }

    private static NavNode node(NavNode.Kind kind, String label, String detail, List<NavNode> children,
                                Verdict verdict) {
        int hunks = children.stream().mapToInt(NavNode::hunks).sum();
        int decided = children.stream().mapToInt(NavNode::decided).sum();
        int findings = children.stream().mapToInt(NavNode::findings).sum();
        Severity highest = children.stream().map(NavNode::highest).filter(s -> s != null)
                .min(Enum::compareTo).orElse(null);
        return new NavNode(kind, label, detail, hunks, decided, findings, highest, null, null, false, verdict, children);
    }
}
