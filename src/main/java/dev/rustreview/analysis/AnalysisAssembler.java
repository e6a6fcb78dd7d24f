package dev.rustreview.analysis;

import dev.rustreview.model.Category;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.CommitProvenance;
import dev.rustreview.model.FileAnalysis;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.HunkAnalysis;
import dev.rustreview.model.LineAttribution;
import dev.rustreview.model.Priority;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The single-threaded second half of an analysis: categories (which need every file's impls), finding-to-hunk
 * mapping and priorities. Findings arrive graded and with their stable ids ({@link FindingPolicy}).
 */
final class AnalysisAssembler {

    private static final Comparator<Finding> FINDING_ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::path).thenComparing(Finding::side).thenComparingInt(Finding::startLine)
            .thenComparing(Finding::ruleId);

    private final ChangeSet changeSet;
    private final Categorizer categorizer;

    AnalysisAssembler(ChangeSet changeSet, GitAttributes attributes) {
        this.changeSet = changeSet;
        this.categorizer = new Categorizer(attributes);
    }

    ChangeAnalysis assemble(List<FileWork> work, List<CommitProvenance> provenance, List<LineAttribution> lines,
                            List<String> warnings) {
        CategoryContext context = CategoryContext.merged(work.stream().map(FileWork::facts).toList());
        List<FileAnalysis> fileResults = new ArrayList<>();
        List<Finding> allFindings = new ArrayList<>();
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        for (FileWork fw : work) {
            List<Finding> findings = fw.findings().stream().sorted(FINDING_ORDER).toList();
            allFindings.addAll(findings);
            FileCategories categories = fw.categories() != null ? fw.categories()
                    : categorizer.categorizeFile(fw.kept(), context);
            List<HunkAnalysis> hunks = hunks(fw.change(), categories, findings);
            hunks.forEach(h -> counts.merge(h.category(), 1, Integer::sum));
            fileResults.add(new FileAnalysis(fw.path(), categories.primary(), fw.analysed(), fw.partial(),
                    fw.note(), hunks, Priority.of(findings)));
        }
        allFindings.sort(FINDING_ORDER);
        return new ChangeAnalysis(changeSet, fileResults, allFindings, provenance, lines, counts,
                Priority.of(allFindings), warnings);
    }

    private static List<HunkAnalysis> hunks(FileChange file, FileCategories categories, List<Finding> findings) {
        List<Hunk> hunks = file.hunks();
        List<List<Finding>> perHunk = new ArrayList<>();
        hunks.forEach(h -> perHunk.add(new ArrayList<>()));
        for (Finding f : findings) {
            int index = hunkFor(hunks, f);
            if (index >= 0) {
                perHunk.get(index).add(f);
            }
        }
        List<HunkAnalysis> out = new ArrayList<>();
        for (int i = 0; i < hunks.size(); i++) {
            Hunk hunk = hunks.get(i);
            HunkCategory hc = categories.hunks().get(i);
            List<String> items = hc.syntax().items().stream().map(HunkSyntax.Item::label).distinct().toList();
            List<Finding> mine = perHunk.get(i);
            out.add(new HunkAnalysis(StableIds.hunk(file.path(), hunk, items), i, hc.primary(), hc.tags(),
                    hc.reason(), items, hc.syntax().async(), hc.syntax().unsafe(), hc.syntax().test(),
                    mine.stream().map(Finding::id).toList(), Priority.of(mine)));
        }
        return out;
    }

    /**
     * The hunk a finding belongs to: the one holding its last line (where the risk is created, e.g. the
     * {@code .await} after an old guard), else the one holding its first line, else the nearest one before it.
     */
    static int hunkFor(List<Hunk> hunks, Finding f) {
        int byEnd = containing(hunks, f.side(), f.endLine());
        if (byEnd >= 0) {
            return byEnd;
        }
        int byStart = containing(hunks, f.side(), f.startLine());
        if (byStart >= 0) {
            return byStart;
        }
        int nearest = -1;
        for (int i = 0; i < hunks.size(); i++) {
            if (start(hunks.get(i), f.side()) <= f.endLine()) {
                nearest = i;
            }
        }
        return nearest >= 0 ? nearest : hunks.isEmpty() ? -1 : 0;
    }

    private static int containing(List<Hunk> hunks, Side side, int line) {
        for (int i = 0; i < hunks.size(); i++) {
            Hunk h = hunks.get(i);
            int start = start(h, side);
            int count = side == Side.NEW ? h.newCount() : h.oldCount();
            if (line >= start && line < start + Math.max(count, 1)) {
                return i;
            }
        }
        return -1;
    }

    private static int start(Hunk h, Side side) {
        return side == Side.NEW ? h.newStart() : h.oldStart();
    }
}
