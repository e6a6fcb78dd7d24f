package dev.rustreview.model;

import java.util.List;

/**
 * What the analyzer says about one hunk.
 *
 * @param id         short id, stable across rebases: derived from the path, the changed lines' content and
 *                   the enclosing item, never from line numbers
 * @param index      the hunk's index in its file
 * @param category   the primary category (the riskier kind when a hunk mixes kinds)
 * @param tags       other categories the hunk also matches
 * @param reason     why it got its category, in words
 * @param items      the enclosing items it touches ({@code impl ExternalService for PostgresService})
 * @param findingIds the findings whose lines fall in this hunk
 */
public record HunkAnalysis(
        String id,
        int index,
        Category category,
        List<Category> tags,
        String reason,
        List<String> items,
        boolean async,
        boolean unsafeCode,
        boolean testCode,
        List<String> findingIds,
        Priority priority) {

    public HunkAnalysis {
        tags = List.copyOf(tags);
        items = List.copyOf(items);
        findingIds = List.copyOf(findingIds);
    }
}
