package dev.rustreview.git;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;

/**
 * Groups an edit list into unified-diff hunks the way git does: {@value #CONTEXT} lines of context, and
 * edits whose contexts touch or overlap (at most twice the context apart) share one hunk.
 */
final class HunkBuilder {

    static final int CONTEXT = 3;

    private final DecodedText oldText;
    private final DecodedText newText;

    private HunkBuilder(DecodedText oldText, DecodedText newText) {
        this.oldText = oldText;
        this.newText = newText;
    }

    static List<Hunk> build(EditList edits, DecodedText oldText, DecodedText newText) {
        HunkBuilder builder = new HunkBuilder(oldText, newText);
        List<Hunk> hunks = new ArrayList<>();
        int first = 0;
        while (first < edits.size()) {
            int last = first;
            while (last + 1 < edits.size() && edits.get(last + 1).getBeginA() - edits.get(last).getEndA() <= 2 * CONTEXT) {
                last++;
            }
            hunks.add(builder.hunk(edits.subList(first, last + 1)));
            first = last + 1;
        }
        return hunks;
    }

    private Hunk hunk(List<Edit> group) {
        Edit firstEdit = group.get(0);
        Edit lastEdit = group.get(group.size() - 1);
        // Lines before the first edit are common to both sides, so both sides get the same leading context.
        int leading = Math.min(CONTEXT, Math.min(firstEdit.getBeginA(), firstEdit.getBeginB()));
        int oldStart = firstEdit.getBeginA() - leading;
        int newStart = firstEdit.getBeginB() - leading;
        int trailing = Math.min(CONTEXT, oldText.lineCount() - lastEdit.getEndA());
        int oldEnd = lastEdit.getEndA() + trailing;
        int newEnd = lastEdit.getEndB() + trailing;

        List<DiffLine> lines = new ArrayList<>();
        int a = oldStart;
        int b = newStart;
        for (Edit edit : group) {
            while (a < edit.getBeginA()) {
                lines.add(context(a++, b++));
            }
            for (; a < edit.getEndA(); a++) {
                lines.add(line(LineKind.REMOVED, oldText, a, a + 1, 0));
            }
            for (; b < edit.getEndB(); b++) {
                lines.add(line(LineKind.ADDED, newText, b, 0, b + 1));
            }
        }
        while (a < oldEnd) {
            lines.add(context(a++, b++));
        }
        int oldCount = oldEnd - oldStart;
        int newCount = newEnd - newStart;
        // git prints an empty side's start as the line before it (0 for an empty file): "@@ -0,0 +1,3 @@".
        return new Hunk(oldCount == 0 ? oldStart : oldStart + 1, oldCount,
                newCount == 0 ? newStart : newStart + 1, newCount, lines);
    }

    /** A context line reads from the new side so its end-of-file flag is the one the file ends with. */
    private DiffLine context(int a, int b) {
        return line(LineKind.CONTEXT, newText, b, a + 1, b + 1);
    }

    private static DiffLine line(LineKind kind, DecodedText text, int index, int oldLine, int newLine) {
        return new DiffLine(kind, oldLine, newLine, text.line(index), text.endsWithCrLf(index),
                text.missingNewlineAfter(index));
    }
}
