package dev.rustreview.review;

import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;

/** A hunk's lines as one side sees them, with their line numbers; anchors capture and find text through it. */
final class SideText {

    record Line(int number, String text) {
    }

    private SideText() {
    }

    static List<Line> of(Hunk hunk, Side side) {
        List<Line> lines = new ArrayList<>();
        for (DiffLine l : hunk.lines()) {
            if (side == Side.NEW && !l.isRemoved()) {
                lines.add(new Line(l.newLine(), l.text()));
            } else if (side == Side.OLD && !l.isAdded()) {
                lines.add(new Line(l.oldLine(), l.text()));
            }
        }
        return lines;
    }

    /** The text of lines {@code from..to} that the hunk shows on {@code side}. */
    static List<String> range(Hunk hunk, Side side, int from, int to) {
        return of(hunk, side).stream().filter(l -> l.number() >= from && l.number() <= to).map(Line::text).toList();
    }

    /** The first line number where {@code wanted} appears as consecutive lines (whitespace-insensitive), or -1. */
    static int find(Hunk hunk, Side side, List<String> wanted) {
        List<Line> lines = of(hunk, side);
        if (wanted.isEmpty()) {
            return -1;
        }
        outer:
        for (int i = 0; i + wanted.size() <= lines.size(); i++) {
            for (int j = 0; j < wanted.size(); j++) {
                if (!fold(lines.get(i + j).text()).equals(fold(wanted.get(j)))) {
                    continue outer;
                }
            }
            return lines.get(i).number();
        }
        return -1;
    }

    private static String fold(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
