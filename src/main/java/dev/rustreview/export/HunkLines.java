package dev.rustreview.export;

import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;

/** The text of a hunk's lines on one side, by line number (the review package keeps its own helper private). */
final class HunkLines {

    private HunkLines() {
    }

    static int number(DiffLine l, Side side) {
        return side == Side.OLD ? l.oldLine() : l.newLine();
    }

    static boolean onSide(DiffLine l, Side side) {
        return side == Side.OLD ? l.kind() != LineKind.ADDED : l.kind() != LineKind.REMOVED;
    }

    /** Lines {@code from..to} of {@code side} that the hunk shows; empty when the range lies outside it. */
    static List<String> range(Hunk hunk, Side side, int from, int to) {
        List<String> out = new ArrayList<>();
        for (DiffLine l : hunk.lines()) {
            int n = number(l, side);
            if (onSide(l, side) && n >= from && n <= to) {
                out.add(l.text());
            }
        }
        return out;
    }

    /** The changed lines, as the agent needs to recognise them: {@code +}/{@code -} prefixed. */
    static List<String> changed(Hunk hunk) {
        return hunk.lines().stream().filter(l -> l.kind() != LineKind.CONTEXT)
                .map(l -> (l.isAdded() ? "+" : "-") + l.text()).toList();
    }

    /** The first changed line's number on the new side (the old side for a pure deletion). */
    static int firstChanged(Hunk hunk) {
        for (DiffLine l : hunk.lines()) {
            if (l.isAdded()) {
                return l.newLine();
            }
        }
        return hunk.lines().stream().filter(DiffLine::isRemoved).findFirst().map(DiffLine::oldLine)
                .orElse(hunk.newStart());
    }
}
