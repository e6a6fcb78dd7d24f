package dev.rustreview.analysis;

import dev.rustreview.model.Category;
import java.util.List;
import java.util.Map;

/**
 * The categories of one file's hunks and the file's rollup: the riskiest hunk category (see
 * {@link Categorizer#RISKIEST_FIRST}), so that accepting a file by its category never accepts riskier code.
 *
 * @param counts hunks per primary category, in {@link Category} order
 */
public record FileCategories(String path, Category primary, String reason, List<HunkCategory> hunks,
                             Map<Category, Integer> counts) {

    public FileCategories {
        hunks = List.copyOf(hunks);
        counts = ChangeCategories.enumCopy(counts);
    }
}
