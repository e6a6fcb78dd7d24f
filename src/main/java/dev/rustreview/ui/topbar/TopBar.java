package dev.rustreview.ui.topbar;

import dev.rustreview.git.RefInfo;
import dev.rustreview.review.Coverage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;

/**
 * The row under the menu bar: repository, base ⇄ head, the review round, coverage with a ready badge, the theme
 * toggle, and Export… / Apply accepted…. It only shows what it is fed and reports what the user asks for through
 * {@link Actions}; the window does the work and feeds the result back. FX thread only. Style: {@code
 * /styles/topbar.css}.
 */
public final class TopBar extends HBox {

    /** What the user asked for. Called on the FX thread. */
    public interface Actions {
        /** Open the repository in {@code dir} (chosen in a folder dialog or from the recent list). */
        void openFolder(Path dir);

        /** Open the bundled sample repository. */
        void openSample();

        /** Reopen at these revisions (a picker changed one, or the swap button swapped them). */
        void changeRevisions(String base, String head);

        /** Switch between the light and the dark theme. */
        void toggleTheme();

        /** Show the export dialog. */
        void export();

        /** Show the apply-accepted dialog. */
        void applyAccepted();

        /** Build head and merge-base with cargo clippy in the sandbox (asks first, once per repository). */
        void runCompilerChecks();
    }

    private final Actions actions;
    private final MenuButton repository = new MenuButton();
    private final MenuItem openFolder = new MenuItem("Open folder…");
    private final MenuItem openSample = new MenuItem("Open the bundled sample");
    private final RefPicker base = new RefPicker("base");
    private final RefPicker head = new RefPicker("head");
    private final Button swap = new Button("⇄");
    private final Label round = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label coverageText = new Label();
    private final Label readyBadge = new Label();
    private final Button theme = new Button();
    private final Button export = new Button("Export…");
    private final Button apply = new Button("Apply accepted…");
    private final Button compilerChecks = new Button("Compiler checks");
    private List<Path> recent = List.of();
    private Path repositoryDir;
    private CoverageSummary summary = CoverageSummary.none();

