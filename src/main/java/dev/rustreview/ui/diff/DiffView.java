package dev.rustreview.ui.diff;

import dev.rustreview.model.Side;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.TwoDimensional.Bias;

/**
 * The read-only, virtualised diff of one file, unified or side by side. Documents arrive fully styled
 * ({@link PreparedDiff}, built off the FX thread) and each file gets fresh text areas constructed around
 * them, so a large file costs one layout of the visible lines. Decisions, notes and folds change the
 * gutter or one paragraph range, never the whole document.
 */
public final class DiffView extends StackPane {

    private final StackPane unifiedHolder = new StackPane();
    private final SplitPane splitPane = new SplitPane();
    private final StackPane content = new StackPane(unifiedHolder);
    private final Button showAnyway = new Button("Show anyway");
    private final BooleanProperty split = new SimpleBooleanProperty(false);
    // Stand-ins for the mode not on screen, made once: building three areas per file costs a frame.
    private final DiffPane emptyUnified = DiffPane.empty(true, true);
    private final DiffPane emptyLeft = DiffPane.empty(true, false);
    private final DiffPane emptyRight = DiffPane.empty(false, true);
    private DiffPane unified = emptyUnified;
    private DiffPane left = emptyLeft;
    private DiffPane right = emptyRight;
    private DiffPane lastFocused = right;
    private PreparedDiff prepared;
    private Runnable onModeChange = () -> { };
    private Consumer<String> onShowAnyway = path -> { };
    private int wantedHunk = -1;
    private DiffDocument current = new DiffDocument("", List.of());
    private Map<Integer, HunkBadge> badges = Map.of();
    private Map<Side, Map<Integer, String>> notes = Map.of();
    private List<InlineThread> threads = List.of();
    private java.util.function.Predicate<dev.rustreview.model.Finding> findingFilter = f -> true;
    /** The hunk (unit) index the reviewer is on, barred in the gutter; -1 for none. */
    private int currentUnit = -1;
    /** Threads the reviewer collapsed or opened here, by id (true: collapsed); the rest follow "resolved". */
    private final Map<String, Boolean> collapsedChoice = new HashMap<>();
    private Consumer<String> onReply = id -> { };
    private Consumer<String> onResolve = id -> { };
    private final Recolouring recolouring = new Recolouring();
    private final DiffSearchBar search = new DiffSearchBar(() -> focused().area(), this::expandAll);
    private final ThreadReplyBar replyBar = new ThreadReplyBar(() -> focused().area().requestFocus());
    private final IntegerProperty fontSize = new SimpleIntegerProperty(DEFAULT_FONT_SIZE);
    private final BooleanProperty wrap = new SimpleBooleanProperty(false);
    private final BooleanProperty ignoreWhitespace = new SimpleBooleanProperty(false);
    private final BooleanProperty wholeFile = new SimpleBooleanProperty(false);
    /** Extra unchanged lines around each hunk of one file ({@code ]}), and the file they were asked for. */
    private int extraContext;
    private String extraContextPath = "";

    /** The diff's text size in pixels by default, and the range Ctrl+= / Ctrl+- move it in. */
    public static final int DEFAULT_FONT_SIZE = 13;
    public static final int MIN_FONT_SIZE = 8;
    public static final int MAX_FONT_SIZE = 32;

