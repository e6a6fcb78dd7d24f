package dev.rustreview.ui.app;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.ui.changes.ChangesModel;
import dev.rustreview.ui.changes.ChangesPane;
import dev.rustreview.ui.diff.DiffView;
import dev.rustreview.ui.fx.Async;
import dev.rustreview.ui.fx.ErrorText;
import dev.rustreview.ui.fx.FxExecutors;
import dev.rustreview.ui.inspector.InspectorModel;
import dev.rustreview.ui.inspector.InspectorPane;
import dev.rustreview.ui.navigator.NavigatorModel;
import dev.rustreview.ui.navigator.NavigatorPane;
import dev.rustreview.ui.rounds.RoundBanner;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/**
 * The window's content: menus and top bar, navigator and change list on the left, diff in the centre,
 * inspector on the right, round banner over them, status bar at the bottom.
 * All git and diff-building work goes through {@link FxExecutors#background()}; results come back on
 * the FX thread, and a newer selection always wins over a slower older one.
 */
public final class MainWindow extends BorderPane {

    private final FxExecutors executors;
    private final ChangesModel model = new ChangesModel();
    private final ChangesPane changes;
    private final NavigatorModel navigator = new NavigatorModel();
    private final NavigatorPane navigatorPane = new NavigatorPane(navigator);
    private final TabPane left = new TabPane();
    private final InspectorModel inspector = new InspectorModel(navigator);
    private final InspectorPane inspectorPane;
    private final SplitPane split;
    private final Theme theme;
    private final java.util.List<dev.rustreview.ui.actions.Action> actions;
    private final DiffView diff = new DiffView();
    private final StatusBar status = new StatusBar();
    private final TopBarActions topBarActions = new TopBarActions(this);
    private final dev.rustreview.ui.topbar.TopBar topBar = new dev.rustreview.ui.topbar.TopBar(topBarActions);
    private final TopBarFeed feed;
    private final ReadOnlyObjectWrapper<ChangeAnalysis> analysis = new ReadOnlyObjectWrapper<>();
    /** The open head's compiler check (run now or stored earlier), null when none ran. */
    private final ReadOnlyObjectWrapper<dev.rustreview.model.CompilerCheck> compilerCheck = new ReadOnlyObjectWrapper<>();
    private ReviewBackend backend;
    private AnalysisJob analysisJob;
    private final Async async;
    private final RoundBanner banner = new RoundBanner();
    private final HunkCommands commands;
    private final DiffNavigation navigation;
    private final ReviewController reviews;
    private final CompilerChecks compilerChecks;
    private java.util.function.Function<OpenRequest, ReviewBackend> opener =
            request -> ReviewBackend.open(request, dev.rustreview.settings.AppDirs.forCurrentUser());

    /** {@code openLink} opens a URL outside the app (lint documentation); HostServices in the application. */
    public MainWindow(FxExecutors executors, java.util.function.Consumer<String> openLink) {
        this(executors, openLink, false);
    }

