package dev.rustreview.ui.app;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.ui.fx.Async;
import dev.rustreview.ui.review.ReviewModel;
import dev.rustreview.ui.topbar.RecentRepositories;
import dev.rustreview.ui.topbar.TopBar;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Keeps the top bar showing the window's state: the open repository, its revisions and refs, the recent
 * repositories, the theme, and the review's round and coverage. The bar itself only shows what it is fed.
 */
final class TopBarFeed {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneId.systemDefault());

    private final TopBar bar;
    private final Async async;
    private RecentRepositories recent;

    TopBarFeed(TopBar bar, Async async, Theme theme, ReviewModel review) {
        this.bar = bar;
        this.async = async;
        bar.setDarkTheme(theme.darkProperty().get());
        theme.darkProperty().addListener((obs, o, on) -> bar.setDarkTheme(on));
        review.coverageProperty().addListener((obs, o, c) -> bar.setCoverage(c));
        review.sessionProperty().addListener((obs, o, session) -> showRound(session));
    }

    void setRecent(RecentRepositories value) {
        recent = value;
        bar.setRecentRepositories(value == null ? List.of() : value.folders());
    }

    /** A repository was opened: its name, revisions and (loaded off the FX thread) refs; remembered as recent. */
    void opened(ReviewBackend backend, BooleanSupplier stillOpen) {
        ChangeSet branch = backend.branch();
        bar.setRepository(backend.name(), backend.request().repo());
        bar.setRevisions(branch.base() == null ? "?" : branch.base().spec(), RepositorySession.headName(branch));
        remember(backend.request().repo());
        async.run(backend::refs, refs -> {
            if (stillOpen.getAsBoolean()) {
                bar.setRefs(refs);
            }
        });
    }

    private void remember(Path repo) {
        RecentRepositories list = recent;
        if (list != null && repo != null) {
            // Saving the list is file I/O: never on the FX thread.
            async.run(() -> {
                list.add(repo.toAbsolutePath().normalize());
                return list.folders();
            }, bar::setRecentRepositories);
        }
    }

    private void showRound(ReviewSession session) {
        bar.setReviewOpen(session != null);
        var last = session == null ? null : session.review().lastRound().orElse(null);
        bar.setRound(last == null ? 0 : last.number(), last == null ? null : "Review " + session.review().id()
                + ", round " + last.number() + ": head " + last.headCommitId().substring(0, 7) + " ("
                + last.headRef() + "), opened " + DAY.format(last.at()));
    }
}
