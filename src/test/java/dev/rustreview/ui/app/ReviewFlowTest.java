package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.git.BundledSample;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.ReviewStore;
import dev.rustreview.settings.AppDirs;
import dev.rustreview.ui.fx.FxExecutors;
import dev.rustreview.ui.navigator.HunkRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The reviewer's main flows on the real sample, headless: decide by keyboard, saved to disk, next round. */
@ExtendWith(ApplicationExtension.class)
class ReviewFlowTest {

    @TempDir
    Path home;

    private FxExecutors executors;
    private MainWindow window;
    private AppDirs dirs;

    @Start
    void start(Stage stage) {
        executors = new FxExecutors();
        dirs = SampleWindows.dirs(home);
        window = SampleWindows.show(stage, executors, dirs, 1200, 800);
    }

    @AfterEach
    void close() throws Exception {
        // On the FX thread, as the application closes it (close touches the window's controls).
        WaitForAsyncUtils.asyncFx(() -> window.close()).get(60, java.util.concurrent.TimeUnit.SECONDS);
        executors.close();
    }

    private void waitForReview() throws Exception {
        SampleWindows.waitForReview(window, 90);
    }

    private ReviewStore store() {
        return ReviewStore.inGitDir(BundledSample.ensureBuilt(dirs.samples()).resolve(".git"), Clock.systemUTC());
    }

    private dev.rustreview.ui.navigator.NavNode nodeOf(dev.rustreview.ui.navigator.NavNode node, String id) {
        if (node.hunk() != null && window.navigator().entry(node.hunk()).orElseThrow().analysis().id().equals(id)) {
            return node;
        }
        return node.children().stream().map(c -> nodeOf(c, id)).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
    }

    private String selectedId() {
        HunkRef ref = window.navigator().selectedProperty().get();
        return window.navigator().entry(ref).orElseThrow().analysis().id();
    }

