package dev.rustreview.analysis;

import dev.rustreview.model.Category;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Categories over a whole change set.
 *
 * @param hunkCounts hunks per primary category, every category present (zero when none), in {@link Category} order
 * @param fileCounts files per rollup category, likewise
 */
public record ChangeCategories(List<FileCategories> files, Map<Category, Integer> hunkCounts,
                               Map<Category, Integer> fileCounts) {

    public ChangeCategories {
        files = List.copyOf(files);
        hunkCounts = enumCopy(hunkCounts);
        fileCounts = enumCopy(fileCounts);
    }

    /** An unmodifiable copy that iterates in {@link Category} order. */
    static Map<Category, Integer> enumCopy(Map<Category, Integer> counts) {
        Map<Category, Integer> copy = new EnumMap<>(Category.class);
        copy.putAll(counts);
        return Collections.unmodifiableMap(copy);
    }
}
