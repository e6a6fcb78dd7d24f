package dev.rustreview.review;

import dev.rustreview.model.BadInputException;
import java.util.Locale;

/** What an annotation is for; only open issues block the ready state. */
public enum AnnotationKind {
    ISSUE,
    SUGGESTION,
    QUESTION,
    NOTE,
    PRAISE;

    public static AnnotationKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown annotation kind '" + text
                    + "': use issue, suggestion, question, note or praise");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