    @Test
    void acceptingAHunkByKeyboardShowsInTheNavigatorAndIsSavedToTheRepository(FxRobot robot) throws Exception {
        waitForReview();
        robot.clickOn(window.navigatorPane().tree());
        robot.type(KeyCode.J);
        String id = selectedId();
        HunkRef decided = window.navigator().selectedProperty().get();
        robot.type(KeyCode.A);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().state(id)).isEqualTo(DecisionState.ACCEPTED);
        // "Next after deciding": the selection moved on to an undecided unit; the decided one shows its state.
        assertThat(selectedId()).isNotEqualTo(id);
        assertThat(window.review().state(selectedId())).isEqualTo(DecisionState.UNREVIEWED);
        assertThat(nodeOf(window.navigator().rootProperty().get(), id).state()).isEqualTo(DecisionState.ACCEPTED);
        assertThat(window.review().coverageProperty().get().hunksDecided()).isEqualTo(1);
        // Back on the decided unit (the next undecided one may be in another file), its header in the diff says so.
        robot.interact(() -> window.navigator().selectedProperty().set(decided));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.diffView().lookup(".decision-accepted") != null);
        // Saved by the debounced autosave, not only at exit.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> store().load("agent-backup-executor")
                .map(r -> r.state(id) == DecisionState.ACCEPTED).orElse(false));
        robot.type(KeyCode.N);
        assertThat(selectedId()).isNotEqualTo(id);
        assertThat(window.topBar().coverageLabel().getText()).startsWith("1 / ");
        assertThat(window.topBar().readyBadge().getText()).isEqualTo("Not ready");
        assertThat(window.topBar().roundLabel().getText()).isEqualTo("round 1");
    }

    @Test
    void exportingMarkdownWritesTheDecisionsForTheAgent(FxRobot robot) throws Exception {
        waitForReview();
        robot.interact(() -> window.hunkCommands().decideOrFirst(DecisionState.DISCUSS));
        Path out = home.resolve("review.md");
        var session = window.review().sessionProperty().get();
        var dialog = WaitForAsyncUtils.asyncFx(() -> new dev.rustreview.ui.exporting.ExportDialog(session, home,
                (c, r) -> "", executors.background(), executors.fx(), new dev.rustreview.ui.exporting.Report() {
                    public void done(String m) { window.statusBar().idle(m); }
                    public void failed(String m) { window.statusBar().error(m); }
                })).get(10, TimeUnit.SECONDS);
        robot.interact(() -> {
            dialog.formatBox().setValue(dev.rustreview.ui.exporting.Exporter.Format.MARKDOWN);
            dialog.destinationField().setText(out.toString());
            dialog.start();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(out));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Files.readString(out)).contains("# ").contains("discuss");
        assertThat(window.statusBar().messageText()).contains(out.toString());
    }

    @Test
    void acknowledgingAFindingByKeyboard(FxRobot robot) throws Exception {
        waitForReview();
        robot.clickOn(window.navigatorPane().tree());
        robot.type(KeyCode.F);
        HunkRef ref = window.navigator().selectedProperty().get();
        var finding = window.navigator().entry(ref).orElseThrow().findings().get(0);
        robot.type(KeyCode.E); // opens the note field on the finding, focused
        robot.write("guard dropped before the await");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().acknowledgement(finding.id())).hasValueSatisfying(
                a -> assertThat(a.note()).isEqualTo("guard dropped before the await"));
    }

    @Test
    void commentingOnTheCaretLineSavesAMarkdownAnnotation(FxRobot robot) throws Exception {
        waitForReview();
        robot.clickOn(window.navigatorPane().tree());
        robot.type(KeyCode.F);
        HunkRef ref = window.navigator().selectedProperty().get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ref.path().equals(window.diffView().current().path()));
        var finding = window.navigator().entry(ref).orElseThrow().findings().get(0);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.diffView().showLine(finding.side(), finding.startLine()));
        robot.interact(() -> window.navigatorPane().tree().requestFocus()); // a click would select another row
        robot.type(KeyCode.C);
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("**Race**: the guard is held across `.await`");
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        var notes = window.review().annotations(ref.path());
        assertThat(notes).singleElement().satisfies(a -> {
            assertThat(a.text()).isEqualTo("**Race**: the guard is held across `.await`");
            assertThat(a.anchor().side()).isEqualTo(finding.side());
            assertThat(a.anchor().startLine()).isEqualTo(finding.startLine());
        });
    }

    @Test
    void cOnAUnitsHeaderCommentsOnTheWholeUnit(FxRobot robot) throws Exception {
        waitForReview();
        robot.clickOn(window.navigatorPane().tree());
        robot.type(KeyCode.J);
        HunkRef ref = window.navigator().selectedProperty().get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ref.path().equals(window.diffView().current().path())
                && window.diffView().currentUnit() == ref.index());
        WaitForAsyncUtils.waitForFxEvents();
        // After j the caret sits on the unit's header row, where no line is under it.
        assertThat(window.diffView().caretDiffRow().kind()).isEqualTo(dev.rustreview.ui.diff.RowKind.HUNK_HEADER);
        var unit = window.navigator().entry(ref).orElseThrow().hunk();
        robot.type(KeyCode.C);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.statusBar().messageText()).startsWith("Commenting on the whole unit");
        robot.write("Split this function");
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().annotations(ref.path())).anySatisfy(a -> {
            assertThat(a.text()).isEqualTo("Split this function");
            boolean newSide = unit.newCount() > 0;
            assertThat(a.anchor().startLine()).isEqualTo(newSide ? unit.newStart() : unit.oldStart());
            assertThat(a.anchor().endLine()).isEqualTo(newSide ? unit.newStart() + unit.newCount() - 1
                    : unit.oldStart() + unit.oldCount() - 1);
        });
    }

    @Test
    void aCommentShowsInlineWhereRAndShiftRReplyAndResolveIt(FxRobot robot) throws Exception {
        waitForReview();
        robot.clickOn(window.navigatorPane().tree());
        robot.type(KeyCode.F);
        HunkRef ref = window.navigator().selectedProperty().get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ref.path().equals(window.diffView().current().path()));
        var finding = window.navigator().entry(ref).orElseThrow().findings().get(0);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.diffView().showLine(finding.side(), finding.startLine()));
        robot.interact(() -> window.navigatorPane().tree().requestFocus());
        robot.type(KeyCode.C);
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("Hold the guard shorter");
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        String id = window.review().annotations(ref.path()).get(0).id();
        var area = window.diffView().area();
        int line = area.getCurrentParagraph();
        // The thread is shown open under its line: kind, author, the text, the keys.
        assertThat(area.getParagraph(line + 1).getText()).startsWith("\u25be issue");
        assertThat(area.getParagraph(line + 2).getText()).isEqualTo("    Hold the guard shorter");
        assertThat(area.getParagraph(line + 3).getText()).contains("r reply").contains("Shift+R resolve");

        // r on the thread's row opens the reply box; Ctrl+Enter sends it into the review.
        robot.interact(() -> {
            area.moveTo(line + 2, 0);
            area.requestFocus();
        });
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.diffView().replyText() != null
                && window.diffView().replyText().isFocused());
        robot.write("Done: dropped before the await");
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.diffView().replyText()).as("the box closes once the reply is recorded").isNull();
        assertThat(window.review().annotations(ref.path()).get(0).replies()).singleElement()
                .satisfies(r -> assertThat(r.text()).isEqualTo("Done: dropped before the await"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.diffView().area().getText()
                .contains("Done: dropped before the await"));

        // Shift+R resolves it: the review says so and the thread collapses to its summary.
        robot.interact(() -> {
            var a = window.diffView().area();
            a.moveTo(line + 1, 0);
            a.requestFocus();
        });
        robot.press(KeyCode.SHIFT).type(KeyCode.R).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().annotations(ref.path()).get(0).resolved()).isTrue();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.diffView().area().getParagraph(line + 1)
                .getText().startsWith("\u25b8 issue"));
        assertThat(window.diffView().area().getParagraph(line + 1).getText()).contains("1 reply").contains("resolved");
        robot.interact(() -> window.review().flush());
        String saved = Files.readString(store().file(window.review().sessionProperty().get().review().id()));
        assertThat(saved).contains("Done: dropped before the await").contains(id);
    }

    @Test
    void theAgentsNextPushStartsARoundWithABannerAndTheChangesSinceTheLastReview(FxRobot robot) throws Exception {
        waitForReview();
        robot.interact(() -> window.navigator().moveHunk(1));
        String first = selectedId();
        robot.interact(() -> window.hunkCommands().decide(DecisionState.ACCEPTED));
        assertThat(window.roundBanner().isVisible()).isFalse();

        robot.interact(() -> window.openRevisions(BundledSample.BASE, BundledSample.HEAD_V2, true));
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.roundBanner().isVisible());
        assertThat(window.review().currentRound()).isEqualTo(2);
        assertThat(window.topBar().roundLabel().getText()).isEqualTo("round 2");
        assertThat(window.topBar().headPicker().getValue()).isEqualTo(BundledSample.HEAD_V2);
        assertThat(window.roundBanner().text()).startsWith("The agent updated this branch: ")
                .contains("units changed since your last review (round 1 \u2192 2)");
        assertThat(window.review().sessionProperty().get().review().id()).isEqualTo("agent-backup-executor");

        robot.clickOn(window.roundBanner().showButton());
        WaitForAsyncUtils.waitForFxEvents();
        var since = Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith("Changes since round 1")).findFirst().orElseThrow();
        String text = ((dev.rustreview.ui.rounds.SinceLastView) since.getScene().getRoot()).area().getText();
        assertThat(text.lines()).anyMatch(l -> l.startsWith("+") && l.strip().endsWith("drop(state);"))
                .anyMatch(l -> l.startsWith("\u22ef") && l.endsWith("unchanged lines"));
        assertThat(text).contains("aa86ccd Implement Display for S3Source");
        robot.interact(() -> ((Stage) since).close());
        // The hunk accepted in round 1 either kept its decision (unchanged) or is listed as outdated.
        var review = window.review().sessionProperty().get().review();
        assertThat(review.decisions().containsKey(first)
                || review.outdatedDecisions().stream().anyMatch(o -> o.decision().hunkId().equals(first))).isTrue();
        assertThat(Files.exists(store().file("agent-backup-executor"))).isTrue();

        // Back to the first head: a look back, not the agent pushing. No round 3, and the banner says so.
        robot.interact(() -> window.openRevisions(BundledSample.BASE, BundledSample.HEAD, true));
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.review().isOpen()
                && window.roundBanner().isVisible() && window.roundBanner().text().startsWith("You are looking at"));
        assertThat(window.review().currentRound()).isEqualTo(2);
        assertThat(window.review().sessionProperty().get().review().rounds()).hasSize(2);
        assertThat(window.roundBanner().text()).startsWith("You are looking at round 1's head (")
                .contains("older than this review's round 2").contains("no new round was started");
    }

    @Test
    void aCorruptReviewFileIsSetAsideAndTheReviewResumesFromItsBackup(FxRobot robot) throws Exception {
        waitForReview();
        String first = selectedId(); // the plan's first unit, selected when the analysis arrived
        robot.interact(() -> window.hunkCommands().decideOrFirst(DecisionState.ACCEPTED));
        robot.interact(() -> window.review().flush());
        String second = selectedId(); // "next after deciding" moved on
        assertThat(second).isNotEqualTo(first);
        robot.interact(() -> window.hunkCommands().decide(DecisionState.ACCEPTED));
        robot.interact(() -> window.review().flush()); // the backup now holds the first decision only
        Path file = store().file("agent-backup-executor");
        Files.writeString(file, "{ \"kind\": \"rust-review/review\", trunc");

        robot.interact(() -> window.open(OpenRequest.sample()));
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.roundBanner().isVisible());
        assertThat(window.roundBanner().text()).contains("unreadable").contains("resumed from its backup")
                .doesNotContain("Exception");
        assertThat(window.statusBar().messageText()).isEqualTo(window.roundBanner().text());
        assertThat(window.review().state(first)).isEqualTo(DecisionState.ACCEPTED);
        assertThat(window.review().state(second)).isEqualTo(DecisionState.UNREVIEWED);
        try (var aside = Files.list(file.getParent())) {
            assertThat(aside.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.startsWith("agent-backup-executor.json.corrupt-") && !n.endsWith(".bak"))
                    .anyMatch(n -> n.startsWith("agent-backup-executor.json.corrupt-") && n.endsWith(".bak"));
        }
        // Saved again (the restored version is written back), the window keeps working on it.
        robot.interact(() -> window.review().flush());
        assertThat(store().load("agent-backup-executor").orElseThrow().state(first)).isEqualTo(DecisionState.ACCEPTED);
    }

    private javafx.scene.Node groupCell(String label) {
        var tree = window.navigatorPane().tree();
        // Units make the tree long: scroll the group into view so its cell exists.
        tree.getRoot().getChildren().stream().filter(i -> i.getValue().label().equals(label)).findFirst()
                .ifPresent(item -> {
                    WaitForAsyncUtils.asyncFx(() -> tree.scrollTo(tree.getRow(item)));
                    WaitForAsyncUtils.waitForFxEvents();
                });
        return window.navigatorPane().tree().lookupAll(".tree-cell").stream()
                .filter(c -> c instanceof javafx.scene.control.TreeCell<?> cell && cell.getItem() instanceof
                        dev.rustreview.ui.navigator.NavNode n && n.label().equals(label))
                .findFirst().orElseThrow();
    }

    // Monocle does not turn a secondary click into a context-menu request, so the test opens the cell's menu
    // the way that request would.
    private void openContextMenu(FxRobot robot, String group) {
        var cell = (javafx.scene.control.Cell<?>) groupCell(group);
        robot.interact(() -> cell.getContextMenu().show(cell, javafx.geometry.Side.BOTTOM, 20, 0));
    }

    @Test
    void acceptAllInAGroupAsksBeforeAcceptingHunksWithSeriousFindings(FxRobot robot) throws Exception {
        waitForReview();
        robot.interact(() -> window.navigator().groupingProperty().set(dev.rustreview.ui.navigator.Grouping.CATEGORY));
        WaitForAsyncUtils.waitForFxEvents();
        int docs = groupNode("documentation").hunks();
        openContextMenu(robot, "documentation");
        robot.clickOn("Accept all " + docs + " units");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().coverageProperty().get().accepted()).isEqualTo(docs);

        int build = groupNode("dependencies & build").hunks();
        assertThat(build).isEqualTo(3);
        openContextMenu(robot, "dependencies & build");
        robot.clickOn("Accept all 3 units");
        WaitForAsyncUtils.waitForFxEvents();
        // build.rs has a high finding: the other two are accepted, and the window asks about it.
        assertThat(window.review().coverageProperty().get().accepted()).isEqualTo(docs + 2);
        robot.clickOn("Leave them for review");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().coverageProperty().get().accepted()).isEqualTo(docs + 2);
        assertThat(window.statusBar().messageText()).contains("1 with high or critical findings left");

        openContextMenu(robot, "dependencies & build");
        robot.clickOn("Accept all 3 units");
        robot.clickOn("Accept them too");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().coverageProperty().get().accepted()).isEqualTo(docs + 3);
    }

    private dev.rustreview.ui.navigator.NavNode groupNode(String label) {
        return window.navigator().rootProperty().get().children().stream().filter(n -> n.label().equals(label))
                .findFirst().orElseThrow();
    }

    @Test
    void theMenuKeyOffersTheSelectedHunksFileForABulkDecision(FxRobot robot) throws Exception {
        waitForReview();
        robot.interact(() -> window.navigator().groupingProperty().set(dev.rustreview.ui.navigator.Grouping.FILE));
        robot.clickOn(window.navigatorPane().tree());
        robot.type(KeyCode.J);
        // The file node the selected hunk sits under, in its group.
        int hunksInFile = window.navigatorPane().tree().getSelectionModel().getSelectedItem().getParent().getValue().hunks();
        // What GTK or Windows make of the menu key / Shift+F10 (Monocle makes nothing of it): a keyboard-triggered
        // context-menu request on the focused tree.
        var tree = window.navigatorPane().tree();
        robot.interact(() -> javafx.event.Event.fireEvent(tree, new javafx.scene.input.ContextMenuEvent(
                javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 20, 20, tree.localToScreen(20, 20).getX(),
                tree.localToScreen(20, 20).getY(), true, null)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(hunksInFile == 1 ? "Mark 1 unit for discussion" : "Mark all " + hunksInFile + " units for discussion");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().coverageProperty().get().discuss()).isEqualTo(hunksInFile);
    }
}
