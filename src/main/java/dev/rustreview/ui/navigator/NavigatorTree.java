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
            case PLAN -> byPlan(analysis, kept);
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

    /**
     * The review plan: units in the order of their findings as the analyzer ranks them (severity, then place), those
     * with a critical or high finding first; units without findings after them, by file. Each flagged unit sits
     * directly under its tier, so the order crosses files.
     */
    private List<NavNode> byPlan(ChangeAnalysis analysis, List<HunkEntry> kept) {
        Map<String, HunkEntry> byFinding = new LinkedHashMap<>();
        kept.forEach(e -> e.findings().forEach(f -> byFinding.putIfAbsent(f.id(), e)));
        java.util.LinkedHashSet<HunkEntry> ranked = new java.util.LinkedHashSet<>();
        analysis.findings().forEach(f -> {
            HunkEntry e = byFinding.get(f.id());
            if (e != null) {
                ranked.add(e);
            }
        });
        List<NavNode> groups = new ArrayList<>();
        List<NavNode> urgent = ranked.stream().filter(e -> e.highest().atLeast(Severity.HIGH)).map(e -> hunk(e, true))
                .toList();
        List<NavNode> later = ranked.stream().filter(e -> !e.highest().atLeast(Severity.HIGH)).map(e -> hunk(e, true))
                .toList();
        if (!urgent.isEmpty()) {
            groups.add(node(NavNode.Kind.GROUP, "Start here: critical and high", "units with a critical or high finding",
                    urgent, null));
        }
        if (!later.isEmpty()) {
            groups.add(node(NavNode.Kind.GROUP, "Then: medium and low", "units with medium or low findings", later, null));
        }
        List<HunkEntry> quiet = kept.stream().filter(e -> !ranked.contains(e)).toList();
        if (!quiet.isEmpty()) {
            groups.add(node(NavNode.Kind.GROUP, "No findings", "clear these by file", files(quiet), null));
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
        return hunk(e, false);
    }

    /** A unit listed by its item's name ({@code impl BackupExecutor › fn write_manifest}), with its file when asked. */
    private NavNode hunk(HunkEntry e, boolean withFile) {
        String items = e.analysis() == null || e.analysis().items().isEmpty() ? "" : String.join(", ", e.analysis().items());
        String name = e.hunk().item() != null ? e.hunk().item()
                : "#" + (e.ref().index() + 1) + "  " + (items.isEmpty() ? e.hunk().header() : items);
        String file = e.ref().path().substring(e.ref().path().lastIndexOf('/') + 1);
        String label = withFile ? file + "  " + name : name;
        String detail = (withFile ? e.ref().path() + " " : "") + e.hunk().header() + "  +" + e.hunk().additions()
                + " \u2212" + e.hunk().deletions()
                + (e.analysis() == null ? "" : " \u00b7 " + e.analysis().category().label())
                + compilerSources(e);
        DecisionState state = status.state(e);
        return new NavNode(NavNode.Kind.HUNK, label, detail, 1, state == DecisionState.UNREVIEWED ? 0 : 1,
                e.findings().size(), e.highest(), e.ref(), state, status.changed(e), null, List.of());
    }

    /** " · AL1 + clippy::await_holding_lock": the unit's findings a compiler check found or confirmed. */
    private static String compilerSources(HunkEntry e) {
        List<String> labels = e.findings().stream().filter(f -> !f.compiler().isEmpty())
                .map(dev.rustreview.model.Finding::sourceLabel).distinct().toList();
        return labels.isEmpty() ? "" : " \u00b7 " + String.join(", ", labels);
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
