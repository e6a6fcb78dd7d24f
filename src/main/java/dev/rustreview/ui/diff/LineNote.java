package dev.rustreview.ui.diff;

import dev.rustreview.model.Side;

/** An annotation on one line of one side; the gutter marks the line and shows {@code tooltip} on hover. */
public record LineNote(Side side, int line, String tooltip) {
}
