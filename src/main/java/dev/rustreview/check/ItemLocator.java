package dev.rustreview.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Names the item a line belongs to from the nearest item header at or above it ({@code async fn run},
 * {@code impl Executor}). A text scan, not a parse: {@code check} does not depend on {@code analysis}, and the
 * name only has to be the same on base and head for the same code, so a diagnostic does not look new because
 * unrelated lines above it moved.
 */
final class ItemLocator {

    private static final Pattern HEADER = Pattern.compile(
            "^\\s*(pub(\\([^)]*\\))?\\s+)?((async|const|unsafe|default|extern\\s+\"[^\"]*\")\\s+)*"
                    + "(fn|struct|enum|union|trait|impl|mod|macro_rules!)\\b.*");

    private final Path root;
    private final Map<String, List<String>> files = new HashMap<>();

    ItemLocator(Path root) {
        this.root = root;
    }

    String itemAt(String path, int line) {
        List<String> lines = files.computeIfAbsent(path, this::read);
        for (int i = Math.min(line, lines.size()) - 1; i >= 0; i--) {
            String text = lines.get(i);
            if (HEADER.matcher(text).matches()) {
                return header(text);
            }
        }
        return "";
    }

    private static String header(String text) {
        String head = text.strip();
        for (String stop : List.of("{", "(", "<", " where ", ";")) {
            int at = head.indexOf(stop);
            if (at > 0 && !(stop.equals("<") && head.startsWith("impl"))) {
                head = head.substring(0, at);
            }
        }
        head = head.strip();
        return head.length() > 120 ? head.substring(0, 120) : head;
    }

    private List<String> read(String path) {
        try {
            // The build ran with the tree writable: a link planted there must not make us read a host file.
            Path file = root.resolve(path).toRealPath();
            if (!file.startsWith(root.toRealPath())) {
                return List.of();
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }
}
