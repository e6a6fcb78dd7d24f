package dev.rustreview.ui.app;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import java.util.function.BooleanSupplier;

/** What the window needs from an opened repository. Methods do I/O: call them off the FX thread. */
public interface ReviewBackend extends AutoCloseable {

    /** Opens the request's repository, or the bundled sample; does I/O, so call it off the FX thread. */
    static ReviewBackend open(OpenRequest request, dev.rustreview.settings.AppDirs dirs) {
        return RepositorySession.open(request, dirs);
    }

    /** A short name for the title bar ({@code backup-service}). */
    String name();

    /** The branch as a pull request shows it (merge-base to head). */
    ChangeSet branch();

    /** The diff of one commit of the branch against its first parent. */
    ChangeSet commit(String commitId);

    /**
     * Analyses the branch (categories, findings, provenance); slow, so it reports progress per file and
     * stops with a {@link java.util.concurrent.CancellationException} once {@code cancelled} turns true.
     */
    ChangeAnalysis analyze(ChangeAnalyzer.Listener progress, BooleanSupplier cancelled);

    @Override
    void close();
}
