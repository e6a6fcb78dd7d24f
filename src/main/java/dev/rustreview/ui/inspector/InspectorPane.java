package dev.rustreview.ui.inspector;

import dev.rustreview.model.ClippyLint;
import dev.rustreview.model.Finding;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The right side, read-only: the current hunk's category and reason, enclosing items, provenance and
 * findings with their explanation, what to check before accepting and links to the related clippy lints.
 */
public final class InspectorPane extends VBox {

    private static final int MAX_ITEMS = 6;

    private final VBox content = new VBox(8);
    private final Consumer<String> openLink;

    /** {@code openLink} opens a URL in the user's browser (HostServices in the app). */
    public InspectorPane(InspectorModel model, Consumer<String> openLink) {
        this.openLink = openLink;
        getStyleClass().add("inspector-pane");
        Label title = new Label("Inspector");
        title.getStyleClass().add("pane-title");
        content.getStyleClass().add("inspector-content");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        getChildren().addAll(title, scroll);
        model.detailsProperty().addListener((obs, o, d) -> render(d));
        render(model.detailsProperty().get());
    }

    private void render(HunkDetails d) {
        content.getChildren().clear();
        if (d == null) {
            content.getChildren().add(text("Select a hunk in the navigator (or press j) to see its category, "
                    + "provenance and findings.", "muted"));
            return;
        }
        content.getChildren().add(text(d.title(), "inspector-title"));
        content.getChildren().add(section("Category"));
        content.getChildren().add(new HBox(6, badge(d.category(), "category-badge")));
        content.getChildren().add(text(d.reason(), "inspector-text"));
        // Findings first: they are what the reviewer must act on; where and who come after.
        content.getChildren().add(section(d.findings().isEmpty() ? "No findings" : "Findings (" + d.findings().size() + ")"));
        d.findings().forEach(f -> content.getChildren().add(finding(f)));
        content.getChildren().add(section("Provenance"));
        if (d.provenance().isEmpty()) {
            content.getChildren().add(text("No added lines: nothing to attribute.", "muted"));
        }
        for (HunkDetails.Provenance p : d.provenance()) {
            HBox head = new HBox(6, badge(p.verdict().label(), "verdict-" + p.verdict().label()),
                    text(p.commit() + "  " + p.subject(), "inspector-text"));
            content.getChildren().addAll(head, text(p.author() + (p.tool() == null ? "" : "  \u00b7  " + p.tool()), "muted"));
            p.evidence().forEach(e -> content.getChildren().add(text("\u2022 " + e, "muted")));
        }
        if (!d.items().isEmpty()) {
            content.getChildren().add(section("Enclosing items"));
            // A whole new file touches dozens of items; the first few say where it is, the count says the rest.
            d.items().stream().limit(MAX_ITEMS).forEach(i -> content.getChildren().add(text(i, "code-text")));
            if (d.items().size() > MAX_ITEMS) {
                content.getChildren().add(text("and " + (d.items().size() - MAX_ITEMS) + " more", "muted"));
            }
        }
    }

    private Node finding(Finding f) {
        VBox box = new VBox(4);
        box.getStyleClass().add("finding-card");
        HBox head = new HBox(6, badge(f.severity().label(), "severity-" + f.severity().label()),
                badge(f.ruleId(), "rule-badge"), text(f.title(), "finding-title"));
        box.getChildren().addAll(head, text(f.explanation(), "inspector-text"),
                text("Check before accepting", "subsection"), text(f.checkBeforeAccepting(), "inspector-text"));
        if (!f.lints().isEmpty()) {
            FlowPane links = new FlowPane(4, 0);
            links.getChildren().add(text("Clippy:", "muted"));
            for (ClippyLint lint : f.lints()) {
                Hyperlink link = new Hyperlink(lint.name());
                link.getStyleClass().add("lint-link");
                link.setOnAction(e -> openLink.accept(lint.url()));
                links.getChildren().add(link);
            }
            box.getChildren().add(links);
        }
        return box;
    }

    private static Label section(String title) {
        return text(title, "inspector-section");
    }

    private static Label text(String s, String style) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add(style);
        return l;
    }

    private static Label badge(String s, String style) {
        Label b = new Label(s);
        b.getStyleClass().addAll("badge", style);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** The rendered content, for tests. */
    public VBox content() {
        return content;
    }
}
