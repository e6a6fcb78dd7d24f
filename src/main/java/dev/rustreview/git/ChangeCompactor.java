package dev.rustreview.git;
import java.util.Arrays;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Places ambiguous changes where git places them. A block of added or removed lines can often slide up
 * or down over identical lines without changing the diff's meaning; git slides each block as far down as
 * it goes, aligns it with a change on the other side when it can, and otherwise picks the position its
 * indent heuristic scores best (the default since git 2.14), so a new Rust function shows as the
 * function and its blank line rather than straddling the neighbour's closing brace. JGit's histogram
 * only does the first part, so without this our hunks would differ from {@code git diff}.
 *
 * <p>Works on per-line "changed" flags for both sides, as git does, then rebuilds the edit list.
 */
final class ChangeCompactor {

    private final Side[] sides;

    private ChangeCompactor(RawText a, DecodedText aText, RawText b, DecodedText bText) {
        this.sides = new Side[] {new Side(a, aText), new Side(b, bText)};
    }

    static EditList compact(EditList edits, RawText a, DecodedText aText, RawText b, DecodedText bText) {
        if (edits.isEmpty()) {
            return edits;
        }
        ChangeCompactor compactor = new ChangeCompactor(a, aText, b, bText);
        for (Edit edit : edits) {
            compactor.sides[0].mark(edit.getBeginA(), edit.getEndA());
            compactor.sides[1].mark(edit.getBeginB(), edit.getEndB());
        }
        compactor.compactSide(compactor.sides[0], compactor.sides[1]);
        compactor.compactSide(compactor.sides[1], compactor.sides[0]);
        return compactor.toEdits();
    }

    /** git's loop over the groups of {@code side}, keeping the matching group of {@code other} in step. */
    private void compactSide(Side side, Side other) {
        Group g = side.firstGroup();
        Group go = other.firstGroup();
        while (true) {
            if (g.end != g.start) {
                int groupSize;
                int earliestEnd;
                int endMatchingOther;
                do {
                    groupSize = g.end - g.start;
                    endMatchingOther = -1;
                    while (side.slideUp(g)) {
                        other.previous(go);
                    }
                    earliestEnd = g.end;
                    if (go.end > go.start) {
                        endMatchingOther = g.end;
                    }
                    while (side.slideDown(g)) {
                        other.next(go);
                        if (go.end > go.start) {
                            endMatchingOther = g.end;
                        }
                    }
                } while (groupSize != g.end - g.start);

                if (g.end == earliestEnd) {
                    // it cannot move at all
                } else if (endMatchingOther != -1) {
                    while (go.end == go.start) {
                        side.slideUp(g);
                        other.previous(go);
                    }
                } else {
                    int bestShift = IndentScore.bestShift(side, earliestEnd, g.end, groupSize);
                    while (g.end > bestShift) {
                        side.slideUp(g);
                        other.previous(go);
                    }
                }
            }
            if (!side.next(g)) {
                break;
            }
            other.next(go);
        }
    }

    private EditList toEdits() {
        Side a = sides[0];
        Side b = sides[1];
        EditList edits = new EditList();
        int i = 0;
        int j = 0;
        while (i < a.size || j < b.size) {
            if (a.changed(i) || b.changed(j)) {
                int endA = i;
                int endB = j;
                while (a.changed(endA)) {
                    endA++;
                }
                while (b.changed(endB)) {
                    endB++;
                }
                edits.add(new Edit(i, endA, j, endB));
                i = endA;
                j = endB;
            } else {
                i++;
                j++;
            }
        }
        return edits;
    }

    /** A run {@code [start, end)} of changed lines on one side; empty between two unchanged lines. */
    static final class Group {
        int start;
        int end;
    }

    /** One side's lines with their changed flags; indexes -1 and size read as unchanged. */
    static final class Side {
        final int size;
        private final RawText raw;
        private final DecodedText text;
        private final boolean[] changed;
        private final int[] indents;

        Side(RawText raw, DecodedText text) {
            this.raw = raw;
            this.text = text;
            this.size = raw.size();
            this.changed = new boolean[size + 2];
            this.indents = new int[size];
            Arrays.fill(indents, Integer.MIN_VALUE);
        }

        void mark(int begin, int end) {
            for (int i = begin; i < end; i++) {
                changed[i + 1] = true;
            }
        }

        boolean changed(int line) {
            return changed[line + 1];
        }

        private void set(int line, boolean value) {
            changed[line + 1] = value;
        }

        Group firstGroup() {
            Group g = new Group();
            while (changed(g.end)) {
                g.end++;
            }
            return g;
        }

        boolean next(Group g) {
            if (g.end == size) {
                return false;
            }
            g.start = g.end + 1;
            g.end = g.start;
            while (changed(g.end)) {
                g.end++;
            }
            return true;
        }

        void previous(Group g) {
            if (g.start == 0) {
                throw new IllegalStateException("groups out of step while sliding");
            }
            g.end = g.start - 1;
            g.start = g.end;
            while (changed(g.start - 1)) {
                g.start--;
            }
        }

        boolean slideUp(Group g) {
            if (g.start > 0 && same(g.start - 1, g.end - 1)) {
                set(--g.start, true);
                set(--g.end, false);
                while (changed(g.start - 1)) {
                    g.start--;
                }
                return true;
            }
            return false;
        }

        boolean slideDown(Group g) {
            if (g.end < size && same(g.start, g.end)) {
                set(g.start++, false);
                set(g.end++, true);
                while (changed(g.end)) {
                    g.end++;
                }
                return true;
            }
            return false;
        }

        private boolean same(int i, int j) {
            return RawTextComparator.DEFAULT.equals(raw, i, raw, j);
        }

        /** Columns of leading indentation (tab to the next multiple of 8), or -1 for a blank line. */
        int indent(int line) {
            if (indents[line] == Integer.MIN_VALUE) {
                indents[line] = IndentScore.indentOf(text.line(line));
            }
            return indents[line];
        }
    }
}
