package dev.rustreview.analysis;

import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: re-cuts a {@link Snippet} into one hunk per run of changed lines (context lines dropped). */
final class Hunks {

    private Hunks() {
    }

    static ChangedFile split(ChangedFile file) {
        List<Hunk> hunks = new ArrayList<>();
        List<DiffLine> run = new ArrayList<>();
        for (DiffLine line : file.change().hunks().get(0).lines()) {
            if (line.isAdded() || line.isRemoved()) {
                run.add(line);
            } else if (!run.isEmpty()) {
                hunks.add(hunk(run));
                run = new ArrayList<>();
            }
        }
        if (!run.isEmpty()) {
            hunks.add(hunk(run));
        }
        FileChange c = file.change();
        FileChange split = new FileChange(c.oldPath(), c.newPath(), c.changeType(), c.similarity(), c.oldKind(),
                c.newKind(), c.oldBlobId(), c.newBlobId(), c.oldSize(), c.newSize(), c.binary(), c.tooLarge(),
                c.language(), c.encoding(), hunks);
        return new ChangedFile(split, file.oldText(), file.newText(), file.oldTree(), file.newTree());
    }

    private static Hunk hunk(List<DiffLine> lines) {
        int oldStart = lines.stream().filter(DiffLine::isRemoved).mapToInt(DiffLine::oldLine).findFirst().orElse(0);
        int newStart = lines.stream().filter(DiffLine::isAdded).mapToInt(DiffLine::newLine).findFirst().orElse(0);
        int removed = (int) lines.stream().filter(DiffLine::isRemoved).count();
        return new Hunk(oldStart, removed, newStart, lines.size() - removed, lines);
    }
}
