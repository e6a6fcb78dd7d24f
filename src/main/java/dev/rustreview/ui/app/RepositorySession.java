package dev.rustreview.ui.app;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.git.BundledSample;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.review.BranchAnalysis;
import dev.rustreview.settings.AppDirs;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** An opened repository and its branch diff: the window's {@link ReviewBackend}. */
final class RepositorySession implements ReviewBackend {

    /** The sample's agent branch: what a first launch shows. */
    static final String SAMPLE_HEAD = BundledSample.HEAD;

    private final GitRepository git;
    private final ChangeSet branch;
    private final String name;
    private final AppDirs dirs;

    private RepositorySession(GitRepository git, ChangeSet branch, String name, AppDirs dirs) {
        this.git = git;
        this.branch = branch;
        this.name = name;
        this.dirs = dirs;
    }

    /** Opens the request's repository (building the sample when none is given). Does I/O. */
    static RepositorySession open(OpenRequest request, AppDirs dirs) {
        boolean sample = request.repo() == null;
        Path dir = sample ? BundledSample.ensureBuilt(dirs.samples()) : request.repo();
        String head = request.head() != null ? request.head() : sample ? SAMPLE_HEAD : null;
        String base = request.base() != null ? request.base() : sample ? BundledSample.BASE : null;
        GitRepository git = GitRepository.open(dir);
        try {
            ChangeSet branch = git.branchDiff(base, head, DiffOptions.DEFAULT);
            String name = sample ? "backup-service (sample)" : dir.toAbsolutePath().normalize().getFileName().toString();
            return new RepositorySession(git, branch, name, dirs);
        } catch (RuntimeException e) {
            git.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChangeSet branch() {
        return branch;
    }

    @Override
    public ChangeSet commit(String commitId) {
        return git.commitDiff(commitId, DiffOptions.DEFAULT);
    }

    @Override
    public ChangeAnalysis analyze(ChangeAnalyzer.Listener progress, BooleanSupplier cancelled) {
        return new BranchAnalysis(dirs, ChangeAnalyzer.Options.defaults())
                .analyze(git, branch, DiffOptions.DEFAULT, progress, cancelled);
    }

    @Override
    public void close() {
        git.close();
    }
}
