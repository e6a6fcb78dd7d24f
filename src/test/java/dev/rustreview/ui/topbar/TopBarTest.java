package dev.rustreview.ui.topbar;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.rustreview.git.RefInfo;
import dev.rustreview.model.Severity;
import dev.rustreview.review.Coverage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The top bar, headless (Monocle), in PrimerLight with styles/topbar.css. */
@ExtendWith(ApplicationExtension.class)
class TopBarTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private TopBar bar;
    private Stage stage;

    static final List<RefInfo> REFS = List.of(
            ref("main", RefInfo.Kind.LOCAL, "1", 100),
            ref("agent/backup-executor", RefInfo.Kind.LOCAL, "2", 300),
            ref("agent/backup-executor-v2", RefInfo.Kind.LOCAL, "3", 400),
            ref("origin/main", RefInfo.Kind.REMOTE, "1", 100),
            ref("v1.0", RefInfo.Kind.TAG, "4", 50));

    static RefInfo ref(String name, RefInfo.Kind kind, String commit, long time) {
        String prefix = switch (kind) {
            case LOCAL -> "refs/heads/";
            case REMOTE -> "refs/remotes/";
            case TAG -> "refs/tags/";
        };
        return new RefInfo(name, prefix + name, kind, commit.repeat(40), Instant.ofEpochSecond(time));
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        bar = new TopBar(new TopBar.Actions() {
            public void openFolder(Path dir) { calls.add("open " + dir); }
            public void openSample() { calls.add("sample"); }
            public void changeRevisions(String base, String head) { calls.add("revisions " + base + " " + head); }
            public void toggleTheme() { calls.add("theme"); }
            public void export() { calls.add("export"); }
            public void applyAccepted() { calls.add("apply"); }
            public void runCompilerChecks() { calls.add("check"); }
        });
        bar.setRepository("backup-service", null);
        bar.setRefs(REFS);
        bar.setRevisions("main", "agent/backup-executor");
        bar.setRound(2, "head 3333333 · 2026-11-22 10:00");
        BorderPane root = new BorderPane();
        root.setTop(bar);
        Scene scene = new Scene(root, 1200, 600);
        scene.getStylesheets().add(Objects.requireNonNull(TopBarTest.class.getResource("/styles/topbar.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    static Coverage coverage(int decided, int total, int highOpen, boolean ready) {
        return new Coverage(decided, total, decided, 0, 0, Map.of(Severity.HIGH, new Coverage.Count(3 - highOpen, 3)),
                0, 0, 0, ready, Map.of(), Map.of(), Map.of());
    }

    @Test
    void coverageTextProgressAndReadyBadgeFollowTheCoverage(FxRobot robot) {
        robot.interact(() -> bar.setCoverage(coverage(12, 40, 2, false)));
        assertThat(bar.coverageLabel().getText()).isEqualTo("12 / 40 units · 2 open");
        assertThat(bar.progressBar().getProgress()).isEqualTo(0.3);
        assertThat(bar.readyBadge().getText()).isEqualTo("Not ready");
        assertThat(bar.readyBadge().getStyleClass()).contains("not-ready").doesNotContain("ready");
        assertThat(bar.readyBadge().getTooltip().getText()).contains("28 units not decided")
                .contains("2 high findings not acknowledged");

        robot.interact(() -> bar.setCoverage(coverage(40, 40, 0, true)));
        assertThat(bar.coverageLabel().getText()).isEqualTo("40 / 40 units");
        assertThat(bar.progressBar().getProgress()).isEqualTo(1.0);
        assertThat(bar.readyBadge().getText()).isEqualTo("Ready");
        assertThat(bar.readyBadge().getStyleClass()).contains("ready").doesNotContain("not-ready");

        robot.interact(() -> bar.setCoverage(null));
        assertThat(bar.readyBadge().isVisible()).isFalse();
        assertThat(bar.roundLabel().getText()).isEqualTo("round 2");
        assertThat(bar.roundLabel().getTooltip().getText()).contains("3333333");
    }

    @Test
    void pickerFiltersAsYouTypeAndEnterPicksTheHighlightedRef(FxRobot robot) throws Exception {
        robot.clickOn(bar.headPicker());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> bar.headPicker().isShowingPopup());
        RefPicker picker = bar.headPicker();
        // Grouped by kind, newest commit first within a kind.
        assertThat(picker.listView().getItems()).extracting(RefInfo::shortName).containsExactly(
                "agent/backup-executor-v2", "agent/backup-executor", "main", "origin/main", "v1.0");
        assertThat(picker.filterField().isFocused()).isTrue();
        robot.write("main");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(picker.listView().getItems()).extracting(RefInfo::shortName).containsExactly("main", "origin/main");
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(calls).containsExactly("revisions main origin/main");
        assertThat(picker.isShowingPopup()).isFalse();
    }

    @Test
    void textThatMatchesNoRefIsUsedAsARawRevisionAndEscapeCloses(FxRobot robot) throws Exception {
        robot.clickOn(bar.basePicker());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> bar.basePicker().isShowingPopup());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !bar.basePicker().isShowingPopup());
        assertThat(calls).isEmpty();

        robot.clickOn(bar.basePicker());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> bar.basePicker().isShowingPopup());
        robot.write("deadbeef");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(bar.basePicker().listView().getItems()).isEmpty();
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(calls).containsExactly("revisions deadbeef agent/backup-executor");
    }

    @Test
    void swapAsksForHeadAsBaseAndBaseAsHead(FxRobot robot) {
        robot.clickOn(bar.swapButton());
        assertThat(calls).containsExactly("revisions agent/backup-executor main");
    }

    @Test
    void exportAndApplyAreDisabledUntilAReviewIsOpen(FxRobot robot) {
        assertThat(bar.exportButton().isDisabled()).isTrue();
        assertThat(bar.applyButton().isDisabled()).isTrue();
        robot.clickOn(bar.exportButton());
        assertThat(calls).isEmpty();
        robot.interact(() -> bar.setReviewOpen(true));
        robot.clickOn(bar.exportButton());
        robot.clickOn(bar.applyButton());
        robot.clickOn(bar.themeButton());
        assertThat(calls).containsExactly("export", "apply", "theme");
    }

    @Test
    void oneCompactRowWithNothingClippedAt1000px(FxRobot robot) {
        robot.interact(() -> {
            bar.setReviewOpen(true);
            bar.setCoverage(coverage(12, 40, 2, false));
            stage.setWidth(1000);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(bar.getHeight()).isBetween(30.0, 40.0);
        Bounds barBounds = bar.localToScene(bar.getLayoutBounds());
        for (Node n : List.<Node>of(bar.repositoryButton(), bar.basePicker(), bar.swapButton(), bar.headPicker(),
                bar.roundLabel(), bar.readyBadge(), bar.themeButton(), bar.exportButton(), bar.applyButton())) {
            Bounds b = n.localToScene(n.getLayoutBounds());
            assertThat(b.getMaxX()).as(n.toString()).isLessThanOrEqualTo(barBounds.getMaxX() + 0.5);
            assertThat(b.getWidth()).as(n.toString()).isGreaterThanOrEqualTo(n.minWidth(-1) - 0.5);
            if (n instanceof Labeled l && n != bar.basePicker() && n != bar.headPicker() && n != bar.repositoryButton()) {
                assertThat(b.getWidth()).as(l.getText()).isGreaterThanOrEqualTo(l.prefWidth(-1) - 0.5);
            }
        }
        assertThat(bar.headPicker().getWidth()).isGreaterThan(100);
    }

    @Test
    void aLongerCoverageTextEndsInAnEllipsisInsteadOfRunningUnderTheThemeSwitch(FxRobot robot) {
        robot.interact(() -> {
            bar.setRepository("backup-service (sample)", null);
            bar.setReviewOpen(true);
            // 0 / 63 units · 14 open · 3 issues: longer than the room left at 1280 px.
            bar.setCoverage(new Coverage(0, 63, 0, 0, 0, Map.of(Severity.HIGH, new Coverage.Count(0, 14)), 3, 3, 0,
                    false, Map.of(), Map.of(), Map.of()));
            stage.setWidth(1100);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Bounds badge = bar.readyBadge().localToScene(bar.readyBadge().getLayoutBounds());
        Bounds theme = bar.themeButton().localToScene(bar.themeButton().getLayoutBounds());
        Bounds text = bar.coverageLabel().localToScene(bar.coverageLabel().getLayoutBounds());
        assertThat(badge.getMaxX()).isLessThanOrEqualTo(theme.getMinX() + 0.5);
        assertThat(text.getMaxX()).isLessThanOrEqualTo(badge.getMinX() + 0.5);
        assertThat(badge.getWidth()).isGreaterThanOrEqualTo(bar.readyBadge().prefWidth(-1) - 0.5);
    }

    @Test
    void aTagAsBaseIsShownWholeBesideAShortHeadOnABigReview(FxRobot robot) {
        // Seen on tokio at 1280 px: the base read "tok…0.0" while "master" sat in a head picker twice its size.
        robot.interact(() -> {
            bar.setRepository("tokio-rs+tokio", null);
            bar.basePicker().setValue("tokio-1.0.0");
            bar.headPicker().setValue("master");
            bar.setReviewOpen(true);
            bar.setCoverage(new Coverage(0, 11241, 0, 0, 0, Map.of(Severity.HIGH, new Coverage.Count(0, 582)), 0, 0,
                    0, false, Map.of(), Map.of(), Map.of()));
            stage.setWidth(1100);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(bar.basePicker().getWidth()).isGreaterThanOrEqualTo(bar.basePicker().prefWidth(-1) - 0.5);
        assertThat(bar.headPicker().getWidth()).isGreaterThanOrEqualTo(bar.headPicker().prefWidth(-1) - 0.5);
    }

    @Test
    void repositoryMenuOffersRecentFoldersAndTheSample(FxRobot robot) {
        Path a = Path.of("/tmp/repos/a");
        robot.interact(() -> bar.setRecentRepositories(List.of(a)));
        assertThat(bar.repositoryButton().getItems()).extracting(i -> i.getText()).contains("Open folder…",
                "Open the bundled sample").anySatisfy(t -> assertThat(t).startsWith("a"));
        robot.interact(() -> bar.repositoryButton().getItems().stream()
                .filter(i -> i.getText() != null && i.getText().startsWith("a  ")).findFirst().orElseThrow().fire());
        robot.interact(() -> bar.repositoryButton().getItems().stream()
                .filter(i -> "Open the bundled sample".equals(i.getText())).findFirst().orElseThrow().fire());
        assertThat(calls).containsExactly("open " + a, "sample");
    }
}
