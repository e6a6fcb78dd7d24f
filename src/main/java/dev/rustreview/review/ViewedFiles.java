package dev.rustreview.review;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keeps "viewed" marks honest across rounds: a mark remembers which units the file had, and a round in which
 * the file's units differ (the agent added, rewrote or dropped one) clears it. Unit ids hash content, not line
 * numbers, so a rebase that only moved the file's lines keeps the mark.
 */
final class ViewedFiles {

    private ViewedFiles() {
    }

    /** The file's unit ids in the round of {@code index}, sorted and hashed; empty text hashes too. */
    static String fingerprint(HunkIndex index, String path) {
        List<String> ids = index.entries().stream().filter(e -> e.path().equals(path)).map(HunkIndex.Entry::id)
                .sorted().toList();
        return Fingerprints.hex(path + "\n" + String.join("\n", ids));
    }

    /** Drops the marks of files the agent changed (or removed from the branch) since they were marked. */
    static List<String> resetChanged(Review review, HunkIndex index) {
        Map<String, Boolean> present = index.entries().stream()
                .collect(Collectors.toMap(HunkIndex.Entry::path, e -> true, (a, b) -> a));
        List<String> reset = review.viewedFiles().values().stream()
                .filter(v -> !present.containsKey(v.path()) || !fingerprint(index, v.path()).equals(v.fingerprint()))
                .map(ViewedFile::path).toList();
        reset.forEach(review::removeViewed);
        return reset;
    }
}