    /** As above, starting in the dark theme when {@code dark}. */
    public MainWindow(FxExecutors executors, java.util.function.Consumer<String> openLink, boolean dark) {
        this.executors = executors;
        this.async = new Async(executors, error -> status.error(ErrorText.of(error)));
        this.reviews = new ReviewController(async, navigator, status, banner,
                () -> getScene() == null ? null : getScene().getWindow(),
                RustReviewApp.stylesheets());
        this.inspectorPane = new InspectorPane(inspector, reviews.model(), openLink);
        this.commands = new HunkCommands(navigator, inspectorPane, diff, status);
        this.compilerChecks = new CompilerChecks(this, openLink);
        getStyleClass().add("main-window");
        this.navigation = new DiffNavigation(this);
        this.changes = new ChangesPane(model, navigation::showScope);
        Tab review = new Tab("Review", navigatorPane);
        Tab files = new Tab("Commits & files", changes);
        left.getTabs().addAll(review, files);
        left.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        left.getStyleClass().add("left-tabs");
        split = new SplitPane(left, diff, inspectorPane);
        split.setDividerPositions(0.26, 0.72);
        SplitPane.setResizableWithParent(left, false);
        SplitPane.setResizableWithParent(inspectorPane, false);
        analysis.addListener((obs, o, a) -> {
            navigation.arriving(() -> navigator.show(shownAnalysis()));
            navigation.showFile(model.selectedFileProperty().get()); // repaint with findings and provenance
        });
        // A compiler check's findings join the rule findings in the navigator, inspector and gutter.
        compilerCheck.addListener((obs, o, c) -> {
            if (analysis.get() != null) {
                navigator.refresh(shownAnalysis());
                navigation.repaintFile();
            }
        });
        navigator.selectedProperty().addListener((obs, o, ref) -> navigation.goToHunk(ref));
        diff.setOnModeChange(() -> navigation.showFile(model.selectedFileProperty().get()));
        theme = new Theme(this, dark);
        actions = WindowActions.of(this, theme::toggle);
        setTop(new javafx.scene.layout.VBox(dev.rustreview.ui.actions.ActionMenus.menuBar(actions, this), topBar));
        feed = new TopBarFeed(topBar, async, theme, reviews.model());
        reviews.model().versionProperty().addListener((obs, o, n) -> navigation.paintReviewMarks());
        // Once the review is open, a unit reopened in round 2+ shows "since my last review" by default.
        reviews.model().sessionProperty().addListener((obs, o, n) -> {
            if (n != null && n.review().currentRound() > 1) {
                navigation.goToHunk(navigator.selectedProperty().get());
            }
            showRoundCheck(n);
        });
        diff.setOnShowAnyway(navigation::showAnyway);
        diff.setOnThreadReply(this::replyToThread);
        // Gutter dots follow the navigator's noise controls: a muted or filtered finding loses its dot too.
        var noise = navigator.noise();
        diff.setFindingFilter(noise::shows);
        noise.minimumProperty().addListener((obs, o, n) -> diff.setFindingFilter(noise::shows));
        noise.mutesProperty().addListener((obs, o, n) -> diff.setFindingFilter(noise::shows));
        diff.setOnThreadResolve(this::resolveThread);
        BorderPane center = new BorderPane(split);
        center.setTop(banner);
        setCenter(center);
        navigatorPane.setOnBulkDecision(reviews::decideGroup);
        reviews.setOnOpenEntry(this::openSummaryEntry);
        // Noise controls: mute and unmute from the inspector's rule groups and the navigator's "muted" menu.
        MuteActions mutes = new MuteActions(this);
        inspectorPane.setMuteActions(mutes::mute, mutes::unmute);
        navigatorPane.noiseBar().setOnUnmute(mutes::unmute);
        inspectorPane.setOnShowFinding(navigation::showFinding);
        setBottom(status);
        model.selectedFileProperty().addListener((obs, old, file) -> navigation.showFile(file));
    }

    /** How the window opens a request (the app's settings folders; tests use their own). */
    public void setOpener(java.util.function.Function<OpenRequest, ReviewBackend> value) {
        opener = value;
    }

    /** Opens {@code request} in the background (see {@link #open(Supplier)}). */
    public void open(OpenRequest request) {
        java.util.function.Function<OpenRequest, ReviewBackend> how = opener;
        open(() -> how.apply(request));
    }

    /**
     * Shows the open repository at another base and head. With {@code continueReview} the current review follows
     * (the agent rewrote its branch: the new head becomes the review's next round); otherwise the head's own review.
     */
    public void openRevisions(String base, String head, boolean continueReview) {
        if (backend == null) {
            status.error("No repository is open yet");
            return;
        }
        var session = reviews.model().sessionProperty().get();
        String follow = continueReview && session != null ? session.review().id() : null;
        open(backend.request().at(base, head, follow));
    }

    /** Opens a repository in the background; the window shows progress, then the branch or an error. */
    public void open(Supplier<ReviewBackend> opener) {
        status.running("Opening repository\u2026");
        if (backend == null) {
            inspectorPane.setEmptyText("Opening the repository\u2026");
        }
        java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<String> pending = new java.util.concurrent.atomic.AtomicReference<>();
        OpenProgress progress = (done, total) -> {
            // One FX update at a time; later counts replace the text of the pending one.
            if (pending.getAndSet("Opening repository: review units cut in " + done + "/" + total + " files") == null) {
                executors.fx().execute(() -> {
                    String text = pending.getAndSet(null);
                    if (text != null && !over.get()) {
                        status.running(text);
                    }
                });
            }
        };
        async.run(() -> OpenProgress.during(progress, opener), opened -> {
            over.set(true);
            cancelAnalysis();
            compilerChecks.cancel();
            if (backend != null) {
                backend.close();
            }
            backend = opened;
            reviews.closeReview(opened);
            analysis.set(null);
            compilerCheck.set(null);
            ChangeSet branch = opened.branch();
            feed.opened(opened, () -> backend == opened);
            model.showBranch(branch);
            status.idle(branch.nothingToReview().orElse(branch.commits().size() + " commits, " + branch.files().size()
                    + " files changed, +" + branch.additions() + " \u2212" + branch.deletions()));
            inspectorPane.setEmptyText(branch.nothingToReview().orElse(InspectorPane.SELECT_A_UNIT));
            analysisJob = AnalysisJob.start(opened, executors, status, result -> {
                if (backend == opened) {
                    if (!status.showsError()) { // a failed open meanwhile keeps its message
                        status.idle(branch.nothingToReview()
                                .orElse(branch.files().size() + " files analysed: " + result.priority().label()));
                    }
                    analysis.set(result);
                    reviews.analysisReady(opened, result);
                    // A check stored for this head (an earlier run) is shown without building again.
                    async.run(opened::storedCompilerCheck, stored -> {
                        if (backend == opened && stored != null && compilerCheck.get() == null) {
                            compilerCheck.set(stored);
                        }
                    });
                }
            });
        }, error -> {
            over.set(true);
            status.error(ErrorText.of(error));
            if (backend == null) {
                inspectorPane.setEmptyText(NO_REPOSITORY);
            }
        });
    }

