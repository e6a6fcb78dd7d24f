package dev.rustreview.review;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileAnalysis;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.HunkAnalysis;
import dev.rustreview.model.LineAttribution;
import dev.rustreview.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The hunks of one analysed round, by stable id, with their file, findings and the commits that wrote them. */
public final class HunkIndex {

    /** One hunk with everything the review needs about it. */
    public record Entry(String id, FileChange file, Hunk hunk, HunkAnalysis analysis, Set<String> commitIds) {
        public String path() {
            return file.path();
        }
    }

    private final ChangeAnalysis analysis;
    private final Map<String, Entry> byId = new LinkedHashMap<>();

    public HunkIndex(ChangeAnalysis analysis) {
        this.analysis = analysis;
        for (FileChange file : analysis.changeSet().files()) {
            Optional<FileAnalysis> fa = analysis.file(file.path());
            if (fa.isEmpty()) {
                continue;
            }
            for (HunkAnalysis ha : fa.get().hunks()) {
                if (ha.index() < file.hunks().size()) {
                    Hunk hunk = file.hunks().get(ha.index());
                    byId.putIfAbsent(ha.id(), new Entry(ha.id(), file, hunk, ha, commits(file.path(), hunk)));
                }
            }
        }
    }

    public ChangeAnalysis analysis() {
        return analysis;
    }

    public List<Entry> entries() {
        return List.copyOf(byId.values());
    }

    public Optional<Entry> entry(String hunkId) {
        return Optional.ofNullable(byId.get(hunkId));
    }

    /** The most severe finding in the hunk, if any. */
    public Optional<Severity> worstFinding(Entry entry) {
        return entry.analysis().findingIds().stream().map(analysis::finding).flatMap(Optional::stream)
                .map(Finding::severity).min(Enum::compareTo);
    }

    /** The hunk holding {@code line} of {@code path} on the new (or old) side, if any. */
    public Optional<Entry> at(String path, boolean newSide, int line) {
        return byId.values().stream().filter(e -> e.path().equals(path)).filter(e -> {
            Hunk h = e.hunk();
            int start = newSide ? h.newStart() : h.oldStart();
            int count = newSide ? h.newCount() : h.oldCount();
            return line >= start && line < start + Math.max(count, 1);
        }).findFirst();
    }

    private Set<String> commits(String path, Hunk hunk) {
        Set<String> ids = new LinkedHashSet<>();
        List<Integer> added = new ArrayList<>();
        for (DiffLine line : hunk.lines()) {
            if (line.isAdded()) {
                added.add(line.newLine());
            }
        }
        for (LineAttribution run : analysis.lines()) {
            if (run.path().equals(path) && added.stream().anyMatch(n -> n >= run.startLine() && n <= run.endLine())) {
                ids.add(run.commitId());
            }
        }
        return ids;
    }
}
