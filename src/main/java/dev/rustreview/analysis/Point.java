package dev.rustreview.analysis;

/** A 0-based row and byte column, as tree-sitter reports positions. */
public record Point(int row, int column) {

    public int getRow() {
        return row;
    }

    public int getColumn() {
        return column;
    }
}