    /** What the inspector says when no repository could be opened. */
    static final String NO_REPOSITORY = "No repository is open. Open one with Repository \u203a Open folder\u2026 "
            + "(Ctrl+O), or pick a recent one from the repository menu at the top left.";

    private void cancelAnalysis() {
        if (analysisJob != null) {
            analysisJob.cancel();
        }
    }

    private <T> void run(Supplier<T> work, java.util.function.Consumer<T> onFx) {
        async.run(work, onFx);
    }

    /** The recent repositories the top bar lists; the app loads them from the settings folder. */
    public void setRecent(dev.rustreview.ui.topbar.RecentRepositories value) {
        feed.setRecent(value);
    }

    /** Opens the changes since the last review (the banner's button). */
    public void showSinceLast() {
        reviews.showSinceLast();
    }

    /** The last save failure still standing, or null. */
    public String lastSaveError() {
        return reviews.model().lastSaveError();
    }

    /**
     * Saves the open review on a worker before the window closes, saying so in the status bar; completes on the FX
     * thread with whether it saved (a failure is already reported there).
     */
    public java.util.concurrent.CompletableFuture<Boolean> saveBeforeClose() {
        status.running("Saving the review\u2026");
        return reviews.flushInBackground().whenComplete((saved, error) -> {
            if (Boolean.TRUE.equals(saved)) {
                status.idle("Review saved");
            }
        });
    }

    /**
     * Shows an entry of the "changes since last review" summary in the main diff: a unit (the one holding the
     * entry's line, in "since my last review" when the agent reopened it), a file (its first unit), or a commit.
     */
    void openSummaryEntry(dev.rustreview.ui.rounds.SinceLastView.Row row) {
        if (row.path() == null) {
            changes.commitList().getItems().stream()
                    .filter(s -> !s.wholeBranch() && s.commit().id().equals(row.commitId())).findFirst()
                    .ifPresent(s -> {
                        left.getSelectionModel().select(1);
                        changes.commitList().getSelectionModel().select(s);
                        status.idle("Commit " + s.commit().shortId() + " from the changes since your last review");
                    });
            return;
        }
        showPath(row.path(), row.line());
    }

    /** Shows the unit of {@code path} holding new-side {@code line} (its first unit for 0), else the file itself. */
    private void showPath(String path, int line) {
        var ref = SummaryEntries.unitAt(navigator, path, line);
        left.getSelectionModel().select(0);
        if (ref == null) {
            model.files().stream().filter(f -> f.path().equals(path)).findFirst().ifPresentOrElse(model::selectFile,
                    () -> status.error(path + " is not in this round's diff"));
            return;
        }
        if (ref.equals(navigator.selectedProperty().get())) {
            navigation.goToHunk(ref);
        } else {
            navigator.selectedProperty().set(ref);
        }
    }

    /** "Go to file" ({@code Ctrl+P}): a changed file by part of its path, opened at its first unit. */
    public void goToFile() {
        java.util.List<String> paths = model.files().stream().map(f -> f.path()).distinct().toList();
        if (paths.isEmpty()) {
            status.error(backend == null ? "No repository is open yet" : "This branch changes no files");
            return;
        }
        new GoToFileDialog(paths, getScene() == null ? null : getScene().getWindow()).showAndWait()
                .ifPresent(path -> showPath(path, 0));
    }

