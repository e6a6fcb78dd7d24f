package dev.rustreview.model;

import java.util.List;

/**
 * What the analyzer says about one changed file.
 *
 * @param analysed whether the Rust rules ran on it (false when it is not Rust, or could not be parsed at all)
 * @param partial  whether the analysis is partial (syntax errors, one side unreadable)
 * @param note     why the analysis is partial or missing, in words; null when complete
 */
public record FileAnalysis(
        String path,
        Category category,
        boolean analysed,
        boolean partial,
        String note,
        List<HunkAnalysis> hunks,
        Priority priority) {

    public FileAnalysis {
        hunks = List.copyOf(hunks);
    }
}
