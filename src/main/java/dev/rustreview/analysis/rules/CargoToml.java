package dev.rustreview.analysis.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal, line-based reading of a Cargo manifest: table headers and key/value entries with their line
 * ranges. Values stay as TOML text; arrays spanning several lines are joined. It does not validate TOML and
 * does not need to: it only has to find the same entries in the old and new manifest.
 */
final class CargoToml {

    /** {@code key = value} under {@code table}; dotted keys are split ({@code serde.version} is [serde, version]). */
    record Entry(List<String> table, List<String> key, String value, int startLine, int endLine) {
    }

    /** A {@code [table]} or {@code [[array]]} header. */
    record Header(List<String> table, int line) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Header> headers = new ArrayList<>();

    private CargoToml() {
    }

    List<Entry> entries() {
        return entries;
    }

    List<Header> headers() {
        return headers;
    }

    /** The last entry line of {@code table} (or its header line when empty), for line ranges of table-form items. */
    int lastLineOf(List<String> table, int headerLine) {
        int last = headerLine;
        for (Entry e : entries) {
            if (e.table().equals(table) && e.startLine() > headerLine) {
                last = Math.max(last, e.endLine());
            }
        }
        return last;
    }

    Optional<Entry> find(List<String> table, List<String> key) {
        return entries.stream().filter(e -> e.table().equals(table) && e.key().equals(key)).findFirst();
    }

    static CargoToml parse(String text) {
        CargoToml toml = new CargoToml();
        if (text == null) {
            return toml;
        }
        String[] lines = text.split("\n", -1);
        List<String> table = List.of();
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                String inner = line.startsWith("[[") ? line.replaceAll("^\\[\\[|\\]\\]$", "") : line.replaceAll("^\\[|\\]$", "");
                table = splitKey(inner);
                toml.headers.add(new Header(table, i + 1));
                continue;
            }
            int eq = indexOutsideQuotes(line, '=');
            if (eq < 0) {
                continue;
            }
            List<String> key = splitKey(line.substring(0, eq));
            StringBuilder value = new StringBuilder(line.substring(eq + 1).trim());
            int start = i;
            String delimiter = value.toString().startsWith("\"\"\"") ? "\"\"\"" : value.toString().startsWith("'''") ? "'''" : null;
            if (delimiter != null) {
                // Multi-line strings: read raw lines (no comment stripping) up to the closing delimiter.
                while (value.indexOf(delimiter, 3) < 0 && i + 1 < lines.length) {
                    i++;
                    value.append('\n').append(lines[i]);
                }
            }
            while (delimiter == null && unbalanced(value.toString()) && i + 1 < lines.length) {
                i++;
                value.append(' ').append(stripComment(lines[i]).trim());
            }
            toml.entries.add(new Entry(table, key, value.toString().trim(), start + 1, i + 1));
        }
        return toml;
    }

    /** A basic or literal string's content, or the text itself when it is not quoted. */
    static String unquote(String value) {
        String v = value.trim();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** The key/value pairs of an inline table {@code { a = 1, b = [..] }}, values as TOML text. */
    static Map<String, String> inlineTable(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        String v = value.trim();
        if (!v.startsWith("{") || !v.endsWith("}")) {
            return out;
        }
        for (String part : splitTopLevel(v.substring(1, v.length() - 1), ',')) {
            int eq = indexOutsideQuotes(part, '=');
            if (eq > 0) {
                out.put(String.join(".", splitKey(part.substring(0, eq))), part.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /** The unquoted items of an array {@code ["a", "b"]}. */
    static List<String> array(String value) {
        String v = value.trim();
        if (!v.startsWith("[") || !v.endsWith("]")) {
            return List.of(unquote(v));
        }
        List<String> out = new ArrayList<>();
        for (String item : splitTopLevel(v.substring(1, v.length() - 1), ',')) {
            if (!item.isBlank()) {
                out.add(unquote(item));
            }
        }
        return out;
    }

    static List<String> splitKey(String key) {
        List<String> out = new ArrayList<>();
        for (String part : splitTopLevel(key, '.')) {
            out.add(unquote(part.trim()));
        }
        return out;
    }

    private static List<String> splitTopLevel(String s, char separator) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"' && i + 1 < s.length()) {
                    current.append(c).append(s.charAt(++i));
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == separator && depth == 0) {
                out.add(current.toString().trim());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().trim());
        }
        return out;
    }

    private static int indexOutsideQuotes(String s, char wanted) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String stripComment(String line) {
        int hash = indexOutsideQuotes(line, '#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static boolean unbalanced(String value) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return depth > 0;
    }
}
