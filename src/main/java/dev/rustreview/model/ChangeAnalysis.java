package dev.rustreview.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A change set with everything the analyzer found: per-file and per-hunk categories, risk findings, commit
 * provenance and which branch commit wrote each added line. Files are in the change set's order.
 *
 * @param categoryCounts hunks per primary category
 * @param warnings       problems that did not stop the analysis (an unreadable {@code .rust-review.json})
 */
public record ChangeAnalysis(
        ChangeSet changeSet,
        List<FileAnalysis> files,
        List<Finding> findings,
        List<CommitProvenance> commits,
        List<LineAttribution> lines,
        Map<Category, Integer> categoryCounts,
        Priority priority,
        List<String> warnings) {

    public ChangeAnalysis {
        files = List.copyOf(files);
        findings = List.copyOf(findings);
        commits = List.copyOf(commits);
        lines = List.copyOf(lines);
        categoryCounts = Map.copyOf(categoryCounts);
        warnings = List.copyOf(warnings);
    }

    public Optional<FileAnalysis> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    public Optional<Finding> finding(String id) {
        return findings.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public Optional<CommitProvenance> provenance(String commitId) {
        return commits.stream().filter(c -> c.commitId().equals(commitId)).findFirst();
    }
}
