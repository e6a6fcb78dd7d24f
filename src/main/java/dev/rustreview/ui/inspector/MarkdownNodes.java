package dev.rustreview.ui.inspector;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Renders a reviewer's Markdown as plain JavaFX nodes (no WebView): paragraphs and headings as text flows with
 * emphasis, strong and inline code; fenced and indented code blocks in monospace; bullet and ordered lists;
 * block quotes; links as clickable text followed by their URL. Raw HTML is shown as text, never interpreted.
 * Every text node carries a style class ({@code md-text}, {@code md-strong}, {@code md-emphasis}, {@code md-code})
 * so inspector.css can colour it from the theme.
 */
public final class MarkdownNodes {

    private static final Parser PARSER = Parser.builder().build();

    private MarkdownNodes() {
    }

    /** The rendered document; {@code openLink} is called with a link's URL when it is clicked. */
    public static VBox render(String markdown, Consumer<String> openLink) {
        VBox box = new VBox(6);
        box.getStyleClass().add("markdown");
        org.commonmark.node.Node doc = PARSER.parse(markdown == null ? "" : markdown);
        blocks(doc, box, openLink);
        return box;
    }

    private static void blocks(org.commonmark.node.Node parent, VBox into, Consumer<String> openLink) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            Node block = block(n, openLink);
            if (block != null) {
                into.getChildren().add(block);
            }
        }
    }

    private static Node block(org.commonmark.node.Node n, Consumer<String> openLink) {
        if (n instanceof Paragraph p) {
            return flow(p, openLink, "md-paragraph");
        }
        if (n instanceof Heading h) {
            TextFlow f = flow(h, openLink, "md-heading");
            f.getStyleClass().add("md-heading-" + Math.min(h.getLevel(), 3));
            return f;
        }
        if (n instanceof FencedCodeBlock c) {
            return codeBlock(c.getLiteral());
        }
        if (n instanceof IndentedCodeBlock c) {
            return codeBlock(c.getLiteral());
        }
        if (n instanceof HtmlBlock h) {
            return codeBlock(h.getLiteral());
        }
        if (n instanceof BulletList || n instanceof OrderedList) {
            return list(n, openLink);
        }
        if (n instanceof BlockQuote q) {
            VBox box = new VBox(4);
            box.getStyleClass().add("md-quote");
            blocks(q, box, openLink);
            return box;
        }
        if (n instanceof ThematicBreak) {
            Region rule = new Region();
            rule.getStyleClass().add("md-rule");
            return rule;
        }
        return null;
    }

    private static Node codeBlock(String literal) {
        String code = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        Label l = new Label(code);
        l.getStyleClass().add("md-code-block");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private static Node list(org.commonmark.node.Node list, Consumer<String> openLink) {
        VBox box = new VBox(2);
        box.getStyleClass().add("md-list");
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            Label marker = new Label(list instanceof OrderedList ? number++ + "." : "\u2022");
            marker.getStyleClass().add("md-list-marker");
            marker.setMinWidth(Region.USE_PREF_SIZE);
            VBox content = new VBox(4);
            blocks(item, content, openLink);
            HBox.setHgrow(content, Priority.ALWAYS);
            HBox row = new HBox(6, marker, content);
            box.getChildren().add(row);
        }
        return box;
    }

    private static TextFlow flow(org.commonmark.node.Node block, Consumer<String> openLink, String style) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add(style);
        block.accept(new Inlines(flow, openLink));
        return flow;
    }

    /** Appends a block's inline content to a text flow, tracking emphasis and strong nesting. */
    private static final class Inlines extends AbstractVisitor {
        private final TextFlow flow;
        private final Consumer<String> openLink;
        private int strong;
        private int emphasis;

        Inlines(TextFlow flow, Consumer<String> openLink) {
            this.flow = flow;
            this.openLink = openLink;
        }

        @Override
        public void visit(org.commonmark.node.Text text) {
            add(text.getLiteral());
        }

        @Override
        public void visit(StrongEmphasis node) {
            strong++;
            visitChildren(node);
            strong--;
        }

        @Override
        public void visit(Emphasis node) {
            emphasis++;
            visitChildren(node);
            emphasis--;
        }

        @Override
        public void visit(Code code) {
            Text t = new Text(code.getLiteral());
            t.getStyleClass().addAll("md-text", "md-code");
            flow.getChildren().add(t);
        }

        @Override
        public void visit(SoftLineBreak node) {
            add(" ");
        }

        @Override
        public void visit(HardLineBreak node) {
            add("\n");
        }

        @Override
        public void visit(HtmlInline node) {
            add(node.getLiteral());
        }

        @Override
        public void visit(Link link) {
            StringBuilder label = new StringBuilder();
            link.accept(new AbstractVisitor() {
                @Override
                public void visit(org.commonmark.node.Text text) {
                    label.append(text.getLiteral());
                }

                @Override
                public void visit(Code code) {
                    label.append(code.getLiteral());
                }
            });
            String url = link.getDestination();
            Hyperlink h = new Hyperlink(label.isEmpty() ? url : label.toString());
            h.getStyleClass().add("md-link");
            h.setOnAction(e -> openLink.accept(url));
            flow.getChildren().add(h);
            if (!label.isEmpty() && !label.toString().equals(url)) {
                Text t = new Text(" <" + url + ">");
                t.getStyleClass().addAll("md-text", "md-url");
                flow.getChildren().add(t);
            }
        }

        @Override
        public void visit(Image image) {
            add("[image: " + image.getDestination() + "]");
        }

        private void add(String s) {
            Text t = new Text(s);
            t.getStyleClass().add("md-text");
            if (strong > 0) {
                t.getStyleClass().add("md-strong");
            }
            if (emphasis > 0) {
                t.getStyleClass().add("md-emphasis");
            }
            flow.getChildren().add(t);
        }
    }
}
