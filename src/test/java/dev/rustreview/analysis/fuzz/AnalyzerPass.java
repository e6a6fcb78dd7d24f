package dev.rustreview.analysis.fuzz;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.ParseLimits;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RustParser;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.CrateIndex;
import dev.rustreview.analysis.crate.LexicalReader;
import dev.rustreview.analysis.provenance.AgentPatterns;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileAnalysis;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Hunk;
import dev.rustreview.review.ReviewUnits;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a changed {@code .rs} file goes through, run once on one input: the whole analyzer (crate index with
 * its token reader, tree-sitter parse, file view, lock facts, summaries, every rule, the finding policy, the
 * assembler), then the review-unit splitter. Production code swallows a rule's or the index's exception into a
 * note so one bad file costs the reviewer little; here such a note is a failure, reported with the exception that
 * caused it. Returns the behaviour the input reached (rule ids, note kinds, unit counts) for the harness to tell
 * new behaviour from old.
 */
final class AnalyzerPass {

    /** The analyzer failed on the input in a way a reviewer would see as a bug (exception, lost lines). */
    static final class Failure extends RuntimeException {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Pattern RULE_FAILED = Pattern.compile("rule (\\w+) could not finish");
    private static final List<RiskRule> RULES = ChangeAnalyzer.allRules();

    private final ChangeAnalyzer analyzer = new ChangeAnalyzer(RULES, AgentPatterns.none(),
            new ChangeAnalyzer.Options(ParseLimits.DEFAULT, 1));

    /** Runs {@code change} through the analyzer; throws {@link Failure} (or anything else) when it breaks. */
    Set<String> run(FuzzChange change, BooleanSupplier cancelled) {
        Set<String> seen = new TreeSet<>();
        // The crate index turns a token-reader exception into "left out of the model": ask the reader directly.
        LexicalReader.read(change.path(), change.newText(), CrateIndex.isTestPath(change.path()));
        ChangeSet changeSet = change.changeSet();
        ChangeAnalysis analysis = analyzer.analyze(changeSet, change, List.of(), ChangeAnalyzer.Listener.NONE,
                cancelled);
        for (FileAnalysis file : analysis.files()) {
            if (file.note() != null) {
                Matcher m = RULE_FAILED.matcher(file.note());
                if (m.find()) {
                    throw ruleFailure(change, m.group(1), file.note());
                }
                seen.add("note:" + file.note().replaceAll("\\d+", "#").replaceAll("(#, )+(#|\\.\\.\\.)", "#")
                        .replaceAll("^(.{0,60}).*", "$1"));
            }
            seen.add("file:" + file.category() + (file.analysed() ? ":analysed" : ":unanalysed")
                    + (file.partial() ? ":partial" : ""));
        }
        for (Finding f : analysis.findings()) {
            seen.add("finding:" + f.ruleId() + ":" + f.severity() + ":" + f.origin());
        }
        ChangeSet units = ReviewUnits.split(changeSet, change);
        checkUnitsKeepLines(changeSet.files().get(0), units.files().get(0));
        seen.add("units:" + Integer.toBinaryString(units.files().get(0).hunks().size()).length());
        return seen;
    }

    /** The units of a hunk must hold exactly its lines, in order: a unit that loses a line hides it from review. */
    private static void checkUnitsKeepLines(FileChange git, FileChange units) {
        List<DiffLine> before = git.hunks().stream().flatMap(h -> h.lines().stream()).toList();
        List<DiffLine> after = units.hunks().stream().map(Hunk::lines).flatMap(List::stream).toList();
        if (!before.equals(after)) {
            throw new Failure("review units hold " + after.size() + " lines of the hunk's " + before.size()
                    + " (or reorder them)", null);
        }
    }

    /** Runs the rule that failed once more outside the analyzer's safety net, to report its exception. */
    private static Failure ruleFailure(FuzzChange change, String ruleId, String note) {
        try {
            RustTree oldTree = change.oldText() == null ? null
                    : RustParser.forCurrentThread().parse(change.oldText(), ParseLimits.DEFAULT);
            RustTree newTree = RustParser.forCurrentThread().parse(change.newText(), ParseLimits.DEFAULT);
            ChangedFile file = new ChangedFile(change.changeSet().files().get(0), change.oldText(), change.newText(),
                    oldTree, newTree);
            RULES.stream().filter(r -> r.info().id().equals(ruleId)).findFirst().orElseThrow().check(file);
        } catch (Throwable t) {
            return new Failure(note, t);
        }
        return new Failure(note + " (not reproduced outside the crate index's model)", null);
    }
}
