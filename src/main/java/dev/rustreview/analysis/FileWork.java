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
 * The per-file half of an analysis, run on a worker thread: read both sides, parse them (bounded), cut the
 * review units, run every rule, grade, place (introduced or pre-existing) and identify the findings through
 * {@link FindingPolicy}, and categorise the hunks. The file's texts and trees are created and read on that
 * thread only and dropped when it is done, unless categorising needed other files ({@link #kept}): a big branch
 * then never holds every file's trees at once.
 *
 * @param change     the file's change, cut into review units when the analysis cuts
 * @param kept       the parsed file, only when its categories wait for the other files; else null
 * @param categories the file's categories, or null when {@code kept} is set
 * @param facts      what the file contributes to the other files' categories
 * @param note       why the analysis is partial or missing, null when complete
 */
record FileWork(FileChange change, ChangedFile kept, FileCategories categories, CategoryContext facts,
                List<Finding> findings, boolean analysed, boolean partial, String note) {

    String path() {
        return change.path();
    }

    static FileWork run(FileChange change, SourceReader sources, ChangeAnalyzer.UnitCutter cutter,
                        List<RiskRule> rules, ParseLimits limits, CrateIndex crates, Categorizer categorizer) {
        String oldText = change.hasText() ? text(sources, change.oldBlobId()) : null;
        String newText = change.hasText() ? text(sources, change.newBlobId()) : null;
        List<String> notes = new ArrayList<>();
        boolean rust = change.path().endsWith(".rs") && change.hasText();
        RustTree oldTree = rust ? parse(oldText, limits, "old side", notes) : null;
        RustTree newTree = rust ? parse(newText, limits, "new side", notes) : null;
        change = cutter.cut(change, oldTree, newTree);
        ChangedFile file = new ChangedFile(change, oldText, newText, oldTree, newTree,
                crates.forPath(change.path()).orElse(null));
        List<Finding> findings = new ArrayList<>();
        for (RiskRule rule : rules) {
            try {
                findings.addAll(rule.check(file));
            } catch (RuntimeException | StackOverflowError e) {
                // One rule tripping over odd syntax must not cost the reviewer the other rules' findings (a stack
                // overflow unwinds cleanly: the rule's state is gone with its frames).
                notes.add("rule " + rule.info().id() + " could not finish: " + e.getClass().getSimpleName());
            }
        }
        findings = new ArrayList<>(FindingPolicy.apply(file, findings, rules));
        boolean unparsed = rust && ((oldText != null && oldTree == null) || (newText != null && newTree == null));
        boolean analysed = rust && !(newText != null && newTree == null);
        String note = notes.isEmpty() ? null : String.join("; ", notes);
        CategoryContext facts = CategoryContext.local(file);
        FileCategories categories = categorizer.categorizeFile(file, facts);
        boolean waits = facts.askedOthers();
        return new FileWork(change, waits ? file : null, waits ? null : categories, facts, findings, analysed,
                rust && (unparsed || note != null), note);
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
