package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import java.util.ArrayList;
import java.util.List;

/** The lines a change adds to the non-test fns of a file, with their fn: what the line-level rules read. */
final class AddedLines {

    /** One added line: its number on the new side, its text and the fn it sits in. */
    record Line(int number, String text, ItemOutline.Item fn) {
    }

    private AddedLines() {
    }

    static List<Line> of(ChangedFile file) {
        List<Line> out = new ArrayList<>();
        List<ItemOutline.Item> fns = ItemOutline.changedFns(file);
        if (fns.isEmpty()) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        String[] lines = file.newText().split("\n", -1);
        for (ItemOutline.Item fn : fns) {
            for (int l = after.line(fn.bodyStart()); l <= after.endLine(fn) && l <= lines.length; l++) {
                if (file.added(l)) {
                    out.add(new Line(l, lines[l - 1], fn));
                }
            }
        }
        return out;
    }

    /** The old side's removed lines, whitespace removed, for asking what an added line replaced. */
    static List<String> removedNormal(ChangedFile file) {
        List<String> out = new ArrayList<>();
        if (file.oldText() == null) {
            return out;
        }
        String[] lines = file.oldText().split("\n", -1);
        for (int l = 1; l <= lines.length; l++) {
            if (file.removed(l)) {
                out.add(lines[l - 1].replaceAll("\\s+", ""));
            }
        }
        return out;
    }
}
