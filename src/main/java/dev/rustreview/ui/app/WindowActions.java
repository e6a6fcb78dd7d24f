package dev.rustreview.ui.app;
import dev.rustreview.review.DecisionState;
import dev.rustreview.ui.actions.Action;
import dev.rustreview.ui.actions.CheatSheet;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The window's actions, in menu order: the single list that feeds the menus, shortcuts and cheat sheet. */
final class WindowActions {

    private WindowActions() {
    }

    static List<Action> of(MainWindow w, Runnable toggleTheme) {
        List<Action> list = new ArrayList<>();
        list.add(new Action("Repository", "Open folder\u2026", shortcut(KeyCode.O), w::chooseFolder));
        list.add(new Action("Repository", "Export review\u2026", shortcut(KeyCode.E), w::showExport));
        list.add(new Action("Repository", "Apply accepted\u2026", shortcutShift(KeyCode.A), w::showApplyAccepted));
        list.add(new Action("Repository", "Run compiler checks\u2026", shortcut(KeyCode.B), w::runCompilerChecks));
        list.add(new Action("Navigate", "Next unit", key(KeyCode.J), () -> w.navigator().moveHunk(1)));
        list.add(new Action("Navigate", "Previous unit", key(KeyCode.K), () -> w.navigator().moveHunk(-1)));
        list.add(new Action("Navigate", "Next file", shift(KeyCode.J), () -> moveFile(w, 1)));
        list.add(new Action("Navigate", "Previous file", shift(KeyCode.K), () -> moveFile(w, -1)));
        list.add(new Action("Navigate", "Next finding", key(KeyCode.F), w::nextFinding));
        list.add(new Action("Navigate", "Next undecided unit", key(KeyCode.N), () -> w.navigator().nextUnreviewed()));
        list.add(new Action("Navigate", "Filter the navigator", key(KeyCode.SLASH), () -> w.navigatorPane().focusFilter()));
        list.add(new Action("Navigate", "Go to file\u2026", shortcut(KeyCode.P), w::goToFile));
        list.add(new Action("Navigate", "Find in file\u2026", shortcut(KeyCode.F), () -> w.diffView().openSearch()));
        list.add(new Action("Navigate", "Find next", key(KeyCode.F3), () -> w.diffView().findNext(1)));
        list.add(new Action("Navigate", "Find previous", shift(KeyCode.F3), () -> w.diffView().findNext(-1)));
        list.add(new Action("Navigate", "Copy path:line", shortcutShift(KeyCode.C), w::copyLocation));
        list.add(new Action("Navigate", "Open in editor", shift(KeyCode.O), w::openInEditor));
        list.add(new Action("Review", "Accept unit", key(KeyCode.A), () -> w.hunkCommands().decide(DecisionState.ACCEPTED)));
        list.add(new Action("Review", "Reject unit\u2026", key(KeyCode.X), () -> w.hunkCommands().reject()));
        list.add(new Action("Review", "Needs discussion", key(KeyCode.D), () -> w.hunkCommands().decide(DecisionState.DISCUSS)));
        list.add(new Action("Review", "Comment on selected lines\u2026", key(KeyCode.C), () -> w.hunkCommands().comment()));
        list.add(new Action("Review", "Acknowledge finding\u2026", key(KeyCode.E), () -> w.hunkCommands().acknowledge()));
        list.add(new Action("Review", "Reply to comment thread\u2026", key(KeyCode.R), w::replyAtCaret));
        list.add(new Action("Review", "Resolve or reopen comment thread", shift(KeyCode.R), w::resolveAtCaret));
        list.add(new Action("Review", "Show changes since last review", shortcut(KeyCode.R), w::showSinceLast));
        list.add(new Action("Review", "Mark file as viewed", shift(KeyCode.V), w::toggleViewed));
        list.add(new Action("View", "Toggle split view", key(KeyCode.S),
                () -> w.diffView().splitProperty().set(!w.diffView().splitProperty().get())));
        list.add(new Action("View", "Soft wrap (unified view)", alt(KeyCode.Z),
                () -> w.diffView().wrapProperty().set(!w.diffView().wrapProperty().get())));
        list.add(new Action("View", "More context around changes", key(KeyCode.CLOSE_BRACKET),
                () -> w.diffView().moreContext(1)));
        list.add(new Action("View", "Less context around changes", key(KeyCode.OPEN_BRACKET),
                () -> w.diffView().moreContext(-1)));
        list.add(new Action("View", "Show whole file", key(KeyCode.W),
                () -> w.diffView().wholeFileProperty().set(!w.diffView().wholeFileProperty().get())));
        list.add(new Action("View", "Ignore whitespace", alt(KeyCode.W),
                () -> w.diffView().ignoreWhitespaceProperty().set(!w.diffView().ignoreWhitespaceProperty().get())));
        list.add(new Action("View", "Larger text", shortcut(KeyCode.EQUALS), () -> w.diffView().zoom(1)));
        list.add(new Action("View", "Smaller text", shortcut(KeyCode.MINUS), () -> w.diffView().zoom(-1)));
        list.add(new Action("View", "Default text size", shortcut(KeyCode.DIGIT0), () -> w.diffView().zoom(0)));
        list.add(new Action("View", "Toggle dark theme", key(KeyCode.T), toggleTheme));
        list.add(new Action("View", "Toggle since my last review", key(KeyCode.V), w::toggleSinceLast));
        list.add(new Action("View", "Collapse or expand comment threads", shift(KeyCode.C),
                () -> w.diffView().toggleAllThreads()));
        list.add(new Action("View", "Hide unchanged units", shift(KeyCode.U), () -> w.navigator().marks()
                .hideUnchangedProperty().set(!w.navigator().marks().hideUnchangedProperty().get())));
        list.add(new Action("Help", "Keyboard shortcuts", shift(KeyCode.SLASH),
                () -> CheatSheet.show(w.getScene().getWindow(), w.actions())));
        return List.copyOf(list);
    }

    // Without analysis (still running, cancelled) the navigator is empty; files still move through the list.
    private static void moveFile(MainWindow w, int delta) {
        if (w.navigator().visibleHunks().isEmpty()) {
            w.model().moveFile(delta);
        } else {
            w.navigator().moveFile(delta);
        }
    }

    private static KeyCombination key(KeyCode code) {
        return new KeyCodeCombination(code);
    }

    private static KeyCombination shortcutShift(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    private static KeyCombination alt(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.ALT_DOWN);
    }

    private static KeyCombination shift(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHIFT_DOWN);
    }
}