    /**
     * Closes the open repository (called from {@code Application.stop()}). After {@link #saveBeforeClose} there is
     * nothing left to write; otherwise (a test, a close the user forced) this saves on the calling thread.
     */
    public void close() {
        close(true);
    }

    /** As {@link #close()}; without {@code save} the reviewer chose to close without the unsaved changes. */
    public void close(boolean save) {
        if (save) {
            reviews.flush();
        }
        diff.close();
        cancelAnalysis();
        compilerChecks.cancel();
        if (backend != null) {
            backend.close();
        }
    }

    /** "Run compiler checks": asks before the first build of a repository, then builds in the sandbox. */
    public void runCompilerChecks() {
        compilerChecks.run(false);
    }

    /** The compiler-check action's state (consent store, result window); for tests. */
    CompilerChecks compilerChecks() {
        return compilerChecks;
    }

    /**
     * The analysis as shown: the branch's analysis with the compiler check's findings on it (rule findings a clippy
     * lint confirms carry both sources); null while the analysis runs.
     */
    public ChangeAnalysis shownAnalysis() {
        return dev.rustreview.model.CompilerOverlay.apply(analysis.get(), compilerCheck.get());
    }

    /** The open head's compiler check, null when none ran (or none is stored) for it. */
    public ReadOnlyObjectProperty<dev.rustreview.model.CompilerCheck> compilerCheckProperty() {
        return compilerCheck.getReadOnlyProperty();
    }

    /** The compiler check the review's current round refers to, read off the FX thread, when it has one. */
    private void showRoundCheck(dev.rustreview.review.ReviewSession session) {
        String file = session == null ? null
                : session.review().lastRound().map(dev.rustreview.review.Round::compilerCheck).orElse(null);
        ReviewBackend opened = backend;
        if (file == null || opened == null) {
            return;
        }
        async.run(() -> opened.storedCompilerCheck(file), stored -> {
            if (backend == opened && stored != null) {
                showCompilerCheck(stored);
            }
        });
    }

    /** Shows a compiler check's findings on the open head (a check of another head is ignored). */
    void showCompilerCheck(dev.rustreview.model.CompilerCheck check) {
        if (backend != null && check != null && check.headCommit().equals(backend.branch().toId())) {
            compilerCheck.set(check);
        }
    }

    /** The open branch's analysis; null while it runs, after a cancel, or when it failed. */
    public ReadOnlyObjectProperty<ChangeAnalysis> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    /** The open review (decisions, acknowledgements, annotations) and its saving. */
    public dev.rustreview.ui.review.ReviewModel review() {
        return reviews.model();
    }

    public dev.rustreview.ui.topbar.TopBar topBar() {
        return topBar;
    }

    /** The open repository's folder, or null for the bundled sample or when none is open. */
    public java.nio.file.Path openRepository() {
        return backend == null ? null : backend.request().repo();
    }

    ReviewBackend backend() {
        return backend;
    }

    Async async() {
        return async;
    }

    /** Where the export dialog proposes to write: the home folder (not the repository: no untracked files in it). */
    java.nio.file.Path exportFolder() {
        return java.nio.file.Path.of(System.getProperty("user.home", "")).toAbsolutePath();
    }

    /** Opens the folder chooser (the Open folder… shortcut). */
    public void chooseFolder() {
        topBar.chooseFolder();
    }

    /** The export dialog (the Export… shortcut). */
    public void showExport() {
        topBarActions.export();
    }

    /** The apply-accepted dialog (its shortcut). */
    public void showApplyAccepted() {
        topBarActions.applyAccepted();
    }

    /**
     * The v key: a unit the agent changed since your decision shows "since my last review" (your version against
     * now) by default; this switches between that and the branch diff.
     */
    public void toggleSinceLast() {
        navigation.toggleSinceLast();
    }

    /**
     * Shift+V: marks the selected unit's file as viewed, or clears the mark (GitHub's per-file checkbox). The mark
     * stays until the agent changes the file in a later round.
     */
    public void toggleViewed() {
        var ref = navigator.selectedProperty().get();
        if (ref == null) {
            status.error("Select a unit first: its file is the one marked as viewed");
            return;
        }
        boolean viewed = !reviews.model().viewed(ref.path());
        if (reviews.model().setViewed(ref.path(), viewed)) {
            status.idle(ref.path() + (viewed ? " marked as viewed (Shift+V clears it)" : ": viewed mark cleared"));
        }
    }

    /** Whether the diff shows a unit "since my last review" now. */
    public boolean showingSinceLast() {
        return navigation.showingSinceLast();
    }

