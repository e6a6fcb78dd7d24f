package dev.rustreview.ui.diff;

/**
 * A decision shown on a hunk's header row, e.g. {@code new HunkBadge("accepted", "decision-accepted")}.
 *
 * @param styleClass the CSS class that colours it ({@code decision-accepted}, {@code decision-rejected},
 *                   {@code decision-discuss}, {@code decision-changed})
 */
public record HunkBadge(String text, String styleClass) {

    /** Whether there is anything to show: a blank text means no badge. */
    public boolean isShown() {
        return text != null && !text.isBlank();
    }
}
