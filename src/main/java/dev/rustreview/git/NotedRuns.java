package dev.rustreview.git;

import dev.rustreview.model.LineAttribution;
import dev.rustreview.model.LineNote;
import dev.rustreview.model.LineNotes;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits attributed runs where line-level attribution notes cover their lines. A note speaks of lines as its
 * commit left them, so each head line is looked up at the position the blame traced it to in its own commit
 * (path and line there); a line whose commit came from a neighbour (repeated lines the diffs paired
 * differently) has no traced position and keeps the commit's verdict.
 */
final class NotedRuns {

    private NotedRuns() {
    }

    static List<LineAttribution> apply(List<LineAttribution> runs, BranchLineOrigins.Result traced, LineNotes notes) {
        if (notes.isEmpty()) {
            return runs;
        }
        List<LineAttribution> out = new ArrayList<>(runs.size());
        for (LineAttribution run : runs) {
            int start = run.startLine();
            LineNote current = noteAt(run, start, traced, notes);
            for (int line = run.startLine() + 1; line <= run.endLine() + 1; line++) {
                LineNote next = line <= run.endLine() ? noteAt(run, line, traced, notes) : null;
                if (line > run.endLine() || next != current) {
                    out.add(new LineAttribution(run.path(), start, line - 1, run.commitId(), current));
                    start = line;
                    current = next;
                }
            }
        }
        return out;
    }

    private static LineNote noteAt(LineAttribution run, int line, BranchLineOrigins.Result traced, LineNotes notes) {
        int i = line - 1;
        if (i >= traced.origins().length || traced.origins()[i] == null || traced.originPaths()[i] == null
                || !traced.origins()[i].name().equals(run.commitId())) {
            return null;
        }
        return notes.at(run.commitId(), traced.originPaths()[i], traced.originLines()[i] + 1);
    }
}
