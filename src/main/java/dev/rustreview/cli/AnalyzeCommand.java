package dev.rustreview.cli;
import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.export.AnalysisJson;
import dev.rustreview.export.ChangeSetJson;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.io.Json;
import dev.rustreview.io.PhaseClock;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Severity;
import dev.rustreview.review.BranchAnalysis;
import dev.rustreview.settings.AppDirs;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rust-review analyze}: the branch (or one commit) as a pull request shows it. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse the agent branch as a pull request shows it (merge-base(base, head) to head): commits with "
                + "provenance, hunks by category, and risk findings in review order.")
final class AnalyzeCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    BranchOptions branch = new BranchOptions();

    @Option(names = "--commit", paramLabel = "REV", description = "Show one commit against its first parent instead of the branch.")
    String commit;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            description = "Exit with status 1 when a finding at or above SEVERITY (critical, high, medium, low) exists.")
    Severity failOn;

    @Option(names = "--no-analysis", description = "Print only the change set (no categories, findings or provenance).")
    boolean noAnalysis;

    @Option(names = "--max-file-size", paramLabel = "BYTES", defaultValue = "8388608",
            description = "Files larger than this are listed with their sizes and no text (default: ${DEFAULT-VALUE}).")
    long maxFileSize;

    @Override
    public Integer call() throws Exception {
        if (commit != null && (branch.base != null || branch.head != null)) {
            throw new BadInputException("--commit shows a single commit and cannot be combined with --base or --head: drop one of them");
        }
        if (failOn != null && noAnalysis) {
            throw new BadInputException("--fail-on needs the analysis: drop --no-analysis");
        }
        if (maxFileSize <= 0) {
            throw new BadInputException("--max-file-size must be a positive number of bytes, not " + maxFileSize);
        }
        DiffOptions options = new DiffOptions(maxFileSize);
        ChangeSet changeSet;
        ChangeAnalysis analysis = null;
        try (Progress progress = Progress.onStderr(spec.commandLine().getErr());
             GitRepository git = GitRepository.open(branch.repo)) {
            progress.step("reading " + (commit != null ? "commit " + commit : "branch"));
            PhaseClock clock = new PhaseClock();
            changeSet = commit != null ? git.commitDiff(commit, options) : git.branchDiff(branch.base, branch.head, options);
            clock.mark("diff");
            if (!noAnalysis) {
                analysis = new BranchAnalysis(AppDirs.forCurrentUser(), ChangeAnalyzer.Options.defaults())
                        .analyze(git, changeSet, options, progress.analysisListener(), () -> false);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PhaseClock clock = new PhaseClock();
        if (format == Format.json) {
            // Streamed: a big branch's JSON (41 MB for tokio's 1.0.0..HEAD) is never one String in memory.
            Json.mapper().writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .writeValue(out, analysis == null ? ChangeSetJson.toJson(changeSet) : AnalysisJson.toJson(analysis));
            out.println();
        } else if (analysis == null) {
            ChangeSetText.print(changeSet, out);
        } else {
            ReviewPlanText.print(analysis, out);
        }
        out.flush();
        clock.mark("output");
        if (failOn != null && analysis != null && ReviewPlanText.reaches(analysis.priority(), failOn)) {
            return ExitCodes.FINDINGS;
        }
        return ExitCodes.OK;
    }
}
