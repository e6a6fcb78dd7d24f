package dev.rustreview.analysis;

import dev.rustreview.analysis.crate.CrateIndex;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Finding;
import dev.rustreview.model.SourceReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The per-file half of an analysis, run on a worker thread: read both sides, parse them (bounded), run every
 * rule, then grade, place (introduced or pre-existing) and identify the findings through {@link FindingPolicy}. The file's trees are created and read on that thread only; the analyzer reads them again only after
 * this task has finished.
 *
 * @param note why the analysis is partial or missing, null when complete
 */
record FileWork(ChangedFile file, List<Finding> findings, boolean analysed, boolean partial, String note) {

    static FileWork run(FileChange change, SourceReader sources, List<RiskRule> rules, ParseLimits limits,
                        CrateIndex crates) {
        String oldText = change.hasText() ? text(sources, change.oldBlobId()) : null;
        String newText = change.hasText() ? text(sources, change.newBlobId()) : null;
        List<String> notes = new ArrayList<>();
        boolean rust = change.path().endsWith(".rs") && change.hasText();
        RustTree oldTree = rust ? parse(oldText, limits, "old side", notes) : null;
        RustTree newTree = rust ? parse(newText, limits, "new side", notes) : null;
        ChangedFile file = new ChangedFile(change, oldText, newText, oldTree, newTree,
                crates.forPath(change.path()).orElse(null));
        List<Finding> findings = new ArrayList<>();
        for (RiskRule rule : rules) {
            try {
                findings.addAll(rule.check(file));
            } catch (RuntimeException e) {
                // One rule tripping over odd syntax must not cost the reviewer the other rules' findings.
                notes.add("rule " + rule.info().id() + " could not finish: " + e.getClass().getSimpleName());
            }
        }
        findings = new ArrayList<>(FindingPolicy.apply(file, findings, rules));
        boolean unparsed = rust && ((oldText != null && oldTree == null) || (newText != null && newTree == null));
        boolean analysed = rust && !(newText != null && newTree == null);
        String note = notes.isEmpty() ? null : String.join("; ", notes);
        return new FileWork(file, findings, analysed, rust && (unparsed || note != null), note);
    }

    private static String text(SourceReader sources, String blobId) {
        if (blobId == null) {
            return null;
        }
        Optional<String> text = sources.blob(blobId);
        return text.orElse(null);
    }

    private static RustTree parse(String text, ParseLimits limits, String side, List<String> notes) {
        if (text == null) {
            return null;
        }
        try {
            RustTree tree = RustParser.forCurrentThread().parse(text, limits);
            if (tree.hasErrors()) {
                List<Integer> lines = tree.errorLines();
                notes.add("syntax errors on the " + side + " near line" + (lines.size() == 1 ? " " : "s ")
                        + lines.stream().limit(5).map(String::valueOf).collect(Collectors.joining(", "))
                        + (lines.size() > 5 ? ", ..." : "") + ": findings that need the broken code may be missing");
            }
            return tree;
        } catch (ParseFailure e) {
            notes.add("not analysed (" + side + "): " + e.getMessage());
            return null;
        }
    }
}