    /** Copies {@code path:line} of the line at the caret ({@code Ctrl+Shift+C}), for a message or a prompt. */
    /** {@code r}: replies to the comment thread at the caret in the diff (its rows, or the line it ends on). */
    public void replyAtCaret() {
        if (!diff.replyAtCaret()) {
            status.error("No comment thread at the caret: put it on a thread's rows or on the line it is about");
        }
    }

    /** {@code Shift+R}: resolves or reopens the comment thread at the caret. */
    public void resolveAtCaret() {
        if (!diff.resolveAtCaret()) {
            status.error("No comment thread at the caret: put it on a thread's rows or on the line it is about");
        }
    }

    private java.util.Optional<dev.rustreview.review.Annotation> annotation(String id) {
        return reviews.model().annotations(diff.current().path()).stream().filter(a -> a.id().equals(id)).findFirst();
    }

    // The box over the diff sends the same reply the inspector's box does.
    private void replyToThread(String id) {
        var a = annotation(id);
        if (a.isEmpty() || !reviews.model().isOpen()) {
            status.error("Open the review first: replies are saved in it");
            return;
        }
        diff.openReply(InlineThreads.summary(a.get()), text -> {
            boolean sent = reviews.model().reply(id, text).isPresent();
            status.idle(sent ? "Reply added" : "");
            return sent;
        });
    }

    private void resolveThread(String id) {
        annotation(id).ifPresent(a -> reviews.model().resolve(id, !a.resolved())
                .ifPresent(r -> status.idle(r.resolved() ? "Thread resolved" : "Thread reopened")));
    }

    public void copyLocation() {
        java.util.Optional<DiffView.Location> at = diff.caretLocation();
        if (at.isEmpty()) {
            status.error("Put the caret on a line of the diff first");
            return;
        }
        javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
        content.putString(at.get().text());
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        status.idle("Copied " + at.get().text());
    }

    /**
     * Opens the line at the caret in the reviewer's editor ({@code Shift+O}; {@link EditorCommand} says which):
     * the file is found or copied off the FX thread, and the editor is started without waiting for it.
     */
    public void openInEditor() {
        java.util.Optional<DiffView.Location> at = diff.caretLocation();
        if (at.isEmpty() || backend == null) {
            status.error(backend == null ? "No repository is open yet" : "Put the caret on a line of the diff first");
            return;
        }
        ReviewBackend from = backend;
        DiffView.Location where = at.get();
        async.run(() -> {
            java.nio.file.Path file = from.fileForEditor(where.path(), where.side()).orElseThrow(() ->
                    new dev.rustreview.model.BadInputException(where.path() + " has no text at that version to open"));
            EditorCommand command = EditorCommand.of(System.getenv(), System.getProperty("os.name", ""), file, where.line());
            try {
                new ProcessBuilder(command.argv()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (java.io.IOException e) {
                throw new dev.rustreview.model.BadInputException("could not start the editor `" + command.argv().get(0)
                        + "` (" + e.getMessage() + "); set RUST_REVIEW_EDITOR to a command with {file} and {line}");
            }
            return command;
        }, command -> status.idle("Opened " + where.text() + " with " + command.argv().get(0)));
    }

    /**
     * The {@code f} key: the next finding the navigator's filter shows (every one, in order), its unit selected,
     * its line scrolled into view and its card opened in the inspector.
     */
    public void nextFinding() {
        navigation.nextFinding().ifPresent(inspectorPane::revealFinding);
    }

    ChangesPane changesPane() {
        return changes;
    }

    /** What the a, x, d, e and c keys do to the selected hunk. */
    public HunkCommands hunkCommands() {
        return commands;
    }

    public RoundBanner roundBanner() {
        return banner;
    }

    public NavigatorModel navigator() {
        return navigator;
    }

    public Theme theme() {
        return theme;
    }

    /** Every action of the window, in menu order. */
    public java.util.List<dev.rustreview.ui.actions.Action> actions() {
        return actions;
    }

    public InspectorPane inspectorPane() {
        return inspectorPane;
    }

    public InspectorModel inspector() {
        return inspector;
    }

    /** The three-pane split, whose divider positions the window remembers. */
    public SplitPane split() {
        return split;
    }

    public NavigatorPane navigatorPane() {
        return navigatorPane;
    }

    public ChangesModel model() {
        return model;
    }

    public DiffView diffView() {
        return diff;
    }

    public StatusBar statusBar() {
        return status;
    }
}
