package dev.rustreview.ui.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.ChangeType;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Side;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The diff view headless (Monocle): badges, notes, folds and the show-anyway link on a real scene. */
@ExtendWith(ApplicationExtension.class)
class DiffViewTest {

    private DiffView view;

    @Start
    void start(Stage stage) {
        // The theme defines the -color-* variables diff.css uses.
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        view = new DiffView();
        Scene scene = new Scene(view, 900, 600);
        scene.getStylesheets().add(DiffViewTest.class.getResource("/styles/diff.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private void show(FxRobot robot, FileChange file, boolean split) {
        robot.interact(() -> {
            view.splitProperty().set(split);
            view.show(PreparedDiff.of(file, null, split));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<Node> inArea(CodeArea area, String selector) {
        return area.lookupAll(selector).stream().filter(Node::isVisible).toList();
    }

    @Test
    void badgesAndNotesAppearWithoutReplacingTheDocument(FxRobot robot) {
        show(robot, FoldingTest.longContext(20), false);
        CodeArea area = view.area();
        var document = ReadOnlyStyledDocument.from(area.getDocument());
        // (The tree colours this file as the lexer does, so no recolouring can fire a change either.)
        List<Object> changes = new CopyOnWriteArrayList<>();
        area.richChanges().subscribe(changes::add);
        assertThat(inArea(area, ".hunk-badge")).isEmpty();

        robot.interact(() -> view.setHunkBadges(Map.of(0, new HunkBadge("accepted", "decision-accepted"))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inArea(area, ".hunk-badge")).singleElement().satisfies(n -> {
            assertThat(((Label) n).getText()).isEqualTo("accepted");
            assertThat(n.getStyleClass()).contains("decision-accepted");
        });

        robot.interact(() -> view.setHunkBadges(Map.of(0, new HunkBadge("rejected", "decision-rejected"))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inArea(area, ".hunk-badge")).singleElement()
                .satisfies(n -> assertThat(((Label) n).getText()).isEqualTo("rejected"));

        robot.interact(() -> view.setLineNotes(List.of(new LineNote(Side.NEW, 10, "why 2?"),
                new LineNote(Side.OLD, 10, "was 1"))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inArea(area, ".annotation-marker")).hasSize(2);

        robot.interact(() -> view.setHunkBadges(Map.of()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inArea(area, ".hunk-badge")).isEmpty();
        // Same area, same document: only the gutter was redrawn.
        assertThat(view.area()).isSameAs(area);
        assertThat(ReadOnlyStyledDocument.from(area.getDocument())).isEqualTo(document);
        assertThat(changes).isEmpty();
    }

    @Test
    void clickingAFoldExpandsItInPlace(FxRobot robot) throws Exception {
        show(robot, FoldingTest.longContext(20), false);
        CodeArea area = view.area();
        assertThat(area.getParagraphs()).hasSize(11);
        assertThat(area.getParagraph(6).getText()).startsWith("\u22ef 14 unchanged lines");
        assertThat(area.getParagraph(6).getParagraphStyle()).containsExactly("diff-fold");
        Bounds fold = WaitForAsyncUtils.asyncFx(() -> area.getCharacterBoundsOnScreen(area.getAbsolutePosition(6, 0),
                area.getAbsolutePosition(6, 3)).orElseThrow()).get();

        robot.clickOn(fold.getMinX() + 2, fold.getCenterY());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.area()).isSameAs(area);
        assertThat(area.getParagraphs()).hasSize(24);
        assertThat(area.getText()).isEqualTo(view.current().text());
        assertThat(area.getParagraph(6).getParagraphStyle()).containsExactly("diff-context");
        assertThat(view.shownRowsNow()).isEqualTo(view.current().rows());
        // The gutter follows: the row after the fold now carries line 14.
        robot.interact(() -> view.showLine(Side.NEW, 14));
        assertThat(view.caretDiffRow().newLine()).isEqualTo(14);
    }

    @Test
    void showLineOpensTheFoldHidingItAndEnterOpensAFold(FxRobot robot) {
        show(robot, FoldingTest.longContext(40), true);
        // The removed and added line share a paragraph: header, pair, 3 + fold + 3 context, added.
        assertThat(view.rightArea().getParagraphs()).hasSize(10);
        robot.interact(() -> assertThat(view.showLine(Side.OLD, 20)).isTrue());
        // Both sides open the fold so their paragraphs stay level.
        assertThat(view.leftArea().getParagraphs()).hasSize(43);
        assertThat(view.rightArea().getParagraphs()).hasSize(43);
        assertThat(view.leftArea().getParagraph(11).getText()).isEqualTo("ctx 9"); // old line 20
        assertThat(view.caretDiffRow().oldLine()).isEqualTo(20);

        show(robot, FoldingTest.longContext(40), false);
        robot.interact(() -> view.area().moveTo(6, 0));
        assertThat(view.currentHunk()).isZero();
        robot.interact(() -> view.area().requestFocus());
        robot.type(javafx.scene.input.KeyCode.ENTER);
        assertThat(view.area().getParagraphs()).hasSize(44);
    }

    @Test
    void selectedLinesFollowTheCaretAndSelection(FxRobot robot) {
        show(robot, FoldingTest.longContext(20), false);
        robot.interact(() -> view.area().moveTo(0, 0));
        assertThat(view.selectedLines()).isEmpty();
        assertThat(view.currentHunk()).isZero();
        robot.interact(() -> view.area().selectRange(1, 0, 3, 2));
        assertThat(view.selectedLines()).contains(new LineSelection("src/lib.rs", Side.NEW, 10, 11, 0));
        robot.interact(() -> view.area().selectRange(1, 0, 2, 0)); // whole line 1 only
        assertThat(view.selectedLines()).contains(new LineSelection("src/lib.rs", Side.OLD, 10, 10, 0));
    }

    @Test
    void anOversizeTextFileOffersShowAnywayButABinaryOneDoesNot(FxRobot robot) {
        List<String> asked = new CopyOnWriteArrayList<>();
        robot.interact(() -> view.setOnShowAnyway(asked::add));
        show(robot, file(false), false);
        assertThat(view.area().getText()).startsWith("File too large to show");
        robot.clickOn(".diff-show-anyway");
        assertThat(asked).containsExactly("data/big.sql");

        show(robot, file(true), false);
        assertThat(robot.lookup(".diff-show-anyway").query().isVisible()).isFalse();
        assertThat(view.area().getText()).startsWith("Binary file");
    }

    @Test
    void treeSitterRecoloursTheRowsTheLexerGotWrong(FxRobot robot) throws Exception {
        java.util.concurrent.atomic.AtomicInteger recoloured = new java.util.concurrent.atomic.AtomicInteger();
        robot.interact(() -> view.setOnRecoloured(nanos -> recoloured.incrementAndGet()));
        var hunk = new dev.rustreview.model.Hunk(1, 2, 1, 3, List.of(
                new dev.rustreview.model.DiffLine(dev.rustreview.model.LineKind.CONTEXT, 1, 1, "/* note", false, false),
                new dev.rustreview.model.DiffLine(dev.rustreview.model.LineKind.CONTEXT, 2, 2, "let x = 1; */", false, false),
                new dev.rustreview.model.DiffLine(dev.rustreview.model.LineKind.ADDED, 0, 3, "let y = 2;", false, false)));
        show(robot, new FileChange("src/a.rs", "src/a.rs", ChangeType.MODIFIED, 0, FileKind.REGULAR, FileKind.REGULAR,
                "1", "2", 10, 20, false, false, "rust", "UTF-8", List.of(hunk)), false);
        CodeArea area = view.area();
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> recoloured.get() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(area.getStyleOfChar(2, 1)).contains("tok-comment"); // "let" inside the comment
        assertThat(area.getStyleOfChar(3, 1)).contains("tok-keyword");
        assertThat(area.getText()).isEqualTo(view.current().text());
    }

    @Test
    void closingStopsTheColouringThreadAndLaterDiffsKeepTheLexersColours(FxRobot robot) {
        java.util.concurrent.atomic.AtomicInteger recoloured = new java.util.concurrent.atomic.AtomicInteger();
        robot.interact(() -> {
            view.setOnRecoloured(nanos -> recoloured.incrementAndGet());
            view.close();
        });
        assertThat(view.isClosed()).isTrue();
        var hunk = new dev.rustreview.model.Hunk(0, 0, 1, 1, List.of(
                new dev.rustreview.model.DiffLine(dev.rustreview.model.LineKind.ADDED, 0, 1, "let y = 2;", false, false)));
        show(robot, new FileChange("src/b.rs", "src/b.rs", ChangeType.ADDED, 0, FileKind.NONE, FileKind.REGULAR,
                null, "2", 0, 20, false, false, "rust", "UTF-8", List.of(hunk)), false);
        assertThat(view.area().getText()).isEqualTo(view.current().text());
        assertThat(view.area().getStyleOfChar(1, 1)).contains("tok-keyword"); // the lexer's colour
        assertThat(recoloured.get()).isZero();
    }

    @Test
    void searchFindsLinesInFoldedContextHighlightsThemAndEnterMovesOn(FxRobot robot) {
        show(robot, FoldingTest.longContext(20), false);
        CodeArea area = view.area();
        robot.interact(view::openSearch);
        DiffSearchBar bar = view.search();
        assertThat(bar.isVisible()).isTrue();
        assertThat(bar.field().isFocused()).isTrue();
        robot.interact(() -> bar.field().setText("ctx 1"));
        // "ctx 1", "ctx 10".."ctx 19": eleven lines, most of them inside the fold, which the search opened.
        assertThat(bar.matches()).hasSize(11);
        assertThat(bar.countText()).isEqualTo("1 of 11");
        WaitForAsyncUtils.waitForFxEvents();
        // Every match on screen is tinted, not only the first: "ctx 1" and "ctx 10".."ctx 12" are in view.
        assertThat(area.lookupAll(".diff-search-hit")).as("highlight shapes on screen").hasSizeGreaterThan(3);
        assertThat(area.getSelectedText()).isEqualTo("ctx 1");
        int first = area.getCurrentParagraph();
        robot.interact(() -> bar.field().fireEvent(key(KeyCode.ENTER, false)));
        assertThat(bar.countText()).isEqualTo("2 of 11");
        assertThat(area.getCurrentParagraph()).isGreaterThan(first);
        robot.interact(() -> bar.field().fireEvent(key(KeyCode.ENTER, true)));
        robot.interact(() -> bar.field().fireEvent(key(KeyCode.ENTER, true)));
        assertThat(bar.countText()).isEqualTo("11 of 11"); // wraps backwards
        robot.interact(() -> bar.field().setText("CTX"));
        assertThat(bar.countText()).isEqualTo("No matches"); // a capital letter matches case exactly
        robot.interact(() -> bar.field().fireEvent(key(KeyCode.ESCAPE, false)));
        assertThat(bar.isVisible()).isFalse();
        assertThat(area.isFocused()).isTrue();
    }

    @Test
    void textSizeAndSoftWrapApplyToTheAreasOnScreenAndToTheNextFile(FxRobot robot) {
        show(robot, FoldingTest.longContext(5), false);
        robot.interact(() -> {
            view.zoom(3);
            view.wrapProperty().set(true);
        });
        assertThat(view.area().getStyle()).contains("-fx-font-size: 16px");
        assertThat(view.area().isWrapText()).isTrue();
        show(robot, FoldingTest.longContext(6), true);
        assertThat(view.rightArea().getStyle()).contains("-fx-font-size: 16px");
        assertThat(view.rightArea().isWrapText()).isFalse(); // the split view keeps its sides level
        robot.interact(() -> view.zoom(-100));
        assertThat(view.fontSizeProperty().get()).isEqualTo(DiffView.MIN_FONT_SIZE);
        robot.interact(() -> view.zoom(0));
        assertThat(view.fontSizeProperty().get()).isEqualTo(DiffView.DEFAULT_FONT_SIZE);
    }

    @Test
    void theCaretsLocationIsTheNewLineOrTheOldOneForARemovedLine(FxRobot robot) {
        show(robot, FoldingTest.longContext(5), false);
        robot.interact(() -> view.area().moveTo(1, 0)); // the removed line
        assertThat(view.caretLocation()).contains(new DiffView.Location("src/lib.rs", dev.rustreview.model.Side.OLD, 10));
        assertThat(view.caretLocation().orElseThrow().text()).isEqualTo("src/lib.rs:10 (old side)");
        robot.interact(() -> view.area().moveTo(2, 0)); // the added line
        assertThat(view.caretLocation().orElseThrow().text()).isEqualTo("src/lib.rs:10");
        robot.interact(() -> view.area().moveTo(0, 0)); // the hunk header
        assertThat(view.caretLocation()).isEmpty();
    }

    private static javafx.scene.input.KeyEvent key(KeyCode code, boolean shift) {
        return new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", code, shift, false,
                false, false);
    }

    private static FileChange file(boolean binary) {
        return new FileChange("data/big.sql", "data/big.sql", ChangeType.MODIFIED, 0, FileKind.REGULAR,
                FileKind.REGULAR, "1", "2", 9_000_000, 9_500_000, binary, !binary, "sql", "UTF-8", List.of());
    }

    private static InlineThread thread(String id, Side side, int line, boolean resolved) {
        return new InlineThread(id, side, line, resolved, "\u25b8 summary " + id,
                List.of("\u25be head " + id, "    text of " + id, "    keys"));
    }

    @Test
    void threadsShowUnderTheirLineWithoutShiftingLinesAndCollapseOnEnter(FxRobot robot) {
        show(robot, FoldingTest.longContext(20), false);
        CodeArea area = view.area();
        List<DiffRow> before = view.shownRowsNow();
        robot.interact(() -> view.setThreads(List.of(thread("t1", Side.NEW, 10, false),
                thread("t2", Side.OLD, 10, true))));
        WaitForAsyncUtils.waitForFxEvents();
        // header, -10 (+ t2 collapsed: resolved), +10 (+ t1 open: three rows), ...
        assertThat(area.getParagraph(1).getText()).isEqualTo("let a = 1;");
        assertThat(area.getParagraph(2).getText()).isEqualTo("\u25b8 summary t2");
        assertThat(area.getParagraph(2).getParagraphStyle()).containsExactly("diff-thread");
        assertThat(area.getParagraph(3).getText()).isEqualTo("let a = 2;");
        assertThat(area.getParagraph(4).getText()).isEqualTo("\u25be head t1");
        assertThat(area.getParagraph(6).getText()).isEqualTo("    keys");
        assertThat(area.getParagraph(7).getText()).isEqualTo("ctx 0");
        assertThat(area.getParagraph(7).getParagraphStyle()).containsExactly("diff-context");
        assertThat(area.getParagraphs()).hasSize(before.size() + 4);
        // Thread rows are no lines: findings, notes and selections still map to the same lines.
        assertThat(view.shownRowsNow().stream().filter(r -> r.kind() != RowKind.THREAD).toList()).isEqualTo(before);
        robot.interact(() -> view.area().selectRange(3, 0, 8, 2));
        assertThat(view.selectedLines()).contains(new LineSelection("src/lib.rs", Side.NEW, 10, 12, 0));
        robot.interact(() -> assertThat(view.showLine(Side.NEW, 11)).isTrue());
        assertThat(view.caretDiffRow().newLine()).isEqualTo(11);
        assertThat(area.getCurrentParagraph()).isEqualTo(7);

        // The caret on a thread's row names it; on its line too.
        robot.interact(() -> area.moveTo(5, 0));
        assertThat(view.threadAtCaret()).contains("t1");
        robot.interact(() -> area.moveTo(3, 0));
        assertThat(view.threadAtCaret()).contains("t1");
        robot.interact(() -> area.moveTo(7, 0));
        assertThat(view.threadAtCaret()).isEmpty();

        robot.interact(() -> {
            area.moveTo(4, 0);
            area.requestFocus();
        });
        robot.type(KeyCode.ENTER);
        assertThat(view.area().getParagraph(4).getText()).isEqualTo("\u25b8 summary t1");
        assertThat(view.area().getParagraph(5).getText()).isEqualTo("ctx 0");
        assertThat(view.threadStates()).containsEntry("t1", true).containsEntry("t2", true);

        robot.interact(view::toggleAllThreads); // all collapsed: opens them all
        assertThat(view.threadStates()).containsEntry("t1", false).containsEntry("t2", false);
        assertThat(area.getParagraphs()).hasSize(before.size() + 6);

        // Opening a fold keeps threads under their lines and the text the document's plus the threads'.
        robot.interact(() -> view.setThreads(List.of(thread("t3", Side.NEW, 20, false))));
        int fold = view.shownRowsNow().indexOf(view.shownRowsNow().stream()
                .filter(r -> r.kind() == RowKind.FOLD).findFirst().orElseThrow());
        assertThat(area.getParagraph(fold + 1).getText()).isEqualTo("\u25be head t3");
        robot.interact(() -> view.expandAll());
        int line20 = view.shownRowsNow().indexOf(view.shownRowsNow().stream()
                .filter(r -> r.kind() == RowKind.CONTEXT && r.newLine() == 20).findFirst().orElseThrow());
        assertThat(area.getParagraph(line20 + 1).getText()).isEqualTo("\u25be head t3");
        assertThat(view.shownRowsNow().stream().filter(r -> r.kind() != RowKind.THREAD).toList())
                .isEqualTo(view.current().rows());

        robot.interact(() -> view.setThreads(List.of()));
        assertThat(area.getText()).isEqualTo(view.current().text());
    }

    @Test
    void theSplitViewShowsAThreadOnItsSideAndKeepsBothSidesLevel(FxRobot robot) {
        show(robot, FoldingTest.longContext(20), true);
        int rows = view.rightArea().getParagraphs().size();
        robot.interact(() -> view.setThreads(List.of(thread("t1", Side.OLD, 10, false))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.leftArea().getParagraphs()).hasSize(rows + 3);
        assertThat(view.rightArea().getParagraphs()).hasSize(rows + 3);
        assertThat(view.leftArea().getParagraph(2).getText()).isEqualTo("\u25be head t1");
        assertThat(view.rightArea().getParagraph(2).getText()).isEmpty();
        assertThat(view.rightArea().getParagraph(2).getParagraphStyle()).containsExactly("diff-thread");
        List<String> replied = new CopyOnWriteArrayList<>();
        List<String> resolved = new CopyOnWriteArrayList<>();
        robot.interact(() -> {
            view.setOnThreadReply(replied::add);
            view.setOnThreadResolve(resolved::add);
            view.rightArea().moveTo(3, 0);
            view.rightArea().requestFocus();
        });
        // The right side's blank rows belong to the thread too.
        robot.interact(() -> assertThat(view.replyAtCaret()).isTrue());
        robot.interact(() -> assertThat(view.resolveAtCaret()).isTrue());
        assertThat(replied).containsExactly("t1");
        assertThat(resolved).containsExactly("t1");
    }

    private static FileChange twoHunks(int firstLine) {
        var h1 = new dev.rustreview.model.Hunk(firstLine, 1, firstLine, 1, List.of(
                new dev.rustreview.model.DiffLine(dev.rustreview.model.LineKind.REMOVED, firstLine, 0, "a", false, false),
                new dev.rustreview.model.DiffLine(dev.rustreview.model.LineKind.ADDED, 0, firstLine, "b", false, false)));
        var h2 = new dev.rustreview.model.Hunk(firstLine + 40, 1, firstLine + 40, 2, List.of(
                new dev.rustreview.model.DiffLine(dev.rustreview.model.LineKind.CONTEXT, firstLine + 40, firstLine + 40, "c", false, false),
                new dev.rustreview.model.DiffLine(dev.rustreview.model.LineKind.ADDED, 0, firstLine + 41, "d", false, false)));
        return new FileChange("src/lib.rs", "src/lib.rs", ChangeType.MODIFIED, 0, FileKind.REGULAR, FileKind.REGULAR,
                "1", "2", 100, 120, false, false, "rust", "UTF-8", List.of(h1, h2));
    }

    @Test
    void theSelectedUnitsRowsCarryTheBarAndTheCodeStaysInOneColumn(FxRobot robot) {
        show(robot, twoHunks(9), false);
        assertThat(inArea(view.area(), ".diff-gutter.current-unit")).isEmpty();
        robot.interact(() -> view.showHunk(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.currentUnit()).isEqualTo(1);
        // Rows: header 0, -a, +b, header 1, c, +d: the second unit's three rows have the bar.
        assertThat(inArea(view.area(), ".diff-gutter.current-unit")).hasSize(3);
        robot.interact(() -> view.showHunk(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inArea(view.area(), ".diff-gutter.current-unit")).hasSize(3);
        // The bar is a border every row reserves: every gutter box is as wide, barred or not, badge or numbers.
        robot.interact(() -> view.setHunkBadges(Map.of(1, new HunkBadge("accepted", "decision-accepted"))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inArea(view.area(), ".diff-gutter").stream().map(n -> Math.round(n.getLayoutBounds().getWidth()))
                .distinct()).hasSize(1);
        // A file with five-digit line numbers: wider numbers, still one width for every row.
        show(robot, twoHunks(10_000), false);
        robot.interact(() -> view.setLineNotes(List.of(new LineNote(Side.NEW, 10_041, "why"))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inArea(view.area(), ".diff-gutter").stream().map(n -> Math.round(n.getLayoutBounds().getWidth()))
                .distinct()).hasSize(1);
    }

    @Test
    void ignoringWhitespaceAsksForTheFileAgainAndShowsAReindentAsUnchanged(FxRobot robot) {
        var reindent = new FileChange("src/lib.rs", "src/lib.rs", ChangeType.MODIFIED, 0, FileKind.REGULAR,
                FileKind.REGULAR, "1", "2", 10, 10, false, false, "rust", "UTF-8", List.of(new dev.rustreview.model.Hunk(
                1, 1, 1, 1, List.of(new dev.rustreview.model.DiffLine(dev.rustreview.model.LineKind.REMOVED, 1, 0,
                        "  x();", false, false), new dev.rustreview.model.DiffLine(dev.rustreview.model.LineKind.ADDED,
                        0, 1, "    x();", false, false)))));
        List<String> asked = new CopyOnWriteArrayList<>();
        robot.interact(() -> view.setOnModeChange(() -> {
            asked.add("again");
            view.show(PreparedDiff.of(reindent, null, false, view.ignoreWhitespaceProperty().get()));
        }));
        show(robot, reindent, false);
        assertThat(view.area().getParagraph(1).getParagraphStyle()).containsExactly("diff-removed");
        robot.interact(() -> view.ignoreWhitespaceProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(asked).containsExactly("again");
        assertThat(view.area().getParagraphs()).hasSize(2);
        assertThat(view.area().getParagraph(0).getText()).endsWith("whitespace only");
        assertThat(view.area().getParagraph(1).getParagraphStyle()).containsExactly("diff-context");
        assertThat(view.area().getParagraph(1).getText()).isEqualTo("    x();");
        robot.interact(() -> view.ignoreWhitespaceProperty().set(false));
        assertThat(view.area().getParagraph(1).getParagraphStyle()).containsExactly("diff-removed");
    }

    @Test
    void markersSitInOneColumnWhateverTheLineNumbersDigits(FxRobot robot) {
        java.util.List<dev.rustreview.model.DiffLine> lines = new java.util.ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            lines.add(new dev.rustreview.model.DiffLine(dev.rustreview.model.LineKind.ADDED, 0, n, "x" + n, false, false));
        }
        FileChange file = new FileChange(null, "src/new.rs", ChangeType.ADDED, 0, FileKind.NONE, FileKind.REGULAR,
                null, "2", -1, 100, false, false, "rust", "UTF-8", List.of(new dev.rustreview.model.Hunk(0, 0, 1, 12, lines)));
        show(robot, file, false);
        List<LineNote> notes = new java.util.ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            notes.add(new LineNote(Side.NEW, n, "note " + n));
        }
        robot.interact(() -> view.setLineNotes(notes));
        WaitForAsyncUtils.waitForFxEvents();
        List<Node> markers = inArea(view.area(), ".note-cell");
        assertThat(markers).hasSize(12);
        // Lines 1-9 and 10-12 have one and two digits: the markers after them must not move.
        assertThat(markers.stream().map(n -> Math.round(n.localToScene(n.getLayoutBounds()).getMinX())).distinct())
                .hasSize(1);
    }
}
