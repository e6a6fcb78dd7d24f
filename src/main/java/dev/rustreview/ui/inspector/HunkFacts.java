package dev.rustreview.ui.inspector;

import static dev.rustreview.ui.inspector.InspectorNodes.badge;
import static dev.rustreview.ui.inspector.InspectorNodes.section;
import static dev.rustreview.ui.inspector.InspectorNodes.text;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.HBox;

/**
 * The read-only sections of a hunk from the analysis: its category and why, where its added lines came from
 * (commit, author, tool and the evidence for the verdict), and the items it sits in. Nothing here can be acted
 * on, which is why the pane shows the category above and the rest below the findings and annotations.
 */
final class HunkFacts {

    /** A whole new file touches dozens of items; the first few say where it is, the count says the rest. */
    private static final int MAX_ITEMS = 6;

    private HunkFacts() {
    }

    /** The category section: heading, badge and the analyzer's reason. */
    static List<Node> category(HunkDetails d) {
        return List.of(section("Category"), new HBox(6, badge(d.category(), "category-badge")),
                text(d.reason(), "inspector-text"));
    }

    /** The provenance section and, when there are any, the enclosing items. */
    static List<Node> provenanceAndItems(HunkDetails d) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(section("Provenance"));
        if (d.provenance().isEmpty()) {
            nodes.add(text("No added lines: nothing to attribute.", "muted"));
        }
        for (HunkDetails.Provenance p : d.provenance()) {
            nodes.add(new HBox(6, badge(p.verdict().label(), "verdict-" + p.verdict().label()),
                    text(p.commit() + "  " + p.subject(), "inspector-text")));
            nodes.add(text(p.author() + (p.tool() == null ? "" : "  \u00b7  " + p.tool()), "muted"));
            p.evidence().forEach(e -> nodes.add(text("\u2022 " + e, "muted")));
        }
        if (!d.items().isEmpty()) {
            nodes.add(section("Enclosing items"));
            d.items().stream().limit(MAX_ITEMS).forEach(i -> nodes.add(text(i, "code-text")));
            if (d.items().size() > MAX_ITEMS) {
                nodes.add(text("and " + (d.items().size() - MAX_ITEMS) + " more", "muted"));
            }
        }
        return nodes;
    }
}
