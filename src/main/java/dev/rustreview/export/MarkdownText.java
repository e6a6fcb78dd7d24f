package dev.rustreview.export;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Markdown building blocks that keep repository and reviewer text literal on GitHub. */
final class MarkdownText {

    // Characters that start inline markup anywhere (links, code, emphasis, HTML, entities, tables, strikethrough).
    private static final Pattern SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>#|~&]");
    // Block markup only counts at the start of a line: list markers, ordered lists, setext underlines.
    private static final Pattern LINE_START = Pattern.compile("(?m)^(\\s*)(\\d*)([-+=.)])");
    private static final Pattern TICKS = Pattern.compile("`+");

    private MarkdownText() {
    }

    /** Plain text as Markdown: punctuation backslash-escaped, so nothing becomes a link, tag or emphasis. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        String inline = SPECIAL.matcher(text).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
        return LINE_START.matcher(inline).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + "\\" + m.group(3)));
    }

    /** Escaped text whose extra lines stay inside a list item indented by {@code indent}. */
    static String escapeBlock(String text, String indent) {
        return String.join("  \n" + indent, escape(text).split("\\R", -1));
    }

    /** A fenced code block; the fence is longer than any backtick run in the code, so the code cannot close it. */
    static String fence(List<String> lines, String language, String indent) {
        int longest = 0;
        for (String line : lines) {
            Matcher m = TICKS.matcher(line);
            while (m.find()) {
                longest = Math.max(longest, m.group().length());
            }
        }
        String f = "`".repeat(Math.max(3, longest + 1));
        StringBuilder sb = new StringBuilder(indent).append(f).append(language).append('\n');
        for (String line : lines) {
            sb.append(indent).append(line).append('\n');
        }
        return sb.append(indent).append(f).append('\n').toString();
    }

    static String language(String path) {
        if (path == null) {
            return "";
        }
        if (path.endsWith(".rs")) {
            return "rust";
        }
        return path.endsWith(".toml") ? "toml" : "";
    }
}