    public DiffView() {
        getStyleClass().add("diff-view");
        splitPane.getStyleClass().add("diff-split");
        showAnyway.getStyleClass().add("diff-show-anyway");
        showAnyway.setVisible(false);
        showAnyway.setOnAction(e -> onShowAnyway.accept(current.path()));
        StackPane.setAlignment(showAnyway, Pos.TOP_RIGHT);
        StackPane.setMargin(showAnyway, new Insets(4, 24, 0, 0));
        StackPane.setAlignment(search, Pos.TOP_RIGHT);
        StackPane.setMargin(search, new Insets(4, 24, 0, 0));
        StackPane.setAlignment(replyBar, Pos.BOTTOM_CENTER);
        StackPane.setMargin(replyBar, new Insets(0, 24, 12, 24));
        getChildren().addAll(content, showAnyway, search, replyBar);
        install(unified, left, right);
        fontSize.addListener((obs, o, n) -> applyLook());
        wrap.addListener((obs, o, n) -> applyLook());
        // The rows change (re-indented lines become context): the file is prepared again off the FX thread.
        wholeFile.addListener((obs, o, n) -> {
            if (prepared != null) {
                recolouring.cancel();
                onModeChange.run();
            }
        });
        ignoreWhitespace.addListener((obs, o, n) -> {
            if (prepared != null) {
                recolouring.cancel();
                onModeChange.run();
            }
        });
        split.addListener((obs, o, on) -> {
            recolouring.cancel(); // its panes belong to the other mode
            int hunk = hunkAtCaret(!on);
            content.getChildren().setAll(on ? splitPane : unifiedHolder);
            if (prepared != null && prepared.isSplit() == on) {
                paint(List.of(), true);
                if (hunk >= 0) {
                    showHunk(hunk);
                }
            } else if (prepared != null) {
                // The other mode is built off the FX thread on request; keep the hunk for when it arrives.
                wantedHunk = hunk;
                onModeChange.run();
            }
        });
    }

    /** Shows a prepared file (built for the current mode); call on the FX thread. */
    public void show(PreparedDiff diff) {
        show(diff, true);
    }

    // recolour: whether tree-sitter's colours are still to come (not when this is them).
    private void show(PreparedDiff diff, boolean recolour) {
        // The same file again (the analysis arrived and adds markers): keep the reader's place and folds.
        boolean samePlace = prepared != null && prepared.isSplit() == diff.isSplit()
                && current.path().equals(diff.doc().path()) && current.rows().size() == diff.doc().rows().size();
        CodeArea was = focused().area();
        int caret = samePlace ? was.getCurrentParagraph() : 0;
        int top = samePlace && !was.getVisibleParagraphs().isEmpty() ? was.firstVisibleParToAllParIndex() : 0;
        List<Integer> opened = samePlace ? focused().expandedFolds() : List.of();
        prepared = diff;
        current = diff.doc();
        showAnyway.setVisible(diff.showAnyway());
        if (diff.isSplit() != split.get()) {
            onModeChange.run(); // the mode changed while it was being built
            return;
        }
        paint(opened, recolour);
        reveal(caret, top);
        if (!samePlace) {
            search.fileChanged();
            collapsedChoice.clear();
            currentUnit = -1; // another file: the navigator's showHunk sets it again
            if (replyBar.isOpen()) {
                replyBar.close(); // its thread belongs to the file that was shown
            }
        }
        if (wantedHunk >= 0) {
            showHunk(wantedHunk);
            wantedHunk = -1;
        }
    }

    /** Called when the view needs the current file prepared again for the other mode. */
    public void setOnModeChange(Runnable action) {
        onModeChange = action;
    }

    /** Called with the file's path when the reviewer asks to see an over-size text file anyway. */
    public void setOnShowAnyway(Consumer<String> action) {
        onShowAnyway = action;
    }

    /** The decision badges by hunk index, shown on the hunks' header rows at once; replaces earlier ones. */
    public void setHunkBadges(Map<Integer, HunkBadge> byHunkIndex) {
        badges = Map.copyOf(byHunkIndex);
        refreshGutters();
    }

    /** Which findings get a gutter dot (the navigator's severity filter and muted rules); repaints the gutter. */
    public void setFindingFilter(java.util.function.Predicate<dev.rustreview.model.Finding> shown) {
        findingFilter = shown;
        refreshGutters();
    }

    /** The annotated lines, marked in the gutter with their tooltip; replaces earlier ones. */
    public void setLineNotes(List<LineNote> lineNotes) {
        Map<Side, Map<Integer, String>> bySide = new EnumMap<>(Side.class);
        for (LineNote n : lineNotes) {
            bySide.computeIfAbsent(n.side(), s -> new HashMap<>()).merge(n.line(), n.tooltip(), (a, b) -> a + "\n\n" + b);
        }
        notes = bySide;
        refreshGutters();
    }

    /**
     * The comment threads of this file, shown under their lines (resolved ones collapsed to one row unless the
     * reviewer opened them); replaces earlier ones.
     */
    public void setThreads(List<InlineThread> fileThreads) {
        threads = List.copyOf(fileThreads);
        applyThreads();
    }

