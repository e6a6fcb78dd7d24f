package dev.rustreview.review;

import java.util.Locale;

/** What the reviewer decided about one hunk. */
public enum DecisionState {
    UNREVIEWED,
    ACCEPTED,
    REJECTED,
    DISCUSS;

    /** Parses {@code accept}, {@code accepted}, {@code reject}, {@code discuss}, ... ignoring case. */
    public static DecisionState parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "accept", "accepted" -> ACCEPTED;
            case "reject", "rejected" -> REJECTED;
            case "discuss", "needs-discussion", "needs discussion" -> DISCUSS;
            case "unreviewed", "reset" -> UNREVIEWED;
            default -> throw new dev.rustreview.model.BadInputException(
                    "unknown decision '" + text + "': use accept, reject or discuss");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