    public TopBar(Actions actions) {
        this.actions = Objects.requireNonNull(actions);
        getStyleClass().add("top-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(5);
        setFillHeight(false);

        repository.getStyleClass().addAll("repository-button", "flat");
        repository.setMnemonicParsing(false);
        repository.setTextOverrun(OverrunStyle.ELLIPSIS);
        repository.setMaxWidth(240);
        openFolder.setOnAction(e -> chooseFolder());
        openSample.setOnAction(e -> actions.openSample());
        setRepository(null, null);

        base.getStyleClass().add("base-picker");
        head.getStyleClass().add("head-picker");
        base.setMaxWidth(160);
        head.setMaxWidth(220);
        base.setOnPick(b -> actions.changeRevisions(b, head.getValue()));
        head.setOnPick(h -> actions.changeRevisions(base.getValue(), h));
        swap.getStyleClass().addAll("swap-button", "flat");
        swap.setTooltip(new Tooltip("Swap base and head"));
        swap.setOnAction(e -> {
            if (base.getValue() != null && head.getValue() != null) {
                actions.changeRevisions(head.getValue(), base.getValue());
            }
        });

        round.getStyleClass().add("round-indicator");
        round.setMinWidth(Region.USE_PREF_SIZE);
        setRound(0, null);

        progress.getStyleClass().add("coverage-progress");
        progress.setPrefWidth(64);
        progress.setMinWidth(40);
        coverageText.getStyleClass().add("coverage-text");
        // Room for "0 / 63 units · 14 open" at 1280 px; a longer text ("· 1 issue") ends in "…" rather than running
        // under the ready badge (its tooltip has it all).
        coverageText.setMinWidth(150);
        coverageText.setTextOverrun(OverrunStyle.ELLIPSIS);
        readyBadge.getStyleClass().add("ready-badge");
        readyBadge.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip badgeTip = new Tooltip();
        badgeTip.setShowDelay(Duration.millis(250));
        readyBadge.setTooltip(badgeTip);
        HBox coverage = new HBox(6, progress, coverageText, readyBadge);
        coverage.getStyleClass().add("coverage");
        coverage.setAlignment(Pos.CENTER_LEFT);
        // Its children's minimum widths, not 0: squeezed below them, the badge was drawn over the theme switch.
        coverage.setMinWidth(Region.USE_COMPUTED_SIZE);
        HBox.setHgrow(coverage, Priority.SOMETIMES);

        Region spacer = new Region();
        spacer.setMinWidth(0);
        HBox.setHgrow(spacer, Priority.ALWAYS);

        theme.getStyleClass().addAll("theme-toggle", "flat");
        theme.setOnAction(e -> actions.toggleTheme());
        setDarkTheme(false);
        export.getStyleClass().add("export-button");
        export.setOnAction(e -> actions.export());
        apply.getStyleClass().add("apply-button");
        apply.setTooltip(new Tooltip("Write the accepted hunks as one commit on a new branch"));
        apply.setOnAction(e -> actions.applyAccepted());
        compilerChecks.getStyleClass().add("compiler-check-button");
        compilerChecks.setTooltip(new Tooltip("Build the head and the merge-base with cargo clippy in a sandbox and show"
                + " what the head introduced (asks before the first run)"));
        compilerChecks.setOnAction(e -> actions.runCompilerChecks());
        for (var b : List.of(swap, theme, compilerChecks, export, apply)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setMnemonicParsing(false);
        }
        // When the window is narrow the coverage text gives way first (its tooltip has it all), then these.
        base.setMinWidth(110); // "tokio-1.0.0" whole: a base tag read as "tok…0.0" at 1280 px
        head.setMinWidth(140);
        repository.setMinWidth(175);

        getChildren().addAll(repository, separator(), base, swap, head, round, separator(), coverage, spacer,
                theme, compilerChecks, export, apply);
        setCoverage(null);
        setReviewOpen(false);
    }

    private static Region separator() {
        Region r = new Region();
        r.getStyleClass().add("top-bar-separator");
        r.setMinWidth(Region.USE_PREF_SIZE);
        return r;
    }

    /**
     * The open repository: its short name and folder, or {@code null} folder for the bundled sample; a {@code null}
     * name shows "Open repository…".
     */
    public void setRepository(String name, Path dirOrNullForSample) {
        repositoryDir = dirOrNullForSample;
        repository.setText(name == null || name.isBlank() ? "Open repository…" : name);
        repository.setTooltip(new Tooltip(name == null ? "Open a repository"
                : dirOrNullForSample == null ? name + " (the bundled sample)" : dirOrNullForSample.toString()));
        rebuildMenu();
    }

    /** The recent repository folders for the menu, most recent first ({@link RecentRepositories#folders()}). */
    public void setRecentRepositories(List<Path> folders) {
        recent = List.copyOf(folders == null ? List.of() : folders);
        rebuildMenu();
    }

    /** Branches, remote branches and tags for both pickers. */
    public void setRefs(List<RefInfo> refs) {
        base.setRefs(refs);
        head.setRefs(refs);
    }

    /** The revisions shown; the window calls this once it has opened them. */
    public void setRevisions(String baseRevision, String headRevision) {
        base.setValue(baseRevision);
        head.setValue(headRevision);
        swap.setDisable(baseRevision == null || headRevision == null);
    }

    /** The review's round ("round 2") with a tooltip naming its head commit and date; {@code round <= 0} hides it. */
    public void setRound(int number, String tooltip) {
        boolean show = number > 0;
        round.setText(show ? "round " + number : "");
        round.setVisible(show);
        round.setManaged(show);
        round.setTooltip(show && tooltip != null && !tooltip.isBlank() ? new Tooltip(tooltip) : null);
    }

    /** The review's coverage, or {@code null} while none is open. */
    public void setCoverage(Coverage coverage) {
        summary = CoverageSummary.of(coverage);
        progress.setProgress(coverage == null ? 0 : summary.fraction());
        coverageText.setText(coverage == null ? "" : summary.text());
        coverageText.setTooltip(coverage == null ? null : new Tooltip(summary.details()));
        readyBadge.setText(summary.badge());
        readyBadge.getStyleClass().removeAll("ready", "not-ready", "changes-requested");
        readyBadge.getStyleClass().add(summary.changesRequested() ? "changes-requested"
                : summary.ready() ? "ready" : "not-ready");
        readyBadge.getTooltip().setText(summary.tooltip());
        boolean show = coverage != null;
        for (var n : List.of(progress, coverageText, readyBadge)) {
            n.setVisible(show);
            n.setManaged(show);
        }
    }

    /** Export and Apply accepted work on an open review only. */
    public void setReviewOpen(boolean open) {
        export.setDisable(!open);
        apply.setDisable(!open);
        compilerChecks.setDisable(!open);
    }

    /** Which theme is on, so the toggle offers the other. */
    public void setDarkTheme(boolean dark) {
        // Labelled: a bare moon or sun glyph does not say it is a switch, nor which theme it gives.
        theme.setText(dark ? "☀ Light" : "☾ Dark");
        theme.setTooltip(new Tooltip(dark ? "Switch to the light theme" : "Switch to the dark theme"));
    }

    /** What the coverage shows now. */
    public CoverageSummary coverageSummary() {
        return summary;
    }

    public RefPicker basePicker() {
        return base;
    }

    public RefPicker headPicker() {
        return head;
    }

    public Button swapButton() {
        return swap;
    }

    public Button exportButton() {
        return export;
    }

    public Button compilerChecksButton() {
        return compilerChecks;
    }

    public Button applyButton() {
        return apply;
    }

    public Button themeButton() {
        return theme;
    }

    public MenuButton repositoryButton() {
        return repository;
    }

    public Label coverageLabel() {
        return coverageText;
    }

    public Label readyBadge() {
        return readyBadge;
    }

    public Label roundLabel() {
        return round;
    }

    public ProgressBar progressBar() {
        return progress;
    }

    private void rebuildMenu() {
        repository.getItems().setAll(openFolder);
        if (!recent.isEmpty()) {
            repository.getItems().add(new SeparatorMenuItem());
            for (Path p : recent) {
                MenuItem item = new MenuItem(label(p));
                item.setMnemonicParsing(false);
                item.getStyleClass().add("recent-repository");
                item.setOnAction(e -> actions.openFolder(p));
                repository.getItems().add(item);
            }
        }
        repository.getItems().addAll(new SeparatorMenuItem(), openSample);
    }

    private static String label(Path p) {
        return p.getFileName() == null ? p.toString() : dev.rustreview.git.RepositoryNames.of(p) + "  —  " + p;
    }

    /** Asks for a repository folder and opens it (the Open folder… menu item and its shortcut). */
    public void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a git repository");
        Path start = repositoryDir != null ? repositoryDir.getParent() : recent.isEmpty() ? null : recent.get(0).getParent();
        if (start != null && Files.isDirectory(start)) {
            chooser.setInitialDirectory(start.toFile());
        }
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            actions.openFolder(dir.toPath());
        }
    }
}