    /** Called with a thread's id when the reviewer asks to reply to it in the diff ({@code r}, its menu). */
    public void setOnThreadReply(Consumer<String> action) {
        onReply = action;
    }

    /** Called with a thread's id when the reviewer resolves or reopens it in the diff ({@code Shift+R}, its menu). */
    public void setOnThreadResolve(Consumer<String> action) {
        onResolve = action;
    }

    private boolean collapsed(InlineThread t) {
        return collapsedChoice.getOrDefault(t.id(), t.resolved());
    }

    /** Collapses or opens one thread. */
    public void toggleThread(String id) {
        threads.stream().filter(t -> t.id().equals(id)).findFirst()
                .ifPresent(t -> collapsedChoice.put(id, !collapsed(t)));
        applyThreads();
    }

    /** Collapses every thread of the file when any is open, else opens them all. */
    public void toggleAllThreads() {
        boolean anyOpen = threads.stream().anyMatch(t -> !collapsed(t));
        threads.forEach(t -> collapsedChoice.put(t.id(), anyOpen));
        applyThreads();
    }

    /** The threads of the file as the diff shows them, for tests: id and whether collapsed. */
    Map<String, Boolean> threadStates() {
        Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        threads.forEach(t -> out.put(t.id(), collapsed(t)));
        return out;
    }

