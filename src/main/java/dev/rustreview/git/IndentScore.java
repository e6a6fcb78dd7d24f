package dev.rustreview.git;

/**
 * git's indent heuristic: scores the two places where a slid block would split the surrounding lines
 * (before it and after it) by blank lines and indentation, and picks the lowest-scoring position. The
 * weights are git's, tuned by its authors on a corpus of human-judged diffs; they are kept identical so
 * that our hunks match {@code git diff}.
 */
final class IndentScore {

    private static final int MAX_INDENT = 200;
    private static final int MAX_BLANKS = 20;
    private static final int MAX_SLIDING = 100;
    private static final int START_OF_FILE_PENALTY = 1;
    private static final int END_OF_FILE_PENALTY = 21;
    private static final int TOTAL_BLANK_WEIGHT = -30;
    private static final int POST_BLANK_WEIGHT = 6;
    private static final int RELATIVE_INDENT_PENALTY = -4;
    private static final int RELATIVE_INDENT_WITH_BLANK_PENALTY = 10;
    private static final int RELATIVE_OUTDENT_PENALTY = 24;
    private static final int RELATIVE_OUTDENT_WITH_BLANK_PENALTY = 17;
    private static final int RELATIVE_DEDENT_PENALTY = 23;
    private static final int RELATIVE_DEDENT_WITH_BLANK_PENALTY = 17;
    private static final int INDENT_WEIGHT = 60;

    private int effectiveIndent;
    private int penalty;

    private IndentScore() {
    }

    /** The block's best end position between {@code earliestEnd} and {@code end} (its lowest possible). */
    static int bestShift(ChangeCompactor.Side side, int earliestEnd, int end, int groupSize) {
        int shift = Math.max(earliestEnd, Math.max(end - groupSize - 1, end - MAX_SLIDING));
        int bestShift = -1;
        IndentScore best = null;
        for (; shift <= end; shift++) {
            IndentScore score = new IndentScore();
            score.addSplit(side, shift);
            score.addSplit(side, shift - groupSize);
            if (best == null || score.compareTo(best) <= 0) {
                best = score;
                bestShift = shift;
            }
        }
        return bestShift;
    }

    static int indentOf(String line) {
        int indent = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                indent++;
            } else if (c == '\t') {
                indent += 8 - indent % 8;
            } else if (c != '\r' && c != '\f' && c != 0x0B) {
                return indent; // first visible character
            }
            if (indent >= MAX_INDENT) {
                return MAX_INDENT;
            }
        }
        return -1;
    }

    /** Adds the cost of splitting the file just before line {@code split}. */
    private void addSplit(ChangeCompactor.Side side, int split) {
        boolean endOfFile = split >= side.size;
        int indent = endOfFile ? -1 : side.indent(split);
        int preBlank = 0;
        int preIndent = -1;
        for (int i = split - 1; i >= 0; i--) {
            preIndent = side.indent(i);
            if (preIndent != -1) {
                break;
            }
            if (++preBlank == MAX_BLANKS) {
                preIndent = 0;
                break;
            }
        }
        int postBlankAfter = 0;
        int postIndent = -1;
        for (int i = split + 1; i < side.size; i++) {
            postIndent = side.indent(i);
            if (postIndent != -1) {
                break;
            }
            if (++postBlankAfter == MAX_BLANKS) {
                postIndent = 0;
                break;
            }
        }

        if (preIndent == -1 && preBlank == 0) {
            penalty += START_OF_FILE_PENALTY;
        }
        if (endOfFile) {
            penalty += END_OF_FILE_PENALTY;
        }
        int postBlank = indent == -1 ? 1 + postBlankAfter : 0;
        int totalBlank = preBlank + postBlank;
        penalty += TOTAL_BLANK_WEIGHT * totalBlank + POST_BLANK_WEIGHT * postBlank;
        int effective = indent != -1 ? indent : postIndent;
        boolean anyBlanks = totalBlank != 0;
        effectiveIndent += effective;
        if (effective == -1 || preIndent == -1 || effective == preIndent) {
            return;
        }
        if (effective > preIndent) {
            penalty += anyBlanks ? RELATIVE_INDENT_WITH_BLANK_PENALTY : RELATIVE_INDENT_PENALTY;
        } else if (postIndent != -1 && postIndent > effective) {
            // less indented than the line before, more indented after: the start of a new block
            penalty += anyBlanks ? RELATIVE_OUTDENT_WITH_BLANK_PENALTY : RELATIVE_OUTDENT_PENALTY;
        } else {
            // the end of a block
            penalty += anyBlanks ? RELATIVE_DEDENT_WITH_BLANK_PENALTY : RELATIVE_DEDENT_PENALTY;
        }
    }

    private int compareTo(IndentScore other) {
        int indents = Integer.compare(effectiveIndent, other.effectiveIndent);
        return INDENT_WEIGHT * indents + (penalty - other.penalty);
    }
}
