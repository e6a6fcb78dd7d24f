package dev.rustreview.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;
import org.owasp.encoder.Encode;

/**
 * Repository and reviewer text made safe for the HTML report: OWASP-encoded, with invisible bidirectional
 * controls shown as visible marks (they can make code read differently from how it compiles, CVE-2021-42574),
 * and reviewer Markdown rendered with raw HTML escaped and only http, https and mailto links kept.
 */
final class HtmlText {

    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
    private static final Pattern CONTROLS = Pattern.compile("[\\x00-\\x20\\x7F]");
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .urlSanitizer(new UrlSanitizer() {
                @Override
                public String sanitizeLinkUrl(String url) {
                    return safeLink(url);
                }

                @Override
                public String sanitizeImageUrl(String url) {
                    // A report must not fetch anything; the CSP would block it anyway.
                    return "";
                }
            }).build();

    private HtmlText() {
    }

    /** Text content: encoded, bidi controls made visible. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        StringBuilder run = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (isBidiControl(cp)) {
                out.append(Encode.forHtml(run.toString()));
                run.setLength(0);
                out.append("<span class=\"bidi\" title=\"invisible bidirectional control\">")
                        .append(codePointName(cp)).append("</span>");
            } else {
                run.appendCodePoint(cp);
            }
        });
        return out.append(Encode.forHtml(run.toString())).toString();
    }

    /** An attribute value (always written in double quotes); bidi controls become their names. */
    static String attr(String s) {
        return Encode.forHtmlAttribute(visibleBidi(s));
    }

    /** Reviewer Markdown as HTML; raw HTML in it shows as text. */
    static String markdown(String md) {
        Node doc = PARSER.parse(visibleBidi(md == null ? "" : md));
        imagesToLinks(doc);
        return RENDERER.render(doc);
    }

    /** A report fetches nothing, so an image becomes a link to it, showing its alt text. */
    private static void imagesToLinks(Node doc) {
        List<Image> images = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                images.add(image);
            }
        });
        for (Image image : images) {
            Link link = new Link(image.getDestination(), image.getTitle());
            Node child = image.getFirstChild();
            while (child != null) {
                Node next = child.getNext();
                link.appendChild(child);
                child = next;
            }
            image.insertBefore(link);
            image.unlink();
        }
    }

    /** The URL when its scheme is http, https or mailto, else {@code #} (relative links have no target here). */
    static String safeLink(String url) {
        // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:"), so drop them first.
        String cleaned = url == null ? "" : CONTROLS.matcher(url).replaceAll("");
        Matcher m = SCHEME.matcher(cleaned);
        return m.lookingAt() && LINK_SCHEMES.contains(m.group(1).toLowerCase(Locale.ROOT)) ? cleaned : "#";
    }

    static boolean isBidiControl(int cp) {
        return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static String visibleBidi(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (isBidiControl(cp)) {
                sb.append(codePointName(cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    private static String codePointName(int cp) {
        return String.format(Locale.ROOT, "[U+%04X]", cp);
    }
}