    /**
     * The thread at the caret: the one whose rows the caret is on, else the one ending on the caret's line
     * (the last of several); empty when none.
     */
    public Optional<String> threadAtCaret() {
        if (!ready()) {
            return Optional.empty();
        }
        DiffPane pane = split.get() ? (lastFocused == left ? left : right) : unified;
        int p = pane.area().getCurrentParagraph();
        DiffRow row = pane.rows().row(p);
        if (row != null && row.kind() == RowKind.THREAD) {
            String id = threadIds.get(pane).get(p);
            if (id != null) {
                return Optional.of(id);
            }
        }
        Optional<Location> at = caretLocation();
        if (at.isEmpty()) {
            return Optional.empty();
        }
        String found = null;
        for (InlineThread t : threads) {
            if (t.side() == at.get().side() && t.line() == at.get().line()) {
                found = t.id();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Replies to the thread at the caret; false when there is none. */
    public boolean replyAtCaret() {
        Optional<String> id = threadAtCaret();
        id.ifPresent(onReply);
        return id.isPresent();
    }

    /**
     * Opens the reply box over the diff's bottom edge for a thread ({@code summary} names it); {@code send}
     * records a reply and says whether it did.
     */
    public void openReply(String summary, java.util.function.Predicate<String> send) {
        replyBar.open(summary, send);
    }

    /** The reply box's text area while it is open, for tests; null when closed. */
    public javafx.scene.control.TextArea replyText() {
        return replyBar.isOpen() ? replyBar.text() : null;
    }

    /** Resolves (or reopens) the thread at the caret; false when there is none. */
    public boolean resolveAtCaret() {
        Optional<String> id = threadAtCaret();
        id.ifPresent(onResolve);
        return id.isPresent();
    }

    /** Per pane on screen, the thread id of each thread paragraph. */
    private final Map<DiffPane, Map<Integer, String>> threadIds = new java.util.IdentityHashMap<>();

    private void applyThreads() {
        threadIds.clear();
        if (!ready()) {
            return;
        }
        java.util.Set<String> closed = new java.util.HashSet<>();
        threads.stream().filter(this::collapsed).forEach(t -> closed.add(t.id()));
        if (split.get()) {
            // Both sides get the rows at the same paragraph (the anchor side's), text on the anchor's side only.
            left.showThreads(List.of());
            right.showThreads(List.of());
            java.util.function.ToIntFunction<InlineThread> after = t -> {
                DiffPane anchor = t.side() == Side.OLD ? left : right;
                return ThreadRows.paragraphAfter(anchor.rows(), anchor.full().rows(), t.side(), t.line());
            };
            List<Integer> afters = threads.stream().map(after::applyAsInt).toList();
            java.util.function.ToIntFunction<InlineThread> known = t -> afters.get(threads.indexOf(t));
            for (DiffPane pane : List.of(left, right)) {
                Side paneSide = pane == left ? Side.OLD : Side.NEW;
                List<ThreadRows.Block> blocks = ThreadRows.place(threads, known, closed, t -> t.side() != paneSide,
                        p -> hunkOf(pane, p));
                pane.showThreads(blocks);
                threadIds.put(pane, ids(blocks));
            }
        } else {
            unified.showThreads(List.of());
            List<ThreadRows.Block> blocks = ThreadRows.place(threads,
                    t -> ThreadRows.paragraphAfter(unified.rows(), unified.full().rows(), t.side(), t.line()), closed,
                    t -> false, p -> hunkOf(unified, p));
            unified.showThreads(blocks);
            threadIds.put(unified, ids(blocks));
        }
    }

    private static int hunkOf(DiffPane pane, int paragraph) {
        DiffRow r = pane.rows().row(paragraph);
        return r == null ? -1 : r.hunk();
    }

    // Paragraph indices after every block is in: blocks come last-first, so an earlier block shifts none of them.
    private static Map<Integer, String> ids(List<ThreadRows.Block> blocks) {
        Map<Integer, String> out = new HashMap<>();
        List<ThreadRows.Block> inOrder = new java.util.ArrayList<>(blocks);
        java.util.Collections.reverse(inOrder);
        int shift = 0;
        for (ThreadRows.Block b : inOrder) {
            for (int k = 0; k < b.ids().size(); k++) {
                out.put(b.after() + shift + 1 + k, b.ids().get(k));
            }
            shift += b.rows().size();
        }
        return out;
    }

    private void refreshGutters() {
        for (DiffPane p : List.of(unified, left, right)) {
            p.refreshGutter(badges, notes, findingFilter, currentUnit);
        }
    }

    // Only the visible mode is painted: the hidden one is filled when the reviewer switches to it.
    private void paint(List<Integer> opened, boolean recolour) {
        if (split.get()) {
            install(emptyUnified, new DiffPane(prepared.left(), true, false), new DiffPane(prepared.right(), false, true));
        } else {
            install(new DiffPane(prepared.unified(), true, true), emptyLeft, emptyRight);
        }
        for (int from : opened) {
            int p = focused().rows().paragraphOf(from);
            expandFold(p);
        }
        applyThreads();
        if (recolour && prepared.rust()) {
            // The lexer's colours are on screen; tree-sitter's follow for the rows where they differ.
            recolouring.start(prepared, shownPanes(), rebuilt -> show(rebuilt, false));
        } else if (recolour) {
            recolouring.cancel();
        }
    }

    /** Opens the search bar ({@code Ctrl+F}), or moves its focus back to the field when it is open. */
    public void openSearch() {
        search.open();
    }

    /** Next ({@code 1}) or previous ({@code -1}) search match; opens the bar when it is closed. */
    public void findNext(int delta) {
        search.move(delta);
    }

    DiffSearchBar search() {
        return search;
    }

    /** The diff's font size in pixels ({@value #MIN_FONT_SIZE}–{@value #MAX_FONT_SIZE}); the window remembers it. */
    public IntegerProperty fontSizeProperty() {
        return fontSize;
    }

    /** Changes the font size by {@code delta} pixels within the allowed range; 0 resets it. */
    public void zoom(int delta) {
        int size = delta == 0 ? DEFAULT_FONT_SIZE : fontSize.get() + delta;
        fontSize.set(Math.max(MIN_FONT_SIZE, Math.min(MAX_FONT_SIZE, size)));
    }

    /**
     * Soft wrap of long lines in the unified view. The split view never wraps: its two sides must stay row for
     * row level, and a line wrapping on one side only would push them apart.
     */
    public BooleanProperty wrapProperty() {
        return wrap;
    }

    /**
     * Whether lines that differ only in whitespace show as unchanged ({@link WhitespaceView}); whoever prepares
     * the file reads it, and a change asks for the file again.
     */
    public BooleanProperty ignoreWhitespaceProperty() {
        return ignoreWhitespace;
    }

    /**
     * Whether every file shows whole (its new side, changes marked; {@code w}); the file is prepared again when it
     * changes. Toggling back returns to the diff with the unit still selected.
     */
    public BooleanProperty wholeFileProperty() {
        return wholeFile;
    }

    /**
     * The unchanged lines to show around each hunk of {@code path}: all of them in the whole-file view, the
     * steps asked for on that file ({@code ]}), else none beyond git's.
     */
    public int extraContextFor(String path) {
        if (wholeFile.get()) {
            return WideContext.WHOLE_FILE;
        }
        return path.equals(extraContextPath) ? extraContext : 0;
    }

    /** Shows {@code steps} × {@value WideContext#STEP} more (or, negative, fewer) unchanged lines around each hunk. */
    public void moreContext(int steps) {
        if (prepared == null || current.path().isEmpty()) {
            return;
        }
        int now = extraContextFor(current.path());
        int next = Math.max(0, (now == WideContext.WHOLE_FILE ? 0 : now) + steps * WideContext.STEP);
        if (next == now) {
            return;
        }
        extraContext = next;
        extraContextPath = current.path();
        recolouring.cancel();
        onModeChange.run();
    }

    private void applyLook() {
        String style = "-fx-font-size: " + fontSize.get() + "px;";
        for (DiffPane p : List.of(unified, left, right)) {
            p.area().setStyle(style);
        }
        unified.area().setWrapText(wrap.get());
        left.area().setWrapText(false);
        right.area().setWrapText(false);
    }

    /** Stops the colouring thread this view owns (the window is closing); the view still shows what it has. */
    public void close() {
        recolouring.close();
    }

    /** Whether {@link #close} stopped the colouring thread, for tests. */
    boolean isClosed() {
        return recolouring.isClosed();
    }

    /** For tests and the benchmark: called on the FX thread with how long applying tree-sitter's colours took. */
    void setOnRecoloured(java.util.function.LongConsumer action) {
        recolouring.setOnDone(action);
    }

    // The mode not on screen gets empty panes so a hidden 20,000-line document is not kept alive.
    private void install(DiffPane newUnified, DiffPane newLeft, DiffPane newRight) {
        boolean hadFocus = focused().area().isFocused();
        left.area().estimatedScrollYProperty().unbindBidirectional(right.area().estimatedScrollYProperty());
        unified = newUnified;
        left = newLeft;
        right = newRight;
        lastFocused = right;
        List.of(unified, left, right).stream().filter(DiffPane::firstUse).forEach(this::hook);
        // Both sides have the same paragraphs (fillers keep them level), so one scroll offset fits both.
        left.area().estimatedScrollYProperty().bindBidirectional(right.area().estimatedScrollYProperty());
        applyLook();
        unifiedHolder.getChildren().setAll(unified.scroll());
        splitPane.getItems().setAll(left.scroll(), right.scroll());
        if (hadFocus) {
            focused().area().requestFocus();
        }
    }

    private void hook(DiffPane pane) {
        CodeArea a = pane.area();
        pane.refreshGutter(badges, notes, findingFilter, currentUnit);
        a.focusedProperty().addListener((obs, o, on) -> {
            if (on) {
                lastFocused = pane;
            }
        });
        a.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress() && a.getSelection().getLength() == 0) {
                int at = a.hit(e.getX(), e.getY()).getInsertionIndex();
                int p = a.offsetToPosition(at, Bias.Forward).getMajor();
                String thread = threadAt(pane, p);
                if (thread != null) {
                    toggleThread(thread);
                } else if (WideContext.isHiddenSpan(pane.rows().row(p))) {
                    moreContext(1);
                } else {
                    expandAt(p);
                }
            }
        });
        a.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != KeyCode.ENTER || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            String thread = threadAt(pane, a.getCurrentParagraph());
            if (thread != null) {
                toggleThread(thread);
                e.consume();
            } else if (WideContext.isHiddenSpan(pane.rows().row(a.getCurrentParagraph()))) {
                moreContext(1);
                e.consume();
            } else if (expandAt(a.getCurrentParagraph())) {
                e.consume();
            }
        });
        a.setContextMenu(threadMenu(pane));
    }

    // Expands in every pane of the mode on screen: the split sides fold at the same paragraphs. A thread under a
    // line the fold hid moves from below the fold to below its line.
    private boolean expandAt(int paragraph) {
        boolean any = expandFold(paragraph);
        if (any && !threads.isEmpty()) {
            applyThreads();
        }
        return any;
    }

    private boolean expandFold(int paragraph) {
        if (paragraph < 0) {
            return false;
        }
        boolean any = false;
        for (DiffPane p : shownPanes()) {
            any |= p.expand(paragraph);
        }
        return any;
    }

    /** Opens every folded run of unchanged lines in the pane(s) on screen. */
    public void expandAll() {
        shownPanes().forEach(DiffPane::expandAll);
        if (!threads.isEmpty()) {
            applyThreads();
        }
    }

    // Right-click on a thread's rows: reply, resolve or reopen, collapse; the caret moves there first.
    private javafx.scene.control.ContextMenu threadMenu(DiffPane pane) {
        CodeArea a = pane.area();
        javafx.scene.control.MenuItem reply = new javafx.scene.control.MenuItem("Reply to this thread\u2026");
        javafx.scene.control.MenuItem resolve = new javafx.scene.control.MenuItem("Resolve or reopen this thread");
        javafx.scene.control.MenuItem fold = new javafx.scene.control.MenuItem("Collapse or expand this thread");
        javafx.scene.control.MenuItem all = new javafx.scene.control.MenuItem("Collapse or expand all threads");
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(reply, resolve, fold, all);
        String[] target = new String[1];
        a.addEventHandler(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            int p = a.getCurrentParagraph();
            if (!e.isKeyboardTrigger()) {
                p = a.offsetToPosition(a.hit(e.getX(), e.getY()).getInsertionIndex(), Bias.Forward).getMajor();
                a.moveTo(p, 0);
            }
            target[0] = threadAt(pane, p);
            boolean on = target[0] != null;
            reply.setDisable(!on);
            resolve.setDisable(!on);
            fold.setDisable(!on);
            all.setDisable(threads.isEmpty());
        });
        reply.setOnAction(e -> {
            if (target[0] != null) {
                onReply.accept(target[0]);
            }
        });
        resolve.setOnAction(e -> {
            if (target[0] != null) {
                onResolve.accept(target[0]);
            }
        });
        fold.setOnAction(e -> {
            if (target[0] != null) {
                toggleThread(target[0]);
            }
        });
        all.setOnAction(e -> toggleAllThreads());
        return menu;
    }

    /** The thread whose row is paragraph {@code p} of {@code pane}, or null. */
    private String threadAt(DiffPane pane, int p) {
        Map<Integer, String> ids = threadIds.get(pane);
        return ids == null ? null : ids.get(p);
    }

    private List<DiffPane> shownPanes() {
        return split.get() ? List.of(left, right) : List.of(unified);
    }

    /** The unit (hunk index) barred in the gutter as the one the reviewer is on. */
    public int currentUnit() {
        return currentUnit;
    }

    /**
     * Scrolls hunk {@code index}'s header to the top, leaving a line above it, and puts the caret there; its rows
     * get the current-unit bar in the gutter.
     */
    public void showHunk(int index) {
        if (currentUnit != index) {
            currentUnit = index;
            refreshGutters();
        }
        List<DiffRow> rows = shownRows();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).hunk() == index && rows.get(i).kind() == RowKind.HUNK_HEADER) {
                reveal(i, Math.max(0, i - 1));
                return;
            }
        }
    }

    /**
     * Scrolls to line {@code line} of {@code side} (a finding's first line), a few rows below the top,
     * opening the fold that hides it.
     */
    public boolean showLine(Side side, int line) {
        if (!ready()) {
            return false;
        }
        // Removed lines exist only on the split view's left side; its paragraphs match the right's.
        DiffPane pane = split.get() && side == Side.OLD ? left : focused();
        List<DiffRow> full = pane.full().rows();
        for (int i = 0; i < full.size(); i++) {
            DiffRow r = full.get(i);
            boolean numbered = r.kind() == RowKind.ADDED || r.kind() == RowKind.REMOVED || r.kind() == RowKind.CONTEXT;
            if (numbered && r.lineOn(side) == line) {
                int p = pane.rows().paragraphOf(i);
                if (pane.rows().row(p).kind() == RowKind.FOLD) {
                    expandAt(p);
                    p = pane.rows().paragraphOf(i);
                }
                reveal(p, Math.max(0, p - 5));
                return true;
            }
        }
        return false;
    }

    // Moves the caret and scrolls; in the split view both sides, since the scroll binding only follows
    // user scrolling reliably, not a programmatic jump made before the next layout.
    private void reveal(int row, int top) {
        CodeArea a = focused().area();
        a.moveTo(Math.min(row, a.getParagraphs().size() - 1), 0);
        a.showParagraphAtTop(top);
        if (split.get()) {
            left.area().moveTo(Math.min(row, left.area().getParagraphs().size() - 1), 0);
            left.area().showParagraphAtTop(top);
        }
    }

    private boolean ready() {
        return prepared != null && prepared.isSplit() == split.get();
    }

    private List<DiffRow> shownRows() {
        return ready() ? focused().rows().rows() : List.of();
    }

    private int hunkAtCaret(boolean splitMode) {
        if (prepared == null || prepared.isSplit() != splitMode) {
            return -1;
        }
        DiffPane pane = splitMode ? right : unified;
        DiffRow row = pane.rows().row(pane.area().getCurrentParagraph());
        return row == null ? -1 : row.hunk();
    }

    /** The index of the hunk at the caret in the visible pane, -1 when none (file notes, nothing shown). */
    public int currentHunk() {
        DiffRow row = caretDiffRow();
        return row == null ? -1 : row.hunk();
    }

    /**
     * The lines under the caret or selection in the pane the reviewer last used (in the split view, the
     * side they clicked), for commenting; empty on a header, a note or before a file is shown.
     */
    public Optional<LineSelection> selectedLines() {
        if (!ready()) {
            return Optional.empty();
        }
        DiffPane pane = split.get() ? (lastFocused == left ? left : right) : unified;
        var sel = pane.area().getCaretSelectionBind();
        int from = sel.getStartParagraphIndex();
        int to = sel.getEndParagraphIndex();
        // A selection of whole lines ends at the start of the next one, which is not part of it.
        if (to > from && sel.getEndColumnPosition() == 0) {
            to--;
        }
        return LineSelection.of(current.path(), pane.rows().rows(), from, to);
    }

    /** A line of one side of a file: where "copy path:line" and "open in editor" go. */
    public record Location(String path, Side side, int line) {
        /** {@code src/lib.rs:42}, with " (old side)" for a line only the base has. */
        public String text() {
            return path + ":" + line + (side == Side.OLD ? " (old side)" : "");
        }
    }

    /**
     * The line at the caret in the pane the reviewer last used: its new-side line, or its old-side line for a
     * removed line (and on the split view's left side). Empty on headers, folds and notes.
     */
    public Optional<Location> caretLocation() {
        if (!ready() || current.path().isEmpty()) {
            return Optional.empty();
        }
        DiffPane pane = split.get() ? (lastFocused == left ? left : right) : unified;
        DiffRow row = pane.rows().row(pane.area().getCurrentParagraph());
        if (row == null || row.kind() != RowKind.ADDED && row.kind() != RowKind.REMOVED && row.kind() != RowKind.CONTEXT) {
            return Optional.empty();
        }
        boolean oldSide = pane == left || row.kind() == RowKind.REMOVED;
        Side side = oldSide ? Side.OLD : Side.NEW;
        int line = row.lineOn(side);
        return line > 0 ? Optional.of(new Location(current.path(), side, line)) : Optional.empty();
    }

    /** The paragraph the caret is on in the visible pane (the new side when split). */
    public int caretRow() {
        return focused().area().getCurrentParagraph();
    }

    /** The row at the caret, in whichever view is showing. */
    public DiffRow caretDiffRow() {
        return ready() ? focused().rows().row(caretRow()) : null;
    }

    private DiffPane focused() {
        return split.get() ? right : unified;
    }

    public BooleanProperty splitProperty() {
        return split;
    }

    /** The file's full document (folds open). */
    public DiffDocument current() {
        return current;
    }

    /** The rows the visible pane shows now (folds as the reviewer left them; the new side when split). */
    public List<DiffRow> shownRowsNow() {
        return List.copyOf(focused().rows().rows());
    }

    /** The unified text area, for focus handling and tests; a new one for each file shown. */
    public CodeArea area() {
        return unified.area();
    }

    /** The split view's old (left) and new (right) areas; new ones for each file shown. */
    public CodeArea leftArea() {
        return left.area();
    }

    public CodeArea rightArea() {
        return right.area();
    }

}
