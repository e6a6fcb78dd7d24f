package dev.rustreview.ui.navigator;

import atlantafx.base.theme.Styles;
import java.util.Locale;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The change navigator: grouping switch, filter box, agent-only toggle and the grouped tree of hunks. */
public final class NavigatorPane extends VBox {

    private final NavigatorModel model;
    private final TreeView<NavNode> tree = new TreeView<>();
    private final TextField filter = new TextField();
    private final CheckBox onlyAgent = new CheckBox("Only agent-written");
    private final CheckBox hideDecided = new CheckBox("Hide decided");
    private final CheckBox advance = new CheckBox("Next after deciding");
    private final NoiseBar noise;
    private java.util.function.BiConsumer<NavNode, dev.rustreview.review.DecisionState> onBulkDecision = (n, s) -> { };
    private final ToggleGroup groups = new ToggleGroup();
    private boolean syncing;

    public NavigatorPane(NavigatorModel model) {
        this.model = model;
        this.noise = new NoiseBar(model);
        getStyleClass().add("navigator-pane");
        HBox switcher = new HBox();
        switcher.getStyleClass().add("grouping-switch");
        for (Grouping g : Grouping.values()) {
            ToggleButton b = new ToggleButton(g.label());
            b.setUserData(g);
            b.setToggleGroup(groups);
            b.getStyleClass().add(Styles.SMALL);
            b.setSelected(g == model.groupingProperty().get());
            b.setMaxWidth(Double.MAX_VALUE);
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a word, never "Categ…"
            b.setTooltip(new Tooltip("Group the units by " + g.label().toLowerCase(java.util.Locale.ROOT)));
            HBox.setHgrow(b, Priority.ALWAYS);
            switcher.getChildren().add(b);
        }
        int last = switcher.getChildren().size() - 1;
        for (int i = 0; i <= last; i++) {
            switcher.getChildren().get(i).getStyleClass().add(i == 0 ? Styles.LEFT_PILL
                    : i == last ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
        }
        groups.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t == null) {
                groups.selectToggle(old); // a grouping is always chosen
            } else {
                model.groupingProperty().set((Grouping) t.getUserData());
            }
        });
        model.groupingProperty().addListener((obs, o, g) -> groups.getToggles().stream()
                .filter(t -> t.getUserData() == g).findFirst().ifPresent(groups::selectToggle));
        filter.setPromptText("Filter: path, rule id or text  ( / )");
        filter.getStyleClass().add(Styles.SMALL);
        filter.textProperty().bindBidirectional(model.filterProperty());
        // Escape hands the keyboard back to the tree, so single-letter shortcuts work again.
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                tree.requestFocus();
                e.consume();
            }
        });
        onlyAgent.selectedProperty().bindBidirectional(model.onlyAgentProperty());
        onlyAgent.setTooltip(new Tooltip("Show only hunks whose added lines come from agent-written or assisted commits"));
        hideDecided.selectedProperty().bindBidirectional(model.hideDecidedProperty());
        hideDecided.setTooltip(new Tooltip("Hide hunks you accepted, rejected or marked for discussion"));
        tree.setShowRoot(false);
        tree.getStyleClass().add(Styles.DENSE);
        tree.setCellFactory(t -> new NodeCell(this));
        // The menu key (or Shift+F10) asks the tree, not a cell: offer the bulk decisions of the selected node,
        // or of the file a selected hunk belongs to.
        tree.setOnContextMenuRequested(e -> {
            TreeItem<NavNode> item = tree.getSelectionModel().getSelectedItem();
            while (item != null && item.getValue().kind() == NavNode.Kind.HUNK) {
                item = item.getParent();
            }
            if (e.isKeyboardTrigger() && item != null && item.getValue().kind() != NavNode.Kind.ROOT) {
                NodeCell.bulkMenu(this, item.getValue()).show(tree, e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
        Label title = new Label("Review");
        title.getStyleClass().add("pane-title");
        advance.selectedProperty().bindBidirectional(model.advanceAfterDecisionProperty());
        advance.setTooltip(new Tooltip("After accept, reject or discuss, select the next unit without a decision"));
        VBox controls = new VBox(6, switcher, filter, noise, new HBox(12, onlyAgent, hideDecided), advance,
                RoundMarksView.bar(model.marks()));
        controls.getStyleClass().add("navigator-controls");
        getChildren().addAll(title, controls, tree);
        VBox.setVgrow(tree, Priority.ALWAYS);
        model.rootProperty().addListener((obs, o, root) -> rebuild(root));
        model.marks().versionProperty().addListener((obs, o, n) -> rebuild(model.rootProperty().get()));
        tree.getSelectionModel().selectedItemProperty().addListener((obs, o, item) -> {
            if (!syncing && item != null && item.getValue().hunk() != null) {
                model.selectedProperty().set(item.getValue().hunk());
            }
        });
        model.selectedProperty().addListener((obs, o, ref) -> reveal(ref));
        rebuild(model.rootProperty().get());
    }

    private void rebuild(NavNode root) {
        syncing = true;
        try {
            TreeItem<NavNode> item = root == null ? null : item(root, 0, model.marks());
            tree.setRoot(item);
        } finally {
            syncing = false;
        }
        reveal(model.selectedProperty().get());
    }

    private static TreeItem<NavNode> item(NavNode node, int depth, RoundMarks marks) {
        TreeItem<NavNode> item = new TreeItem<>(node);
        // Groups start open so hunks are one keystroke away; large file lists stay compact at file level.
        item.setExpanded(depth < 2 || node.kind() == NavNode.Kind.FILE && node.children().size() <= 8);
        if (node.kind() == NavNode.Kind.FILE && marks.viewed(node.label())) {
            item.setExpanded(false); // a viewed file folds away, as on GitHub
        }
        node.children().forEach(c -> item.getChildren().add(item(c, depth + 1, marks)));
        return item;
    }

    private void reveal(HunkRef ref) {
        if (ref == null || tree.getRoot() == null) {
            return;
        }
        TreeItem<NavNode> found = find(tree.getRoot(), ref);
        if (found == null || tree.getSelectionModel().getSelectedItem() == found) {
            return;
        }
        for (TreeItem<NavNode> p = found.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
        syncing = true;
        try {
            tree.getSelectionModel().select(found);
        } finally {
            syncing = false;
        }
        int row = tree.getRow(found);
        if (row >= 0) {
            tree.scrollTo(Math.max(0, row - 3));
        }
    }

    private static TreeItem<NavNode> find(TreeItem<NavNode> item, HunkRef ref) {
        if (ref.equals(item.getValue().hunk())) {
            return item;
        }
        for (TreeItem<NavNode> c : item.getChildren()) {
            TreeItem<NavNode> f = find(c, ref);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** Focuses the filter box (the {@code /} shortcut). */
    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    /**
     * Called with a group, file or commit node and a decision when the reviewer picks "Accept all" (or
     * reject/discuss/reset) from its context menu; the window asks for confirmation and reasons.
     */
    public void setOnBulkDecision(java.util.function.BiConsumer<NavNode, dev.rustreview.review.DecisionState> action) {
        onBulkDecision = action;
    }

    /** The severity filter and muted-rule count. */
    public NoiseBar noiseBar() {
        return noise;
    }

    public TreeView<NavNode> tree() {
        return tree;
    }

    public TextField filterField() {
        return filter;
    }

    private static final class NodeCell extends TreeCell<NavNode> {
        private final NavigatorPane pane;

        NodeCell(NavigatorPane pane) {
            this.pane = pane;
        }

        @Override
        protected void updateItem(NavNode node, boolean empty) {
            super.updateItem(node, empty);
            setText(null);
            if (empty || node == null) {
                setGraphic(null);
                setTooltip(null);
                setContextMenu(null);
                return;
            }
            HBox row = new HBox(6);
            row.getStyleClass().add("nav-row");
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            if (node.kind() == NavNode.Kind.HUNK) {
                row.getChildren().add(DecisionGlyph.of(node.state(), node.changed()));
            } else {
                row.getChildren().add(progress(node));
            }
            // Badges first: a long path may be clipped at the pane's edge, the severity must not be.
            if (node.highest() != null) {
                row.getChildren().add(badge(node.highest().label(), "severity-" + node.highest().label()));
            }
            if (node.verdict() != null) {
                row.getChildren().add(badge(node.verdict().label(), "verdict-" + node.verdict().label()));
            }
            Label label = new Label(node.label());
            label.getStyleClass().add("nav-" + node.kind().name().toLowerCase(Locale.ROOT));
            label.setMinWidth(40);
            row.getChildren().add(label);
            String counts = node.kind() == NavNode.Kind.HUNK ? node.detail() : node.counts();
            Label count = new Label(counts);
            count.getStyleClass().add("muted");
            count.setMinWidth(Region.USE_PREF_SIZE);
            row.getChildren().add(count);
            RoundMarksView.decorate(pane.model.marks(), node, row, pane.model.entry(node.hunk()).orElse(null));
            setGraphic(row);
            setTooltip(node.detail().isEmpty() ? null : new Tooltip(node.label() + "\n" + node.detail()));
            setContextMenu(node.kind() == NavNode.Kind.HUNK ? null : bulkMenu(pane, node));
        }

        static javafx.scene.control.ContextMenu bulkMenu(NavigatorPane pane, NavNode node) {
            String n = node.hunks() == 1 ? "1 unit" : "all " + node.hunks() + " units";
            javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu();
            for (var state : dev.rustreview.review.DecisionState.values()) {
                String text = switch (state) {
                    case ACCEPTED -> "Accept " + n;
                    case REJECTED -> "Reject " + n + "\u2026";
                    case DISCUSS -> "Mark " + n + " for discussion";
                    case UNREVIEWED -> "Reset " + n + " to unreviewed";
                };
                javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(text);
                item.setOnAction(e -> pane.onBulkDecision.accept(node, state));
                menu.getItems().add(item);
            }
            return menu;
        }

        // A small bar of decided hunks: how far this group is, at a glance.
        private static javafx.scene.Node progress(NavNode node) {
            javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar(node.progress());
            bar.getStyleClass().add("nav-progress");
            bar.setPrefWidth(28);
            bar.setMinWidth(28);
            bar.setMaxHeight(6);
            return bar;
        }

        private static Label badge(String text, String style) {
            Label b = new Label(text);
            b.getStyleClass().addAll("badge", style);
            b.setMinWidth(Region.USE_PREF_SIZE);
            return b;
        }
    }
}
