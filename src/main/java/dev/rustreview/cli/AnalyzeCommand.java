package dev.rustreview.cli;

import dev.rustreview.export.ChangeSetJson;
import dev.rustreview.export.Json;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.ChangeSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rust-review analyze}: the branch (or one commit) as a pull request shows it. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Print the agent branch's change set: merge-base(base, head) to head, with its commits.")
final class AnalyzeCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "Repository (default: current directory).")
    Path repo;

    @Option(names = "--base", paramLabel = "REV", description = "Base revision (default: origin/HEAD, main or master).")
    String base;

    @Option(names = "--head", paramLabel = "REV", description = "Head revision (default: the current or newest agent branch).")
    String head;

    @Option(names = "--commit", paramLabel = "REV", description = "Show one commit against its first parent instead of the branch.")
    String commit;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--max-file-size", paramLabel = "BYTES", defaultValue = "8388608",
            description = "Files larger than this are listed with their sizes and no text (default: ${DEFAULT-VALUE}).")
    long maxFileSize;

    @Override
    public Integer call() throws Exception {
        if (commit != null && (base != null || head != null)) {
            throw new BadInputException("--commit shows a single commit and cannot be combined with --base or --head: drop one of them");
        }
        if (maxFileSize <= 0) {
            throw new BadInputException("--max-file-size must be a positive number of bytes, not " + maxFileSize);
        }
        DiffOptions options = new DiffOptions(maxFileSize);
        ChangeSet changeSet;
        try (Progress progress = Progress.onStderr(spec.commandLine().getErr());
             GitRepository git = GitRepository.open(repo)) {
            progress.step("reading " + (commit != null ? "commit " + commit : "branch"));
            changeSet = commit != null ? git.commitDiff(commit, options) : git.branchDiff(base, head, options);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(Json.mapper().writeValueAsString(ChangeSetJson.toJson(changeSet)));
        } else {
            ChangeSetText.print(changeSet, out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
