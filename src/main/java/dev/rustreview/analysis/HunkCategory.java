package dev.rustreview.analysis;

import dev.rustreview.model.Category;
import java.util.List;

/**
 * A hunk's category: the primary one it is grouped and bulk-decided by, the other categories its lines also
 * match (tags), a short reason a reviewer reads, and where in the code it is.
 */
public record HunkCategory(Category primary, List<Category> tags, String reason, HunkSyntax syntax) {

    public HunkCategory {
        tags = List.copyOf(tags);
    }

    /** Whether the hunk is {@code category}, as primary or as a tag. */
    public boolean has(Category category) {
        return primary == category || tags.contains(category);
    }
}
